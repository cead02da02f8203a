"""The form's named operators: the small, closed set of generic domain helpers added to standard JsonLogic.

They let an analyst write ``{"in_codes": [{"var": "diagnose"}, "tnm_bruger"]}`` instead of a page of
``or``/``substr`` rules. Each one resolves its named argument (a code set, a code table, a code list, a
definition) when the form is compiled, so an unknown name is a spec problem at load time, never a crash when
a payload is judged.

| operator | arguments | value |
|---|---|---|
| ``in_codes`` | value, code set name or a list of patterns | true when the value is a code the set covers |
| ``lookup`` | code table name, value | the value of the first row whose patterns cover the code, else null |
| ``in_codelist`` | value, code list name | true when the value is a code of the list |
| ``matches`` | value, regular expression | true when the value is text the whole expression matches |
| ``use`` | definition name | the value of the named definition (spec-level macro) |
| ``const`` | constant name | the named constant's value (``constants:``; a date as ``YYYY-MM-DD``) |
| ``today`` | — | today's date, ISO ``YYYY-MM-DD`` (so it compares with date fields) |
| ``date_add`` | date, a whole number, ``years``/``months``/``days`` | the date that much later (earlier when
negative), ISO; null when the date or number is not one. 29 February plus a year is 28 February |
| ``cpr_birth_date`` | value | the birth date a CPR number gives (day, month and, by its 7th digit, century),
ISO; null for a substitute number or text that is no CPR number (``engine.form.cpr_number``) |
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from engine.codelists.model import CodeList
from engine.codelists.patterns import CodeMatcher, PatternError, compile_patterns
from engine.form.cpr_number import birth_date_iso
from engine.rules import STANDARD_OPERATORS, Evaluator, Operator, OperatorArgumentError, Path, constant
from engine.spec.spec_problems import did_you_mean

CompileArg = Callable[[Any, Path], Evaluator]
T = TypeVar("T")


@dataclass(frozen=True)
class CodeTableMatcher:
    """Code → value by the first row whose patterns cover the code."""

    rows: tuple[tuple[CodeMatcher, Any], ...]

    def __call__(self, code: Any) -> Any:
        if not isinstance(code, str):
            return None
        for matcher, value in self.rows:
            if matcher.matches(code):
                return value
        return None


@dataclass
class OperatorContext:
    """What the named operators resolve their names against; filled in by the form compiler."""

    code_sets: Mapping[str, CodeMatcher]
    code_tables: Mapping[str, CodeTableMatcher]
    codelists: Mapping[str, CodeList]
    definitions: Callable[[str], Evaluator | None]  # compiles a definition on first use; None when unknown
    definition_names: Collection[str] = ()
    constants: Mapping[str, str | int | float] = field(default_factory=dict)


def _named(args: list[Any], index: int, known: Mapping[str, T], what: str) -> T:
    """What argument ``index`` names in ``known``; a problem for the spec when it names nothing there."""
    if len(args) <= index or not isinstance(args[index], str):
        raise OperatorArgumentError(
            f"argument {index + 1} must be the name of a {what}", f"write the {what}'s name"
        )
    name = args[index]
    if name not in known:
        raise _unknown(name, known, what, index)
    return known[name]


def _unknown(name: str, names: Any, what: str, index: int) -> OperatorArgumentError:
    return OperatorArgumentError(f'unknown {what} "{name}"', did_you_mean(name, names, what=what), index)


def _in_codes(context: OperatorContext) -> Operator:
    def compile_in_codes(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
        if len(args) != 2:
            raise OperatorArgumentError(
                "in_codes takes 2 arguments: a value and a code set", "write [value, set]"
            )
        value = compile_arg(args[0], (*path, 0))
        if isinstance(args[1], list):
            try:
                matcher = compile_patterns(args[1])
            except PatternError as error:
                raise OperatorArgumentError(str(error), "fix the code patterns", 1) from None
        else:
            matcher = _named(args, 1, context.code_sets, "code set")
        matches = matcher.matches

        def in_codes(data: Any) -> bool:
            code = value(data)
            return isinstance(code, str) and matches(code)

        return in_codes

    return Operator(
        "in_codes",
        compile_in_codes,
        literal_args=frozenset({1}),
        description="true when the value is a code covered by the named code set",
    )


def _lookup(context: OperatorContext) -> Operator:
    def compile_lookup(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
        if len(args) != 2:
            raise OperatorArgumentError(
                "lookup takes 2 arguments: a code table and a value", "write [table, value]"
            )
        table = _named(args, 0, context.code_tables, "code table")
        value = compile_arg(args[1], (*path, 1))
        return lambda data: table(value(data))

    return Operator(
        "lookup",
        compile_lookup,
        literal_args=frozenset({0}),
        description="the value of the named code table's first row covering the code, else null",
    )


def _in_codelist(context: OperatorContext) -> Operator:
    def compile_in_codelist(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
        if len(args) != 2:
            raise OperatorArgumentError(
                "in_codelist takes 2 arguments: a value and a code list", "write [value, list]"
            )
        codes = _named(args, 1, context.codelists, "code list").codes
        value = compile_arg(args[0], (*path, 0))

        def in_codelist(data: Any) -> bool:
            code = value(data)
            return isinstance(code, str) and code in codes

        return in_codelist

    return Operator(
        "in_codelist",
        compile_in_codelist,
        literal_args=frozenset({1}),
        description="true when the value is a code of the named code list",
    )


def _use(context: OperatorContext) -> Operator:
    def compile_use(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
        if len(args) != 1 or not isinstance(args[0], str):
            raise OperatorArgumentError("use takes the name of a definition", 'write {"use": NAME}')
        compiled = context.definitions(args[0])
        if compiled is None:
            raise _unknown(args[0], context.definition_names, "definition", 0)
        return compiled

    return Operator(
        "use",
        compile_use,
        literal_args=frozenset({0}),
        description="the value of the named definition",
    )


def _const(context: OperatorContext) -> Operator:
    def compile_const(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
        if len(args) != 1 or not isinstance(args[0], str):
            raise OperatorArgumentError("const takes the name of a constant", 'write {"const": NAME}')
        if args[0] not in context.constants:
            raise _unknown(args[0], context.constants, "constant", 0)
        return constant(context.constants[args[0]])

    return Operator(
        "const",
        compile_const,
        literal_args=frozenset({0}),
        description="the value of the named constant",
    )


def _matches() -> Operator:
    def compile_matches(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
        if len(args) != 2 or not isinstance(args[1], str):
            raise OperatorArgumentError(
                "matches takes 2 arguments: a value and a regular expression", 'write [value, "^[0-9]+$"]'
            )
        try:
            regex = re.compile(args[1])
        except re.error as error:
            raise OperatorArgumentError(f"bad regular expression: {error}", "fix the expression", 1) from None
        value = compile_arg(args[0], (*path, 0))

        def matches(data: Any) -> bool:
            text = value(data)
            return isinstance(text, str) and regex.fullmatch(text) is not None

        return matches

    return Operator(
        "matches",
        compile_matches,
        literal_args=frozenset({1}),
        description="true when the value is text that the whole regular expression matches",
    )


_today_cache: list[Any] = [0.0, ""]  # (monotonic time it is good until, ISO date)


def _today(data: Any = None) -> str:
    # Asked per payload by date checks; the clock is read at most once a second.
    now = time.monotonic()
    if now >= _today_cache[0]:
        _today_cache[:] = [now + 1.0, datetime.date.today().isoformat()]
    return str(_today_cache[1])


def _compile_today(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    if args:
        raise OperatorArgumentError("today takes no arguments", 'write {"today": []}')
    return _today


DATE_UNITS = ("years", "months", "days")
_CPR_TEXT = 16  # longer text is no CPR number
_MAX_STEPS = 100_000  # days (or months, or years) a date is moved at most: far beyond any plausibility check


def _moved(day: datetime.date, amount: int, unit: str) -> datetime.date | None:
    """``day`` moved by ``amount`` units; a month's day past its end becomes its last day."""
    if unit == "days":
        return day + datetime.timedelta(days=amount)
    year, month = divmod(day.year * 12 + day.month - 1 + (amount * 12 if unit == "years" else amount), 12)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return None
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@functools.lru_cache(maxsize=4096)  # date checks ask for every payload; the same dates come back often
def _date_moved(text: str, steps: int, unit: str) -> str | None:
    """``text`` (an ISO date) moved by ``steps`` units, ISO; None when it is no date."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    if unit == "years" and not (day.month == 2 and day.day == 29) and 0 < day.year + steps <= 9999:
        return day.replace(year=day.year + steps).isoformat()
    try:
        moved = _moved(day, steps, unit)
    except OverflowError:
        return None
    return moved.isoformat() if moved is not None else None


_birth_date = functools.lru_cache(maxsize=4096)(birth_date_iso)  # asked for every payload by date checks


def _compile_date_add(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    if len(args) != 3 or args[2] not in DATE_UNITS:
        raise OperatorArgumentError(
            "date_add takes 3 arguments: a date, a whole number and a unit (years, months or days)",
            'write [{"var": "dato"}, 5, "years"]',
            2 if len(args) == 3 else None,
        )
    date, amount, unit = compile_arg(args[0], (*path, 0)), compile_arg(args[1], (*path, 1)), args[2]

    def date_add(data: Any) -> str | None:
        text, steps = date(data), amount(data)
        if type(text) is not str or len(text) != 10 or type(steps) not in (int, float):
            return None
        if steps != int(steps) or abs(steps) > _MAX_STEPS:
            return None
        return _date_moved(text, int(steps), unit)

    return date_add


def _compile_cpr_birth_date(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    if len(args) != 1:
        raise OperatorArgumentError("cpr_birth_date takes 1 argument: a CPR number", 'write [{"var": "cpr"}]')
    value = compile_arg(args[0], (*path, 0))

    def cpr_birth_date(data: Any) -> str | None:
        text = value(data)
        return _birth_date(text) if type(text) is str and len(text) <= _CPR_TEXT else None

    return cpr_birth_date


def form_operators(context: OperatorContext) -> dict[str, Operator]:
    """The standard JsonLogic operators plus the form's named ones, bound to ``context``."""
    named = [
        _in_codes(context),
        _lookup(context),
        _in_codelist(context),
        _use(context),
        _const(context),
        _matches(),
        Operator("today", _compile_today, description="today's date as YYYY-MM-DD"),
        Operator(
            "date_add",
            _compile_date_add,
            literal_args=frozenset({2}),
            description="a date moved by a whole number of years, months or days",
        ),
        Operator("cpr_birth_date", _compile_cpr_birth_date, description="the birth date of a CPR number"),
    ]
    return {**STANDARD_OPERATORS, **{op.name: op for op in named}}
