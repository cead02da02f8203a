"""The workflow's lint (engine/form/workflow_checks.py): each problem word for word, with its line and column.

The small spec of tests/workflow/conftest.py has its fields on lines 16–17, so ``workflow:`` starts on line
18 of every spec below.
"""

from __future__ import annotations

from pathlib import Path

from tests.workflow.conftest import lint

MESSAGES = """\
  messages:
    unknown_action: "ukendt {action}"
    not_in_state: "ikke i {state}"
    no_role: "mangler {role}"
    not_editable: "låst {state}"
    stale: "forældet"
    admin_only: "kun admin"
    locked: "låst {label}"
"""


def workflow(actions: str, states: str = "", extra: str = "", messages: str = MESSAGES) -> str:
    """A workflow with the trays ny (editable) and klar, the role r, and ``actions``."""
    return (
        "workflow:\n"
        "  roles: [{id: r, label: R}]\n"
        "  states:\n"
        "    - {id: ny, label: Ny, editable: true}\n"
        "    - {id: klar, label: Klar, editable: false}\n"
        + states
        + "  initial: ny\n"
        + extra
        + messages
        + "  actions:\n"
        + "    - {id: gem, label: Gem, from: [ny], to: ny, role: r, saves: true}\n"
        + "    - {id: klar, label: Klar, from: [ny], to: klar, role: r}\n"
        + actions
    )


def test_a_clean_workflow_has_no_problems(tmp_path: Path) -> None:
    assert lint(tmp_path, workflow("")) == []


def test_unknown_states_roles_and_fields(tmp_path: Path) -> None:
    body = workflow(
        "    - {id: x, label: X, from: [ny, udbakke], to: kladde, role: rr, locks: [c]}\n",
        extra="  list_fields: [a, bb]\n",
    ).replace("initial: ny", "initial: nyy")
    assert lint(tmp_path, body) == [
        '23:12: unknown tray state "nyy" — did you mean "ny"?',
        '24:20: "bb" is not a field of this form — did you mean "b"?',
        '36:36: unknown tray state "udbakke" — known states: klar, ny',
        '36:50: unknown tray state "kladde" — did you mean "klar"?',
        '36:64: unknown role "rr" — did you mean "r"?',
        '36:68: the action "x" locks fields, but from "kladde" the form never comes back to an editable state — '
        "remove locks:, or let an action lead the form back to an editable state",
        '36:76: "c" is not a field of this form — known fields: a, b',
    ]


def test_a_guard_reads_only_the_facts_the_engine_gives(tmp_path: Path) -> None:
    body = workflow(
        "    - id: x\n"
        "      label: X\n"
        "      from: [klar]\n"
        "      role: r\n"
        "      guard: {and: [{var: gruppe}, {var: form.c}, {var: form.a}, {var: cpr_looked_up}]}\n"
        "      guard_message: Nej.\n"
    )
    assert lint(tmp_path, body) == [
        '39:27: the guard reads "gruppe", which the workflow does not provide — known names: administrator, '
        "cpr_looked_up, cpr_lookup, form, has_errors, has_group, has_warnings, roles, …",
        '39:42: "c" is not a field of this form — known fields: a, b',
    ]


def test_a_guard_needs_its_text_compiles_and_uses_no_definition(tmp_path: Path) -> None:
    body = workflow(
        "    - id: x\n"
        "      label: X\n"
        "      from: [klar]\n"
        "      role: r\n"
        "      guard: {and: [{use: d}, {sum: [1]}]}\n"
    )
    assert lint(tmp_path, body) == [
        '39:7: the action "x" has a guard but no guard_message — add guard_message: the Danish text a user sees '
        "when the guard refuses the action",
        "39:7: a guard cannot use a definition: definitions read the payload's fields by name, a guard reads "
        'the form\'s facts — write the condition out, reading a field as {"var": "form.FIELD"}',
        '39:27: unknown definition "d" — define the definition first',
        '39:32: unknown operator "sum" — known operators: var, missing, missing_some, if, ?:, and, or, map, '
        "reduce, filter, ... (44 in all)",
    ]


def test_a_state_no_action_leads_to(tmp_path: Path) -> None:
    body = workflow("", states="    - {id: arkiv, label: Arkiv, editable: false}\n")
    assert lint(tmp_path, body) == [
        '23:12: tray state "arkiv" cannot be reached: no action leads there from the initial state "ny" — '
        "add an action with to: arkiv, or remove the state",
    ]


def test_saving_only_where_editable_and_once_per_state(tmp_path: Path) -> None:
    body = workflow(
        "    - {id: gem2, label: Gem igen, from: [ny, klar], role: r, saves: true}\n",
        states="    - {id: rettes, label: Rettes, editable: true}\n",
    )
    assert lint(tmp_path, body) == [
        '23:12: tray state "rettes" cannot be reached: no action leads there from the initial state "ny" — '
        "add an action with to: rettes, or remove the state",
        '23:45: the state "rettes" is editable, but no action saves there, so its forms cannot be changed — '
        'add saves: true to the action that stores the form in "rettes", or make the state editable: false',
        '36:42: the actions "gem" and "gem2" both save in the state "ny" — let one action save per state',
        '36:46: the action "gem2" saves, but the state "klar" is not editable — make the state editable: true, '
        'or remove "klar" from the action\'s from:',
    ]


def test_a_new_form_must_be_editable(tmp_path: Path) -> None:
    body = workflow("").replace("initial: ny", "initial: klar")
    assert lint(tmp_path, body)[-1] == (
        '23:12: the initial state "klar" is not editable, so a new form could never be saved — make it '
        "editable: true, and let an action that saves be offered there"
    )


def test_an_action_that_produces_stays_and_a_lock_has_an_effect(tmp_path: Path) -> None:
    body = workflow(
        "    - {id: pdf, label: Pdf, from: [ny], role: r, produces: pdf, to: klar}\n"
        "    - {id: laas, label: Lås, from: [ny], role: r, to: klar, locks: [b]}\n"
        "    - {id: ok, label: Ok, from: [klar], to: ny, role: r}\n"
    )
    assert lint(tmp_path, body) == [
        '35:65: the action "pdf" produces something and stays where it is, so it cannot have "to:" — '
        'remove "to:", or make it a separate action',
    ]
    closed = body.replace("    - {id: ok, label: Ok, from: [klar], to: ny, role: r}\n", "")
    assert lint(tmp_path, closed)[1:] == [
        '36:61: the action "laas" locks fields, but from "klar" the form never comes back to an editable state — '
        "remove locks:, or let an action lead the form back to an editable state",
    ]


def test_the_workflow_texts(tmp_path: Path) -> None:
    body = workflow(
        "    - {id: send, label: Send, from: [ny], to: klar, role: r, validates: true,\n"
        '       messages: {has_errors: "{count} fejl i {field}"}}\n',
        messages="  messages:\n"
        '    unknown_action: "ukendt {action} {state}"\n'
        '    no_role: "mangler {role}"\n'
        '    not_editable: "låst {state"\n'
        '    stale: "forældet"\n',
    )
    assert lint(tmp_path, body) == [
        '18:1: no text for the workflow\'s refusal "admin_only" — add "admin_only:" under workflow.messages: '
        "(placeholders: none)",
        '18:1: no text for the workflow\'s refusal "has_errors", which an action that validates gives — add '
        '"has_errors:" under workflow.messages: (placeholders: {action}, {count})',
        '18:1: no text for the workflow\'s refusal "not_in_state" — add "not_in_state:" under workflow.messages: '
        "(placeholders: {action}, {state})",
        '25:21: the message uses "{state}", which is not known here — use one of: action, or the name of a '
        "constant under constants:",
        '27:19: the message uses "{{}", which is not known here — use one of: state, or the name of a constant '
        "under constants:",
        '33:31: the message uses "{field}", which is not known here — use one of: action, count, or the name of '
        "a constant under constants:",
    ]


def test_an_action_must_name_its_role(tmp_path: Path) -> None:
    body = workflow("    - {id: x, label: X, from: [klar]}\n")
    assert lint(tmp_path, body) == ['35:7: action "x" lacks the required key "role" — add "role:"']
