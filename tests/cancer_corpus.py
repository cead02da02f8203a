"""A reproducible corpus of realistic cancer payloads, valid and invalid, across every diagnosis family.

Used by the benchmarks (``benchmarks/validate.py``) and by the differential test that judges the same
payloads with the engine's compiled rules and with a reference JsonLogic interpreter. The families follow
the manual (docs/rules.md, F10–F15) and are written out here independently of ``forms/cancer.yaml``.
"""

from __future__ import annotations

import csv
import datetime
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CODELISTS = ROOT / "codelists"

Payload = dict[str, Any]


def codes(name: str) -> list[str]:
    with (CODELISTS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle, delimiter=";")]


def _between(code: str, low: str, high: str) -> bool:
    return low <= code[: len(low)] <= high


def _starts(code: str, *prefixes: str) -> bool:
    return code.startswith(prefixes)


def family(code: str) -> str:
    """The manual's family of a notifiable diagnosis: which stage fields it opens."""
    if _starts(code, "DB211", "DB212", "DB213", "DC884", "DC902", "DC903", "DC923") or _between(
        code, "DC81", "DC86"
    ):
        return "lymfom"
    if _between(code, "DC00", "DC69") or _between(code, "DC73", "DC76"):
        return "tnm"
    if (
        _between(code, "DC77", "DC80")
        or _starts(code, "DD05", "DD06", "DD090", "DD091", "DD095", "DD096", "DD44", "DD48")
        or _between(code, "DD301", "DD309")
        or _between(code, "DD37", "DD41")
    ):
        return "auto_t"
    return "uden_stadie"


def auto_t(code: str) -> str:
    if _between(code, "DC77", "DC80"):
        return "AZCD10"
    if _starts(code, "DD05", "DD06", "DD090", "DD091"):
        return "AZCD12"
    return "AZCD11"


def cpr_number(rng: random.Random) -> str:
    """A valid, fictitious CPR number born 1920–1999 (7th digit 0–3) that passes modulus 11."""
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    while True:
        born = datetime.date(1920, 1, 1) + datetime.timedelta(days=rng.randrange(29000))
        digits = born.strftime("%d%m%y") + str(rng.randrange(4)) + f"{rng.randrange(1000):03d}"
        if sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0:
            return f"{digits[:6]}-{digits[6:]}"


class Corpus:
    def __init__(self, seed: int = 2024) -> None:
        self.rng = random.Random(seed)
        self.diagnoses: dict[str, list[str]] = {}
        for code in codes("diagnoser"):
            self.diagnoses.setdefault(family(code), []).append(code)
        self.laterality = set(codes("laterality_diagnoser"))
        self.lists = {
            name: codes(name)
            for name in (
                "tnm_t",
                "tnm_n",
                "tnm_m",
                "ann_arbor",
                "lymfom_lokalisation",
                "udbredelse",
                "makroskopisk_grundlag",
                "mikroskopisk_grundlag",
                "histologi",
                "operationskoder",
                "behandlinger",
                "lateralitet",
            )
        }

    def pick(self, name: str) -> str:
        return self.rng.choice(self.lists[name])

    def needs_laterality(self, code: str) -> bool:
        return any(code.startswith(entry) for entry in self.laterality)

    def valid(self, kind: str) -> Payload:
        rng = self.rng
        code = rng.choice(self.diagnoses[kind])
        early = rng.random() < 0.15
        first = datetime.date(1995 if early else 2005, 1, 1) + datetime.timedelta(days=rng.randrange(3000))
        payload: Payload = {
            "cpr": cpr_number(rng),
            "dato_foerste_kontakt": first.isoformat(),
            "diagnose": code,
        }
        if rng.random() < 0.5:
            payload["sor_kode"] = str(276231000016004 + rng.randrange(10**6))
        else:
            payload["ydernummer"] = f"{rng.randrange(10**6):06d}"
        if self.needs_laterality(code):
            payload["lateralitet"] = self.pick("lateralitet")
        if kind == "tnm":
            payload["t_stadie"] = rng.choice(
                [c for c in self.lists["tnm_t"] if c not in ("AZCD10", "AZCD11")]
            )
        if kind == "auto_t" and rng.random() < 0.5:
            payload["t_stadie"] = auto_t(code)
        if kind in ("tnm", "auto_t"):
            payload["n_stadie"] = self.pick("tnm_n")
            payload["m_stadie"] = self.pick("tnm_m")
        if kind == "lymfom":
            payload["anatomisk_lokalisation"] = self.pick("lymfom_lokalisation")
            payload["ann_arbor"] = self.pick("ann_arbor")
        if early:
            payload["udbredelse"] = self.pick("udbredelse")
        self._basis(payload, first)
        self._treatments(payload, first)
        return payload

    def _basis(self, payload: Payload, first: datetime.date) -> None:
        rng = self.rng
        macro = rng.sample(self.lists["makroskopisk_grundlag"], rng.randint(1, 2))
        payload["makroskopisk_grundlag"] = macro
        payload["mikroskopisk_grundlag"] = rng.sample(self.lists["mikroskopisk_grundlag"], rng.randint(1, 2))
        if rng.random() < 0.7:
            payload["histologi"] = self.pick("histologi")
            if payload["histologi"] == "ANDEN":
                payload["morfologi"] = f"M{rng.randrange(80000, 99999)}"
        if "AZCK0" in macro:
            payload["operationsdato"] = (first + datetime.timedelta(days=rng.randint(1, 90))).isoformat()
            payload["operationskode"] = self.pick("operationskoder")

    def _treatments(self, payload: Payload, first: datetime.date) -> None:
        rng = self.rng
        chosen = rng.sample(self.lists["behandlinger"], rng.randint(0, 3))
        if chosen:
            payload["behandlinger"] = [
                {
                    "kode": code,
                    "startdato": (first + datetime.timedelta(days=rng.randint(0, 120))).isoformat(),
                }
                for code in chosen
            ]
        if "ANDEN" in chosen:
            payload["anden_behandling_tekst"] = "Behandling i protokol"

    # -- mistakes clinicians and systems make ---------------------------------------------------------
    def broken(self, payload: Payload) -> Payload:
        broken = dict(payload)
        mistake = self.rng.choice(MISTAKES)
        mistake(self, broken)
        return broken


def _drop_mandatory(corpus: Corpus, payload: Payload) -> None:
    payload.pop(corpus.rng.choice(["cpr", "dato_foerste_kontakt", "diagnose", "mikroskopisk_grundlag"]), None)


def _closed_value(corpus: Corpus, payload: Payload) -> None:
    if "ann_arbor" not in payload:
        payload["ann_arbor"] = corpus.pick("ann_arbor")
    else:
        payload["t_stadie"] = "AZCD13"


def _wrong_t(corpus: Corpus, payload: Payload) -> None:
    payload["t_stadie"] = "AZCD16" if payload.get("t_stadie") != "AZCD16" else "AZCD15"


def _bad_cpr(corpus: Corpus, payload: Payload) -> None:
    payload["cpr"] = corpus.rng.choice(["320155-1009", "12345", "0203292WQ3", "120355-1008", "020329-1WQ3"])


def _unknown_key(corpus: Corpus, payload: Payload) -> None:
    payload["diagnosekode"] = payload.get("diagnose")


def _wrong_type(corpus: Corpus, payload: Payload) -> None:
    payload[corpus.rng.choice(["dato_foerste_kontakt", "makroskopisk_grundlag", "behandlinger"])] = 42


def _unknown_code(corpus: Corpus, payload: Payload) -> None:
    payload["diagnose"] = corpus.rng.choice(["DX999", "DI219", "dc509"])


def _both_identifiers(corpus: Corpus, payload: Payload) -> None:
    payload["ydernummer"], payload["sor_kode"] = "123456", "276231000016004"


def _operation_before_contact(corpus: Corpus, payload: Payload) -> None:
    payload["makroskopisk_grundlag"] = ["AZCK0"]
    payload["operationsdato"] = payload["dato_foerste_kontakt"]
    payload["operationskode"] = "KXYZ12"


MISTAKES: list[Callable[[Corpus, Payload], None]] = [
    _drop_mandatory,
    _closed_value,
    _wrong_t,
    _bad_cpr,
    _unknown_key,
    _wrong_type,
    _unknown_code,
    _both_identifiers,
    _operation_before_contact,
]
FAMILIES = ("tnm", "auto_t", "lymfom", "uden_stadie")


def corpus(size: int = 1000, *, seed: int = 2024, broken_share: float = 0.3) -> Iterator[Payload]:
    """``size`` payloads, the families in turn, about ``broken_share`` of them with one mistake."""
    made = Corpus(seed)
    for index in range(size):
        payload = made.valid(FAMILIES[index % len(FAMILIES)])
        yield made.broken(payload) if made.rng.random() < broken_share else payload
