"""The validator's loop, precompiled: one step per field in evaluation order, and the rules that must wait.

Judging a payload walks the fields once, in the order their openness and derived values are decided. A
field is judged (mandatory, code list, checks) in the same step as it is settled, when everything its rules
read is settled by then — the usual case. A rule that reads a field settled later (``ydernummer`` is
mandatory unless ``sor_kode`` is given) waits in the *late* list, judged after the walk. Each step is a
named tuple (``engine.form.compiled.Step``), unpacked once per field: this loop runs for every field of
every payload.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from engine.form.compiled import Extra, FieldPlan, Late, Step

# Types whose given value, when it is already of this Python type, is stored as it is.
_PLAIN_TYPES: dict[str, type] = {"text": str, "code": str}


def _constrained(plan: FieldPlan, codes_by_lookup: bool) -> bool:
    """Whether a value of the field has anything beyond its type (and a plain code lookup) to be judged by."""
    f = plan.field
    listed = plan.codelist is not None and not codes_by_lookup
    return bool(plan.items or f.max_length is not None or plan.pattern is not None or listed)


def build_steps(
    plans: Iterable[FieldPlan], settled_before: Collection[str] = (), reference_date: str | None = None
) -> tuple[tuple[Step, ...], tuple[Late, ...]]:
    """Steps for ``plans`` in the order given, and the rules that must wait until all are settled.

    ``settled_before``: names already settled when the walk starts (for the items of a group: the form's).
    """
    settled = set(settled_before)
    steps: list[Step] = []
    late: list[Late] = []
    for plan in plans:
        settled.add(plan.id)

        def ready(reads: Collection[str]) -> bool:
            return "*" not in reads and all(name in settled for name in reads)

        required = plan.is_required
        if required is not None and not ready(plan.required_reads):
            late.append(Late("required", plan, None))
            required = None
        constraint_reads = set(plan.item_outside)
        if plan.bounded_codes and reference_date is not None:
            constraint_reads.add(reference_date)
        codes = plan.plain_codes
        constrained = _constrained(plan, codes is not None)
        if (constrained or codes is not None) and not ready(constraint_reads):
            late.append(Late("constraints", plan, None))
            constrained, codes = False, None
        checks = []
        for check in plan.checks:
            if ready(check.reads):
                checks.append(check)
            else:
                late.append(Late("check", plan, check))
        refine = bool(plan.normalize or plan.items)
        extra: Extra | None = None
        if refine or plan.derive is not None or constrained or checks:
            extra = Extra(refine, plan.derive, constrained, tuple(checks))
        # A set for the fast lookup (a set beats the code list's read-only mapping); codes with a validity
        # period are left out of it, so that they get judged in full.
        plain = frozenset(c for c in codes if c not in plan.bounded_codes) if codes is not None else None
        steps.append(
            Step(
                plan.id,
                plan.is_open,
                _PLAIN_TYPES.get(plan.field.type),
                plan.coerce,
                required,
                plain,
                extra,
                plan,
            )
        )
    return tuple(steps), tuple(late)
