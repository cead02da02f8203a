"""The closed table of standard JsonLogic operators, every one json-logic-js has (rules layer).

Rule text can reach only what is listed here (or in a table a caller builds from it): there is
no lookup of Python names, and json-logic-js's dotted "method" calls do not exist.
"""

from collections.abc import Mapping
from types import MappingProxyType

from engine.rules import control, data, operators
from engine.rules.types import Operator


def operator_table(*groups: tuple[Operator, ...]) -> Mapping[str, Operator]:
    """A read-only table of operators by name; a name given twice is a programming error."""
    table: dict[str, Operator] = {}
    for group in groups:
        for operator in group:
            if operator.name in table:
                raise ValueError(f"operator {operator.name!r} is defined twice")
            table[operator.name] = operator
    return MappingProxyType(table)


STANDARD_OPERATORS: Mapping[str, Operator] = operator_table(
    data.OPERATORS, control.OPERATORS, operators.OPERATORS
)
