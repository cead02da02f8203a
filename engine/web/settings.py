"""The web app's settings: one frozen value, made by the CLI (or a test), passed to ``create_app``.

``indberet serve`` reads the settings it has no option for from the environment (``INDBERET_…``), and
``--reload`` and ``--workers`` make uvicorn import the app in fresh processes, so the settings also travel
there as environment variables; :meth:`Settings.to_environ` and :meth:`Settings.from_environ` are each
other's inverse. A number that is not one is a ValueError naming the variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from engine.lookups import DEMO_CVR
from engine.store import default_url

N = TypeVar("N", int, float)


@dataclass(frozen=True)
class Settings:
    form_path: Path | None = None  # None: the cancer form shipped with the package
    data_dir: Path = Path("data")
    demo: bool = False  # load the demo registers (CPR, SOR)
    # The CVR number "Mit CVR" searches (F06) until accounts exist: the demo region's, which owns the
    # SOR code of the project's examples.
    user_cvr: str = DEMO_CVR
    max_body_bytes: int = 1_000_000  # the largest JSON body accepted (a payload is a few kB)
    max_answer_bytes: int = 4_000_000  # the largest verdict answered (else 413)
    search_limit: int = 20  # code-search matches per answer
    sor_limit: int = 200  # SOR units per answer
    https_only: bool = False  # the session cookie's Secure flag; on behind TLS
    database: str = ""  # "": SQLite in data_dir; or postgresql://… (engine.store)
    # The names a request's Host header may give ("*": any); others are refused (engine.web.hosts).
    # `indberet serve` adds the host it is bound to.
    allowed_hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "[::1]")
    # CPR look-ups per client: `cpr_burst` at once, then `cpr_rate` a second (engine.web.rate_limit).
    cpr_rate: float = 2.0
    cpr_burst: int = 10
    # CPR look-ups per user in a minute, counted from the audit of look-ups: the same for every app server
    # on the database (the per-client bucket above lives in each process).
    cpr_per_user_minute: int = 120
    # Failed logins with one username in 15 minutes before its logins are refused for a while, counted from
    # the account audit: the same for every app server (engine.accounts; the per-process buckets of
    # engine.web.account_pages come first).
    failed_logins: int = 20
    # OpenID Connect (engine.web.oidc): the provider's issuer URL ("": no OIDC login), this app's client id
    # and secret there, the login page's button, the scopes asked for, and the claim that may name a user
    # by username when no user is linked to the identity ("": only linked identities log in).
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_label: str = "Log ind med NemLog-in"
    oidc_scopes: str = "openid profile email"
    oidc_username_claim: str = ""

    @property
    def database_url(self) -> str:
        return self.database or default_url(self.data_dir)

    def to_environ(self) -> dict[str, str]:
        return {
            "INDBERET_FORM": str(self.form_path or ""),
            "INDBERET_DATA_DIR": str(self.data_dir),
            "INDBERET_DEMO": "1" if self.demo else "",
            "INDBERET_USER_CVR": self.user_cvr,
            "INDBERET_HTTPS_ONLY": "1" if self.https_only else "",
            "INDBERET_DATABASE": self.database,
            "INDBERET_ALLOWED_HOSTS": ",".join(self.allowed_hosts),
            "INDBERET_CPR_RATE": repr(self.cpr_rate),
            "INDBERET_CPR_BURST": str(self.cpr_burst),
            "INDBERET_CPR_PER_USER_MINUTE": str(self.cpr_per_user_minute),
            "INDBERET_FAILED_LOGINS": str(self.failed_logins),
            "INDBERET_OIDC_ISSUER": self.oidc_issuer,
            "INDBERET_OIDC_CLIENT_ID": self.oidc_client_id,
            "INDBERET_OIDC_CLIENT_SECRET": self.oidc_client_secret,
            "INDBERET_OIDC_LABEL": self.oidc_label,
            "INDBERET_OIDC_SCOPES": self.oidc_scopes,
            "INDBERET_OIDC_USERNAME_CLAIM": self.oidc_username_claim,
        }

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        form = environ.get("INDBERET_FORM", "")
        return cls(
            form_path=Path(form) if form else None,
            data_dir=Path(environ.get("INDBERET_DATA_DIR") or "data"),
            demo=bool(environ.get("INDBERET_DEMO")),
            user_cvr=environ.get("INDBERET_USER_CVR") or DEMO_CVR,
            https_only=bool(environ.get("INDBERET_HTTPS_ONLY")),
            database=environ.get("INDBERET_DATABASE", ""),
            allowed_hosts=tuple(filter(None, environ.get("INDBERET_ALLOWED_HOSTS", "").split(",")))
            or cls.allowed_hosts,
            cpr_rate=_number(environ, "INDBERET_CPR_RATE", float, cls.cpr_rate),
            cpr_burst=_number(environ, "INDBERET_CPR_BURST", int, cls.cpr_burst),
            cpr_per_user_minute=_number(
                environ, "INDBERET_CPR_PER_USER_MINUTE", int, cls.cpr_per_user_minute
            ),
            failed_logins=_number(environ, "INDBERET_FAILED_LOGINS", int, cls.failed_logins),
            oidc_issuer=environ.get("INDBERET_OIDC_ISSUER", ""),
            oidc_client_id=environ.get("INDBERET_OIDC_CLIENT_ID", ""),
            oidc_client_secret=environ.get("INDBERET_OIDC_CLIENT_SECRET", ""),
            oidc_label=environ.get("INDBERET_OIDC_LABEL") or cls.oidc_label,
            oidc_scopes=environ.get("INDBERET_OIDC_SCOPES") or cls.oidc_scopes,
            oidc_username_claim=environ.get("INDBERET_OIDC_USERNAME_CLAIM", ""),
        )


def _number(environ: Mapping[str, str], name: str, kind: type[N], default: N) -> N:
    """The number in ``environ[name]`` (``default`` when it is empty or missing)."""
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = kind(value)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise ValueError(f"{name}={value[:40]!r} is not {what}") from None
    if number <= 0 or number != number:  # every number setting is a count or a rate: above 0
        raise ValueError(f"{name}={value[:40]!r} must be above 0")
    return number
