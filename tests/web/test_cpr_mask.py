"""What looks like a CPR number (engine/web/cpr_mask.py): masked in any separator, script or encoding."""

from __future__ import annotations

import pytest

from engine.web.cpr_mask import MASK, mask_cpr

NUMBERS = [
    "120355-1009",
    "1203551009",
    "120355 1009",
    "120355.1009",
    "120355/1009",
    "120355_1009",
    "120355+1009",
    "120355%2D1009",
    "120355%201009",
    "120355\u20101009",  # a Unicode hyphen
    "12.03.55-1009",
    "020329-1wq3",  # a substitute number, in lower case
    "020329-1WQ3",
    "%31%32%30%33%35%35%2D%31%30%30%39",  # every character percent-encoded
    "\u0661\u0662\u0660\u0663\u0665\u0665-\u0661\u0660\u0660\u0669",  # Arabic-Indic digits
    "120355-\u00b9\u2070\u2070\u2079",  # superscripts
]


@pytest.mark.parametrize("number", NUMBERS)
def test_anything_that_looks_like_a_cpr_number_is_masked(number: str) -> None:
    masked = mask_cpr(f'GET /api/codes/diagnoser?q={number}&x=1 "{number}"')
    assert masked == f'GET /api/codes/diagnoser?q={MASK}&x=1 "{MASK}"'


@pytest.mark.parametrize(
    "text",
    [
        'INFO:     127.0.0.1:54321 - "GET /api/ping HTTP/1.1" 200',
        "INFO:     Started server process [1234567]",
        "12035510091 is eleven digits, 120355100 nine",
        "/api/codes/diagnoser?q=DC509&limit=20",
        "2026-12-04 20:55:56,123",
    ],
)
def test_other_numbers_are_kept(text: str) -> None:
    assert mask_cpr(text) == text
