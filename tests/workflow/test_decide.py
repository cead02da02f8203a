"""The workflow's decisions on the two-step approval of tests/fixtures/specs/godkendelse.yaml: no tray,
action, role or text of it is known to the engine's Python."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from engine.form import CompiledForm, Result, validate
from engine.workflow import CompiledWorkflow, Facts, Refusal, Transition, actions_for, decide

OK = {"titel": "Tag", "beskrivelse": "utæt"}


def judged(
    form: CompiledForm, payload: dict[str, object], calls: list[int] | None = None
) -> Callable[[], Result]:
    def judge() -> Result:
        if calls is not None:
            calls.append(1)
        return validate(form, payload)

    return judge


def test_the_buttons_follow_the_tray_and_the_roles(sag: CompiledForm, workflow: CompiledWorkflow) -> None:
    judge = judged(sag, OK)
    views = actions_for(workflow, Facts("udkast", payload=OK), {"skribent"}, judge)
    assert [(v.id, v.label, v.allowed, v.confirm, v.to) for v in views] == [
        ("skriv", "Skriv", True, "", "udkast"),
        ("indsend", "Indsend", True, "", "til_godkendelse"),
        ("kasser", "Kassér", True, "", "deleted"),
        ("vis", "Vis fejl", True, "", None),
    ]
    assert [v.saves for v in views] == [True, False, False, False]
    assert [v.produces for v in views] == [None, None, None, "validation"]
    assert actions_for(workflow, Facts("udkast", payload=OK), {"godkender", "chef"}, judge) == ()
    assert [v.id for v in actions_for(workflow, Facts("til_godkendelse"), {"godkender"}, judge)] == [
        "godkend",
        "afvis",
    ]
    (final,) = actions_for(workflow, Facts("halvt_godkendt"), {"chef"}, judge)
    assert (final.label, final.confirm) == ("Godkend endeligt", "Er sagen færdig?")


def test_a_button_whose_guard_refuses_says_why(sag: CompiledForm, workflow: CompiledWorkflow) -> None:
    secret = {"titel": "X", "beskrivelse": "hemmelig"}
    views = actions_for(workflow, Facts("udkast", payload=secret), {"skribent"}, judged(sag, secret))
    send = next(v for v in views if v.id == "indsend")
    assert (send.allowed, send.reason) == (False, "En hemmelig sag kan ikke indsendes.")


def test_offering_buttons_never_judges_the_payload(sag: CompiledForm, workflow: CompiledWorkflow) -> None:
    calls: list[int] = []
    actions_for(workflow, Facts("udkast", payload=OK), {"skribent"}, judged(sag, OK, calls))
    assert calls == []
    decide(workflow, "indsend", Facts("udkast", payload=OK), {"skribent"}, judged(sag, OK, calls))
    assert calls == [1]


@pytest.mark.parametrize(
    ("action", "state", "roles", "payload", "code", "message"),
    [
        ("flyv", "udkast", {"skribent"}, OK, "unknown_action", "ukendt flyv"),
        ("indsend", "godkendt", {"skribent"}, OK, "not_in_state", "ikke i Godkendt: Indsend"),
        (
            "godkend_endeligt",
            "halvt_godkendt",
            {"godkender"},
            OK,
            "no_role",
            "mangler Chef til Godkend endeligt",
        ),
        (
            "indsend",
            "udkast",
            {"skribent"},
            {"beskrivelse": "hemmelig"},
            "guard",
            "En hemmelig sag kan ikke indsendes.",
        ),
        ("godkend_endeligt", "halvt_godkendt", {"chef"}, OK, "confirm", "Er sagen færdig?"),
        (
            "genaabn",
            "godkendt",
            {"chef", "godkender"},
            OK,
            "guard",
            "Kun en administrator, der også er godkender, kan genåbne en sag.",
        ),
    ],
)
def test_refusals_say_why_in_the_specs_words(
    sag: CompiledForm,
    workflow: CompiledWorkflow,
    action: str,
    state: str,
    roles: set[str],
    payload: dict[str, object],
    code: str,
    message: str,
) -> None:
    refused = decide(workflow, action, Facts(state, payload=payload), roles, judged(sag, payload))
    assert refused == Refusal(code, message, action)


def test_the_tray_is_judged_before_the_role_and_the_role_before_the_guard(
    sag: CompiledForm, workflow: CompiledWorkflow
) -> None:
    secret = {"beskrivelse": "hemmelig"}
    facts = Facts("godkendt", payload=secret)
    assert decide(workflow, "indsend", facts, set(), judged(sag, secret)) == Refusal(
        "not_in_state", "ikke i Godkendt: Indsend", "indsend"
    )
    facts = Facts("udkast", payload=secret)
    assert decide(workflow, "indsend", facts, set(), judged(sag, secret)) == Refusal(
        "no_role", "mangler Skribent til Indsend", "indsend"
    )


def test_an_action_that_validates_lists_every_error(sag: CompiledForm, workflow: CompiledWorkflow) -> None:
    payload = {"borger": "320355-1009", "beskrivelse": "utæt"}
    refused = decide(
        workflow, "indsend", Facts("udkast", payload=payload), {"skribent"}, judged(sag, payload)
    )
    assert isinstance(refused, Refusal)
    assert (refused.code, refused.message) == ("has_errors", "sagen har 2 fejl")  # the action's own text
    assert [(e.field, e.message) for e in refused.errors] == [
        ("titel", "required Titel"),
        ("borger", "cpr_date 320355-1009"),
    ]


def test_a_transition_says_what_to_store(sag: CompiledForm, workflow: CompiledWorkflow) -> None:
    facts = Facts("halvt_godkendt", version=0, payload=OK)
    done = decide(workflow, "godkend_endeligt", facts, {"chef"}, judged(sag, OK), confirmed=True)
    assert done == Transition(
        action="godkend_endeligt",
        label="Godkend endeligt",
        from_state="halvt_godkendt",
        to_state="godkendt",
        deletes=False,
        saves=False,
        counts_version=True,
        locks=("titel", "borger"),
        produces=None,
        exported=True,
        judged=None,
    )
    assert done.moves


def test_a_transition_that_validates_carries_the_judgement(
    sag: CompiledForm, workflow: CompiledWorkflow
) -> None:
    done = decide(workflow, "indsend", Facts("udkast", payload=OK), {"skribent"}, judged(sag, OK))
    assert isinstance(done, Transition)
    assert (done.to_state, done.exported, done.counts_version) == ("til_godkendelse", False, False)
    assert done.judged is not None and done.judged.valid


def test_an_action_that_produces_stays_and_gives_the_judgement(
    sag: CompiledForm, workflow: CompiledWorkflow
) -> None:
    payload = {"beskrivelse": "utæt"}
    done = decide(workflow, "vis", Facts("godkendt", payload=payload), {"skribent"}, judged(sag, payload))
    assert isinstance(done, Transition)
    assert (done.to_state, done.moves, done.produces, done.exported) == (None, False, "validation", False)
    assert done.judged is not None and [e.field for e in done.judged.errors] == ["titel"]


def test_deleting_and_the_version_guard(sag: CompiledForm, workflow: CompiledWorkflow) -> None:
    done = decide(workflow, "kasser", Facts("udkast", version=0), {"skribent"}, judged(sag, {}))
    assert isinstance(done, Transition)
    assert (done.deletes, done.to_state, done.moves) == (True, None, False)
    refused = decide(workflow, "kasser", Facts("udkast", version=1), {"skribent"}, judged(sag, {}))
    assert refused == Refusal("guard", "En godkendt sag kan ikke kasseres.", "kasser")


def test_a_guard_reads_the_administrator_flag_and_the_roles(
    sag: CompiledForm, workflow: CompiledWorkflow
) -> None:
    admin = Facts("godkendt", version=1, administrator=True)
    done = decide(workflow, "genaabn", admin, {"chef", "godkender"}, judged(sag, {}))
    assert isinstance(done, Transition) and done.to_state == "udkast"
    assert isinstance(decide(workflow, "genaabn", admin, {"chef"}, judged(sag, {})), Refusal)


def test_a_form_in_a_tray_the_spec_no_longer_has(sag: CompiledForm, workflow: CompiledWorkflow) -> None:
    """A form stored before its tray was removed from the spec: nothing is offered, refusals name the id."""
    facts = Facts("arkiv")
    assert actions_for(workflow, facts, {"skribent", "godkender", "chef"}, judged(sag, {})) == ()
    assert decide(workflow, "skriv", facts, {"skribent"}, judged(sag, {})) == Refusal(
        "not_in_state", "ikke i arkiv: Skriv", "skriv"
    )
