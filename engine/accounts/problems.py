"""What the accounts refuse, each with a code and a Danish text for the pages and the command line."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "login_failed": "Brugernavnet eller adgangskoden er forkert.",
    "login_limited": "For mange forsøg på at logge ind. Vent lidt, og prøv igen.",
    "bad_username": (
        "Brugernavnet skal være 1–64 tegn: små bogstaver a–z, tal, punktum, bindestreg eller understreg."
    ),
    "bad_name": "Navnet skal udfyldes og må højst være 200 tegn.",
    "bad_password": "Adgangskoden skal være 8–1000 tegn.",
    "username_taken": "Brugernavnet er allerede i brug.",
    "no_group": "En ny bruger skal være medlem af mindst én brugergruppe.",
    "unknown_group": "Brugergruppen findes ikke.",
    "bad_group_name": "Gruppens navn skal udfyldes og må højst være 200 tegn.",
    "group_taken": "Der findes allerede en brugergruppe med det navn.",
    "unknown_role": "Rollen findes ikke. Vælg en af de roller, skemaet kender.",
    "unknown_user": "Brugeren findes ikke.",
    "has_role": "Du har allerede den rolle i gruppen.",
    "already_requested": "Du har allerede anmodet om den rolle i gruppen; en administrator ser på det.",
    "not_pending": "Anmodningen er allerede afgjort.",
    "admin_only": "Det kræver, at du er administrator.",
    "not_member": "Du er ikke medlem af den brugergruppe.",
    "reason_too_long": "Begrundelsen må højst være 1000 tegn.",
}


class AccountProblem(Exception):
    """A refusal of the accounts: ``code`` (a key of :data:`TEXTS`) and its Danish text."""

    def __init__(self, code: str) -> None:
        super().__init__(TEXTS[code])
        self.code = code
        self.text = TEXTS[code]
