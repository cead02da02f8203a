"""Build the shipped code lists `codelists/*.csv` from the domain data files (reproducible record).

    .venv/bin/python codelists/build/make_lists.py --data DIR [--out codelists] [NAME ...]

DIR holds the public data files the lists were first made from; `codelists/README.md` ("How the lists
were built") names each file, where it comes from and its licence. They are not part of the repository.

This made the first version of every list. From then on the committed CSVs are the source of
truth: analysts edit them directly, or bring in new codes with `indberet codelists import`.
Running the script again overwrites such edits, so compare with `git diff` before committing. Each
list is one function below, and the choices that are not plain copying (inferred codes,
provisional texts, restored Danish letters) are written as named tables, so a reviewer can check
them here.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # so that the script runs from a checkout without installing the package

from engine.codelists import Code, read_codelist, write_codelist  # noqa: E402

# --- the domain data files (codelists/README.md, "How the lists were built": origin and licence) ------
SKS_D = "sks-d-codes-da.csv"
NOTIFIABLE = "notifiable-candidates.tsv"
LATERALITY_2004 = "laterality-2004-rule.tsv"
KIP = "sks-fragment-kip.tsv"
K_CODES = "k-codes-cancer-ops-ascii.tsv"
DATA_FILES = {
    SKS_D: "every SKS D-code with its Danish text (steno-aarhus/osdc, data-raw/icd10-codes.csv)",
    NOTIFIABLE: "the reconstructed notifiable diagnoses, with texts",
    LATERALITY_2004: "the D-codes of the 2004 register's laterality rule, with texts",
    KIP: "SKS codes with texts from the KIP implementation guide (CodeSystem-SKS.fsh)",
    K_CODES: "common cancer operations, SKS extract of Oct 2018 (æ, ø, å written ae, oe, aa)",
}

FORELOEBIG = "foreløbig"
FROM_2004 = "koden findes i 2004-registerets kodeliste"

# --- operation codes: Danish letters restored word by word -------------------------------------
# The SKS extract of Oct 2018 writes æ, ø, å as ae, oe, aa. Every word of its texts that holds
# ae/oe/aa must be listed here, either as restored or as kept. The build stops on any other word,
# so a new row cannot slip through half-restored.
RESTORED_WORDS = {
    "vaev": "væv",
    "paa": "på",
    "Hoejresidig": "Højresidig",
    "hoejresidig": "højresidig",
    "oesofagusresektion": "øsofagusresektion",
    "oesofagojejunostomi": "øsofagojejunostomi",
    "Ileocaekal": "Ileocækal",
    "aksillaere": "aksillære",
    "urinblaere": "urinblære",
}
KEPT_WORDS = {
    "mammae": "Latin (papilla mammae), ikke dansk æ",
}
_TRANSLITERATED = re.compile(r"ae|oe|aa", re.IGNORECASE)

# --- TNM ------------------------------------------------------------------------------------------
# The sub-codes of the 2004 register's own priority lists of T, N and M codes (a public register
# XSLT, the same source as the AZCC codes). KIP adds AZCD16E. Sub-codes in neither source are left
# out; cT1d, cT2e… are no UICC categories.
SUBCODES_2004 = {
    "AZCD13": ("A", "A1", "A2", "B", "B1", "B2", "C"),
    "AZCD14": ("A", "B", "C"),
    "AZCD15": ("A", "B", "C"),
    "AZCD16": ("A", "B", "C", "D"),
    "AZCD31": ("A", "B", "C"),
    "AZCD32": ("A", "B", "C"),
    "AZCD33": ("A", "B", "C"),
    "AZCD41": ("A", "B", "C"),
}
AZCD11 = Code(
    "AZCD11",
    "cTa: Non-invasiv papillær tumor",
    note=f"{FORELOEBIG} tekst, udledt: Ta efter kodernes rækkefølge og SKS-teksten for DD095/DD096, "
    f"{FROM_2004}, bruges af automatisk T (manual 3.2.4)",
)

# --- provisional lists (docs/domain.md, "What is provisional") ------------------------------------
ANN_ARBOR = [
    (f"AZCC{stage}{sub}", f"Ann Arbor stadium {roman}{sub}")
    for stage, roman in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
    for sub in ("", "A", "B")
]
UDBREDELSE = [
    ("U1", "Lokaliseret"),
    ("U2", "Regional spredning"),
    ("U3", "Fjernmetastaser"),
    ("U9", "Uoplyst"),
]
MAKROSKOPISK = [
    ("AZCK1", "Klinisk undersøgelse"),
    ("AZCK2", "Billeddiagnostik"),
    ("AZCK3", "Endoskopi"),
    ("AZCK4", "Obduktion"),
    ("AZCK9", "Uoplyst"),
]
MIKROSKOPISK = [
    ("AZCL0", "Histologi fra primærtumor"),
    ("AZCL1", "Histologi fra metastase"),
    ("AZCL2", "Cytologi"),
    ("AZCL3", "Obduktion med mikroskopi"),
    ("AZCL9", "Ingen mikroskopisk undersøgelse"),
]
HISTOLOGI = [  # FOUND texts (docs/domain.md); written M + 5 digits, SKS writes ZM + 5 digits
    ("M80103", "karcinom"),
    ("M80203", "udifferentieret karcinom"),
    ("M80403", "småcellet karcinom"),
    ("M80703", "planocellulært karcinom"),
    ("M81203", "urotelialt karcinom"),
    ("M81403", "adenokarcinom"),
    ("M84903", "signetringscellekarcinom"),
    ("M85103", "medullært karcinom"),
    ("M85603", "adenoskvamøst karcinom"),
    ("M96003", "malignt lymfom"),
    ("M82461", "neuroendokrin tumor"),
]
BEHANDLINGER = [  # form labels (docs/payload.md), official SKS group names (docs/domain.md) in the note
    ("BWG", "Strålebehandling", "SKS-gruppe BWG: Strålebehandling"),
    ("BWHA", "Kemoterapi (cytostatisk behandling)", "SKS-gruppe BWHA: Cytostatisk behandling"),
    ("BWHB", "Biologisk behandling", "SKS-gruppe BWHB: biologisk modificerende stoffer"),
    ("BWHC", "Hormonbehandling", "SKS-gruppe BWHC: Hormonel og antihormonel antineoplastisk behandling"),
    ("BOHJ", "Immunterapi", "SKS-gruppe BOHJ: antistoffer/immunmodulerende behandling"),
    ("ANDEN", "Anden behandling", "lokal kode: åbner feltet anden_behandling_tekst"),
]

EXPECTED_COUNTS = {
    "diagnoser": 1064,
    "sks_d_koder": 19531,
    "laterality_diagnoser": 160,
    "tnm_t": 26,
    "tnm_n": 14,
    "tnm_m": 5,
    "ann_arbor": 13,
    "lateralitet": 3,
    "lymfom_lokalisation": 70,
    "udbredelse": 4,
    "makroskopisk_grundlag": 6,
    "mikroskopisk_grundlag": 5,
    "histologi": 12,
    "operationskoder": 56,
    "behandlinger": 6,
}


# --- readers ----------------------------------------------------------------------------------------
def read_tsv(path: Path, *, header: bool) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        rows = [(row[0], row[1]) for row in csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE) if row]
    return rows[1:] if header else rows


def sks_d_texts(data: Path) -> list[tuple[str, str]]:
    """The SKS D file of steno-aarhus/osdc, without its chapter rows (which have no code)."""
    with (data / SKS_D).open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    if rows[0] != ["icd10", "description"]:
        raise SystemExit(f"{SKS_D}: unexpected header {rows[0]}")
    return [(code, text) for code, text in rows[1:] if code]


def kip_texts(data: Path) -> dict[str, str]:
    return dict(read_tsv(data / KIP, header=False))


# --- the lists --------------------------------------------------------------------------------------
def diagnoser(data: Path) -> list[Code]:
    db21 = "gyldig: nævnt i manualen (2023), mangler i SKS-tekstfilen (april 2024), tekst fra SKS-udtræk 2018"
    rows = read_tsv(data / NOTIFIABLE, header=True)
    return sorted((Code(c, t, note=db21 if c.startswith("DB21") else "") for c, t in rows), key=_by_code)


def sks_d_koder(data: Path) -> list[Code]:
    return [Code(code, text) for code, text in sks_d_texts(data)]


def laterality_diagnoser(data: Path) -> list[Code]:
    sks = dict(sks_d_texts(data))
    notifiable = {code for code, _ in read_tsv(data / NOTIFIABLE, header=True)}
    codes = [
        Code(code, text, note="" if code in notifiable else "ikke anmeldelsespligtig, med i 2004-reglen")
        for code, text in read_tsv(data / LATERALITY_2004, header=True)
    ]
    # DD05* with every sub-code, as the 2004 list spells out the sub-codes of its categories.
    note = "udledt: brystkræft in situ (DD05*), ikke i 2004-reglen"
    codes += [Code(code, text, note=note) for code, text in sks.items() if code.startswith("DD05")]
    return sorted(codes, key=_by_code)


def tnm_t(data: Path) -> list[Code]:
    return _tnm(kip_texts(data), "AZCD1", extra=[AZCD11])


def tnm_n(data: Path) -> list[Code]:
    return _tnm(kip_texts(data), "AZCD3", extra=[])


def tnm_m(data: Path) -> list[Code]:
    # AZCD49 (Mx) is left out: UICC dropped Mx in its 7th edition, and no SKS source here has it.
    return _tnm(kip_texts(data), "AZCD4", extra=[])


def _tnm(kip: dict[str, str], prefix: str, extra: list[Code]) -> list[Code]:
    codes = {code: Code(code, text) for code, text in kip.items() if code.startswith(prefix)}
    codes.update((code.code, code) for code in extra)
    for main, subs in SUBCODES_2004.items():
        if main.startswith(prefix):
            for sub in subs:
                codes.setdefault(main + sub, _derived_subcode(kip, main, sub))
    return sorted(codes.values(), key=_by_code)


def _derived_subcode(kip: dict[str, str], main: str, sub: str) -> Code:
    """`AZCD13A1` from `AZCD13` "cT1: Primær tumors størrelse/udstrækning": "cT1a1: Primær tumors …"."""
    label, _, rest = kip[main].partition(": ")
    return Code(main + sub, f"{label}{sub.lower()}: {rest}", note=f"{FORELOEBIG} tekst, {FROM_2004}")


def ann_arbor(data: Path) -> list[Code]:
    note = f"{FORELOEBIG} tekst, {FROM_2004}"
    unknown = Code(
        "AZCC99",
        "Ann Arbor stadium uoplyst",
        note=f"{FORELOEBIG}: usikker kode (skrevet AZCC99 i 2004-registerets kodeliste), tekst udledt",
    )
    return [*(Code(code, text, note=note) for code, text in ANN_ARBOR), unknown]


def lateralitet(data: Path) -> list[Code]:
    kip = kip_texts(data)
    return [Code(code, kip[code]) for code in ("TUL1", "TUL2", "TUL3")]


def lymfom_lokalisation(data: Path) -> list[Code]:
    sites = [
        Code(code, text, note=FORELOEBIG) for code, text in kip_texts(data).items() if code.startswith("T0")
    ]
    return sorted(sites, key=_by_code)


def udbredelse(data: Path) -> list[Code]:
    return [Code(code, text, note=FORELOEBIG) for code, text in UDBREDELSE]


def makroskopisk_grundlag(data: Path) -> list[Code]:
    operation = Code("AZCK0", "Operation", note="kode og tekst fra manualen (3.2.6)")
    return [operation, *(Code(code, text, note=FORELOEBIG) for code, text in MAKROSKOPISK)]


def mikroskopisk_grundlag(data: Path) -> list[Code]:
    return [Code(code, text, note=FORELOEBIG) for code, text in MIKROSKOPISK]


def histologi(data: Path) -> list[Code]:
    anden = Code("ANDEN", "Anden morfologi cancer", note=f"{FORELOEBIG}: lokal kode, åbner feltet Morfologi")
    return [*(Code(code, text, note=f"SKS: Z{code}") for code, text in HISTOLOGI), anden]


def operationskoder(data: Path) -> list[Code]:
    kip = kip_texts(data)
    codes = []
    for code, ascii_text in read_tsv(data / K_CODES, header=False):
        text, restored = restore_danish_letters(ascii_text)
        if code in kip:
            if kip[code] != text:
                raise SystemExit(f"{code}: restored {text!r} differs from KIP's {kip[code]!r}")
            codes.append(Code(code, kip[code], note="tekst fra KIP"))
        else:
            note = "æ/ø/å genskabt: " + ", ".join(f"{a}→{b}" for a, b in restored) if restored else ""
            codes.append(Code(code, text, note=note))
    return codes


def restore_danish_letters(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Replace each transliterated word by its table entry; stop on a word the tables do not know."""
    restored: list[tuple[str, str]] = []

    def word(match: re.Match[str]) -> str:
        found = match.group()
        if found in RESTORED_WORDS:
            restored.append((found, RESTORED_WORDS[found]))
            return RESTORED_WORDS[found]
        if _TRANSLITERATED.search(found) and found not in KEPT_WORDS:
            raise SystemExit(f"{text!r}: add {found!r} to RESTORED_WORDS or KEPT_WORDS")
        return found

    return re.sub(r"[A-Za-z]+", word, text), restored


def behandlinger(data: Path) -> list[Code]:
    return [Code(code, text, note=note) for code, text, note in BEHANDLINGER]


def _by_code(code: Code) -> str:
    return code.code


class Build(NamedTuple):
    """How one list is made, and which data files that reads."""

    make: Callable[[Path], list[Code]]
    needs: tuple[str, ...] = ()


LISTS: dict[str, Build] = {
    "diagnoser": Build(diagnoser, (NOTIFIABLE,)),
    "sks_d_koder": Build(sks_d_koder, (SKS_D,)),
    "laterality_diagnoser": Build(laterality_diagnoser, (LATERALITY_2004, NOTIFIABLE, SKS_D)),
    "tnm_t": Build(tnm_t, (KIP,)),
    "tnm_n": Build(tnm_n, (KIP,)),
    "tnm_m": Build(tnm_m, (KIP,)),
    "ann_arbor": Build(ann_arbor),
    "lateralitet": Build(lateralitet, (KIP,)),
    "lymfom_lokalisation": Build(lymfom_lokalisation, (KIP,)),
    "udbredelse": Build(udbredelse),
    "makroskopisk_grundlag": Build(makroskopisk_grundlag),
    "mikroskopisk_grundlag": Build(mikroskopisk_grundlag),
    "histologi": Build(histologi),
    "operationskoder": Build(operationskoder, (K_CODES, KIP)),
    "behandlinger": Build(behandlinger),
}


def data_problem(data: Path, names: list[str]) -> str | None:
    """Why ``data`` cannot serve the lists ``names`` (not a folder, files missing), or None."""
    if not data.exists():
        return f"--data {data}: no such folder"
    if not data.is_dir():
        return f"--data {data}: not a folder"
    missing: dict[str, list[str]] = {}
    for name in names:
        for file in LISTS[name].needs:
            if not (data / file).is_file():
                missing.setdefault(file, []).append(name)
    if not missing:
        return None
    lacks = "; ".join(f"{file} (for {', '.join(lists)})" for file, lists in missing.items())
    return f"--data {data} lacks {lacks}. codelists/README.md says where each file comes from."


def _parser() -> argparse.ArgumentParser:
    files = "\n".join(f"  {file:30} {what}" for file, what in DATA_FILES.items())
    return argparse.ArgumentParser(
        prog="make_lists.py",
        description="Build the shipped code lists codelists/*.csv from the domain data files.\n"
        "This overwrites the committed lists, analysts' edits included: compare with git diff.",
        epilog="The data folder (--data) holds these files; codelists/README.md says where each\n"
        f"comes from and its licence:\n{files}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    parser.add_argument(
        "--data", type=Path, required=True, metavar="DIR", help="the folder with the data files (required)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "codelists",
        metavar="DIR",
        help="where the CSV files are written (default: the repository's codelists/)",
    )
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"the lists to build (default: all): {', '.join(LISTS)}"
    )
    args = parser.parse_args(argv)
    names: list[str] = args.names or list(LISTS)
    unknown = sorted(set(names) - set(LISTS))
    if unknown:
        parser.error(f"unknown list {', '.join(unknown)}; the lists are {', '.join(LISTS)}")
    problem = data_problem(args.data, names)
    if problem is not None:
        parser.error(problem)
    for name in names:
        codes = LISTS[name].make(args.data)
        if len(codes) != EXPECTED_COUNTS[name]:
            raise SystemExit(
                f"{name}: {len(codes)} codes, expected {EXPECTED_COUNTS[name]}: "
                "these data files are not the ones the lists were built from"
            )
        target = args.out / f"{name}.csv"
        write_codelist(codes, target)
        read_codelist(target)  # the written file must load without problems
        print(f"{target}: {len(codes)} codes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
