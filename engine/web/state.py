"""What the app holds while it runs: the compiled form, its code lists, registers and store; made once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from starlette.requests import Request

from engine.accounts import Accounts
from engine.form import CompiledForm
from engine.store import Store
from engine.store.accounts import AccountTables
from engine.trays import Trays
from engine.web.codes import CodeLists
from engine.web.rate_limit import RateLimits
from engine.web.registers import Registers
from engine.web.settings import Settings
from engine.workflow import NoWorkflow, compile_workflow

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
    accounts: Accounts  # users, groups, roles, sessions (on the same store)
    entry_role: str | None  # the role that may enter a new form (the saving action's); None: anyone
    trays: Trays | None  # the stored forms (None: the form has no workflow, nothing is stored)

    @classmethod
    def build(cls, settings: Settings, form: CompiledForm, registers: Registers, store: Store) -> AppState:
        limits = RateLimits(settings.cpr_rate, settings.cpr_burst)
        judges = ThreadPoolExecutor(max_workers=JUDGES, thread_name_prefix="indberet-judge")
        if not isinstance(store, AccountTables):  # both backends are; a store made elsewhere must be too
            raise TypeError(f"the store {store.url} keeps no accounts")
        spec = form.spec.workflow
        roles = {role.id: role.label for role in spec.roles} if spec is not None else {}
        accounts = Accounts(store, roles, failed_logins=settings.failed_logins)
        codes = CodeLists.of_form(form)
        try:
            workflow = compile_workflow(form)
        except NoWorkflow:
            return cls(settings, form, codes, registers, store, limits, judges, accounts, None, None)
        saver = workflow.savers.get(workflow.initial.id)  # its role lets a user enter data; without, read
        entry_role = saver.spec.role if saver is not None else None
        trays = Trays(store, [workflow])
        return cls(settings, form, codes, registers, store, limits, judges, accounts, entry_role, trays)


def app_state(request: Request) -> AppState:
    state = request.app.state.indberet
    if not isinstance(state, AppState):  # only when the app was not made by create_app
        raise RuntimeError("the app has no AppState; make it with engine.web.app.create_app")
    return state
