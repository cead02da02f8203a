"""panzi-json-logic, the reference JsonLogic interpreter, with a form's named operators registered in it.

The differential test (``tests/form/test_reference_interpreter.py``) and the benchmark
(``benchmarks/validate.py``) judge payloads with a form whose every rule is interpreted per call by it,
beside the engine's compiled closures. panzi-json-logic is a test dependency (``pip install -e .[test]``).
"""

from __future__ import annotations

import calendar
import datetime
import re
import time
from pathlib import Path
from typing import Any

from json_logic import jsonLogic
from json_logic.builtins import BUILTINS

from engine.codelists.patterns import compile_patterns
from engine.form import CompiledForm, load_form
from engine.form.named_operators import CodeTableMatcher


def _birth_date(data: Any, value: Any = None, *_: Any) -> str | None:
    """The birth date of a CPR number, written apart from engine/form/cpr_number.py for the comparison."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{6}-?[0-9]{4}", value.strip()):
        return None
    digits = value.strip().replace("-", "")
    year, seventh = int(digits[4:6]), int(digits[6])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if year <= 36 else 1900
    else:
        century = 2000 if year <= 57 else 1800
    try:
        return datetime.date(century + year, int(digits[2:4]), int(digits[:2])).isoformat()
    except ValueError:
        return None


def _date_add(data: Any, day: Any = None, amount: Any = None, unit: Any = None, *_: Any) -> str | None:
    """A date moved by whole years, months or days, written apart from the engine's for the comparison."""
    if not isinstance(day, str) or isinstance(amount, bool) or not isinstance(amount, int | float):
        return None
    try:
        start = datetime.date.fromisoformat(day) if len(day) == 10 else None
    except ValueError:
        return None
    if start is None or amount != int(amount):
        return None
    if unit == "days":
        return (start + datetime.timedelta(days=int(amount))).isoformat()
    months = int(amount) * (12 if unit == "years" else 1)
    year = start.year + (start.month - 1 + months) // 12
    month = (start.month - 1 + months) % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(start.day, last)).isoformat()


def panzi_operations(form: CompiledForm) -> dict[str, Any]:
    """panzi-json-logic's operator table plus the form's named operators, over the same code sets."""
    spec = form.spec
    sets = {}
    for name, code_set in spec.code_sets.items():
        listed = tuple(form.codelists[code_set.codelist].codes) if code_set.codelist else ()
        sets[name] = compile_patterns(code_set.codes + listed)
    tables = {
        name: CodeTableMatcher(tuple((compile_patterns(row.codes), row.value) for row in table.rows))
        for name, table in spec.code_tables.items()
    }
    operations: dict[str, Any] = dict(BUILTINS)

    def in_codes(data: Any, value: Any = None, named: Any = None, *_: Any) -> bool:
        matcher = compile_patterns(named) if isinstance(named, list) else sets[named]
        return isinstance(value, str) and matcher.matches(value)

    def in_codelist(data: Any, value: Any = None, name: Any = None, *_: Any) -> bool:
        return isinstance(value, str) and value in form.codelists[name].codes

    def matches(data: Any, value: Any = None, pattern: Any = None, *_: Any) -> bool:
        return isinstance(value, str) and re.fullmatch(pattern, value) is not None

    operations.update(
        in_codes=in_codes,
        lookup=lambda data, table=None, value=None, *_: tables[table](value),
        in_codelist=in_codelist,
        matches=matches,
        use=lambda data, name=None, *_: jsonLogic(spec.definitions[name].rule, data, operations),
        const=lambda data, name=None, *_: spec.constants[name].value,
        today=lambda data, *_: time.strftime("%Y-%m-%d"),
        cpr_birth_date=_birth_date,
        date_add=_date_add,
    )
    return operations


def reference_form(path: Path | None = None) -> CompiledForm:
    """The form at ``path`` (default: the shipped one) with every rule interpreted by panzi-json-logic per
    call, without the engine's memo: the same validation, another rule evaluator."""
    operations = panzi_operations(load_form(path))
    return load_form(
        path, rule_compiler=lambda rule: lambda data: jsonLogic(rule, data, operations), memo=False
    )
