import pytest

from engine.codelists import patterns
from engine.codelists.patterns import PatternError, compile_patterns


@pytest.mark.parametrize(
    ("pattern", "matching", "not_matching"),
    [
        ("DC81*", ["DC81", "DC810", "DC819A"], ["DC8", "DC82", "DD81"]),
        # A listed code also covers its SKS sub-codes.
        ("DC884", ["DC884", "DC884A", "DC884C"], ["DC88", "DC885", "DC8"]),
        ("DC00*-DC69*", ["DC00", "DC001", "DC509", "DC69", "DC699A"], ["DC70", "DC1", "DB99", "DC"]),
        ("DD301-DD309", ["DD301", "DD3019", "DD305A", "DD309"], ["DD300", "DD31", "DD30", "DD310"]),
        ("DD37-DD41", ["DD37", "DD381A", "DD41", "DD419"], ["DD36", "DD42", "DD3"]),
    ],
)
def test_every_pattern_is_a_prefix_match(pattern: str, matching: list[str], not_matching: list[str]) -> None:
    matcher = compile_patterns([pattern])

    assert [code for code in matching if not matcher.matches(code)] == []
    assert [code for code in not_matching if matcher.matches(code)] == []


def test_a_set_matches_when_one_of_its_patterns_does() -> None:
    in_situ = compile_patterns(["DD05*", "DD06*", "DD090", "DD091"])

    assert [in_situ.matches(c) for c in ("DD051", "DD069", "DD090", "DD091A", "DD095", "DD09")] == [
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_an_empty_set_matches_nothing() -> None:
    nothing = compile_patterns([])

    assert not nothing.matches("DC509")
    assert nothing.describe() == "ingen koder"


def test_describe_gives_the_set_in_the_manuals_notation() -> None:
    assert compile_patterns(["DC00*-DC69*", "DC73*-DC76*"]).describe() == "DC00*–DC69* og DC73*–DC76*"
    assert compile_patterns(["DD05*", "DD06*", "DD090", "DD091"]).describe() == "DD05*, DD06*, DD090 og DD091"
    assert compile_patterns(["DC884"]).describe() == "DC884"


def test_answers_are_remembered_in_a_bounded_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "MEMO_SIZE", 3)
    matcher = compile_patterns(["DC50*"])

    answers = [matcher.matches(code) for code in ("DC50", "DC509", "DC51", "DC500", "DC50")]

    assert answers == [True, True, False, True, True]
    assert len(matcher._memo) <= 3


def test_every_malformed_pattern_is_reported_with_its_index() -> None:
    with pytest.raises(PatternError) as caught:
        compile_patterns(
            [
                "DC50*",
                "dc50*",
                "DC*50",
                "DD30-DD309",
                "DD309-DD301",
                "",
                "DC00*–DC69*",
                "A-B-C",
                "*",
                "DC 50",
                "DÆ1",
                "-DC5",
                5,  # type: ignore[list-item]
            ]
        )

    assert [str(problem) for problem in caught.value.problems] == [
        'patterns[1] "dc50*": holds lower-case letters — write codes in capitals: "DC50*"',
        'patterns[2] "DC*50": holds a "*" that is not last — a "*" may only end a code: "DC50*"',
        'patterns[3] "DD30-DD309": the ends of the range differ in length'
        " (DD30 has 4 characters, DD309 has 5)"
        " — give both ends the same number of characters, e.g. DD301-DD309 or DC00*-DC69*",
        'patterns[4] "DD309-DD301": the range runs backwards — put the lower end first: "DD301-DD309"',
        'patterns[5] "": is empty — write a code such as "DC50" or "DC50*", or a range "DC00*-DC69*"',
        'patterns[6] "DC00*–DC69*": uses "–" between the ends of a range — use a plain hyphen: "DC00*-DC69*"',
        'patterns[7] "A-B-C": holds more than one "-" — a range has two ends: "DC00*-DC69*"',
        'patterns[8] "*": is only "*" — name the codes it covers, e.g. "DC50*"',
        'patterns[9] "DC 50": holds spaces — remove them: "DC50"',
        'patterns[10] "DÆ1": holds "Æ" — codes hold only capital letters A–Z and digits;'
        ' a "*" may end a code, "-" joins a range',
        'patterns[11] "-DC5": has an empty end — give both ends of the range: "DC00*-DC69*"',
        'patterns[12] 5: is not a text — write the pattern in quotes, e.g. "DC50*"',
    ]
    assert [(p.index, p.kind) for p in caught.value.problems][:2] == [
        (1, "pattern-lower-case"),
        (2, "pattern-star"),
    ]


def test_one_text_instead_of_a_list_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match=r"give a list of patterns, not one text: \['DC50\*'\]"):
        compile_patterns("DC50*")
