"""What the app holds while it runs: the compiled form, its code lists, registers and store; made once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from starlette.requests import Request

from engine.form import CompiledForm
from engine.store import Store
from engine.web.codes import CodeLists
from engine.web.rate_limit import RateLimits
from engine.web.registers import Registers
from engine.web.settings import Settings

JUDGES = 2


@dataclass(frozen=True)
class AppState:
    settings: Settings
    form: CompiledForm
    codes: CodeLists  # the code lists /api/codes searches
    registers: Registers
    store: Store
    cpr_limits: RateLimits  # CPR look-ups per client
    # Threads that judge the larger payloads off the event loop; two at a time, the rest wait their turn
    # (each holds its payload and verdict in memory, and the GIL lets one of them run at a time anyway).
    judges: ThreadPoolExecutor

    @classmethod
    def build(cls, settings: Settings, form: CompiledForm, registers: Registers, store: Store) -> AppState:
        limits = RateLimits(settings.cpr_rate, settings.cpr_burst)
        judges = ThreadPoolExecutor(max_workers=JUDGES, thread_name_prefix="indberet-judge")
        return cls(settings, form, CodeLists.of_form(form), registers, store, limits, judges)


def app_state(request: Request) -> AppState:
    state = request.app.state.indberet
    if not isinstance(state, AppState):  # only when the app was not made by create_app
        raise RuntimeError("the app has no AppState; make it with engine.web.app.create_app")
    return state
