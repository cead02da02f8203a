"""``indberet serve``: run the app under uvicorn, bound to 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import uvicorn

import engine
from engine.form import FormUnreadable, SpecError
from engine.store import StoreError
from engine.web.app import create_app
from engine.web.logs import mask_cpr_in_access_log
from engine.web.settings import Settings


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    data_dir: Path = Path("data"),
    demo: bool = False,
    reload: bool = False,
    form_path: Path | None = None,
    database: str = "",
) -> int:
    """Serve until interrupted; 2 when the form does not load (its problems go to stderr)."""
    settings = Settings(form_path=form_path, data_dir=data_dir, demo=demo, database=database)
    try:
        app = create_app(settings)  # with --reload only a check: the worker makes its own
    except (FormUnreadable, StoreError) as error:
        print(f"indberet: {error}", file=sys.stderr)
        return 2
    except SpecError as error:
        print(f"indberet: the form spec has {len(error.problems)} problem(s):", file=sys.stderr)
        for found in error.problems:
            print(found, file=sys.stderr)
        return 2
    mask_cpr_in_access_log()
    print(f"indberet: the form on http://{host}:{port}/ (demo registers: {'yes' if demo else 'no'})")
    state = app.state.indberet
    print(f"indberet: data in {state.store.url}")
    if reload:
        state.store.close()
        os.environ.update(settings.to_environ())
        root = Path(engine.__file__).resolve().parent.parent
        uvicorn.run(
            "engine.web.app:app_from_environ",
            factory=True,
            host=host,
            port=port,
            reload=True,
            reload_dirs=[str(root / "engine"), str(root / "renderers")],
            server_header=False,
        )
    else:
        uvicorn.run(app, host=host, port=port, server_header=False)
    return 0
