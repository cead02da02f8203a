"""The page's own Danish texts (not the form's): one table, rendered into the page for its scripts too.

The form's texts — labels, help, rule messages, the F08 confirmation — live in the form spec; these are
the words of the page around them. ``{label}`` and the like are filled in by the scripts.
"""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, str] = {
    "required_legend": "Felter mærket med * skal udfyldes.",
    "required_hidden": "(skal udfyldes)",
    "closed": "Ikke åben for indtastning.",
    "derived": "Udfyldes automatisk og kan ikke ændres.",
    "cleared": "{label} blev tømt, fordi feltet ikke længere er åbent.",
    "derived_cleared": "{label} blev tømt, fordi værdien ikke længere udfyldes automatisk.",
    "date_placeholder": "DD-MM-ÅÅÅÅ",
    "calendar": "Vælg {label} i kalenderen",
    "choose": "Vælg …",
    "code_text": "Tekst",
    "code_unknown": "Koden findes ikke i listen.",
    "show_options": "Vis valgmuligheder for {label}",
    "suggestions": "Forslag til {label}",
    "results_none": "Ingen forslag.",
    "results_none_visible": "Ingen koder passer til det skrevne. Prøv en del af koden eller et andet ord.",
    "results_one": "1 forslag. Brug pil op og ned for at vælge.",
    "results_many": "{count} forslag. Brug pil op og ned for at vælge.",
    "results_more": "{count} forslag – skriv mere for at indsnævre. Brug pil op og ned for at vælge.",
    "lookup": "Opslag",
    "lookup_running": "Slår op …",
    "lookup_name": "Navn",
    "lookup_sex": "Køn",
    "lookup_address": "Adresse",
    "lookup_empty": "Skriv et CPR-nummer før opslag.",
    "sor_search": "Søg SOR-enhed",
    "sor_title": "Søg SOR-enhed",
    "sor_intro": "Vælg, hvor der skal søges, filtrér i kolonnerne, og vælg enheden med forløbsansvaret.",
    "sor_choose": "Vælg",
    "sor_choose_row": "Vælg {name} ({code})",
    "sor_filter": "Filtrér {column}",
    "sor_none": "Ingen enheder passer til søgningen.",
    "sor_count": "{count} enheder.",
    "sor_count_one": "1 enhed.",
    "sor_truncated": "Viser de første {count} enheder – filtrér for at indsnævre.",
    "sor_pick_scope": "Vælg et udvalg ovenfor for at søge.",
    "sor_unit": "Enhed",
    "sor_unknown": "SOR-koden {code} findes ikke i SOR-registret. Kontrollér koden.",
    "sor_unknown_demo": "SOR-koden {code} findes ikke i demo-registret, som kun kender fiktive enheder. "
    "Kontrollér koden.",
    "guidance": "Vejledning",
    "toc": "Indhold",
    "toc_errors": "{count} fejl",
    "form_state": "Status",
    "form_version": "Version",
    "version_none": "ikke gemt endnu",
    "cal_title": "Vælg {label}",
    "cal_prev": "Forrige måned",
    "cal_next": "Næste måned",
    "cal_today": "I dag",
    "cal_clear": "Ryd",
    "cal_months": "januar februar marts april maj juni juli august september oktober november december",
    "cal_days": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "cal_days_short": "ma ti on to fr lø sø",
    "cal_help": "Piletasterne flytter en dag eller en uge, Page Up og Page Down en måned, Home og End til "
    "ugens start og slut. Enter vælger datoen, Escape lukker.",
    "draft_offer": "Genskab indtastede værdier?",
    "draft_offer_detail": "Siden har værdier fra {time}, som ikke blev gemt. "
    "CPR-nummeret gemmes ikke i browseren og skal tastes igen.",
    "draft_restore": "Genskab",
    "draft_discard": "Kassér",
    "draft_restored": "De indtastede værdier er genskabt.",
    "close": "Luk",
    "confirm_title": "Bekræft ændring",
    "confirm_lists": "Disse oplysninger slettes:",
    "yes": "Ja",
    "no": "Nej",
    "date_kept": "{label} er ikke ændret.",
    "changed_cleared": "{label} er ændret. Disse felter blev tømt: {fields}.",
    "validate": "Valider",
    "validated_ok": "Valideret uden fejl",
    "errors_title": "Skemaet har {count} fejl, som skal rettes, før det kan indberettes:",
    "errors_title_one": "Skemaet har 1 fejl, som skal rettes, før det kan indberettes:",
    "warnings_title": "Vær opmærksom på ({count}):",
    "network_error": "Serveren kunne ikke nås. Prøv igen.",
    "form_info": "Skemainformation",
    "created": "Oprettelsesdato",
    "group": "Gruppe",
    "group_none": "Ingen gruppe endnu – grupper kommer med brugerkonti.",
    "skip": "Spring til indholdet",
    "brand": "indberet – indberetning til Sundhedsdatastyrelsen",
    "new_draft": "Ny kladde",
    "actions": "Skemafunktioner",
    "notices": "Beskeder",
    "error_status": "Fejlkode {status}.",
    "error_home": "Gå til forsiden",
}


def text(key: str, **values: object) -> str:
    """A page text with its placeholders filled in."""
    return TEXTS[key].format(**values)
