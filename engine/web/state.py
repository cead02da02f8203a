"""What the app holds while it runs: the compiled form, its code indexes, the registers; made once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from starlette.requests import Request

from engine.codelists.search import CodeIndex
from engine.form import CompiledForm
from engine.web.lookups import Registers
from engine.web.settings import Settings


@dataclass(frozen=True)
class AppState:
    settings: Settings
    form: CompiledForm
    indexes: Mapping[str, CodeIndex]  # code list name → its search index
    registers: Registers

    @classmethod
    def build(cls, settings: Settings, form: CompiledForm, registers: Registers) -> AppState:
        indexes = {name: CodeIndex.build(codelist) for name, codelist in form.codelists.items()}
        return cls(settings, form, indexes, registers)


def app_state(request: Request) -> AppState:
    state = request.app.state.indberet
    if not isinstance(state, AppState):  # only when the app was not made by create_app
        raise RuntimeError("the app has no AppState; make it with engine.web.app.create_app")
    return state
