"""Which rules a judged payload does not meet, said so that a failing test names them.

The checks of what ships (the examples, the scenarios' base forms) fail with »… no longer meets F17: …«,
so that after an edit of the form the analyst sees which rule an example or base form broke; the test of
analysts' edits (tests/acceptance/test_analyst_edits.py) reads the rule ids back with ``UNMET``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

UNMET = re.compile(r"no longer meets (?P<rules>\S+(?:, \S+)*):")
NO_RULE = "(no rule)"  # a finding the spec ties to no rule of the manual


def unmet(result: Mapping[str, Any], where: str = "the payload") -> str:
    """'' when the result has no errors and no warnings; else which rules it breaks, each finding a line."""
    findings = [*result["errors"], *result["warnings"]]
    if not findings:
        return ""
    rules = sorted({finding["manual"] or NO_RULE for finding in findings})
    lines = [
        f"  {finding['severity']}: {finding['field']!r} ({finding['manual'] or NO_RULE}) {finding['message']}"
        for finding in findings
    ]
    return f"{where} no longer meets {', '.join(rules)}:\n" + "\n".join(lines)
