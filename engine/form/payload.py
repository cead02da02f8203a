"""Turn received text into a payload, or say why it cannot be one: for the CLI and the HTTP API alike.

JSON as the payload contract means it: ``NaN`` and ``Infinity`` are not JSON, and an object that names the
same key twice is refused rather than silently keeping one of the two values.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from engine.form.compiled import CompiledForm
from engine.form.result import Finding, Result

Unusable = Literal["not_readable", "not_json", "not_object", "too_large"]


class PayloadError(Exception):
    """Input that cannot be judged as a payload at all."""

    def __init__(self, kind: Unusable, detail: str, **params: Any) -> None:
        super().__init__(detail)
        self.kind: Unusable = kind
        self.detail = detail
        self.params = params  # more placeholders for the kind's message (too_large: limit, actual)

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


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f'the key "{key}" is given twice')
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def parse_payload(text: str | bytes, limit: int | None = None) -> Any:
    """The decoded JSON value of ``text``; PayloadError when it is not JSON, or larger than ``limit`` bytes
    (the form's ``limits.payload_bytes``; text is measured as its UTF-8)."""
    if limit is not None and len(text) > limit // 4:  # cheap first: a character is at most 4 bytes
        size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
        if size > limit:
            raise too_large(limit, size)
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except UnicodeDecodeError as error:
        raise PayloadError("not_readable", f"not UTF-8 ({error.reason} at byte {error.start})") from None
    except (ValueError, RecursionError) as error:
        raise PayloadError("not_json", str(error) or type(error).__name__) from None


def unusable_result(form: CompiledForm, error: PayloadError) -> dict[str, Any]:
    """The result line for an input that is not a payload: invalid, one error on field ""."""
    message = form.messages.get(error.kind)
    params = {"detail": error.detail, "actual": error.detail, "field": "", "value": "", **error.params}
    text = message.template.format_map(params) if message else error.describe()
    finding = Finding("", error.kind, message.manual if message else None, text, "error")
    return Result(errors=(finding,)).as_json()  # the shape of every result
