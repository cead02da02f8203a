"""The code lists ``/api/codes/…`` searches: the form's own, indexed at start-up, and their neighbours.

The form binds its lists by name (``codelists: {diagnoser: {file: ../codelists/diagnoser.csv}}``); those
are indexed when the app is made, as the page needs them at once. Every other ``*.csv`` in a folder the
form's lists come from is searchable too, under its file name without ``.csv`` (``sks_d_koder``: the whole
SKS D file, ~19,500 codes): such a list is read and indexed on its first search, about a second of work,
so start-up does not wait for lists nobody may ask for.

    codes = CodeLists.of_form(form)
    index = await codes.index("sks_d_koder")   # None: no such list
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from starlette.concurrency import run_in_threadpool

from engine.codelists import CodeListError, read_codelist
from engine.codelists.search import CodeIndex, Spellings, normalise
from engine.form import CompiledForm
from engine.web.memory import freeze_long_lived

log = logging.getLogger("indberet.web")


@dataclass(frozen=True, eq=False)
class CodeLists:
    bound: Mapping[str, CodeIndex]  # the form's lists by their names in the spec, indexed
    titles: Mapping[str, str]  # the spec's title of each bound list
    others: Mapping[str, Path]  # the other lists beside them: name → file, indexed on first use
    spellings: Spellings = ()  # the form's search.spellings, normalised
    _built: dict[str, CodeIndex] = field(default_factory=dict, repr=False)
    _building: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def of_form(cls, form: CompiledForm) -> CodeLists:
        spellings = _spellings(form)
        bound = {name: CodeIndex.build(codelist, spellings) for name, codelist in form.codelists.items()}
        files = {codelist.path.resolve() for codelist in form.codelists.values()}
        others = {
            path.stem: path
            for folder in sorted({path.parent for path in files})
            for path in sorted(folder.glob("*.csv"))
            if path.resolve() not in files and path.stem not in bound
        }
        titles = {name: ref.title for name, ref in form.spec.codelists.items()}
        return cls(bound, titles, others, spellings)

    @property
    def names(self) -> list[str]:
        return sorted({*self.bound, *self.others})

    @property
    def indexed(self) -> list[str]:
        """The lists indexed so far: the form's own from the start, the others once searched."""
        return sorted({*self.bound, *self._built})

    def title(self, name: str) -> str:
        return self.titles.get(name, name)

    async def index(self, name: str) -> CodeIndex | None:
        """The index of list ``name``, None when there is no such list; CodeListError when unreadable."""
        found = self.bound.get(name) or self._built.get(name)
        if found is not None or name not in self.others:
            return found
        # Reading and indexing take about a second: off the event loop, so other requests are answered.
        return await run_in_threadpool(self._build, name)

    def _build(self, name: str) -> CodeIndex:
        with self._building:  # a second request for the same list waits for the first one's index
            found = self._built.get(name)
            if found is None:
                try:
                    found = CodeIndex.build(read_codelist(self.others[name]), self.spellings)
                except CodeListError as error:
                    log.error("code list %s cannot be read: %s", name, error)
                    raise
                self._built[name] = found
                freeze_long_lived()  # the index stays as long as the process
            return found


def _spellings(form: CompiledForm) -> Spellings:
    """The form's spellings as the index compares text: caseless, like every code and query."""
    return tuple(
        (normalise(written), normalise(searched_as)) for written, searched_as in form.spec.search.spellings
    )
