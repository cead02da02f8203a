"""Remember the results of rules that read only code fields, keyed by the codes they read.

A JsonLogic rule is a pure function of the values it reads. Many of a form's rules read nothing but code
fields — "is the diagnosis a lymphoma?", "which T does this diagnosis get?" — whose values come from finite
lists, so the same inputs recur constantly. Such a rule is evaluated once per distinct input and then
answered from a bounded table. Rules that read dates, text or CPR numbers (inputs that rarely repeat), or
that use an impure operator such as ``today``, are left alone.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from engine.rules import Evaluator

MEMO_SIZE = 4096  # distinct inputs remembered per rule; the table starts afresh when full


def _key(value: Any) -> Any:
    # Lists of codes become tuples; anything else unhashable is simply not remembered.
    return tuple(value) if type(value) is list else value


def memoize(evaluator: Evaluator, names: Collection[str]) -> Evaluator:
    """``evaluator`` answered from a table keyed by the values of ``names``, which must be all it reads."""
    memo: dict[Any, Any] = {}
    ordered = tuple(sorted(names))

    def remember(key: Any, data: Any) -> Any:
        result = evaluator(data)
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[key] = result
        return result

    if len(ordered) == 1:
        (name,) = ordered

        def memoized_one(data: Any) -> Any:
            key = data.get(name)
            if type(key) is list:
                key = tuple(key)
            try:
                return memo[key]
            except KeyError:
                return remember(key, data)
            except TypeError:  # unhashable
                return evaluator(data)

        return memoized_one

    def memoized(data: Any) -> Any:
        key = tuple([_key(data.get(name)) for name in ordered])
        try:
            return memo[key]
        except KeyError:
            return remember(key, data)
        except TypeError:
            return evaluator(data)

    return memoized
