"""Group isolation: another group's form is »not found« for every operation of the service, whatever the
user's roles there or elsewhere — never »forbidden«, so that not even its existence shows. The test lists
every public method of Trays, so a new one cannot be forgotten."""

from __future__ import annotations

from collections.abc import Callable

from engine.lookups import DemoCprRegister
from engine.trays import Actor, NotFound, Page, StoredForm, Trays
from tests.trays.conftest import FREMMED, made

# FREMMED has every role, but in g2 only; the form below lives in g1.
Operation = Callable[[Trays, str, int], object]
OPERATIONS: dict[str, Operation] = {
    "open": lambda t, f, r: t.open(FREMMED, f),
    "save": lambda t, f, r: t.save(FREMMED, f, {"titel": "x"}, r),
    "perform": lambda t, f, r: t.perform(FREMMED, f, "indsend", r),
    "look_up_cpr": lambda t, f, r: t.look_up_cpr(FREMMED, f, "120355-1009", DemoCprRegister.load()),
    "versions": lambda t, f, r: t.versions(FREMMED, f),
    "can_see": lambda t, f, r: None if t.can_see(FREMMED, f) else NotFound(),
    "move": lambda t, f, r: t.move(FREMMED, f, "g2", r),
    "audit": lambda t, f, r: t.audit(FREMMED, f),
    "create": lambda t, f, r: t.create(FREMMED, "sag", "g1"),
    "creatable_groups": lambda t, f, r: (
        NotFound("group") if "g1" not in t.creatable_groups(FREMMED, "sag") else None
    ),
    "tray": lambda t, f, r: t.tray(FREMMED, "g1", "udkast"),
    "counters": lambda t, f, r: t.counters(FREMMED, "g1"),
    "forms": lambda t, f, r: t.forms(FREMMED, "g1", "sag"),
    "search_cpr": lambda t, f, r: NotFound() if t.search_cpr(FREMMED, "120355-1009") == () else None,
    "list_row": lambda t, f, r: NotFound(),  # turns a row already read into a list row: reads nothing
}


def test_every_public_method_is_checked() -> None:
    public = {name for name in dir(Trays) if not name.startswith("_") and callable(getattr(Trays, name))}
    assert public == set(OPERATIONS)


def test_another_groups_form_is_not_found_for_every_operation(trays: Trays) -> None:
    form = made(trays, {"titel": "T", "borger": "120355-1009"})
    before = trays.open(Actor.of("x", {"g1": []}), form.id)
    for name, operation in OPERATIONS.items():
        outcome = operation(trays, form.id, form.revision)
        assert isinstance(outcome, NotFound), f"{name}: {outcome!r}"
    after = trays.open(Actor.of("x", {"g1": []}), form.id)
    assert isinstance(before, StoredForm) and isinstance(after, StoredForm)
    assert after.row == before.row  # nothing was changed either


def test_the_same_user_sees_their_own_groups_forms(trays: Trays) -> None:
    form = made(trays, {"titel": "T"})
    member = Actor.of("y", {"g1": [], "g2": ["skribent"]})
    assert isinstance(trays.open(member, form.id), StoredForm)
    page = trays.tray(member, "g1", "udkast")
    assert isinstance(page, Page) and [row.id for row in page.rows] == [form.id]


def test_an_id_that_is_none_of_ours_is_not_found(trays: Trays) -> None:
    made(trays)
    member = Actor.of("y", {"g1": ["skribent"]})
    for form_id in ("", "x" * 65, "' OR 1=1 --", "g1"):
        assert trays.open(member, form_id) == NotFound()
