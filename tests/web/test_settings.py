"""The settings (engine/web/settings.py) and their trip through the environment for ``--reload``."""

from __future__ import annotations

from pathlib import Path

from engine.lookups import DEMO_CVR
from engine.web.settings import Settings


def test_the_defaults() -> None:
    settings = Settings()
    assert (settings.form_path, settings.data_dir, settings.demo) == (None, Path("data"), False)
    assert settings.user_cvr == DEMO_CVR
    assert (settings.max_body_bytes, settings.search_limit, settings.sor_limit) == (1_000_000, 20, 200)
    assert settings.allowed_hosts == ("localhost", "127.0.0.1", "[::1]")
    assert (settings.cpr_rate, settings.cpr_burst, settings.max_answer_bytes) == (2.0, 10, 4_000_000)


def test_the_environment_round_trip() -> None:
    settings = Settings(
        form_path=Path("/x/form.yaml"),
        data_dir=Path("/tmp/d"),
        demo=True,
        user_cvr="12345678",
        allowed_hosts=("skema.region.example", "[::1]"),
        cpr_rate=0.5,
        cpr_burst=3,
    )
    assert Settings.from_environ(settings.to_environ()) == settings
    assert Settings.from_environ(Settings().to_environ()) == Settings()


def test_an_empty_environment_gives_the_defaults() -> None:
    assert Settings.from_environ({}) == Settings()
