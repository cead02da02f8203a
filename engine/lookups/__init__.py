"""Look-ups: the CPR and SOR registers behind the form's »Opslag« and SOR search, and local demo registers.

CprRegister.lookup(cpr) -> Person | NotLookupable | Unavailable | None     cpr_register.py
SorRegister.search(scope, *, cvr, filters, limit) -> SorResult             sor.py
SorRegister.get(sor_kode) -> SorUnit | None                                sor.py
DemoCprRegister.load(), load_demo_sor()     FICTITIOUS people and units    demo_cpr.py, demo_sor.py

This layer imports the standard library, `engine.codelists`, and `engine.form.cpr_number` (what a CPR
number is, decided once for the validator and the look-up); the web layer picks the providers.
"""

from engine.lookups.cpr_register import (
    CprAnswer,
    CprRegister,
    NotLookupable,
    Person,
    Unavailable,
    normalise_cpr,
)
from engine.lookups.datafile import DataFileError
from engine.lookups.demo_cpr import DemoCprRegister
from engine.lookups.demo_sor import DEMO_CVR, load_demo_sor
from engine.lookups.sor import COLUMNS, SCOPES, Scope, SorRegister, SorResult, SorTable, SorUnit

__all__ = [
    "COLUMNS",
    "DEMO_CVR",
    "SCOPES",
    "CprAnswer",
    "CprRegister",
    "DataFileError",
    "DemoCprRegister",
    "NotLookupable",
    "Person",
    "Scope",
    "SorRegister",
    "SorResult",
    "SorTable",
    "SorUnit",
    "Unavailable",
    "load_demo_sor",
    "normalise_cpr",
]
