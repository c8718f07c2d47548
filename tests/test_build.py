"""The whole build on the shipped data: reconciliation with the raw sources, the contract, determinism."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl import load, sample
from etl.kinds import CONTRACTS
from monitor import config

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def full_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("full") / "cluster6.duckdb"
    load.build(db, config.DATA_DIR)
    return db


def raw_totals() -> dict[int, float]:
    """NL stationary verified emissions per year, straight from the raw files (independent of the ETL)."""
    old = pd.read_csv(config.RAW_DIR / "eutl_installations_nl.csv", dtype=str, keep_default_na=False)
    old = old[old["MainActivityTypeCode"] != "10"]
    totals = {y: pd.to_numeric(old[f"VerifiedEmissions_{y}"], errors="coerce").sum() for y in range(2005, 2023)}
    new = pd.read_csv(config.RAW_DIR / "eutl_verified_nl_2022_2025.csv")
    totals.update({y: new[f"verified_{y}"].sum() for y in (2023, 2024, 2025)})
    return totals


def test_nl_total_per_year_reconciles_with_the_raw_source(full_db):
    con = duckdb.connect(str(full_db), read_only=True)
    loaded = dict(con.execute("SELECT year, sum(verified_t_co2) FROM emissions GROUP BY year").fetchall())
    expected = raw_totals()
    assert sorted(loaded) == list(range(2005, 2026))
    for year, total in expected.items():
        assert loaded[year] == pytest.approx(total, abs=0.5), year
    assert loaded[2022] == 68_507_322 and loaded[2025] == 61_614_309  # the figures SOURCES.md states


def test_every_table_column_is_documented_with_a_comment():
    schema = (ROOT / "etl/schema.sql").read_text(encoding="utf-8")
    for line in schema.splitlines():
        if re.match(r"^\s+[a-z_0-9]+\s+(VARCHAR|INTEGER|DOUBLE|BOOLEAN|DATE|TIMESTAMP)", line):
            assert "--" in line, f"column without comment: {line.strip()}"


def test_contracts_match_the_schema(full_db):
    con = duckdb.connect(str(full_db), read_only=True)
    for contract in CONTRACTS.values():
        columns = {
            r[0]
            for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [contract.table]
            ).fetchall()
        }
        assert set(contract.column_names) <= columns, contract.kind


def test_every_sample_row_is_flagged_and_public_cases_are_not(full_db):
    con = duckdb.connect(str(full_db), read_only=True)
    assert con.execute("SELECT count(*) FROM cases WHERE is_sample").fetchone()[0] == 80
    public = con.execute("SELECT company FROM cases WHERE NOT is_sample ORDER BY case_id").fetchall()
    assert [p[0] for p in public] == [
        "Coöperatie Koninklijke Cosun U.A.",
        "Promelca B.V.",
        "Saint-Gobain Construction Products Nederland B.V.",
    ]
    assert con.execute("SELECT bool_and(is_sample) FROM subsidies").fetchone()[0]
    assert con.execute("SELECT count(DISTINCT grant_id) FROM subsidies").fetchone()[0] == 120


def test_build_is_reproducible(full_db, tmp_path):
    again = tmp_path / "again.duckdb"
    load.build(again, config.DATA_DIR)
    first, second = duckdb.connect(str(full_db), read_only=True), duckdb.connect(str(again), read_only=True)
    for table in ("installations", "emissions", "cases", "case_events", "subsidies", "targets", "data_quality"):
        query = f"SELECT * FROM {table} ORDER BY ALL"
        assert first.execute(query).fetchall() == second.execute(query).fetchall(), table


def test_sample_generator_reproduces_the_shipped_files():
    for name, frame in sample.generate(config.DATA_DIR).items():
        shipped = (config.SAMPLE_DIR / f"{name}.csv").read_text(encoding="utf-8")
        assert frame.to_csv(index=False, lineterminator="\n") == shipped, name


def test_sample_cases_cover_the_action_lines(full_db):
    """The loaded sample cases use every Actieplan 2.0 line, and energy-infrastructure pilots only where the
    bottleneck is about the grid or infrastructure."""
    con = duckdb.connect(str(full_db), read_only=True)
    rows = con.execute("SELECT project_type, bottleneck FROM cases WHERE is_sample").fetchall()
    assert {project for project, _ in rows} == set(config.PROJECT_TYPES)
    assert {bottleneck for project, bottleneck in rows if project == "pilots energie-infrastructuur"} <= set(
        sample.GRID_BOTTLENECKS
    )


def test_unmapped_sectors_are_listed_not_dropped(full_db):
    con = duckdb.connect(str(full_db), read_only=True)
    unmapped = {
        r[0] for r in con.execute("SELECT installation_id FROM installations WHERE sector_source = 'unmapped'").fetchall()
    }
    listed = {r[0] for r in con.execute("SELECT installation_id FROM data_quality WHERE issue = 'sector onbekend'").fetchall()}
    assert unmapped and unmapped == listed


def test_cli_builds_where_c6_db_points_and_a_failed_load_changes_nothing(tmp_path, fixture_data):
    db = tmp_path / "cli.duckdb"
    env = {"C6_DB": str(db), "C6_DATA": str(fixture_data), "PATH": "/usr/bin:/bin"}
    built = subprocess.run([sys.executable, "-m", "etl"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = tmp_path / "emissies.csv"
    bad.write_text("installation_id;year;verified_t_co2\nNL_106;2024;12,5\nNL_106;2031;-4\n", encoding="utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "etl", "load", "emissions", str(bad)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert refused.returncode == 1
    assert "emissies.csv, rij 3, kolom 'year': jaar ligt in de toekomst of is nog niet afgelopen" in refused.stderr
    assert "emissies.csv, rij 3, kolom 'verified_t_co2': negatief getal; het minimum is 0 (waarde: '-4')" in refused.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    good = tmp_path / "emissies_goed.csv"
    good.write_text("\ufeffinstallation_id;year;verified_t_co2\nNL_106;2024;1.234,5\n", encoding="utf-8")
    loaded = subprocess.run(
        [sys.executable, "-m", "etl", "load", "emissions", str(good)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert loaded.returncode == 0, loaded.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute(
        "SELECT verified_t_co2, source FROM emissions WHERE installation_id = 'NL_106' AND year = 2024"
    ).fetchone() == (1234.5, "emissies_goed.csv")
    assert con.execute(
        "SELECT source_file, rows, outcome, loaded_by LIKE '% (opdrachtregel)' FROM load_log ORDER BY load_id DESC LIMIT 1"
    ).fetchone() == (
        "emissies_goed.csv",
        1,
        "ok",
        True,
    )


def test_loading_missing_figures_clears_their_reporting_gap(scratch_db, tmp_path):
    con = duckdb.connect(str(scratch_db), read_only=True)
    gaps = con.execute("SELECT installation_id FROM data_quality WHERE issue = '2025 niet gerapporteerd' ORDER BY 1").fetchall()
    con.close()
    assert gaps, "the fixture has installations that had not reported 2025"
    first = gaps[0][0]
    figures = tmp_path / "nea_2025.csv"
    figures.write_text(f"installation_id;year;verified_t_co2\n{first};2025;1.000\n", encoding="utf-8")
    load.load_file("emissions", figures, scratch_db)
    con = duckdb.connect(str(scratch_db), read_only=True)
    after = con.execute("SELECT installation_id FROM data_quality WHERE issue = '2025 niet gerapporteerd' ORDER BY 1").fetchall()
    assert after == gaps[1:]
