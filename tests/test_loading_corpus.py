"""The corpus of broken files (tests/fixtures/broken/): each is refused with exactly the message expected,
through the CLI with exit code 1, and leaves the database byte-for-byte as it was. The good files
(tests/fixtures/good/) load, and a Dutch spreadsheet twin loads exactly like its plain twin."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from etl import load, upload
from etl.__main__ import main
from etl.contracts import ContractError
from etl.readers import ReadError, read_table

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"
GOOD = FIXTURES / "good"
LAST_YEAR = dt.date.today().year - 1


def refused(file: str, *lines: str) -> str:
    """The full message of a ContractError: a header line, then one line per violation."""
    return f"{file}: {len(lines)} fout(en), niets geladen.\n" + "\n".join(f"{file}{line}" for line in lines)


# file -> (kind, exact message). One file per failure the issue lists.
CORPUS = {
    # not a table at all
    "emissions_empty.csv": ("emissions", "emissions_empty.csv: het bestand is leeg"),
    "emissions_empty.xlsx": ("emissions", "emissions_empty.xlsx: het bestand is leeg"),
    "emissions.pdf": ("emissions", "emissions.pdf: onbekend bestandstype '.pdf'; gebruik .csv of .xlsx"),
    "emissions_corrupt.xlsx": ("emissions", "emissions_corrupt.xlsx: geen leesbaar Excel-bestand (BadZipFile)"),
    "emissions_excel_named_csv.csv": (
        "emissions",
        "emissions_excel_named_csv.csv: dit is een Excel-werkmap, geen tekstbestand; geef het de extensie .xlsx of sla het op als CSV",
    ),
    "emissions_too_many_cells.csv": (
        "emissions",
        "emissions_too_many_cells.csv, rij 2: 4 cellen, de kopregel heeft er 3 (waarde voorbij de laatste kolom: 'extra'). "
        "Staat er een scheidingsteken in een tekst?",
    ),
    "emissions_duplicate_column.csv": ("emissions", "emissions_duplicate_column.csv: kolomnaam komt dubbel voor: year"),
    # columns
    "emissions_missing_column.csv": (
        "emissions",
        refused(
            "emissions_missing_column.csv",
            ": verplichte kolom(men) ontbreken: verified_t_co2. Gevonden kolommen: installation_id, year, uitstoot",
        ),
    ),
    "emissions_header_only.csv": (
        "emissions",
        refused("emissions_header_only.csv", ": het bestand bevat alleen een kopregel, geen gegevens"),
    ),
    "emissions_header_only.xlsx": (
        "emissions",
        refused("emissions_header_only.xlsx", ": het bestand bevat alleen een kopregel, geen gegevens"),
    ),
    # types and ranges
    "emissions_wrong_type.csv": (
        "emissions",
        refused(
            "emissions_wrong_type.csv",
            ", rij 2, kolom 'verified_t_co2': geen geldig getal (bijv. 1234,5 of 1.234,5) (waarde: 'veel')",
            ", rij 3, kolom 'year': geen geldig geheel getal (waarde: 'twintig')",
        ),
    ),
    "emissions_future_year.csv": (
        "emissions",
        refused(
            "emissions_future_year.csv",
            ", rij 2, kolom 'year': jaar ligt in de toekomst of is nog niet afgelopen; het laatste jaar met geverifieerde "
            f"emissies is {LAST_YEAR} (waarde: '2099')",
        ),
    ),
    "emissions_before_2005.csv": (
        "emissions",
        refused("emissions_before_2005.csv", ", rij 2, kolom 'year': jaar voor 2005: het EU ETS begon in 2005 (waarde: '2003')"),
    ),
    "emissions_negative.csv": (
        "emissions",
        refused("emissions_negative.csv", ", rij 2, kolom 'verified_t_co2': negatief getal; het minimum is 0 (waarde: '-500')"),
    ),
    "emissions_absurd.csv": (
        "emissions",
        refused(
            "emissions_absurd.csv",
            ", rij 2, kolom 'verified_t_co2': onwaarschijnlijk groot: meer dan 20.000.000 t CO2 voor één installatie "
            "(het hoogste ooit in Nederland was 8,3 Mt); staat de eenheid goed (ton, niet kilogram)? (waarde: '250.000.000')",
        ),
    ),
    "subsidies_negative_amount.csv": (
        "subsidies",
        refused(
            "subsidies_negative_amount.csv", ", rij 2, kolom 'granted_eur': negatief getal; het minimum is 0 (waarde: '-1000')"
        ),
    ),
    "cases_bad_date.csv": (
        "cases",
        refused(
            "cases_bad_date.csv",
            ", rij 2, kolom 'opened_on': geen geldige datum (dd-mm-jjjj, jjjj-mm-dd of een Excel-datum) (waarde: '31-02-2024')",
        ),
    ),
    "cases_future_date.csv": (
        "cases",
        refused("cases_future_date.csv", ", rij 2, kolom 'opened_on': datum ligt in de toekomst (waarde: '01-03-2099')"),
    ),
    # keys and references
    "emissions_duplicate_key.csv": (
        "emissions",
        refused(
            "emissions_duplicate_key.csv",
            ", rij 4, kolom 'installation_id, year': dubbele sleutel: deze combinatie staat ook in rij 2 (waarde: 'NL_144 / 2020')",
        ),
    ),
    "emissions_unknown_installation.csv": (
        "emissions",
        refused(
            "emissions_unknown_installation.csv",
            ", rij 2, kolom 'installation_id': onbekende installatie; bedoelde u 'NL_144'? (waarde: 'NL_1444')",
            ", rij 3, kolom 'installation_id': onbekende installatie; niet gevonden in de database (waarde: 'NL_999999')",
        ),
    ),
    "cases_unknown_company.csv": (
        "cases",
        refused(
            "cases_unknown_company.csv",
            ", rij 2, kolom 'company': onbekend bedrijf; bedoelde u 'Nobian Chemicals B.V.'? (waarde: 'Nobian Chemicals BV')",
            ", rij 3, kolom 'company': onbekend bedrijf; niet gevonden bij de installaties in de database (waarde: 'Bakkerij Jansen')",
        ),
    ),
    "case_events_unknown_case.csv": (
        "case_events",
        refused(
            "case_events_unknown_case.csv",
            ", rij 2, kolom 'case_id': onbekende casus; niet in de database; laad eerst het bestand met de casussen "
            "(soort 'cases') (waarde: 'VB-999')",
        ),
    ),
    "cases_key_from_other_source.csv": (
        "cases",
        refused(
            "cases_key_from_other_source.csv",
            ", rij 2, kolom 'case_id': deze sleutel staat al in de database uit bron 'test'; een bestand vervangt alleen "
            "rijen uit dezelfde bron (bestandsnaam of kolom 'source') (waarde: 'T-001')",
        ),
    ),
    # accepted values with a suggestion
    "cases_unknown_bottleneck.csv": (
        "cases",
        refused(
            "cases_unknown_bottleneck.csv",
            ", rij 2, kolom 'bottleneck': onbekende waarde; bedoelde u 'netcongestie'? (waarde: 'netcongestei')",
        ),
    ),
    "cases_unknown_route.csv": (
        "cases",
        refused(
            "cases_unknown_route.csv",
            ", rij 2, kolom 'route': onbekende waarde; bedoelde u 'elektrificatie'? (waarde: 'electrificatie')",
        ),
    ),
    "cases_unknown_status.csv": (
        "cases",
        refused(
            "cases_unknown_status.csv",
            ", rij 2, kolom 'status': onbekende waarde; bedoelde u 'in behandeling'? (waarde: 'in behandling')",
        ),
    ),
    "subsidies_unknown_instrument.csv": (
        "subsidies",
        refused(
            "subsidies_unknown_instrument.csv",
            ", rij 2, kolom 'instrument': onbekende waarde; bedoelde u 'SDE++'? (waarde: 'SDE+')",
        ),
    ),
    "cases_many_errors.csv": (
        "cases",
        refused(
            "cases_many_errors.csv",
            ", rij 2, kolom 'province': onbekende waarde; bedoelde u 'Overijssel'? (waarde: 'Overijsel')",
            ", rij 3, kolom 'sector': onbekende waarde; bedoelde u 'glas'? (waarde: 'glass')",
            ", rij 4, kolom 'case_id': dubbele sleutel: deze combinatie staat ook in rij 2 (waarde: 'U-001')",
        ),
    ),
    # case histories
    "cases_closed_before_opened.csv": (
        "cases",
        refused(
            "cases_closed_before_opened.csv",
            ", rij 2, kolom 'closed_on': casus gesloten voor hij werd geopend: sluitdatum ligt voor de aanmelddatum "
            "01-05-2024 (waarde: '01-03-2024')",
        ),
    ),
    "case_events_backwards.csv": (
        "case_events",
        refused(
            "case_events_backwards.csv",
            ", rij 5, kolom 'status': casus T-001: 'in behandeling' -> 'intake' gaat terug; na 'in behandeling' mag: "
            "opgelost, doorverwezen, gestopt (waarde: 'intake')",
        ),
    ),
    "case_events_skipped_step.csv": (
        "case_events",
        refused(
            "case_events_skipped_step.csv",
            ", rij 3, kolom 'status': casus T-003: 'aangemeld' -> 'opgelost' slaat een stap over of is onmogelijk; "
            "na 'aangemeld' mag: intake, gestopt (waarde: 'opgelost')",
        ),
    ),
    "case_events_no_start.csv": (
        "case_events",
        refused(
            "case_events_no_start.csv", ", rij 2, kolom 'status': casus T-003 begint niet met 'aangemeld' (waarde: 'intake')"
        ),
    ),
    "case_events_status_disagrees.csv": (
        "case_events",
        refused(
            "case_events_status_disagrees.csv",
            ", rij 4, kolom 'status': casus T-002: de laatste status in dit bestand is 'in behandeling', maar de casus heeft "
            "in de database status 'opgelost'; laad eerst het bijgewerkte casussenbestand (waarde: 'in behandeling')",
        ),
    ),
    # issue 9: classes that were once accepted and changed data
    "cases_key_differs_in_case.csv": (
        "cases",
        refused(
            "cases_key_differs_in_case.csv",
            ", rij 2, kolom 'case_id': deze sleutel staat al in de database uit bron 'test'; een bestand vervangt alleen "
            "rijen uit dezelfde bron (bestandsnaam of kolom 'source') (waarde: 't-001')",
        ),
    ),
    "cases_installation_of_other_company.csv": (
        "cases",
        refused(
            "cases_installation_of_other_company.csv",
            ", rij 2, kolom 'installation_id': installatie NL_132 hoort bij 'O-I Netherlands B.V.', niet bij "
            "'Nobian Chemicals B.V.' (waarde: 'NL_132')",
        ),
    ),
    "cases_foreign_source.csv": (
        "cases",
        refused(
            "cases_foreign_source.csv",
            ", rij 2, kolom 'source': deze bron hoort bij bestand 'reference/cases_public.csv'; een bestand vervangt alleen "
            "zijn eigen rijen. Laat de kolom 'source' leeg of geef een eigen bron op "
            "(waarde: 'Rijksoverheid, bericht Actieplan 2.0 (11-09-2025)')",
        ),
    ),
    "emissions_registry_source.csv": (
        "emissions",
        refused(
            "emissions_registry_source.csv",
            ", rij 2, kolom 'source': deze bron hoort bij de ingebouwde gegevens; een bestand vervangt alleen zijn eigen "
            "rijen. Laat de kolom 'source' leeg of geef een eigen bron op (waarde: 'raw/eutl_installations_nl.csv')",
        ),
    ),
    "emissions_nan.csv": (
        "emissions",
        refused(
            "emissions_nan.csv",
            ", rij 2, kolom 'verified_t_co2': geen geldig getal (bijv. 1234,5 of 1.234,5) (waarde: 'nan')",
            ", rij 3, kolom 'verified_t_co2': geen geldig getal (bijv. 1234,5 of 1.234,5) (waarde: 'NaN')",
            ", rij 4, kolom 'verified_t_co2': geen geldig getal (bijv. 1234,5 of 1.234,5) (waarde: 'inf')",
        ),
    ),
    "subsidies_nan.csv": (  # once a raw DuckDB "Constraint Error" (NOT NULL) on the upload page
        "subsidies",
        refused("subsidies_nan.csv", ", rij 2, kolom 'granted_eur': geen geldig getal (bijv. 1234,5 of 1.234,5) (waarde: 'nan')"),
    ),
    "emissions_formula_without_value.xlsx": (
        "emissions",
        "emissions_formula_without_value.xlsx, rij 3, kolom 'verified_t_co2': formule zonder opgeslagen uitkomst; open het "
        "bestand in Excel, laat het herberekenen en sla het opnieuw op (of plak de waarden) (waarde: '=C2*2')",
    ),
    "emissions_two_sheets.xlsx": (
        "emissions",
        "emissions_two_sheets.xlsx: de werkmap heeft gegevens op 2 bladen (Emissies, Toelichting) en 2 ervan (Emissies, "
        "Toelichting) hebben de kolommen van de tabel; de lader leest één tabel. Laat één blad met de tabel over of sla dat "
        "blad op als CSV.",
    ),
    "cases_nul_byte.csv": (
        "cases",
        "cases_nul_byte.csv, rij 3, kolom 'description': bevat een NUL-teken (binaire gegevens); is dit een tekstbestand?",
    ),
    "cases_cell_too_long.csv": (
        "cases",
        "cases_cell_too_long.csv, rij 2, kolom 'description': cel van 12.000 tekens; de grens is 10.000",
    ),
    "cases_cell_over_csv_limit.csv": (  # once a traceback from the csv module
        "cases",
        "cases_cell_over_csv_limit.csv, rij 2: geen leesbare CSV: een cel is langer dan 131.072 tekens; is een heel "
        "document in één cel geplakt?",
    ),
    "case_events_before_opened.csv": (
        "case_events",
        refused(
            "case_events_before_opened.csv",
            ", rij 2, kolom 'event_date': statuswijziging ligt voor de aanmelding van casus T-001 op 01-02-2024 "
            "(waarde: '01-12-2023')",
        ),
    ),
    "case_events_after_closed.csv": (
        "case_events",
        refused(
            "case_events_after_closed.csv",
            ", rij 5, kolom 'event_date': statuswijziging ligt na de sluiting van casus T-002 op 30-09-2024 "
            "(waarde: '15-10-2024')",
        ),
    ),
    "targets_two_names.csv": (
        "targets",
        refused(
            "targets_two_names.csv",
            ", rij 3, kolom 'target_name': doelreeks eigen_pad heeft in rij 2 de naam 'Eigen pad'; één doelreeks, één naam "
            "(waarde: 'Eigen pad (oud)')",
        ),
    ),
}


@pytest.fixture(scope="module")
def corpus_db(fixture_data, tmp_path_factory) -> Path:
    """One database for the whole module: a refused file never changes it (asserted per file)."""
    db = tmp_path_factory.mktemp("corpus") / "cluster6.duckdb"
    load.build(db, fixture_data)
    return db


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_corpus_file_is_covered():
    assert sorted(p.name for p in BROKEN.iterdir() if not p.name.startswith(".")) == sorted(CORPUS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_broken_file_is_refused_with_the_exact_message(name, corpus_db):
    kind, expected = CORPUS[name]
    before = sha(corpus_db)
    with pytest.raises((ContractError, ReadError)) as refusal:
        load.load_file(kind, BROKEN / name, corpus_db)
    assert str(refusal.value) == expected
    assert sha(corpus_db) == before
    failed = corpus_db.with_name(corpus_db.name + ".failed.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(failed[-1])["error"] == expected  # the refusal is kept, not lost
    assert not (load.user_dir(corpus_db) / kind / name).exists()  # a refused file is not kept for rebuilds


@pytest.mark.parametrize("name", ["emissions_future_year.csv", "case_events_backwards.csv", "emissions_empty.csv"])
def test_cli_prints_the_message_and_exits_1(name, corpus_db, capsys):
    kind, expected = CORPUS[name]
    before = sha(corpus_db)
    assert main(["--db", str(corpus_db), "load", kind, str(BROKEN / name)]) == 1
    err = capsys.readouterr().err
    assert err == f"FOUT: {expected}\nDe database is niet gewijzigd.\n"
    assert sha(corpus_db) == before


def test_cli_usage_error_exits_2(corpus_db):
    with pytest.raises(SystemExit) as usage:
        main(["--db", str(corpus_db), "load", "emisions", str(BROKEN / "emissions_empty.csv")])
    assert usage.value.code == 2


def test_a_file_far_too_large_is_refused_before_reading(corpus_db, tmp_path):
    huge = tmp_path / "emissies_groot.csv"
    with open(huge, "wb") as handle:  # a sparse 60 MB file: the size check must refuse it without reading it
        handle.truncate(60 * 1024 * 1024)
    before = sha(corpus_db)
    with pytest.raises(ReadError) as refusal:
        load.load_file("emissions", huge, corpus_db)
    assert str(refusal.value) == (
        "emissies_groot.csv: het bestand is 60,0 MB; de grens is 50 MB. Splits het bestand of controleer of het juiste bestand is gekozen."
    )
    assert sha(corpus_db) == before


def test_too_many_rows_is_refused(tmp_path):
    many = tmp_path / "veel.csv"
    many.write_text("installation_id,year,verified_t_co2\n" + "NL_144,2020,1\n" * 1_001, encoding="utf-8")
    with pytest.raises(ReadError) as refusal:
        read_table(many, max_rows=1_000)
    assert str(refusal.value) == "veel.csv: 1.001 rijen; de grens is 1.000 rijen. Controleer of het juiste bestand is gekozen."


# --- files that must load --------------------------------------------------------------------------------


def fresh(corpus_db: Path, tmp_path: Path, name: str) -> Path:
    db = tmp_path / name / "cluster6.duckdb"
    db.parent.mkdir()
    shutil.copyfile(corpus_db, db)
    return db


def table(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    "kind, order", [("subsidies", "grant_id, year"), ("cases", "case_id"), ("emissions", "installation_id, year")]
)
def test_dutch_spreadsheet_twin_loads_exactly_like_the_plain_twin(kind, order, corpus_db, tmp_path):
    plain, dutch = fresh(corpus_db, tmp_path, "plain"), fresh(corpus_db, tmp_path, "dutch")
    if kind == "emissions":  # XLSX with a title block, an empty first column and empty rows, against plain CSV
        load.load_file(kind, GOOD / "emissions_plain.csv", plain, display_name="emissies.csv")
        load.load_file(kind, GOOD / "emissions_title_block.xlsx", dutch, display_name="emissies.csv")
    else:  # ';', decimal commas, thousands dots, BOM, CRLF, dd-mm-yyyy, dd/mm/yyyy, Excel serial, empty rows/column
        load.load_file(kind, GOOD / "twin_plain" / f"{kind}.csv", plain)
        load.load_file(kind, GOOD / "twin_nl" / f"{kind}.csv", dutch)
    sql = f"SELECT * FROM {kind} ORDER BY {order}"
    assert table(plain, sql) == table(dutch, sql)
    assert table(plain, "SELECT rows FROM load_log ORDER BY load_id DESC LIMIT 1") == [(3,)]


def test_a_workbook_with_a_notes_sheet_reads_the_sheet_with_the_table(corpus_db, tmp_path):
    plain, notes = fresh(corpus_db, tmp_path, "plain"), fresh(corpus_db, tmp_path, "notes")
    load.load_file("emissions", GOOD / "emissions_plain.csv", plain, display_name="emissies.csv")
    load.load_file("emissions", GOOD / "emissions_notes_sheet.xlsx", notes, display_name="emissies.csv")  # notes first
    sql = "SELECT * FROM emissions ORDER BY installation_id, year"
    assert table(plain, sql) == table(notes, sql)
    checked = upload.check("emissions", GOOD / "emissions_notes_sheet.xlsx", "emissies.xlsx", notes)  # the upload page
    assert checked.report.empty and len(checked.preview) == 3


def test_twin_values_are_read_as_written(corpus_db, tmp_path):
    db = fresh(corpus_db, tmp_path, "db")
    load.load_file("subsidies", GOOD / "twin_nl" / "subsidies.csv", db)
    assert table(
        db,
        "SELECT grant_id, year, granted_eur, paid_eur, expected_reduction_t_co2 FROM subsidies WHERE source = 'subsidies.csv' ORDER BY 1, 2",
    ) == [
        ("U-S01", 2024, 1234567.5, 250000.0, 12.5),
        ("U-S01", 2025, 0.0, 984567.5, 12.5),
        ("U-S02", 2025, 2500000.0, 0.0, None),
    ]
    load.load_file("cases", GOOD / "twin_nl" / "cases.csv", db)
    assert table(db, "SELECT case_id, opened_on, closed_on FROM cases WHERE case_id = 'U-002'") == [
        ("U-002", dt.date(2023, 12, 15), dt.date(2025, 1, 31))  # 15/12/2023 and Excel serial 45688
    ]


def test_windows_1252_file_loads_with_accents(corpus_db, tmp_path):
    db = fresh(corpus_db, tmp_path, "db")
    load.load_file("cases", GOOD / "cases_cp1252.csv", db)
    assert table(db, "SELECT company, province, route FROM cases WHERE source = 'cases_cp1252.csv' ORDER BY case_id") == [
        ("Coöperatie Koninklijke Cosun U.A.", "Groningen", "procesefficiëntie & restwarmte"),
        ("Huhtamaki Nederland B.V.", "Fryslân", "elektrificatie"),
    ]


def test_unknown_extra_columns_are_warned_and_ignored(corpus_db, tmp_path):
    db = fresh(corpus_db, tmp_path, "db")
    report = load.load_file("emissions", GOOD / "emissions_extra_columns.csv", db)
    assert report.warnings == [
        "emissions_extra_columns.csv: onbekende kolom 'opmerking' wordt genegeerd",
        "emissions_extra_columns.csv: onbekende kolom 'contactpersoon' wordt genegeerd",
    ]
    assert table(db, "SELECT verified_t_co2, source FROM emissions WHERE installation_id = 'NL_144' AND year = 2023") == [
        (5123456.5, "emissions_extra_columns.csv")
    ]


def all_tables_but_the_log(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_name <> 'load_log'").fetchall()
        ]
        return {n: sorted(con.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}
    finally:
        con.close()


@pytest.mark.parametrize(
    "kind, file",
    [("cases", "twin_nl/cases.csv"), ("subsidies", "twin_plain/subsidies.csv"), ("emissions", "emissions_title_block.xlsx")],
)
def test_loading_the_same_file_twice_gives_the_same_database(kind, file, corpus_db, tmp_path):
    db = fresh(corpus_db, tmp_path, "db")
    load.load_file(kind, GOOD / file, db)
    once = all_tables_but_the_log(db)
    load.load_file(kind, GOOD / file, db)
    assert all_tables_but_the_log(db) == once
    log = table(db, "SELECT kind, source_file, rows FROM load_log ORDER BY load_id DESC LIMIT 2")
    assert log[0] == log[1]  # both loads are logged, with the same file and row count


def test_a_kept_user_file_survives_a_rebuild(fixture_data, tmp_path):
    db = tmp_path / "cluster6.duckdb"
    load.build(db, fixture_data)
    load.load_file("cases", GOOD / "twin_plain" / "cases.csv", db)
    assert (load.user_dir(db) / "cases" / "cases.csv").exists()
    loaded = all_tables_but_the_log(db)
    reports = load.build(db, fixture_data)
    assert all_tables_but_the_log(db) == loaded
    assert [r.file for r in reports if r.kind == "cases"][-1] == "cases.csv"


def test_a_kept_file_that_no_longer_passes_is_skipped_with_a_warning(fixture_data, tmp_path):
    db = tmp_path / "cluster6.duckdb"
    load.build(db, fixture_data)
    (load.user_dir(db) / "cases").mkdir(parents=True)
    shutil.copy(BROKEN / "cases_unknown_route.csv", load.user_dir(db) / "cases" / "oud.csv")
    reports = load.build(db, fixture_data)
    skipped = [r for r in reports if r.file == "oud.csv"]
    assert skipped[0].rows == 0
    assert skipped[0].warnings[0].startswith("eigen bestand user/cases/oud.csv overgeslagen: oud.csv: 1 fout(en), niets geladen.")
    assert table(db, "SELECT count(*) FROM cases WHERE source = 'oud.csv'") == [(0,)]
