"""Step definitions of the Danish scenarios in features/: build a payload, judge it, check the result.

A scenario starts from a valid filled-in form (``skemaer.py``), changes the fields it is about, judges the
payload — with the engine in this process, or through ``indberet validate -`` when it says so — and checks
the result as the CLI prints it (``valid``, ``errors``, ``warnings``, ``derived``, ``open``, ``required``,
``normalized``). Messages are compared word for word, with the field and the manual's rule id.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from engine.form import CompiledForm, load_form, validate
from tests.acceptance.regler import ALL_TAGS
from tests.acceptance.skemaer import ROOT, Payload, base
from tests.cli import run_indberet

Result = dict[str, Any]

EXAMPLES = ROOT / "examples"

# Field names in a step: "a", "b" og "c"
FELTER = r'(?P<felter>"[^"]+"(?:(?:, | og )"[^"]+")*)'


def pytest_configure(config: pytest.Config) -> None:
    for tag, about in ALL_TAGS.items():
        config.addinivalue_line("markers", f"{tag}: {about}")


@pytest.fixture(scope="session")
def form() -> CompiledForm:
    """The shipped cancer form, loaded once for the whole session."""
    return load_form()


@dataclass
class Skema:
    """One scenario's form: the payload it builds, and what judging it gave."""

    payload: Payload = field(default_factory=dict)
    raw: str | None = None  # an input line sent as it is, instead of the payload (command line only)
    via_cli: bool = False
    result: Result | None = None
    status: int | None = None
    stderr: str = ""
    cleared: tuple[str, ...] | None = None

    def judged(self) -> Result:
        assert self.result is not None, "the scenario must say »Når skemaet valideres« first"
        return self.result


@pytest.fixture
def skema() -> Skema:
    return Skema()


def _names(felter: str) -> list[str]:
    return re.findall(r'"([^"]+)"', felter)


def _show(result: Result) -> str:
    """The findings of a result, one a line, for assertion messages."""
    lines = [
        f"  {kind[:-1]}: {f['field']!r} ({f['manual']}) {f['message']}"
        for kind in ("errors", "warnings")
        for f in result[kind]
    ]
    return "\n".join(lines) or "  (no errors, no warnings)"


def _value(form: CompiledForm, felt: str, vaerdi: str) -> Any:
    """A value as a step writes it: a list field takes codes separated by commas."""
    if felt in form.field_ids and form.plan(felt).field.type == "codes" and vaerdi:
        return [code.strip() for code in vaerdi.split(",") if code.strip()]
    return vaerdi


# -- Givet: the form ---------------------------------------------------------------------------------------
@given(parsers.parse("et udfyldt skema for {navn}"))
def udfyldt_skema(skema: Skema, navn: str) -> None:
    skema.payload = base(navn)


@given(parsers.re(r'eksemplet "(?P<navn>[^"]+\.json)"'))
def eksemplet(skema: Skema, navn: str) -> None:
    """A shipped example of examples/, as hospital systems and the README use it."""
    skema.payload = json.loads((EXAMPLES / navn).read_text(encoding="utf-8"))


@given(parsers.re(r'linje (?P<nummer>\d+) af eksemplet "(?P<navn>[^"]+\.jsonl)"'))
def linje_af_eksemplet(skema: Skema, nummer: str, navn: str) -> None:
    lines = (EXAMPLES / navn).read_text(encoding="utf-8").splitlines()
    skema.payload = json.loads(lines[int(nummer) - 1])


@given("et tomt skema")
def tomt_skema(skema: Skema) -> None:
    skema.payload = {}


@given("at skemaet valideres via kommandolinjen")
def via_kommandolinjen(skema: Skema) -> None:
    skema.via_cli = True


@given(parsers.re(r'feltet "(?P<felt>[^"]+)" er "(?P<vaerdi>[^"]*)"'))
def felt_er(skema: Skema, form: CompiledForm, felt: str, vaerdi: str) -> None:
    skema.payload[felt] = _value(form, felt, vaerdi)


@given(parsers.re(r'feltet "(?P<felt>[^"]+)" er tomt'))
def felt_er_tomt(skema: Skema, felt: str) -> None:
    skema.payload.pop(felt, None)


@given(parsers.re("felterne " + FELTER + " er tomme"))
def felter_er_tomme(skema: Skema, felter: str) -> None:
    for felt in _names(felter):
        skema.payload.pop(felt, None)


@given(parsers.re(r'feltet "(?P<felt>[^"]+)" har JSON-værdien (?P<tekst>.+)'))
def felt_har_json(skema: Skema, felt: str, tekst: str) -> None:
    skema.payload[felt] = json.loads(tekst)


@given("behandlingerne:")
def behandlingerne(skema: Skema, datatable: list[list[str]]) -> None:
    """A table with the columns kode and startdato; an empty cell leaves the key out."""
    header, *rows = datatable
    skema.payload["behandlinger"] = [
        {key: cell for key, cell in zip(header, row, strict=True) if cell} for row in rows
    ]


@given("ingen behandlinger")
def ingen_behandlinger(skema: Skema) -> None:
    skema.payload.pop("behandlinger", None)


@given("inputlinjen:")
def inputlinjen(skema: Skema, docstring: str) -> None:
    skema.raw = docstring


# -- Når ---------------------------------------------------------------------------------------------------
@when("skemaet valideres")
def skemaet_valideres(skema: Skema, form: CompiledForm) -> None:
    if not skema.via_cli:
        assert skema.raw is None, "an input line can only be sent through the command line"
        skema.result = validate(form, skema.payload).as_json()
        return
    line = skema.raw if skema.raw is not None else json.dumps(skema.payload, ensure_ascii=False)
    done = run_indberet("validate", "-", stdin=line + "\n")
    out = done.stdout.decode("utf-8").splitlines()
    skema.stderr = done.stderr.decode("utf-8", "replace")
    assert len(out) == 1, f"one result line expected, got {out!r}; stderr: {skema.stderr}"
    assert "Traceback" not in skema.stderr, skema.stderr
    skema.result = json.loads(out[0])
    skema.status = done.returncode


@when(parsers.re(r'dato for første kontakt ændres til "(?P<dato>[^"]+)"'))
@given(parsers.re(r'dato for første kontakt er ændret til "(?P<dato>[^"]+)"'))
def dato_aendres(skema: Skema, form: CompiledForm, dato: str) -> None:
    """What the form does on a change of the date (F08): the fields it names are cleared."""
    skema.cleared = form.clears("dato_foerste_kontakt")
    for felt in skema.cleared:
        skema.payload.pop(felt, None)
    skema.payload["dato_foerste_kontakt"] = dato


@when(parsers.re(r'dato for første kontakt ændres til "(?P<dato>[^"]+)" uden at de øvrige felter ryddes'))
def dato_aendres_uden_rydning(skema: Skema, dato: str) -> None:
    """A system that posts the old values with a new date: nothing clears them for it."""
    skema.payload["dato_foerste_kontakt"] = dato


# -- Så: the verdict ---------------------------------------------------------------------------------------
# Each check reads both as »Så har feltet …« and as »Og feltet … har …« (Danish word order after Så).
@then(parsers.re(r"(?:er skemaet|skemaet er) gyldigt"))
def er_gyldigt(skema: Skema) -> None:
    result = skema.judged()
    assert result["valid"] is True and not result["errors"], "expected valid:\n" + _show(result)


@then(parsers.re(r"(?:er skemaet|skemaet er) ugyldigt"))
def er_ugyldigt(skema: Skema) -> None:
    result = skema.judged()
    assert result["valid"] is False and result["errors"], "expected errors:\n" + _show(result)


@then(parsers.re(r"(?:har skemaet|skemaet har) ingen advarsler"))
def ingen_advarsler(skema: Skema) -> None:
    result = skema.judged()
    assert not result["warnings"], "expected no warnings:\n" + _show(result)


_FUND = r'(?P<slags>fejlen|advarslen) "(?P<besked>.+)"(?: \((?P<manual>[A-Z]\d\d)\))?'


@then(parsers.re(r'har feltet "(?P<felt>[^"]*)" ' + _FUND))
@then(parsers.re(r'feltet "(?P<felt>[^"]*)" har ' + _FUND))
def har_fundet(skema: Skema, felt: str, slags: str, besked: str, manual: str | None) -> None:
    """The field has this finding, word for word, from this rule of the manual (none given: no rule id)."""
    result = skema.judged()
    kind = "errors" if slags == "fejlen" else "warnings"
    wanted = {"field": felt, "message": besked, "manual": manual}
    found = [{key: f[key] for key in wanted} for f in result[kind]]
    assert wanted in found, f"expected {kind[:-1]} {wanted}, got:\n{_show(result)}"
    if kind == "errors":
        assert result["valid"] is False


@then(parsers.re(r'har feltet "(?P<felt>[^"]+)" ingen (?P<slags>fejl|advarsler)'))
@then(parsers.re(r'feltet "(?P<felt>[^"]+)" har ingen (?P<slags>fejl|advarsler)'))
def har_ingen_fund(skema: Skema, felt: str, slags: str) -> None:
    result = skema.judged()
    kind = "errors" if slags == "fejl" else "warnings"
    on_field = [f for f in result[kind] if f["field"] == felt or f["field"].startswith(felt + "[")]
    assert not on_field, f"expected no {kind} on {felt}:\n{_show(result)}"


@then(parsers.re(r"(?:har skemaet|skemaet har) netop disse fejl:"))
def netop_disse_fejl(skema: Skema, datatable: list[list[str]]) -> None:
    """Every error, in the order the form lists them; columns felt, manual, besked."""
    result = skema.judged()
    header, *rows = datatable
    wanted = [dict(zip(header, row, strict=True)) for row in rows]
    got = [
        {"felt": f["field"], "manual": f["manual"] or "", "besked": f["message"]} for f in result["errors"]
    ]
    assert got == [{key: w[key] for key in ("felt", "manual", "besked")} for w in wanted], _show(result)


# -- Så: open, mandatory, derived, stored ----------------------------------------------------------------
@then(parsers.re(r'udfyldes "(?P<felt>[^"]+)" automatisk med "(?P<vaerdi>[^"]+)"'))
@then(parsers.re(r'"(?P<felt>[^"]+)" udfyldes automatisk med "(?P<vaerdi>[^"]+)"'))
def udfyldes_automatisk(skema: Skema, felt: str, vaerdi: str) -> None:
    result = skema.judged()
    assert result["derived"].get(felt) == vaerdi, f"derived: {result['derived']}"


@then(parsers.re(r"(?:udfyldes intet felt|intet felt udfyldes) automatisk"))
def intet_udfyldes_automatisk(skema: Skema) -> None:
    result = skema.judged()
    assert result["derived"] == {}, f"derived: {result['derived']}"


@then(parsers.re(r'udfyldes kun "(?P<felt>[^"]+)" automatisk'))
@then(parsers.re(r'kun "(?P<felt>[^"]+)" udfyldes automatisk'))
def kun_udfyldes_automatisk(skema: Skema, felt: str) -> None:
    result = skema.judged()
    assert list(result["derived"]) == [felt], f"derived: {result['derived']}"


@then(parsers.re(r'udfyldes "(?P<felt>[^"]+)" ikke automatisk'))
@then(parsers.re(r'"(?P<felt>[^"]+)" udfyldes ikke automatisk'))
def udfyldes_ikke_automatisk(skema: Skema, felt: str) -> None:
    result = skema.judged()
    assert felt not in result["derived"], f"derived: {result['derived']}"


_TILSTAND = {
    "åbent": ("open", True),
    "åbne": ("open", True),
    "lukket": ("open", False),
    "lukkede": ("open", False),
    "obligatorisk": ("required", True),
    "obligatoriske": ("required", True),
    "ikke obligatorisk": ("required", False),
    "ikke obligatoriske": ("required", False),
}
_ENTAL = r"(?P<tilstand>åbent og obligatorisk|åbent|lukket|obligatorisk|ikke obligatorisk)"
_FLERTAL = r"(?P<tilstand>åbne og obligatoriske|åbne|lukkede|obligatoriske|ikke obligatoriske)"


def _check_state(result: Result, felt: str, tilstand: str) -> None:
    for word in tilstand.split(" og "):
        key, expected = _TILSTAND[word]
        assert (felt in result[key]) is expected, f"{felt} should be {word}; {key}: {result[key]}"


@then(parsers.re(r'er feltet "(?P<felt>[^"]+)" ' + _ENTAL))
@then(parsers.re(r'feltet "(?P<felt>[^"]+)" er ' + _ENTAL))
def feltet_er(skema: Skema, felt: str, tilstand: str) -> None:
    _check_state(skema.judged(), felt, tilstand)


@then(parsers.re("er felterne " + FELTER + " " + _FLERTAL))
@then(parsers.re("felterne " + FELTER + " er " + _FLERTAL))
def felterne_er(skema: Skema, felter: str, tilstand: str) -> None:
    for felt in _names(felter):
        _check_state(skema.judged(), felt, tilstand)


@then(parsers.re(r'gemmes feltet "(?P<felt>[^"]+)" som "(?P<vaerdi>[^"]+)"'))
@then(parsers.re(r'feltet "(?P<felt>[^"]+)" gemmes som "(?P<vaerdi>[^"]+)"'))
def gemmes_som(skema: Skema, felt: str, vaerdi: str) -> None:
    """The stored form of a value: as normalised by the engine, or as given when it needed no change."""
    result = skema.judged()
    stored = result["normalized"].get(felt, skema.payload.get(felt))
    assert stored == vaerdi, f"{felt} is stored as {stored!r}; normalized: {result['normalized']}"


# -- Så: F08 -----------------------------------------------------------------------------------------------
@then("ryddes felterne:")
def ryddes_felterne(skema: Skema, datatable: list[list[str]]) -> None:
    """Exactly these fields, in the form's order (one column: felt)."""
    assert skema.cleared is not None, "the scenario must say »Når dato for første kontakt ændres …«"
    _header, *rows = datatable
    assert list(skema.cleared) == [row[0] for row in rows]


@then(parsers.re("bevares felterne " + FELTER))
@then(parsers.re("felterne " + FELTER + " bevares"))
def bevares_felterne(skema: Skema, felter: str) -> None:
    assert skema.cleared is not None, "the scenario must say »Når dato for første kontakt ændres …«"
    for felt in _names(felter):
        assert felt not in skema.cleared, f"{felt} is cleared: {skema.cleared}"


@then(parsers.re(r'feltet "(?P<felt>[^"]+)" har stadig værdien "(?P<vaerdi>[^"]+)"'))
def stadig_vaerdien(skema: Skema, felt: str, vaerdi: str) -> None:
    assert skema.payload.get(felt) == vaerdi, f"{felt}: {skema.payload.get(felt)!r}"


# -- Så: the command line ----------------------------------------------------------------------------------
@then(parsers.re(r"(?:afslutter kommandoen|kommandoen afslutter) med status (?P<status>\d+)"))
def afslutter_med_status(skema: Skema, status: str) -> None:
    assert skema.via_cli, "only a scenario run through the command line has an exit status"
    assert skema.status == int(status), f"exit status {skema.status}; stderr: {skema.stderr}"


@then(parsers.re(r'(?:skriver kommandoen|kommandoen skriver) "(?P<tekst>[^"]+)" på standard error'))
def skriver_paa_stderr(skema: Skema, tekst: str) -> None:
    assert tekst in skema.stderr, skema.stderr
