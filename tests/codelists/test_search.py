import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from engine.codelists.csvfile import read_codelist
from engine.codelists.model import Code, CodeList
from engine.codelists.search import CodeIndex, Match, normalise

CODELISTS = Path(__file__).resolve().parents[2] / "codelists"
# The notifiable diagnoses as shipped in April 2024, kept here so that the exact rankings below test the
# search, not the current list (analysts edit codelists/diagnoser.csv).
NOTIFIABLE = Path(__file__).resolve().parents[1] / "fixtures" / "codelists" / "diagnoser_2024.csv"


@pytest.fixture(scope="module")
def notifiable() -> CodeIndex:
    return CodeIndex.build(read_codelist(NOTIFIABLE))


def codes(matches: list[Match]) -> list[str]:
    return [match.code for match in matches]


def small_list(*codes_and_texts: tuple[str, str]) -> CodeIndex:
    codes = [Code(code, text) for code, text in codes_and_texts]
    return CodeIndex.build(CodeList.of("lille", Path("lille.csv"), codes))


def test_the_exact_code_comes_first_then_codes_starting_with_it_shorter_first(notifiable: CodeIndex) -> None:
    found = notifiable.search("DC50")

    assert found[:2] == [
        Match("DC50", "Brystkræft", "code"),
        Match("DC500", "Kræft i brystvorte eller areola mammae", "code_prefix"),
    ]
    assert codes(found) == [
        "DC50",
        *["DC500", "DC501", "DC502", "DC503", "DC504", "DC505", "DC506", "DC508", "DC509"],
        *["DC500A", "DC500B"],
    ]
    assert {match.kind for match in found[1:]} == {"code_prefix"}


def test_a_code_prefix_in_lower_case(notifiable: CodeIndex) -> None:
    assert codes(notifiable.search("dc50", limit=4)) == ["DC50", "DC500", "DC501", "DC502"]
    assert codes(notifiable.search("db21")) == ["DB211", "DB212", "DB213"]


def test_texts_starting_with_the_query_come_before_words_starting_with_it(notifiable: CodeIndex) -> None:
    found = notifiable.search("bryst", limit=100)

    assert [(match.code, match.kind) for match in found[:10]] == [
        ("DC50", "text_start"),
        ("DC501", "text_start"),
        ("DC502", "text_start"),
        ("DC503", "text_start"),
        ("DC504", "text_start"),
        ("DC505", "text_start"),
        ("DC506", "text_start"),
        ("DC508", "text_start"),
        ("DC509", "text_start"),
        ("DC39", "word_start"),
    ]
    assert Match("DC509", "Brystkræft UNS", "text_start") in found
    assert codes(found[9:]) == [
        *["DC39", "DC398", "DC399", "DC413", "DC413C", "DC413F", "DC435B", "DC445B", "DC500", "DC500B"],
        *["DD05", "DD056", "DD38", "DD486A"],
    ]


def test_a_phrase_finds_the_text_it_starts(notifiable: CodeIndex) -> None:
    assert notifiable.search("Brystkræft UNS") == [Match("DC509", "Brystkræft UNS", "text_start")]


def test_several_words_must_all_match_in_any_order(notifiable: CodeIndex) -> None:
    found = notifiable.search("kræft bryst")

    assert codes(found) == [
        *["DC39", "DC398", "DC399", "DC413", "DC413C", "DC413F", "DC500", "DC500B"],
        *["DC445B", "DC50", "DC501", "DC502", "DC503", "DC504", "DC505", "DC506", "DC508", "DC509"],
    ]
    assert found[7] == Match("DC500B", "Kræft i brystvorte", "word_start")
    assert found[8] == Match("DC445B", "Anden hudkræft på bryst", "substring")
    assert notifiable.search("bryst kræft") == found
    assert all("kræft" in m.text.lower() and "bryst" in m.text.lower() for m in found)


def test_a_word_matches_the_code_or_the_text(notifiable: CodeIndex) -> None:
    assert notifiable.search("DC50 uns") == [Match("DC509", "Brystkræft UNS", "word_start")]


def test_letters_are_compared_without_case_and_æ_ø_å_are_letters_of_their_own(notifiable: CodeIndex) -> None:
    assert codes(notifiable.search("LÆBE", limit=3)) == ["DC00", "DC009", "DC002"]
    assert notifiable.search("LÆBE") == notifiable.search("læbe") == notifiable.search("Læbe")
    breathing = notifiable.search("ÅNDEDRÆT")
    assert codes(breathing) == ["DC39", "DC399", "DC78", "DC783", "DD38", "DD385", "DD389"]
    assert notifiable.search("åndedræt") == breathing
    assert notifiable.search("a\u030andedræt") == breathing  # "å" typed as "a" + combining ring
    assert notifiable.search("andedræt") == []
    assert codes(notifiable.search("ØVRE", limit=3)) == ["DC390", "DC502", "DC504"]


def test_whitespace_is_normalised(notifiable: CodeIndex) -> None:
    assert notifiable.search("  kræft \t  bryst\n") == notifiable.search("kræft bryst")
    assert notifiable.search("uns uns") == notifiable.search("uns")


def test_a_word_starts_after_punctuation(notifiable: CodeIndex) -> None:
    assert [(match.code, match.kind) for match in notifiable.search("hodgkin", limit=4)] == [
        ("DC81", "text_start"),
        ("DC819", "text_start"),
        ("DB212", "word_start"),  # HIV-sygdom med andet non-Hodgkins lymfom
        ("DC810", "word_start"),
    ]
    assert codes(notifiable.search("non-hodgkin")) == ["DB212", "DC85", "DC857"]


def test_an_empty_query_finds_nothing(notifiable: CodeIndex) -> None:
    assert notifiable.search("") == []
    assert notifiable.search("   ") == []


def test_a_query_without_a_match_finds_nothing(notifiable: CodeIndex) -> None:
    assert notifiable.search("xyzzy") == []
    assert notifiable.search("brystkræftx") == []
    assert notifiable.search("kræft xyzzy") == []
    assert notifiable.search("DC50 lunge") == []
    assert notifiable.search("a" * 500) == []


def test_limit(notifiable: CodeIndex) -> None:
    assert codes(notifiable.search("DC50", limit=3)) == ["DC50", "DC500", "DC501"]
    assert len(notifiable.search("uns")) == 20
    assert len(notifiable.search("uns", limit=1000)) == 137
    assert notifiable.search("DC50", limit=0) == []


def test_get_finds_a_code_exactly_without_case(notifiable: CodeIndex) -> None:
    assert notifiable.get("DC509") == Code("DC509", "Brystkræft UNS")
    assert notifiable.get("dc509") == Code("DC509", "Brystkræft UNS")
    assert notifiable.get("DC5") is None
    assert notifiable.get("DC5099") is None
    assert notifiable.get("Brystkræft UNS") is None
    assert notifiable.get("") is None
    assert len(notifiable) == 1064


def test_every_tier_in_one_query_and_ties_in_list_order() -> None:
    index = small_list(
        ("X3", "kabel"),
        ("AB2", "to"),
        ("X2", "en abe"),
        ("X4", "noget"),
        ("XAB", "kode med ab inden i"),
        ("X1", "Abe"),
        ("AB", "en"),
        ("AB1", "et"),
        ("ABCD", "tre"),
    )

    assert [(match.code, match.kind) for match in index.search("ab")] == [
        ("AB", "code"),
        ("AB2", "code_prefix"),  # list order among codes of one length
        ("AB1", "code_prefix"),
        ("ABCD", "code_prefix"),  # longer codes after shorter ones
        ("X1", "text_start"),
        ("X2", "word_start"),
        ("XAB", "word_start"),
        ("X3", "substring"),
    ]


def test_a_list_of_one_code_and_an_empty_list() -> None:
    assert small_list(("A1", "Æble")).search("æb") == [Match("A1", "Æble", "text_start")]
    assert small_list().search("æb") == []
    assert small_list().get("A1") is None


def test_normalise() -> None:
    assert normalise("  Brystkræft\u00a0 UNS ÆØÅ") == "brystkræft uns æøå"
    assert normalise("A\u030a") == "å"
    assert normalise("\t\n") == ""


# The index against a linear scan that follows the ranking rules word for word.

_WORD_START = r"(?<![^\W_])"


@dataclass(frozen=True)
class Row:
    position: int
    code: str
    key: str
    text: str
    haystack: str


def rows(codelist: CodeList) -> list[Row]:
    made: list[Row] = []
    for position, code in enumerate(codelist):
        key, text = normalise(code.code), normalise(code.text)
        made.append(Row(position, code.code, key, text, f"{key}\n{text}"))
    return made


def linear_scan(rows: list[Row], query: str) -> list[tuple[str, str]]:
    phrase = normalise(query)
    if not phrase:
        return []
    terms = phrase.split(" ")
    matching = rows
    for term in terms:
        matching = [row for row in matching if term in row.haystack]
    word_starts = [re.compile(_WORD_START + re.escape(term)) for term in terms]
    ranked = []
    for row in matching:
        if row.key == phrase:
            tier, kind = 0, "code"
        elif row.key.startswith(phrase):
            tier, kind = 1, "code_prefix"
        elif row.text.startswith(phrase):
            tier, kind = 2, "text_start"
        elif all(word_start.search(row.haystack) for word_start in word_starts):
            tier, kind = 3, "word_start"
        else:
            tier, kind = 4, "substring"
        ranked.append(((tier, len(row.key) if tier == 1 else 0, row.position), row.code, kind))
    return [(code, kind) for _, code, kind in sorted(ranked)]


def random_queries(codelist: CodeList, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    codes = list(codelist)
    made: list[str] = []
    while len(made) < count:
        code = rng.choice(codes)
        text = code.text
        start = rng.randrange(len(text))
        piece = text[start : start + rng.randint(1, 12)]
        other = rng.choice(codes).text
        shapes = [
            code.code,
            code.code[: rng.randint(1, len(code.code))].lower(),
            code.code[rng.randint(1, len(code.code) - 1) :],  # the middle or end of a code
            piece,
            piece.upper(),
            f"  {piece}   {text[:3]} ",
            f"{piece} {other[rng.randrange(len(other)) :][:4]}",  # usually no match, sometimes a few
            " ".join(rng.sample(text.split(), min(2, len(text.split())))),
            rng.choice("abcdefghijklmnopqrstuvwxyzæøåé0123456789-(),.;/°"),
            rng.choice("abcdefghijklmnopqrstuvwxyzæøå") + rng.choice("aeiouyæøå"),
            text[:start],
        ]
        made.append(rng.choice(shapes))
    return made


@pytest.mark.parametrize(("name", "count"), [("diagnoser", 500), ("sks_d_koder", 150)])
def test_the_index_finds_what_a_linear_scan_finds_in_the_same_order(name: str, count: int) -> None:
    """On the shipped lists as they are, whatever they hold: the index and a plain scan agree."""
    codelist = read_codelist(CODELISTS / f"{name}.csv")
    index, table = CodeIndex.build(codelist), rows(codelist)

    for query in random_queries(codelist, count, seed=20240304):
        expected = linear_scan(table, query)
        found = index.search(query, limit=len(codelist))
        assert [(match.code, match.kind) for match in found] == expected, query
        assert [(match.code, match.kind) for match in index.search(query)] == expected[:20], query


# -- spellings the search treats as the same (the form's search.spellings) --------------------------------
SPELLINGS = (("ph", "f"), ("c", "k"))


def spelt_list() -> CodeIndex:
    codes = [Code("M1", "adenokarcinom"), Code("M2", "lymfom"), Code("M3", "carcinoma in situ")]
    return CodeIndex.build(CodeList.of("lille", Path("lille.csv"), codes), SPELLINGS)


def test_another_spelling_finds_the_text() -> None:
    index = spelt_list()
    assert index.search("carcinom") == [
        Match("M3", "carcinoma in situ", "text_start"),
        Match("M1", "adenokarcinom", "spelling"),
    ]
    assert index.search("Lymphom") == [Match("M2", "lymfom", "spelling")]
    assert index.search("karcinoma") == [Match("M3", "carcinoma in situ", "spelling")]


def test_hits_spelt_as_typed_come_first_and_none_twice() -> None:
    index = spelt_list()
    assert codes(index.search("karcinom")) == ["M1", "M3"]
    assert index.search("karcinom", limit=1) == [Match("M1", "adenokarcinom", "substring")]


def test_without_spellings_only_the_spelling_typed_is_found() -> None:
    codes_ = [Code("M1", "adenokarcinom"), Code("M3", "carcinoma in situ")]
    index = CodeIndex.build(CodeList.of("lille", Path("lille.csv"), codes_))
    assert codes(index.search("carcinom")) == ["M3"]
