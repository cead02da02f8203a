"""The print's own Danish texts (not the form's): one table, handed to the Typst template with the data.

The form's texts — title, section titles, labels, code texts, rule messages, tray labels — come from the
form spec and its code lists; these are the words of the print around them. ``{count}`` and the like are
filled in by ``text()`` here, ``{page}`` and ``{pages}`` by the template (only it knows the page numbers).
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGE = "da"  # the language of these texts: Typst hyphenates and sets quotation marks by it

TEXTS: Mapping[str, str] = {
    "spec_version": "Skemaversion {version}",
    "form_info": "Skemainformation",
    "state": "Status",
    "version": "Version",
    "group": "Gruppe",
    "group_none": "Ingen gruppe",
    "created": "Oprettet",
    "created_by": "Oprettet af",
    "changed": "Senest ændret",
    "changed_by": "Senest ændret af",
    "printed": "Udskrevet {when}",
    "printed_by": "Udskrevet {when} af {user}",
    "page": "Side {page} af {pages}",
    "empty": "Ikke udfyldt",
    "derived": "Udfyldt automatisk",
    "closed_given": "Feltet er ikke åbent for indtastning; værdien indgår ikke i skemaet.",
    "section_closed": "Ingen af afsnittets felter er åbne for dette skema.",
    "code_unknown": "Koden findes ikke i kodelisten.",
    "invalid": "Ugyldig værdi – se valideringsresultatet.",
    "more": "… og {count} mere, som ikke er vist.",
    "validation": "Valideringsresultat",
    "validated_ok": "Valideret uden fejl",
    "errors_title": "Fejl ({count})",
    "warnings_title": "Advarsler ({count})",
}


def text(key: str, **values: object) -> str:
    """A print text with its placeholders filled in.

    >>> text("more", count=3)
    '… og 3 mere, som ikke er vist.'
    """
    return TEXTS[key].format(**values)
