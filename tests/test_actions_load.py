"""The kind action_progress (milestones and indicator values per action line): its contract with Dutch
file/row/column messages, atomic all-or-nothing loads, idempotent reloads, and the shipped rows."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from etl import load, upload
from etl.contracts import ContractError
from etl.kinds import CONTRACTS

HEADER = "action_line;item_type;item_id;label;as_of;planned_on;actual_on;status;value;company;subject;detail;partners;note\n"
GOOD = (
    "pilots;mijlpaal;P-1;Tweede pilot gestart;01-10-2026;31-12-2030;;gestart;;;;;;\n"
    "kennisnetwerken;indicator;ken_sessies;Kennissessies gehouden;01-11-2026;;;;20;;;;;\n"
    "maatwerk;indicator;maat_bedrijven;Bedrijven in een maatwerktraject;01-11-2026;;;;1;O-I Netherlands B.V.;;verkenning;;\n"
)


@pytest.fixture(scope="module")
def actions_db(fixture_data, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("actions") / "cluster6.duckdb"
    load.build(db, fixture_data)
    return db


def write(tmp_path: Path, name: str, rows: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fresh(db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy" / db.name
    copy.parent.mkdir()
    shutil.copy(db, copy)
    return copy


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_shipped_public_and_sample_rows_are_loaded_and_marked(actions_db):
    public = rows(actions_db, "SELECT item_id, company FROM action_progress WHERE NOT is_sample ORDER BY item_id")
    assert public == [("PIL-M1", None), ("maat_bedrijven", "Coöperatie Koninklijke Cosun U.A.")]
    assert rows(actions_db, "SELECT count(*), bool_and(source = 'test') FROM action_progress WHERE is_sample") == [(13, True)]
    logged = rows(actions_db, "SELECT source_file, rows FROM load_log WHERE kind = 'action_progress' ORDER BY load_id")
    assert logged == [("reference/action_progress_public.csv", 2), ("sample/action_progress.csv", 13)]


def test_a_good_file_loads_with_a_future_planned_date_and_replaces_itself(actions_db, tmp_path):
    db = fresh(actions_db, tmp_path)
    path = write(tmp_path, "voortgang.csv", GOOD)
    report = load.load_file("action_progress", path, db, keep=False)
    assert report.rows == 3
    assert rows(db, "SELECT planned_on::VARCHAR, status FROM action_progress WHERE item_id = 'P-1'") == [
        ("2030-12-31", "gestart")
    ]
    once = rows(db, "SELECT * FROM action_progress ORDER BY ALL")
    load.load_file("action_progress", path, db, keep=False)
    assert rows(db, "SELECT * FROM action_progress ORDER BY ALL") == once  # same file twice: same rows
    assert upload.recognise(HEADER.strip().split(";")) == "action_progress"


BROKEN = {
    "no_planned_date": (
        "regioaanpak;mijlpaal;R-9;Regio-afspraak;01-10-2026;;;gepland;;;;;;\n",
        ["rij 2, kolom 'planned_on': een mijlpaal vraagt een geplande datum"],
    ),
    "finished_without_date": (
        "regioaanpak;mijlpaal;R-9;Regio-afspraak;01-10-2026;01-09-2026;;afgerond;;;;;;\n",
        ["rij 2, kolom 'actual_on': status 'afgerond' vraagt de datum waarop de mijlpaal is bereikt"],
    ),
    "reached_after_as_of": (
        "regioaanpak;mijlpaal;R-9;Regio-afspraak;01-09-2026;01-09-2026;15-09-2026;afgerond;;;;;;\n",
        ["rij 2, kolom 'actual_on': bereikt na de peildatum 01-09-2026 van deze rij (waarde: '15-09-2026')"],
    ),
    "future_as_of": (
        "regioaanpak;mijlpaal;R-9;Regio-afspraak;01-01-2099;01-09-2099;;gepland;;;;;;\n",
        ["rij 2, kolom 'as_of': datum ligt in de toekomst (waarde: '01-01-2099')"],
    ),
    "unknown_status": (
        "regioaanpak;mijlpaal;R-9;Regio-afspraak;01-10-2026;01-12-2026;;gestrat;;;;;;\n",
        ["rij 2, kolom 'status': onbekende waarde; bedoelde u 'gestart'? (waarde: 'gestrat')"],
    ),
    "unknown_line": (
        "regio;indicator;reg_oplossingen;Gedeelde oplossingen;01-10-2026;;;;2;;;;;\n",
        ["rij 2, kolom 'action_line': onbekende waarde; bedoelde u 'regioaanpak'? (waarde: 'regio')"],
    ),
    "misspelt_indicator": (
        "kennisnetwerken;indicator;ken_sesies;Kennissessies;01-10-2026;;;;4;;;;;\n",
        ["rij 2, kolom 'item_id': onbekende indicator; bedoelde u 'ken_sessies'? (waarde: 'ken_sesies')"],
    ),
    "computed_indicator": (
        "casusaanpak;indicator;cas_opgelost;Casussen opgelost;01-10-2026;;;;40;;;;;\n",
        [
            "rij 2, kolom 'item_id': indicator 'Casussen opgelost' wordt berekend uit de casussen, subsidies of "
            "installaties en kan niet worden geladen (waarde: 'cas_opgelost')"
        ],
    ),
    "indicator_on_wrong_line": (
        "pilots;indicator;ken_sessies;Kennissessies;01-10-2026;;;;4;;;;;\n",
        ["rij 2, kolom 'action_line': indicator 'ken_sessies' hoort bij actielijn 'kennisnetwerken' (waarde: 'pilots')"],
    ),
    "indicator_without_value": (
        "kennisnetwerken;indicator;ken_sessies;Kennissessies;01-10-2026;;;;;;;;;\n",
        ["rij 2, kolom 'value': een indicatorrij vraagt een waarde"],
    ),
    "unknown_company": (
        "maatwerk;indicator;maat_bedrijven;Maatwerk;01-10-2026;;;;1;Zuivelfabriek Xyz;;;;\n",
        [
            "rij 2, kolom 'company': onbekend bedrijf; niet gevonden bij de installaties in de database (waarde: 'Zuivelfabriek Xyz')"
        ],
    ),
    "duplicate_line_level_row": (
        "kennisnetwerken;indicator;ken_sessies;Kennissessies;01-10-2026;;;;4;;;;;\n"
        "kennisnetwerken;indicator;ken_sessies;Kennissessies;01-10-2026;;;;5;;;;;\n",
        [
            "rij 3, kolom 'item_id, as_of, company, subject': dubbele sleutel: deze combinatie staat ook in rij 2 "
            "(waarde: 'ken_sessies / 2026-10-01 /  / ')"
        ],
    ),
    "one_code_two_lines": (
        "regioaanpak;mijlpaal;X-1;Afspraak;01-10-2026;01-12-2026;;gepland;;;;;;\n"
        "pilots;mijlpaal;X-1;Afspraak;01-11-2026;01-12-2026;;gestart;;;;;;\n",
        ["rij 3, kolom 'action_line': code 'X-1' heeft in rij 2 action_line 'regioaanpak' (waarde: 'pilots')"],
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_is_refused_with_file_row_column_and_changes_nothing(name, actions_db, tmp_path):
    body, problems = BROKEN[name]
    path = write(tmp_path, f"{name}.csv", body)
    before = sha(actions_db)
    with pytest.raises(ContractError) as refusal:
        load.load_file("action_progress", path, actions_db)
    expected = f"{name}.csv: {len(problems)} fout(en), niets geladen.\n" + "\n".join(f"{name}.csv, {p}" for p in problems)
    assert str(refusal.value) == expected
    assert sha(actions_db) == before
    assert not (load.user_dir(actions_db) / "action_progress" / f"{name}.csv").exists()


def test_every_problem_of_a_file_is_listed_at_once(actions_db, tmp_path):
    body = BROKEN["no_planned_date"][0] + BROKEN["misspelt_indicator"][0]
    path = write(tmp_path, "twee.csv", body + "pilots;mijlpaal;P-2;Pilot;01-10-2026;01-12-2026;;klaar;;;;;;\n")
    with pytest.raises(ContractError) as refusal:
        load.load_file("action_progress", path, actions_db)
    assert [(v.row, v.column) for v in refusal.value.violations] == [(4, "status")]  # cast errors first
    fixed = write(tmp_path, "twee.csv", body)
    with pytest.raises(ContractError) as refusal:
        load.load_file("action_progress", fixed, actions_db)
    assert [(v.row, v.column) for v in refusal.value.violations] == [(2, "planned_on"), (3, "item_id")]


def test_a_row_that_another_source_already_holds_is_refused(actions_db, tmp_path):
    db = fresh(actions_db, tmp_path)
    line_level = "kennisnetwerken;indicator;ken_sessies;Kennissessies gehouden;31-12-2025;;;;3;;;;;\n"  # also in 'test'
    path = write(tmp_path, "ander.csv", line_level)
    with pytest.raises(ContractError, match="deze sleutel staat al in de database uit bron 'test'"):
        load.load_file("action_progress", path, db)


def test_the_contract_matches_the_table(actions_db):
    columns = {
        r[0]
        for r in rows(actions_db, "SELECT column_name FROM information_schema.columns WHERE table_name = ?", ["action_progress"])
    }
    assert set(CONTRACTS["action_progress"].column_names) == columns
