"""Turn received text into a payload, or say why it cannot be one: for the CLI and the HTTP API alike.

JSON as the payload contract means it: ``NaN`` and ``Infinity`` are not JSON, and an object that names the
same key twice is refused rather than silently keeping one of the two values.

The result of an unusable input is in the form's language: its message kind (``not_readable``,
``not_json``, …) has placeholders that carry no language (``{line}``, ``{column}``, ``{key}``, ``{limit}``);
the English ``{detail}`` is for logs and the CLI's standard error. A finer kind (``duplicate_key``) is used
when the form has a text for it, else its general kind's.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from engine.form.compiled import CompiledForm, fill
from engine.form.result import Finding, Result

Unusable = Literal["not_readable", "not_json", "not_object", "too_large"]


class PayloadError(Exception):
    """Input that cannot be judged as a payload at all."""

    def __init__(self, kind: Unusable, detail: str, *, finer: str | None = None, **params: Any) -> None:
        super().__init__(detail)
        self.kind: Unusable = kind  # the finding's rule
        self.detail = detail  # English, for the CLI's standard error
        self.finer = finer  # a more specific message kind, used when the form has a text for it
        self.params = params  # the kind's placeholders (not_json: line, column; too_large: limit, actual)

    def describe(self) -> str:
        return {
            "not_readable": "cannot read the input: ",
            "not_json": "not JSON: ",
            "not_object": "a payload must be a JSON object, not ",
            "too_large": "too large: ",
        }[self.kind] + self.detail


def too_large(limit: int, actual: int | None = None) -> PayloadError:
    """The error for a payload of more than ``limit`` bytes (``actual``: its size, when it was measured)."""
    bound = f"{limit:,}".replace(",", ".")
    if actual is None:  # reading stopped at the limit
        return PayloadError("too_large", f"more than {bound} bytes", limit=bound, actual=f"> {bound}")
    size = f"{actual:,}".replace(",", ".")
    return PayloadError("too_large", f"{size} bytes, at most {bound}", limit=bound, actual=size)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(f'the key "{key}" is given twice')
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


class _NotJsonValue(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not a JSON value")
        self.name = name


def _no_constant(name: str) -> Any:
    raise _NotJsonValue(name)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of character ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _second(text: str, key: str) -> int:
    """Where ``key`` is named the second time (as JSON text), or 0 when it is written in another way."""
    quoted = json.dumps(key, ensure_ascii=False)
    first = text.find(quoted)
    second = text.find(quoted, first + 1) if first >= 0 else -1
    return max(second, 0)


def _too_deep(text: str) -> int:
    """Where the nesting of ``text`` first goes deeper than Python's JSON reader follows (strings skipped)."""
    depth, inside, escaped = 0, False, False
    for offset, char in enumerate(text):
        if inside:
            inside, escaped = (escaped or char != '"'), (not escaped and char == "\\")
        elif char == '"':
            inside = True
        elif char in "[{":
            depth += 1
            if depth > 900:
                return offset
        elif char in "]}":
            depth -= 1
    return 0


def decode(raw: bytes) -> str:
    """``raw`` as UTF-8 text (a byte order mark is dropped); PayloadError ``not_readable`` when it is not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        head = raw[: error.start].decode("utf-8", "replace")
        line, column = _line_column(head, len(head))
        detail = f"not UTF-8 ({error.reason} at byte {error.start})"
        raise PayloadError("not_readable", detail, line=line, column=column, byte=error.start) from None


def parse_payload(text: str | bytes, limit: int | None = None) -> Any:
    """The decoded JSON value of ``text``; PayloadError when it is not JSON, or larger than ``limit`` bytes
    (the form's ``limits.payload_bytes``; text is measured as its UTF-8)."""
    if limit is not None and len(text) > limit // 4:  # cheap first: a character is at most 4 bytes
        size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
        if size > limit:
            raise too_large(limit, size)
    if isinstance(text, bytes):
        text = decode(text)
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise PayloadError("not_json", str(error), line=error.lineno, column=error.colno) from None
    except _DuplicateKey as error:
        line, column = _line_column(text, _second(text, error.key))
        raise PayloadError(
            "not_json", str(error), finer="duplicate_key", key=error.key, line=line, column=column
        ) from None
    except (ValueError, RecursionError) as error:
        at = _too_deep(text) if isinstance(error, RecursionError) else 0
        if isinstance(error, _NotJsonValue):
            at = max(text.find(error.name), 0)
        line, column = _line_column(text, at)
        detail = str(error) or "nested too deeply"
        raise PayloadError("not_json", detail, line=line, column=column) from None


def unusable_result(form: CompiledForm, error: PayloadError) -> dict[str, Any]:
    """The result line for an input that is not a payload: invalid, one error on field ""."""
    message = (form.messages.get(error.finer) if error.finer else None) or form.messages.get(error.kind)
    params = {"detail": error.detail, "actual": error.detail, "field": "", "value": "", **error.params}
    text = fill(message.template, params) if message else error.describe()
    finding = Finding("", error.kind, message.manual if message else None, text, "error")
    return Result(errors=(finding,)).as_json()  # the shape of every result
