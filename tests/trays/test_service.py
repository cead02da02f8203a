"""The service layer on the two-step approval of tests/fixtures/specs/godkendelse.yaml, on both backends:
creating, saving, the actions, the CPR look-up, locks, moving, the audit. Its trays, actions and texts are
the test form's own: the service knows none of them."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from engine.lookups import DemoCprRegister, Unavailable
from engine.store import CprAccess, Store
from engine.trays import Actor, Done, LookedUp, NotFound, StoredForm, Trays
from engine.workflow import Refusal
from tests.trays.conftest import ADMIN, CHEF, GODKENDER, LAESER, SKRIBENT, T0, made

MINUTE = datetime.timedelta(minutes=1)
GOOD = {"titel": "Tag", "borger": "120355-1009", "beskrivelse": "utæt"}


def done(outcome: object) -> StoredForm:
    assert isinstance(outcome, Done), outcome
    assert outcome.form is not None
    return outcome.form


def approved(trays: Trays) -> StoredForm:
    """A form taken through the whole approval: version 1, Godkendt, titel and borger locked."""
    form = made(trays, GOOD)
    form = done(trays.perform(SKRIBENT, form.id, "indsend", form.revision))
    form = done(trays.perform(GODKENDER, form.id, "godkend", form.revision))
    return done(trays.perform(CHEF, form.id, "godkend_endeligt", form.revision, confirmed=True))


# -- creating (F01, F02) ---------------------------------------------------------------------------------------
def test_a_new_form_is_a_draft_in_the_users_group_with_its_creation_date(trays: Trays) -> None:
    form = made(trays, {"titel": "Tag"})
    assert (form.row.group, form.row.state, form.row.version, form.revision) == ("g1", "udkast", 0, 1)
    assert (form.row.created_at, form.row.created_by) == (T0, "skribent")
    assert (form.row.errors, form.row.spec_version, form.state_label) == (0, "7", "Udkast")
    assert [a.id for a in form.actions] == ["skriv", "indsend", "kasser", "vis"]
    assert form.editable and not form.locked and not form.cpr_looked_up
    assert len(form.id) >= 22  # 128 random bits


def test_the_group_is_the_users_only_one_or_must_be_given(trays: Trays) -> None:
    form = trays.create(SKRIBENT, "sag")
    assert isinstance(form, StoredForm) and form.row.group == "g1"
    two = Actor.of("to", {"g1": ["skribent"], "g2": ["skribent"]})
    assert trays.create(two, "sag") == NotFound("group")  # the test form's saving action has no group guard
    assert trays.creatable_groups(two, "sag") == ("g1", "g2")
    assert trays.creatable_groups(GODKENDER, "sag") == ()
    assert trays.create(two, "sag", "g3") == NotFound("group")
    assert trays.create(SKRIBENT, "nothing") == NotFound("form_type")


def test_creating_needs_the_role_of_the_saving_action(trays: Trays) -> None:
    assert trays.create(GODKENDER, "sag", "g1") == Refusal("no_role", "mangler Skribent til Skriv", "skriv")


def test_a_payload_that_cannot_be_stored(trays: Trays) -> None:
    assert trays.create(SKRIBENT, "sag", "g1", ["a list"]) == Refusal("not_object", "not_object array")
    big = {"beskrivelse": "x" * 5000}
    assert trays.create(SKRIBENT, "sag", "g1", big) == Refusal("too_large", "too_large 4.000 5.018")


# -- saving (W02) ------------------------------------------------------------------------------------------------
def test_a_draft_is_saved_errors_and_all(trays: Trays, store: Store) -> None:
    form = made(trays)
    saved = done(trays.save(SKRIBENT, form.id, {"borger": "1203551009", "ukendt": 1}, form.revision))
    assert saved.revision == 2
    assert saved.payload == {"borger": "1203551009", "ukendt": 1}  # as typed
    assert (saved.row.cpr, saved.row.errors) == ("120355-1009", 2)  # the number as stored; titel, ukendt
    assert (saved.row.changed_by, saved.row.changed_at) == ("skribent", T0 + MINUTE)
    assert store.get_form(form.id) == saved.row


def test_a_save_on_an_old_revision_is_refused_and_loses_nothing(trays: Trays) -> None:
    form = made(trays)
    first = done(trays.save(SKRIBENT, form.id, {"titel": "Første"}, form.revision))
    assert trays.save(SKRIBENT, form.id, {"titel": "Anden"}, form.revision) == Refusal(
        "stale", "forældet", "skriv"
    )
    again = trays.open(SKRIBENT, form.id)
    assert isinstance(again, StoredForm) and again.row == first.row


def test_a_form_in_a_tray_that_is_not_editable_cannot_be_saved(trays: Trays) -> None:
    form = approved(trays)
    assert trays.save(CHEF, form.id, {"titel": "Nyt"}, form.revision) == Refusal(
        "not_editable", "låst bakke Godkendt"
    )
    assert not form.editable


# -- actions (W01, W03–W11 in the test form's words) ---------------------------------------------------------------
def test_an_action_that_validates_refuses_with_every_error(trays: Trays) -> None:
    form = made(trays, {"borger": "320355-1009"})
    refused = trays.perform(SKRIBENT, form.id, "indsend", form.revision)
    assert isinstance(refused, Refusal)
    assert (refused.code, refused.message) == ("has_errors", "sagen har 2 fejl")
    assert [e.field for e in refused.errors] == ["titel", "borger"]
    assert trays.open(SKRIBENT, form.id) == trays.open(SKRIBENT, form.id)  # nothing changed


def test_the_approval_from_draft_to_approved(trays: Trays, store: Store) -> None:
    form = made(trays, GOOD)
    sent = done(trays.perform(SKRIBENT, form.id, "indsend", form.revision))
    assert (sent.row.state, sent.editable, [a.id for a in sent.actions]) == (
        "til_godkendelse",
        False,
        ["vis"],
    )
    assert trays.perform(SKRIBENT, form.id, "godkend", sent.revision) == Refusal(
        "no_role", "mangler Godkender til Godkend", "godkend"
    )
    half = done(trays.perform(GODKENDER, form.id, "godkend", sent.revision))
    assert trays.perform(CHEF, form.id, "godkend_endeligt", half.revision) == Refusal(
        "confirm", "Er sagen færdig?", "godkend_endeligt"
    )
    final = trays.perform(CHEF, form.id, "godkend_endeligt", half.revision, confirmed=True)
    assert isinstance(final, Done) and final.form is not None
    assert (final.transition.exported, final.form.row.state, final.form.row.version) == (True, "godkendt", 1)
    assert final.form.locked == {"titel", "borger"}
    assert final.form.row.locked == {"titel": "Tag", "borger": "120355-1009"}
    (version,) = store.form_versions(form.id)
    assert (version.version, version.state, version.action, version.payload) == (
        1,
        "godkendt",
        "godkend_endeligt",
        GOOD,
    )
    assert trays.versions(SKRIBENT, form.id) == (version,)


def test_a_new_version_keeps_the_one_before_as_it_was(trays: Trays, store: Store) -> None:
    form = approved(trays)
    admin_chef = Actor.of("ac", {"g1": ["chef", "godkender", "skribent"]}, administrator=True)
    form = done(trays.perform(admin_chef, form.id, "genaabn", form.revision))
    form = done(trays.save(admin_chef, form.id, {**GOOD, "beskrivelse": "tæt"}, form.revision))
    form = done(trays.perform(admin_chef, form.id, "indsend", form.revision))
    form = done(trays.perform(admin_chef, form.id, "godkend", form.revision))
    form = done(trays.perform(admin_chef, form.id, "godkend_endeligt", form.revision, confirmed=True))
    assert form.row.version == 2
    assert [(v.version, v.payload["beskrivelse"]) for v in store.form_versions(form.id)] == [
        (1, "utæt"),
        (2, "tæt"),
    ]


def test_a_guard_that_refuses(trays: Trays) -> None:
    form = approved(trays)
    assert trays.perform(CHEF, form.id, "genaabn", form.revision) == Refusal(
        "guard", "Kun en administrator, der også er godkender, kan genåbne en sag.", "genaabn"
    )
    secret = made(trays, {"titel": "X", "beskrivelse": "hemmelig"})
    (send,) = [a for a in secret.actions if a.id == "indsend"]
    assert (send.allowed, send.reason) == (False, "En hemmelig sag kan ikke indsendes.")


def test_locked_fields_keep_their_values(trays: Trays) -> None:
    form = approved(trays)
    admin_chef = Actor.of("ac", {"g1": ["chef", "godkender", "skribent"]}, administrator=True)
    form = done(trays.perform(admin_chef, form.id, "genaabn", form.revision))
    assert form.editable and form.locked == {"titel", "borger"}
    assert trays.save(admin_chef, form.id, {**GOOD, "titel": "Andet"}, form.revision) == Refusal(
        "locked", "Titel (titel) låst af Godkend endeligt"
    )
    assert trays.save(admin_chef, form.id, {**GOOD, "borger": "150772-2004"}, form.revision) == Refusal(
        "locked", "Borgerens CPR-nr. (borger) låst af Godkend endeligt"
    )
    # Left out, or written without the hyphen, a locked field keeps its value.
    kept = done(trays.save(admin_chef, form.id, {"borger": "1203551009", "beskrivelse": "ny"}, form.revision))
    assert kept.payload == {"borger": "1203551009", "beskrivelse": "ny", "titel": "Tag"}


def test_deleting_a_draft_and_not_an_approved_form(trays: Trays, store: Store) -> None:
    form = made(trays, GOOD)
    gone = trays.perform(SKRIBENT, form.id, "kasser", form.revision)
    assert isinstance(gone, Done) and gone.form is None and gone.transition.deletes
    assert trays.open(SKRIBENT, form.id) == NotFound()
    assert store.get_form(form.id) is None
    audit = trays.audit(ADMIN, form.id)
    assert isinstance(audit, tuple) and [(e.event, e.action) for e in audit] == [
        ("create", "skriv"),
        ("action", "kasser"),
    ]


def test_an_action_that_produces_changes_nothing(trays: Trays, store: Store) -> None:
    form = made(trays, {"beskrivelse": "x"})
    shown = trays.perform(SKRIBENT, form.id, "vis", form.revision)
    assert isinstance(shown, Done) and shown.form is not None
    assert shown.transition.produces == "validation"
    assert shown.transition.judged is not None and [e.field for e in shown.transition.judged.errors] == [
        "titel"
    ]
    assert (
        shown.form.row == store.get_form(form.id) == form.row
    )  # same revision: nothing written but the audit


def test_only_the_saving_action_takes_a_payload(trays: Trays) -> None:
    form = made(trays, GOOD)
    with pytest.raises(ValueError, match="only the action that saves takes a payload, not 'indsend'"):
        trays.perform(SKRIBENT, form.id, "indsend", form.revision, payload={})


def test_a_member_without_roles_sees_the_form_and_may_do_nothing(trays: Trays) -> None:
    form = made(trays, GOOD)
    seen = trays.open(LAESER, form.id)
    assert isinstance(seen, StoredForm) and seen.actions == () and not seen.editable
    assert trays.save(LAESER, form.id, {}, form.revision) == Refusal(
        "no_role", "mangler Skribent til Skriv", "skriv"
    )


# -- the CPR look-up (F03, W06) -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def register() -> DemoCprRegister:
    return DemoCprRegister.load()


def test_a_look_up_is_kept_on_the_form_for_the_number_it_holds(
    trays: Trays, store: Store, register: DemoCprRegister
) -> None:
    form = made(trays, {"titel": "T", "borger": "120355-1009"})
    looked = trays.look_up_cpr(SKRIBENT, form.id, "1203551009", register)
    assert isinstance(looked, LookedUp) and looked.outcome == "found"
    assert looked.form.cpr_looked_up and looked.form.revision == 2
    lookup = looked.form.lookup
    assert lookup is not None and (lookup.cpr, lookup.outcome, lookup.by) == (
        "120355-1009",
        "found",
        "skribent",
    )
    assert lookup.person is not None and lookup.person["name"] == "Jens Erik Fiktivsen"
    assert store.cpr_accesses()[0] == CprAccess(
        store.cpr_accesses()[0].at, "120355-1009", "found", "skribent", "10.0.0.1"
    )
    # Another number in the form: the look-up was not made for it.
    changed = done(
        trays.save(SKRIBENT, form.id, {"titel": "T", "borger": "150772-2004"}, looked.form.revision)
    )
    assert not changed.cpr_looked_up
    unknown = trays.look_up_cpr(SKRIBENT, form.id, "150772-2004", None)
    assert isinstance(unknown, LookedUp) and unknown.outcome == "cpr_not_configured"
    assert unknown.form.row == changed.row  # no answer about the number: nothing kept on the form
    assert [a.outcome for a in store.cpr_accesses()] == ["cpr_not_configured", "found"]


class _Down:
    def lookup(self, cpr: str) -> Unavailable:
        return Unavailable("timeout", "the register did not answer")


def test_a_register_that_does_not_answer_keeps_the_look_up_made_before(
    trays: Trays, register: DemoCprRegister
) -> None:
    form = made(trays, {"borger": "120355-1009"})
    looked = trays.look_up_cpr(SKRIBENT, form.id, "120355-1009", register)
    assert isinstance(looked, LookedUp)
    down = trays.look_up_cpr(SKRIBENT, form.id, "120355-1009", _Down())
    assert isinstance(down, LookedUp) and down.outcome == "cpr_unavailable"
    assert down.form.cpr_looked_up and down.form.revision == looked.form.revision


def test_a_substitute_number_is_an_answer_kept_on_the_form(trays: Trays, register: DemoCprRegister) -> None:
    form = made(trays, {"borger": "020329-1WQ3"})
    looked = trays.look_up_cpr(SKRIBENT, form.id, "020329-1wq3", register)
    assert isinstance(looked, LookedUp) and looked.outcome == "cpr_substitute"
    assert looked.form.lookup is not None and looked.form.lookup.cpr == "020329-1WQ3"
    assert not looked.form.cpr_looked_up


def test_a_look_up_needs_what_saving_needs_and_an_unlocked_number(
    trays: Trays, register: DemoCprRegister
) -> None:
    form = made(trays, GOOD)
    assert trays.look_up_cpr(GODKENDER, form.id, "120355-1009", register) == Refusal(
        "no_role", "mangler Skribent til Skriv", "skriv"
    )
    final = approved(trays)
    assert trays.look_up_cpr(SKRIBENT, final.id, "120355-1009", register) == Refusal(
        "not_editable", "låst bakke Godkendt"
    )
    admin_chef = Actor.of("ac", {"g1": ["chef", "godkender", "skribent"]}, administrator=True)
    again = done(trays.perform(admin_chef, final.id, "genaabn", final.revision))
    assert trays.look_up_cpr(admin_chef, again.id, "120355-1009", register) == Refusal(
        "locked", "Borgerens CPR-nr. (borger) låst af Godkend endeligt"
    )


# -- administrators (F02) -------------------------------------------------------------------------------------------
def test_only_an_administrator_moves_a_form(trays: Trays) -> None:
    form = made(trays, GOOD)
    assert trays.move(SKRIBENT, form.id, "g2", form.revision) == Refusal("admin_only", "kun admin")
    moved = trays.move(ADMIN, form.id, "g2", form.revision)
    assert isinstance(moved, StoredForm) and moved.row.group == "g2" and moved.revision == 2
    assert trays.open(SKRIBENT, form.id) == NotFound()
    assert trays.move(ADMIN, form.id, "g1", form.revision) == Refusal("stale", "forældet")


def test_the_audit_of_a_form(trays: Trays) -> None:
    form = made(trays, {"titel": "Tag", "borger": "120355-1009"})
    trays.open(GODKENDER, form.id)
    done(trays.save(SKRIBENT, form.id, {"titel": "Loft", "borger": "150772-2004"}, form.revision))
    assert trays.audit(SKRIBENT, form.id) == Refusal("admin_only", "kun admin")
    assert trays.audit(ADMIN, "nothing") == NotFound()
    entries = trays.audit(ADMIN, form.id)
    assert isinstance(entries, tuple)
    assert [(e.event, e.action, e.user, e.client) for e in entries] == [
        ("create", "skriv", "skribent", "10.0.0.1"),
        ("open", None, "godkender", None),
        ("action", "skriv", "skribent", "10.0.0.1"),
    ]
    assert entries[0].details == {
        "group": "g1",
        "form_type": "sag",
        "state": "udkast",
        "changes": [{"field": "titel", "old": None, "new": "Tag"}, {"field": "borger", "withheld": True}],
    }
    assert entries[2].details == {
        "from": "udkast",
        "to": "udkast",
        "version": 0,
        "changes": [{"field": "titel", "old": "Tag", "new": "Loft"}, {"field": "borger", "withheld": True}],
    }
    assert "120355" not in repr(entries) and "150772" not in repr(entries)
    assert entries[1].at == T0 + MINUTE and entries[2].at == T0 + 2 * MINUTE


def test_a_form_of_a_form_type_the_server_no_longer_serves(trays: Trays, store: Store) -> None:
    form = made(trays, GOOD)
    store.insert_forms([replace(form.row, id="andet", form_type="andet")])
    assert trays.open(SKRIBENT, "andet") == NotFound("form_type")
