"""The filled-in forms the scenarios start from.

Each base payload is valid as it stands (``test_skemaer_er_gyldige`` in the coverage test keeps it so); a
scenario then changes the fields it is about. They follow docs/payload.md and the shipped examples.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "features"

Payload = dict[str, Any]

BRYSTKRAEFT: Payload = {  # the complete example of docs/payload.md
    "cpr": "120355-1009",
    "sor_kode": "276231000016004",
    "dato_foerste_kontakt": "2024-03-04",
    "diagnose": "DC509",
    "lateralitet": "TUL2",
    "t_stadie": "AZCD13",
    "n_stadie": "AZCD30",
    "m_stadie": "AZCD40",
    "makroskopisk_grundlag": ["AZCK0"],
    "mikroskopisk_grundlag": ["AZCL0"],
    "histologi": "M81403",
    "operationsdato": "2024-03-20",
    "operationskode": "KHAC20",
    "behandlinger": [{"kode": "BWHA", "startdato": "2024-04-15"}],
}

TYKTARMSKRAEFT: Payload = {  # no laterality, T, N and M set by the user, operated
    "cpr": "150772-2004",
    "sor_kode": "276231000016004",
    "dato_foerste_kontakt": "2024-01-08",
    "diagnose": "DC180",
    "t_stadie": "AZCD14",
    "n_stadie": "AZCD30",
    "m_stadie": "AZCD40",
    "makroskopisk_grundlag": ["AZCK0", "AZCK3"],
    "mikroskopisk_grundlag": ["AZCL0"],
    "histologi": "M81403",
    "operationsdato": "2024-02-01",
    "operationskode": "KJFB30",
}

LYMFOM: Payload = {  # Ann Arbor and anatomical localisation, no TNM
    "cpr": "230847-1007",
    "sor_kode": "276231000016004",
    "dato_foerste_kontakt": "2024-09-02",
    "diagnose": "DC833",
    "anatomisk_lokalisation": "T000146",
    "ann_arbor": "AZCC2A",
    "makroskopisk_grundlag": ["AZCK2"],
    "mikroskopisk_grundlag": ["AZCL0"],
    "histologi": "M96003",
    "behandlinger": [
        {"kode": "BWHA", "startdato": "2024-09-20"},
        {"kode": "BOHJ", "startdato": "2024-09-20"},
    ],
}

IN_SITU: Payload = {  # T is filled in automatically (AZCD12); ydernummer instead of SOR-kode
    "cpr": "150772-2004",
    "ydernummer": "012345",
    "dato_foerste_kontakt": "2024-05-13",
    "diagnose": "DD069",
    "n_stadie": "AZCD30",
    "m_stadie": "AZCD40",
    "makroskopisk_grundlag": ["AZCK1"],
    "mikroskopisk_grundlag": ["AZCL0"],
    "histologi": "M80703",
}

FOER_2004: Payload = {  # first contact before 01-01-2004: Udbredelse is open
    "cpr": "120355-1009",
    "ydernummer": "054321",
    "dato_foerste_kontakt": "2003-06-17",
    "diagnose": "DC189",
    "t_stadie": "AZCD15",
    "n_stadie": "AZCD31",
    "m_stadie": "AZCD40",
    "udbredelse": "U2",
    "makroskopisk_grundlag": ["AZCK3"],
    "mikroskopisk_grundlag": ["AZCL0"],
    "histologi": "M81403",
}

# "Givet et udfyldt skema for <navn>"
BASES: Mapping[str, Payload] = {
    "en brystkræft": BRYSTKRAEFT,
    "en tyktarmskræft": TYKTARMSKRAEFT,
    "et lymfom": LYMFOM,
    "carcinoma in situ i livmoderhalsen": IN_SITU,
    "en tyktarmskræft før 2004": FOER_2004,
}


def base(name: str) -> Payload:
    """A fresh copy of the named base payload."""
    if name not in BASES:
        raise KeyError(f"no base form {name!r}; known: {', '.join(BASES)}")
    return copy.deepcopy(dict(BASES[name]))
