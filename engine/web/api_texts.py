"""The Danish texts of the HTTP API, one catalogue keyed by the stable error codes its answers carry.

Every answer other than 200 is ``{"error": CODE, "message": TEXT}``: hospital systems key on the code, people
read the text. A key is a code, or ``code.variant`` where one code has texts for different occasions (the
answer's code is the part before the dot; ``.any`` is the text when the server knows no more than the
status). A text may hold ``{placeholders}``, filled in by :func:`api_text`. Rename a code only with a
CHANGELOG entry (and ``openapi.yaml``); reword a text freely. A text never repeats a CPR number: the client
knows what it sent, and an answer may end up in a log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

API_TEXTS: Mapping[str, str] = {
    # Starlette's and the server's own answers
    "bad_request": "Forespørgslen kunne ikke forstås.",
    "not_found": "Adressen findes ikke.",
    "method_not_allowed": "Metoden {method} kan ikke bruges på denne adresse.",
    "too_large": "Forespørgslen er for stor: højst {limit} byte.",
    "too_large.any": "Forespørgslen er for stor.",
    "too_large.answer": (
        "Svaret på skemaet ville fylde mere end {limit} byte. Ret de første fejl, og send det igen."
    ),
    "incomplete_request": "Forbindelsen blev afbrudt, før hele forespørgslen var modtaget.",
    "unsupported_form": "Send formularen, som siden sender den (application/x-www-form-urlencoded).",
    "unsupported_media_type": "Send skemaet som JSON med Content-Type: application/json{received}.",
    "unsupported_media_type.any": "Indholdstypen understøttes ikke.",
    "server_error": "Der opstod en uventet fejl på serveren. Prøv igen, eller kontakt support.",
    "host_not_allowed": (
        "Forespørgslen er sendt til et værtsnavn, som denne server ikke svarer på. "
        "Brug serverens egen adresse."
    ),
    # accounts
    "login_required": "Log ind for at fortsætte.",
    "csrf_refused": (
        "Siden er for gammel, eller anmodningen kom ikke fra indberet. Genindlæs siden, og prøv igen."
    ),
    "forbidden": "Det har du ikke adgang til.",
    # code lists
    "codelist_unreadable": "Kodelisten »{name}« kan ikke læses. Kontakt support.",
    "codelist_unknown": "Kodelisten »{name}« findes ikke. Kendte lister: {known}.",
    "code_unknown": "Koden »{code}« findes ikke i listen {title}.",
    "bad_limit": "limit skal være et helt tal fra 1 til {maximum}.",
    "query_too_long": "Søgeteksten må højst være {maximum} tegn.",
    "query_too_long.filter": "Et filter må højst være {maximum} tegn.",
    # CPR look-up (F03)
    "cpr_request": 'Send CPR-nummeret som JSON: {{"cpr": "DDMMÅÅ-SSSS"}}.',
    "cpr_not_configured": (
        "Der er ikke sat et CPR-opslag op på denne server. Skemaet kan udfyldes og gemmes uden opslag, "
        "men opslaget skal foretages, før skemaet indberettes."
    ),
    "cpr_malformed": "Det indtastede er ikke et CPR-nummer. Skriv det som DDMMÅÅ-SSSS.",
    "cpr_date": "CPR-nummeret kan ikke slås op: de første seks cifre er ikke en gyldig dato (DDMMÅÅ).",
    "cpr_substitute": "CPR-nummeret er et erstatnings-CPR-nummer og kan ikke slås op i CPR.",
    "cpr_unknown": "CPR-nummeret findes ikke i CPR-registeret.",
    "cpr_unavailable": "CPR-registeret svarer ikke lige nu. Prøv igen om lidt.",
    "rate_limited": "For mange CPR-opslag på kort tid. Prøv igen om {seconds} sekunder.",
    "rate_limited.one": "For mange CPR-opslag på kort tid. Prøv igen om et sekund.",
    "audit_unavailable": (
        "CPR-opslaget kan ikke registreres lige nu og er derfor ikke foretaget. Prøv igen om lidt."
    ),
    # SOR search (F06)
    "sor_not_configured": "Der er ikke sat en SOR-søgning op på denne server.",
    "sor_scope": "Ukendt udvalg »{scope}«. Vælg et af: {names}.",
    "sor_filter": "Ukendt filter »{name}«. Der kan filtreres på: {names}.",
    "sor_filter.twice": "Hvert filter må kun angives én gang.",
    "sor_no_cvr": "Der er intet CVR-nummer knyttet til brugeren.",
    "sor_unknown": "SOR-koden »{sor_kode}« findes ikke i SOR.",
}


def api_text(key: str, /, **params: Any) -> str:
    """The Danish text of ``key`` (a code, or ``code.variant``) with its placeholders filled in.

    >>> api_text("query_too_long", maximum=200)
    'Søgeteksten må højst være 200 tegn.'
    """
    return API_TEXTS[key].format(**params)
