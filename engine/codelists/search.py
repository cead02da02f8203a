"""Code search: an n-gram index over one code list, built once, answering "part of a code or text" queries.

The form page's pick-lists (diagnosis, lymphoma localisation, Ann Arbor, histology, operation code) send
what the user typed and get a few ranked matches back; the full lists never leave the server.

    >>> from engine.codelists.csvfile import read_codelist
    >>> index = CodeIndex.build(read_codelist(Path("codelists/diagnoser.csv")))
    >>> [match.code for match in index.search("DC50", limit=3)]
    ['DC50', 'DC500', 'DC501']
    >>> index.search("brystkræft uns")
    [Match(code='DC509', text='Brystkræft UNS', kind='text_start')]

How it stays fast (well under a millisecond over the 19,500 SKS D-codes): codes are numbered in list
order, and each n-gram of 1–3 characters maps to its codes as a *posting*: a Python int used as a bit
set, or, for an n-gram in at most `_FEW` codes, a short tuple of their numbers (an int spanning 19,500
codes costs 2.4 kB however few bits it holds). A query ANDs the bit sets of its n-grams at C speed, and
the lowest set bits are the first codes in list order, which is the tie order of the ranking. So each
rank tier reads bits only until it has `limit` codes, and only those few are compared as strings.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise, repeat
from typing import Literal

from engine.codelists.model import Code, CodeList

MatchKind = Literal["code", "code_prefix", "text_start", "word_start", "substring", "spelling"]
# Spellings search treats as the same, each (written, searched as): ("c", "k") finds "karcinom" for
# "carcinom". The form's spec names them (``search.spellings``); the engine knows no language.
Spellings = tuple[tuple[str, str], ...]
# A posting: the numbers of the codes holding an n-gram, as a bit set or (when few) an ascending tuple.
Posting = int | tuple[int, ...]

# Joins a code to its text, and pads the end of a string. A query term never holds whitespace (the
# query is split on it), so no term spans the join, and the padding gives every 1- and 2-gram a 3-gram
# that starts with it, from which its posting is derived.
_SEP = "\n"
_PAD = _SEP * 2
_GRAM = 3
_FEW = 64
# A word starts where the character before is not a letter or digit, or at the beginning. The index and
# the check use this one definition, so the index never holds fewer codes than the check accepts.
_WORD_START = re.compile(r"(?<![^\W_])")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# Bits are read in windows of this many codes: picking bits off a small int is cheap, off a big one not.
_WINDOW = 256
_WINDOW_MASK = (1 << _WINDOW) - 1
_LAST_CHAR = chr(0x10FFFF)


@dataclass(frozen=True, slots=True)
class Match:
    """One search hit: the code, its text as written in the list, and why it matched (its rank tier)."""

    code: str
    text: str
    kind: MatchKind


def normalise(text: str) -> str:
    """The form in which codes, texts and queries are compared: caseless, single spaces, no edges.

    NFKC around casefolding is Unicode's caseless match: Æ/Ø/Å fold to æ/ø/å, an "å" typed as "a" plus a
    combining ring equals "å", and a no-break space is a space.

    >>> normalise("  Brystkræft\u00a0 UNS ÆØÅ")
    'brystkræft uns æøå'
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.split())


def respell(text: str, spellings: Spellings) -> str:
    """``text`` (normalised) with each spelling written the one way, in the order given.

    >>> respell("karcinom i lymphom", (("ph", "f"), ("c", "k")))
    'karkinom i lymfom'
    """
    for written, searched_as in spellings:
        text = text.replace(written, searched_as)
    return text


@dataclass(frozen=True, slots=True)
class _SameLength:
    """The codes of one length, sorted, with their numbers; `in_list_order` when sorting kept list order."""

    codes: tuple[str, ...]
    numbers: tuple[int, ...]
    in_list_order: bool


@dataclass(frozen=True, slots=True, eq=False)
class CodeIndex:
    """A search index over one code list. Build it once with `CodeIndex.build`; it never changes after."""

    codelist: CodeList
    _codes: tuple[Code, ...] = field(repr=False)
    _haystacks: tuple[str, ...] = field(repr=False)  # normalised "code\ntext"
    _texts: tuple[str, ...] = field(repr=False)  # normalised text
    _by_code: dict[str, int] = field(repr=False)
    _by_length: tuple[_SameLength, ...] = field(repr=False)  # [n] holds the codes of n characters
    _grams: dict[str, Posting] = field(repr=False)  # 1–3 characters anywhere
    _text_starts: dict[str, Posting] = field(repr=False)  # the first 1–3 characters of the text
    _sorted_texts: tuple[tuple[str, ...], tuple[int, ...]] = field(repr=False)  # texts A–Z, their numbers
    _word_starts: dict[str, Posting] = field(repr=False)  # 1–3 characters at a word start
    _longest: int = field(repr=False)
    # With spellings: the same list with every code and text spelt the one way, searched after this one
    # for what it did not find (its matches are of kind "spelling").
    _respelt: CodeIndex | None = field(default=None, repr=False)
    _spellings: Spellings = field(default=(), repr=False)

    @classmethod
    def build(cls, codelist: CodeList, spellings: Spellings = ()) -> CodeIndex:
        """The index of ``codelist``; with ``spellings``, a query also finds texts spelt the other way."""
        index = cls._build(codelist, ())
        if not spellings:
            return index
        return dataclasses.replace(index, _respelt=cls._build(codelist, spellings), _spellings=spellings)

    @classmethod
    def _build(cls, codelist: CodeList, spellings: Spellings) -> CodeIndex:
        codes = tuple(codelist)
        keys = [respell(normalise(code.code), spellings) for code in codes]
        texts = tuple(respell(normalise(code.text), spellings) for code in codes)
        haystacks = tuple(f"{key}{_SEP}{text}" for key, text in zip(keys, texts, strict=True))
        # A term occurs in a haystack exactly when it occurs in one of its whitespace-free tokens, and
        # the SKS list has ~30,000 distinct tokens against ~780,000 (code, 3-gram) pairs.
        tokens = _numbers_by_key(haystack.split() for haystack in haystacks)
        return cls(
            codelist,
            codes,
            haystacks,
            texts,
            {key: n for n, key in enumerate(keys)},
            _by_length(keys),
            _postings(tokens, _all_grams),
            _postings(_numbers_by_key((text,) for text in texts), _first_gram),
            _sorted(texts),
            _postings(tokens, _word_start_grams),
            max((len(haystack) for haystack in haystacks), default=0),
        )

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, code: str) -> Code | None:
        """The code itself, case-insensitively (`"dc509"` finds DC509), or None."""
        number = self._by_code.get(normalise(code))
        return None if number is None else self._codes[number]

    def search(self, query: str, limit: int = 20) -> list[Match]:
        """Codes whose code or text holds every word of `query`, best first, at most `limit` of them.

        Rank tiers: the exact code; codes starting with the query (shorter codes first); texts starting
        with the query; every word of the query starting a word of the code or text; any other match;
        then, with spellings, what only another spelling finds (by the same tiers). Within a tier, list
        order. An empty query finds nothing: there is nothing to narrow by.
        """
        found = self._search(normalise(query), limit)
        if self._respelt is not None and len(found) < limit:
            respelt = self._respelt._search(respell(normalise(query), self._spellings), limit)
            for number in respelt:
                found.setdefault(number, "spelling")
                if len(found) == limit:
                    break
        return self._matches(found)

    def _search(self, phrase: str, limit: int) -> dict[int, MatchKind]:
        """The numbers of the best codes for ``phrase`` (normalised), at most ``limit``, with their tiers."""
        if not phrase or limit < 1:
            return {}
        terms = tuple(dict.fromkeys(phrase.split(" ")))
        if any(len(term) > self._longest for term in terms):
            return {}
        candidates = self._meet(self._grams.get(gram) for term in terms for gram in _query_grams(term))
        wanted = _Query(phrase, terms, candidates)
        found: dict[int, MatchKind] = {}
        for kind, tier in _TIERS:
            for number in tier(self, wanted):
                found.setdefault(number, kind)
                if len(found) == limit:
                    return found
        return found

    def _meet(self, postings: Iterable[Posting | None]) -> Posting:
        """A superset of the codes in every posting (None: an n-gram no code has): the bit sets ANDed,
        or, when a posting is a tuple, the shortest tuple. Every tier checks its codes as strings.
        """
        bits, fewest = (1 << len(self._codes)) - 1, None
        for posting in postings:
            if posting is None:
                return ()
            if isinstance(posting, tuple):
                fewest = posting if fewest is None or len(posting) < len(fewest) else fewest
            else:
                bits &= posting
                if not bits:
                    return ()
        return bits if fewest is None else fewest

    def _matches(self, found: dict[int, MatchKind]) -> list[Match]:
        return [Match(self._codes[n].code, self._codes[n].text, kind) for n, kind in found.items()]


@dataclass(frozen=True, slots=True)
class _Query:
    phrase: str
    terms: tuple[str, ...]
    candidates: Posting  # every code that holds all the terms, and perhaps a few that do not


# The rank tiers. Each yields code numbers in its own order; it may yield a number an earlier tier took.


def _exact_code(index: CodeIndex, query: _Query) -> Iterator[int]:
    number = index._by_code.get(query.phrase)
    if number is not None:
        yield number


def _code_prefix(index: CodeIndex, query: _Query) -> Iterator[int]:
    prefix = query.phrase
    for same in index._by_length[len(prefix) :]:
        # Every string that starts with `prefix` sorts below `prefix` + the last code point.
        start, end = bisect_left(same.codes, prefix), bisect_left(same.codes, prefix + _LAST_CHAR)
        if same.in_list_order:
            yield from (same.numbers[i] for i in range(start, end))
        else:
            yield from sorted(same.numbers[start:end])


def _text_start(index: CodeIndex, query: _Query) -> Iterator[int]:
    phrase, (texts, numbers) = query.phrase, index._sorted_texts
    start, end = bisect_left(texts, phrase), bisect_left(texts, phrase + _LAST_CHAR)
    if len(phrase) > _GRAM:
        # The posting of a longer phrase holds every text sharing its first 3 characters (in SKS 446
        # start with "kræ", 1,184 with "ande"), most of which may not go on like the phrase; the sorted
        # texts hold exactly those that do, and sorting a thousand numbers beats checking them one by one.
        yield from sorted(numbers[start:end])
        return
    posting = index._meet((query.candidates, index._text_starts.get(phrase[:_GRAM])))
    yield from (n for n in _numbers(posting) if index._texts[n].startswith(phrase))


def _word_start(index: CodeIndex, query: _Query) -> Iterator[int]:
    starts = (index._word_starts.get(term[:_GRAM]) for term in query.terms)
    haystacks = index._haystacks
    return (
        n
        for n in _numbers(index._meet((query.candidates, *starts)))
        if all(_starts_a_word(haystacks[n], term) for term in query.terms)
    )


def _substring(index: CodeIndex, query: _Query) -> Iterator[int]:
    haystacks = index._haystacks
    return (n for n in _numbers(query.candidates) if all(term in haystacks[n] for term in query.terms))


_TIERS: tuple[tuple[MatchKind, Callable[[CodeIndex, _Query], Iterator[int]]], ...] = (
    ("code", _exact_code),
    ("code_prefix", _code_prefix),
    ("text_start", _text_start),
    ("word_start", _word_start),
    ("substring", _substring),
)


def _query_grams(term: str) -> Iterator[str]:
    if len(term) <= _GRAM:
        yield term
    else:
        yield from (term[i : i + _GRAM] for i in range(len(term) - _GRAM + 1))


def _starts_a_word(haystack: str, term: str) -> bool:
    at = haystack.find(term)
    while at >= 0:
        if at == 0 or not _LETTER_OR_DIGIT.match(haystack, at - 1):
            return True
        at = haystack.find(term, at + 1)
    return False


def _numbers(posting: Posting) -> Iterator[int]:
    """The code numbers of a posting, lowest (first in list order) first, read lazily."""
    if isinstance(posting, tuple):
        yield from posting
        return
    bits, base = posting, 0
    while bits:
        skip = (bits & -bits).bit_length() - 1  # jump over a run of absent codes in one shift
        bits >>= skip
        base += skip
        window = bits & _WINDOW_MASK
        while window:
            lowest = window & -window
            yield base + lowest.bit_length() - 1
            window ^= lowest
        bits >>= _WINDOW
        base += _WINDOW


# Building the index. Each `*_gram(s)` function gets a padded string and picks the 3-grams to index.


def _all_grams(padded: str) -> set[str]:
    return {padded[i : i + _GRAM] for i in range(len(padded) - _GRAM + 1)}


def _word_start_grams(padded: str) -> set[str]:
    if padded.rstrip(_SEP).isalnum():  # the common case, a plain word: it starts only at its start
        return {padded[:_GRAM]}
    return {padded[match.start() : match.start() + _GRAM] for match in _WORD_START.finditer(padded)}


def _first_gram(padded: str) -> set[str]:
    return {padded[:_GRAM]}


def _sorted(texts: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    order = sorted(range(len(texts)), key=texts.__getitem__)
    return tuple(texts[n] for n in order), tuple(order)


def _by_length(keys: list[str]) -> tuple[_SameLength, ...]:
    groups: list[list[tuple[str, int]]] = [[] for _ in range(max(map(len, keys), default=0) + 1)]
    for number, key in enumerate(keys):
        groups[len(key)].append((key, number))
    return tuple(_same_length(sorted(group)) for group in groups)


def _same_length(group: list[tuple[str, int]]) -> _SameLength:
    numbers = tuple(number for _, number in group)
    in_list_order = all(a < b for a, b in pairwise(numbers))
    return _SameLength(tuple(key for key, _ in group), numbers, in_list_order)


def _numbers_by_key(keys_per_code: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    """Each code's keys (its tokens, say) → each key's code numbers, ascending, once each."""
    numbers: dict[str, list[int]] = {}
    for number, keys in enumerate(keys_per_code):
        for key in keys:
            same = numbers.get(key)
            if same is None:
                numbers[key] = [number]
            elif same[-1] != number:
                same.append(number)
    return numbers


def _postings(
    numbers_by_key: dict[str, list[int]], grams_of: Callable[[str], set[str]]
) -> dict[str, Posting]:
    """The posting of every 1–3-gram that `grams_of` picks from the strings (tokens, or texts).

    A string in few codes adds its numbers to a list; one in many ORs in its bit set. (A bit set high
    in a big list is a 2.4 kB int even for one code, and OR-ing one per code would dominate the build.)
    """
    few: dict[str, list[int]] = {}
    many: dict[str, int] = {}
    for string, numbers in numbers_by_key.items():
        if len(numbers) <= _FEW:
            for gram in grams_of(string + _PAD):
                few.setdefault(gram, []).extend(numbers)
        else:
            bits = _bits_of(numbers)
            for gram in grams_of(string + _PAD):
                many[gram] = many.get(gram, 0) | bits
    postings = {gram: _posting(few.get(gram, []), many.get(gram, 0)) for gram in few.keys() | many.keys()}
    # A 2-gram is in the codes of the 3-grams starting with it, and a 1-gram in those of its 2-grams;
    # thanks to the padding that includes the "ab" ending a string (in the 3-gram "ab\n").
    for length in range(_GRAM - 1, 0, -1):
        longer = [gram for gram in postings if len(gram) == length + 1]
        postings |= _unions(longer, postings, length)
    return {gram: posting for gram, posting in postings.items() if _SEP not in gram}


def _unions(grams: list[str], postings: dict[str, Posting], length: int) -> dict[str, Posting]:
    numbers: dict[str, list[int]] = {}
    bits: dict[str, int] = {}
    for gram in grams:
        head, posting = gram[:length], postings[gram]
        if isinstance(posting, tuple):
            numbers.setdefault(head, []).extend(posting)
        else:
            bits[head] = bits.get(head, 0) | posting
    return {head: _posting(numbers.get(head, []), bits.get(head, 0)) for head in numbers.keys() | bits.keys()}


def _posting(numbers: list[int], bits: int) -> Posting:
    """Code numbers (any order, repeats allowed) and bits → a tuple if they are at most `_FEW` codes."""
    if not bits and len(numbers) <= _FEW * 4:
        unique = sorted(set(numbers))
        if len(unique) <= _FEW:
            return tuple(unique)
    return bits | _bits_of(numbers)


def _bits_of(numbers: list[int]) -> int:
    """The bit set of code numbers (any order, repeats allowed); OR-ing bits in one by one is quadratic."""
    if not numbers:
        return 0
    if len(numbers) <= _FEW * 8:  # below this, setting bits one by one beats parsing ~19,500 digits
        buffer = bytearray(max(numbers) // 8 + 1)
        for number in numbers:
            buffer[number >> 3] |= 1 << (number & 7)
        return int.from_bytes(buffer, "little")
    # Many numbers: put a "1" at each in a string of "0"s, with no Python-level loop, and parse that.
    digits = bytearray(b"0") * (max(numbers) + 1)
    deque(map(digits.__setitem__, numbers, repeat(ord("1"))), maxlen=0)
    return int(digits[::-1], 2)
