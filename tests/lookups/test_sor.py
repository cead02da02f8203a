import pytest

from engine.lookups.sor import (
    COLUMNS,
    SCOPES,
    Level,
    Scope,
    Sector,
    SorRegister,
    SorResult,
    SorTable,
    SorUnit,
)


def unit(
    sor_kode: str,
    name: str,
    unit_type: str,
    level: Level,
    sector: Sector,
    cvr: str,
    place: tuple[str, str, str],
    parent: SorUnit | None = None,
    ydernummer: str = "",
) -> SorUnit:
    address, postcode, city = place
    parent_kode, parent_name = (parent.sor_kode, parent.name) if parent else ("", "")
    return SorUnit(
        sor_kode,
        name,
        unit_type,
        level,
        sector,
        cvr,
        ydernummer,
        address,
        postcode,
        city,
        parent_kode,
        parent_name,
    )


FIKTIVBY = ("Sygehusvej 2", "8990", "Fiktivby")
DEMOBY = ("Torvet 1", "7990", "Demoby")
REGION = unit(
    "10000000000001", "Region Prøve", "Region", "Ejer", "Regional", "11111111", ("Vej 1", "8990", "Fiktivby")
)
HOSPITAL = unit(
    "10000000000002", "Fiktivby Hospital", "Hospital", "SI", "Regional", "11111111", FIKTIVBY, REGION
)
ONCOLOGY = unit(
    "276231000016004",
    "Onkologisk Afdeling",
    "Sygehusafdeling",
    "OE",
    "Regional",
    "11111111",
    FIKTIVBY,
    HOSPITAL,
)
WARD = unit(
    "10000000000004",
    "Onkologisk sengeafsnit",
    "Sengeafsnit",
    "OE",
    "Regional",
    "11111111",
    FIKTIVBY,
    ONCOLOGY,
)
CLINIC = unit(
    "10000000000005",
    "Regionsklinikken Øby",
    "Almen praksis",
    "SI",
    "Regional",
    "11111111",
    ("Åvej 3", "7990", "Øby"),
    REGION,
    ydernummer="036465",
)
MUNICIPALITY = unit("20000000000001", "Demo Kommune", "Kommune", "Ejer", "Kommunal", "22222222", DEMOBY)
HOME_NURSING = unit(
    "20000000000002",
    "Hjemmesygeplejen Demo",
    "Kommunal sundhedsordning",
    "SI",
    "Kommunal",
    "22222222",
    DEMOBY,
    MUNICIPALITY,
)
PRØVSTED = ("Skemavej 4", "4990", "Prøvsted")
PRACTICE_OWNER = unit(
    "30000000000001",
    "Lægerne Fiktivsen og Demosen I/S",
    "Privat virksomhed",
    "Ejer",
    "Privat",
    "33333333",
    PRØVSTED,
)
PRACTICE = unit(
    "30000000000002",
    "Lægerne Fiktivsen og Demosen",
    "Almen praksis",
    "SI",
    "Privat",
    "33333333",
    PRØVSTED,
    PRACTICE_OWNER,
    ydernummer="012345",
)
PÅHITSLØSE = ("Allé 5", "2990", "Påhitsløse")
STATE = unit(
    "40000000000001",
    "Statens Prøveinstitut",
    "Statslig myndighed",
    "Ejer",
    "Statslig",
    "44444444",
    PÅHITSLØSE,
)
LABORATORY = unit(
    "40000000000002",
    "Statens Prøveinstitut, Laboratorier",
    "Laboratorium",
    "SI",
    "Statslig",
    "44444444",
    PÅHITSLØSE,
    STATE,
)
UNITS = [
    REGION,
    HOSPITAL,
    ONCOLOGY,
    WARD,
    CLINIC,
    MUNICIPALITY,
    HOME_NURSING,
    PRACTICE_OWNER,
    PRACTICE,
    STATE,
    LABORATORY,
]


@pytest.fixture(scope="module")
def table() -> SorTable:
    return SorTable.of(UNITS)


def rows(result: SorResult) -> list[SorUnit]:
    return list(result.rows)


def test_the_scopes_have_the_manuals_names() -> None:
    assert list(SCOPES.values()) == [
        "Mit CVR – SI",
        "Mit CVR – Alle",
        "Statslig",
        "Regional",
        "Kommunal",
        "Privat",
    ]


def test_mit_cvr_si_finds_the_health_institutions_of_the_cvr_number(table: SorTable) -> None:
    result = table.search("mit_cvr_si", cvr="11111111", filters={}, limit=50)

    assert result == SorResult((HOSPITAL, CLINIC), 2)
    assert not result.truncated


def test_mit_cvr_alle_finds_institutions_and_organisational_units_in_register_order(table: SorTable) -> None:
    result = table.search("mit_cvr_alle", cvr="11111111", filters={}, limit=50)

    assert rows(result) == [HOSPITAL, ONCOLOGY, WARD, CLINIC]
    assert [unit.level for unit in result.rows] == ["SI", "OE", "OE", "SI"]


def test_a_cvr_number_without_units_finds_nothing(table: SorTable) -> None:
    assert table.search("mit_cvr_alle", cvr="99999999", filters={}, limit=50) == SorResult((), 0)


def test_the_sector_scopes_find_institutions_and_units_of_the_sector_never_owners(table: SorTable) -> None:
    assert rows(table.search("regional", cvr=None, filters={}, limit=50)) == [
        HOSPITAL,
        ONCOLOGY,
        WARD,
        CLINIC,
    ]
    assert rows(table.search("kommunal", cvr=None, filters={}, limit=50)) == [HOME_NURSING]
    assert rows(table.search("privat", cvr=None, filters={}, limit=50)) == [PRACTICE]
    assert rows(table.search("statslig", cvr="11111111", filters={}, limit=50)) == [LABORATORY]


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("sor_kode", "6004", [ONCOLOGY]),
        ("name", "ONKOLOGISK", [ONCOLOGY, WARD]),
        ("name", "øby", [CLINIC]),
        ("unit_type", "almen", [CLINIC, PRACTICE]),
        ("ydernummer", "0364", [CLINIC]),
        ("level", "si", [HOSPITAL, CLINIC, HOME_NURSING, PRACTICE, LABORATORY]),
        ("level", "OE", [ONCOLOGY, WARD]),
        ("sector", "kommun", [HOME_NURSING]),
        ("cvr", "3333", [PRACTICE]),
        ("address", "åvej", [CLINIC]),
        ("address", "7990", [CLINIC, HOME_NURSING]),
        ("address", "prøvsted", [PRACTICE]),
        ("parent", "fiktivby hospital", [ONCOLOGY]),
        ("parent", "276231000016004", [WARD]),
        ("parent", "region prøve", [HOSPITAL, CLINIC]),
    ],
)
def test_every_column_can_be_filtered_by_a_part_of_its_text(
    table: SorTable, column: str, value: str, expected: list[SorUnit]
) -> None:
    sectors: tuple[Scope, ...] = ("statslig", "regional", "kommunal", "privat")
    found = [
        unit
        for scope in sectors
        for unit in table.search(scope, cvr=None, filters={column: value}, limit=50).rows
    ]

    assert sorted(found, key=UNITS.index) == expected


def test_filters_combine_and_empty_ones_are_ignored(table: SorTable) -> None:
    filters = {"name": "onkologisk", "unit_type": "afdeling", "ydernummer": "  ", "cvr": ""}

    assert rows(table.search("mit_cvr_alle", cvr="11111111", filters=filters, limit=50)) == [ONCOLOGY]
    assert rows(
        table.search("mit_cvr_alle", cvr="11111111", filters={"name": "  onkologisk   sengeafsnit "}, limit=5)
    ) == [WARD]


def test_limit_keeps_the_first_rows_and_says_how_many_there_were(table: SorTable) -> None:
    result = table.search("regional", cvr=None, filters={}, limit=3)

    assert result == SorResult((HOSPITAL, ONCOLOGY, WARD), 4)
    assert result.truncated
    assert not table.search("regional", cvr=None, filters={}, limit=4).truncated


def test_a_callers_mistakes_are_refused(table: SorTable) -> None:
    with pytest.raises(
        ValueError, match='unknown SOR scope "alle"; the scopes are: mit_cvr_si, mit_cvr_alle, '
    ):
        table.search("alle", cvr=None, filters={}, limit=5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match='SOR scope "mit_cvr_si" needs the user\'s CVR number'):
        table.search("mit_cvr_si", cvr=None, filters={}, limit=5)
    with pytest.raises(
        ValueError, match="unknown SOR filter column\\(s\\) navn; the columns are: sor_kode, name, "
    ):
        table.search("regional", cvr=None, filters={"navn": "x"}, limit=5)
    with pytest.raises(ValueError, match="limit must be at least 1, not 0"):
        table.search("regional", cvr=None, filters={}, limit=0)


def test_get_finds_any_unit_by_its_sor_code(table: SorTable) -> None:
    assert table.get("276231000016004") is ONCOLOGY
    assert table.get(" 276231000016004 ") is ONCOLOGY
    assert table.get("10000000000001") is REGION
    assert table.get("27623100001600") is None
    assert table.get("") is None


def test_the_columns_in_their_order() -> None:
    assert list(COLUMNS) == [
        "sor_kode",
        "name",
        "unit_type",
        "ydernummer",
        "level",
        "sector",
        "cvr",
        "address",
        "parent",
    ]
    assert COLUMNS["address"](CLINIC) == "Åvej 3, 7990 Øby"
    assert COLUMNS["parent"](WARD) == "276231000016004 Onkologisk Afdeling"


def test_a_table_is_a_sor_register(table: SorTable) -> None:
    register: SorRegister = table
    assert register.get(HOSPITAL.sor_kode) is HOSPITAL
