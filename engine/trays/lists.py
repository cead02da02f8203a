"""The lists of stored forms: a tray and the counters of »Mine bakker« (T02–T06), »Skemaer« (A06) and
»CPR søgning« (A05). Each reads only the groups the user is a member of; a list shown (with its CPR numbers)
is kept in the audit with the forms on it, a search with the number searched for."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping

from engine.store import SORTS, AuditEntry, FormPage, FormQuery, FormRow, Store
from engine.store.records import MAX_PAGE
from engine.trays.actor import Actor
from engine.trays.cpr import search_number, search_prefix
from engine.trays.views import ListRow, NotACprNumber, NotFound, Page, TrayCount
from engine.workflow import FOUND, CompiledWorkflow

SEARCH_LIMIT = MAX_PAGE  # forms CPR søgning shows for one number, newest change first


class Lists:
    """The list methods of :class:`engine.trays.Trays`."""

    store: Store
    workflows: Mapping[str, CompiledWorkflow]
    clock: Callable[[], datetime.datetime]

    def tray(
        self,
        actor: Actor,
        group: str,
        state: str,
        *,
        after: str | None = None,
        before: str | None = None,
        limit: int = 50,
    ) -> Page | NotFound:
        """The group's forms in one tray, newest change first (T02–T05; every form type)."""
        if not actor.member_of(group):
            return NotFound("group")
        query = FormQuery((group,), states=(state,), after=after, before=before, limit=limit)
        return self._page(query, actor, "tray")

    def counters(self, actor: Actor, group: str) -> tuple[TrayCount, ...] | NotFound:
        """How many of the group's forms each tray holds, every tray of every form type once, in the specs'
        order (T06: »Opdater bakketæller« asks again)."""
        if not actor.member_of(group):
            return NotFound("group")
        counts = self.store.count_forms(group)
        trays: dict[str, TrayCount] = {}
        for workflow in self.workflows.values():
            for state in workflow.spec.states:
                trays.setdefault(state.id, TrayCount(state.id, state.label, counts.get(state.id, 0)))
        return tuple(trays.values())

    def forms(
        self,
        actor: Actor,
        group: str,
        form_type: str,
        *,
        sort: str = "changed",
        descending: bool = True,
        states: tuple[str, ...] = (),
        cpr: str | None = None,
        version: int | None = None,
        created_from: datetime.datetime | None = None,
        created_to: datetime.datetime | None = None,
        changed_from: datetime.datetime | None = None,
        changed_to: datetime.datetime | None = None,
        after: str | None = None,
        before: str | None = None,
        limit: int = 50,
    ) -> Page | NotFound | NotACprNumber:
        """»Skemaer« (A06): the group's forms of one type, sorted by ``sort`` (cpr, state, version, created,
        changed) and filtered; ``cpr`` is a number or its start, with or without the hyphen."""
        if sort not in SORTS:
            raise ValueError(f"sort by one of {', '.join(SORTS)}, not {sort!r}")
        if not actor.member_of(group):
            return NotFound("group")
        workflow = self.workflows.get(form_type)
        if workflow is None:
            return NotFound("form_type")
        known = tuple(state for state in states if state in workflow.states)
        if states and not known:  # only trays the form type does not have: none of its forms is in them
            return Page((), None, None)
        prefix = search_prefix(cpr) if cpr is not None else None
        if cpr is not None and prefix is None:
            return NotACprNumber.of(cpr)
        query = FormQuery(
            (group,),
            form_type,
            states=known,
            cpr_prefix=prefix,
            version=version,
            created_from=created_from,
            created_to=created_to,
            changed_from=changed_from,
            changed_to=changed_to,
            sort=sort,
            descending=descending,
            after=after,
            before=before,
            limit=limit,
        )
        return self._page(query, actor, "forms")

    def search_cpr(self, actor: Actor, text: str) -> tuple[ListRow, ...] | NotACprNumber:
        """»CPR søgning« (A05): every form of the user's groups for one CPR number, typed with or without
        the hyphen, newest change first. The search is audited with the number (an access to the person's
        forms)."""
        number = search_number(text)
        if number is None:
            return NotACprNumber.of(text)
        rows: tuple[ListRow, ...] = ()
        if actor.groups:
            query = FormQuery(actor.groups, cpr=number, limit=SEARCH_LIMIT)
            page = self.store.list_forms(query)
            rows = tuple(self.list_row(row) for row in page.rows) if page else ()
        details = {"cpr": number, "found": len(rows)}
        self.store.record_audit(
            [AuditEntry(self.clock(), actor.user, "search", client=actor.client, details=details)]
        )
        return rows

    def _page(self, query: FormQuery, actor: Actor, view: str) -> Page | NotFound:
        """A page of a list; shown to the user, it is kept in the audit with the forms on it: a list shows
        their CPR numbers, and every access to a CPR number is audited (who, when, which forms)."""
        page: FormPage | None = self.store.list_forms(query)
        if page is None:
            return NotFound("page")
        if page.rows:
            details = {"view": view, "group": query.groups[0], "forms": [row.id for row in page.rows]}
            self.store.record_audit(
                [AuditEntry(self.clock(), actor.user, "list", client=actor.client, details=details)]
            )
        return Page(tuple(self.list_row(row) for row in page.rows), page.after, page.before)

    def list_row(self, row: FormRow) -> ListRow:
        workflow = self.workflows.get(row.form_type)
        lookup = row.lookup
        person = lookup.person if lookup and lookup.outcome == FOUND and lookup.cpr == row.cpr else None
        name = person.get("name") if person else None
        return ListRow(
            id=row.id,
            form_type=row.form_type,
            group=row.group,
            state=row.state,
            state_label=workflow.state_label(row.state) if workflow else row.state,
            version=row.version,
            cpr=row.cpr,
            name=name if isinstance(name, str) else None,
            created_at=row.created_at,
            created_by=row.created_by,
            changed_at=row.changed_at,
            changed_by=row.changed_by,
            errors=row.errors,
            warnings=row.warnings,
            fields={f: row.payload.get(f) for f in workflow.spec.list_fields} if workflow else {},
        )
