"""Loading, hardened (issue 9): what is normalised is told to the user, a load replaces only what it owns
and leaves no orphans (checked in the loader), parsing is bounded in size, memory and time, every failure
ends in the loader's one message format (CLI and page), and a killed load leaves nothing behind that the
next load does not clean. The refused files themselves are in the corpus (test_loading_corpus.py)."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl import load
from etl.__main__ import main
from etl.bounded import read_table_bounded
from etl.contracts import ContractError
from etl.readers import ReadError
from tests.conftest import ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = FIXTURES / "good"
BROKEN = FIXTURES / "broken"


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# 1. Normalised with a warning the user sees


def test_ids_in_another_letter_case_are_stored_as_in_the_database(scratch_db):
    report = load.load_file("cases", GOOD / "cases_lowercase_ids.csv", scratch_db)
    assert report.warnings == [
        "cases_lowercase_ids.csv, rij 2, kolom 'installation_id': geschreven als 'NL_106', zoals in de database (waarde: 'nl_106')",
        "cases_lowercase_ids.csv, rij 2, kolom 'company': geschreven als 'Nobian Chemicals B.V.', zoals in de database "
        "(waarde: 'nobian chemicals b.v.')",
    ]
    assert rows(scratch_db, "SELECT company, installation_id FROM cases WHERE case_id = 'U-020'") == [
        ("Nobian Chemicals B.V.", "NL_106")
    ]
    events = load.load_file("case_events", GOOD / "case_events_lowercase_ids.csv", scratch_db)
    assert events.warnings == [
        "case_events_lowercase_ids.csv, rij 2, kolom 'case_id': geschreven als 'U-020', zoals in de database (waarde: 'u-020')"
    ]
    assert rows(scratch_db, "SELECT DISTINCT case_id FROM case_events WHERE source = 'case_events_lowercase_ids.csv'") == [
        ("U-020",)
    ]
    # and the company sees its own case: the case joins its installation
    assert rows(
        scratch_db, "SELECT i.company FROM cases c JOIN installations i USING (installation_id) WHERE c.case_id = 'U-020'"
    ) == [("Nobian Chemicals B.V.",)]


def test_a_subsidy_paid_above_its_grant_loads_with_a_warning(scratch_db):
    report = load.load_file("subsidies", GOOD / "subsidies_paid_above_granted.csv", scratch_db)
    assert report.warnings == [
        "subsidies_paid_above_granted.csv: beschikking U-S50: betaald € 130.000 is meer dan toegekend € 100.000; klopt dat?"
    ]
    assert report.rows == 3


# 2. A load replaces only what it owns, and leaves no orphans


def test_deleting_a_case_deletes_its_events(scratch_db, tmp_path):
    header = "case_id,company,installation_id,province,sector,route,bottleneck,status,opened_on,closed_on\n"
    case = "{id},Nobian Chemicals B.V.,NL_106,Overijssel,chemie,elektrificatie,netcongestie,aangemeld,01-03-2024,\n"
    cases = tmp_path / "mijn_casussen.csv"
    cases.write_text(header + case.format(id="U-030") + case.format(id="U-031"), encoding="utf-8")
    load.load_file("cases", cases, scratch_db)
    events = tmp_path / "mijn_historie.csv"
    events.write_text("case_id,event_date,status\nU-030,2024-03-01,aangemeld\nU-031,2024-03-02,aangemeld\n", encoding="utf-8")
    load.load_file("case_events", events, scratch_db)
    cases.write_text(header + case.format(id="U-030"), encoding="utf-8")  # U-031 withdrawn
    report = load.load_file("cases", cases, scratch_db)
    assert report.warnings == ["mijn_casussen.csv: 1 statusregel(s) verwijderd van casussen die niet meer bestaan: U-031"]
    assert rows(scratch_db, "SELECT case_id FROM case_events WHERE source = 'mijn_historie.csv'") == [("U-030",)]
    assert rows(scratch_db, "SELECT count(*) FROM case_events WHERE case_id NOT IN (SELECT case_id FROM cases)") == [(0,)]


def test_a_file_cannot_take_over_another_files_source(scratch_db):
    """Once, a one-row file whose `source` named the public cases deleted them and orphaned their events."""
    before = rows(scratch_db, "SELECT count(*) FROM cases WHERE source LIKE 'Rijksoverheid%'")
    with pytest.raises(ContractError):
        load.load_file("cases", BROKEN / "cases_foreign_source.csv", scratch_db)
    assert rows(scratch_db, "SELECT count(*) FROM cases WHERE source LIKE 'Rijksoverheid%'") == before == [(3,)]


def test_the_loader_refuses_to_leave_orphans(scratch_db, tmp_path):
    """The orphan check is in the loader: a database that would hold an orphan after a load is not swapped in."""
    con = duckdb.connect(str(scratch_db))
    con.execute("INSERT INTO case_events VALUES ('WEES-1', DATE '2024-01-01', 'aangemeld', NULL, false, false, 'los')")
    con.execute(
        "INSERT INTO emissions (installation_id, year, verified_t_co2, status, source) VALUES ('NL_0', 2020, 1, 'reported', 'los')"
    )
    con.close()
    before = sha(scratch_db)
    with pytest.raises(ContractError) as refusal:
        load.load_file("emissions", GOOD / "emissions_plain.csv", scratch_db)
    assert str(refusal.value) == (
        "emissions_plain.csv: 2 fout(en), niets geladen.\n"
        "emissions_plain.csv: na het laden zou de database statusregels zonder casus bevatten (waarde: 'WEES-1')\n"
        "emissions_plain.csv: na het laden zou de database emissies zonder installatie bevatten (waarde: 'NL_0')"
    )
    assert sha(scratch_db) == before


def test_an_accepted_load_leaves_a_whole_database(scratch_db):
    load.load_file("cases", GOOD / "twin_plain" / "cases.csv", scratch_db)
    con = duckdb.connect(str(scratch_db), read_only=True)
    try:
        assert load.integrity_violations(con, "x") == []
    finally:
        con.close()


# 3. Bounded: size, memory, time


def test_a_small_xlsx_that_expands_hugely_is_refused_before_parsing(tmp_path):
    bomb = tmp_path / "bom.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["installation_id", "year", "verified_t_co2"])
    workbook.save(bomb)
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as archive, archive.open("xl/padding.xml", "w") as part:
        block = b"<s>x</s>" * (1 << 17)  # 1 MB of repeated strings, compressed to almost nothing
        for _ in range(210):
            part.write(block)
    assert bomb.stat().st_size < 1_000_000
    started = time.perf_counter()
    with pytest.raises(ReadError) as refusal:
        read_table_bounded(bomb)
    assert time.perf_counter() - started < 10
    assert str(refusal.value) == (
        "bom.xlsx: de werkmap is uitgepakt 210 MB; de grens is 200 MB. Sla alleen de tabel op als CSV of als een kleinere werkmap."
    )


def test_parsing_is_bounded_in_memory_and_time(tmp_path, monkeypatch):
    """The child really is limited: a parser that grabs 4 GB or hangs is stopped, and the parent gets the
    loader's message. (The parser is replaced in the parent; the forked child inherits it.)"""
    import etl.bounded as bounded

    small = tmp_path / "klein.csv"
    small.write_text("installation_id,year,verified_t_co2\nNL_144,2020,1\n", encoding="utf-8")

    def greedy(*args, **kwargs):
        return bytearray(4 * 1024**3)  # what a hostile workbook does to openpyxl, at once

    monkeypatch.setattr(bounded, "read_table", greedy)
    with pytest.raises(ReadError) as refusal:
        read_table_bounded(small, memory_bytes=64 * 1024 * 1024)
    assert str(refusal.value) == (
        "klein.csv: het lezen vraagt meer dan 64 MB geheugen en is afgebroken. Sla alleen de tabel op als CSV of als een kleinere werkmap."
    )

    def hanging(*args, **kwargs):
        time.sleep(30)

    monkeypatch.setattr(bounded, "read_table", hanging)
    started = time.perf_counter()
    with pytest.raises(ReadError) as refusal:
        read_table_bounded(small, timeout_s=1)
    assert time.perf_counter() - started < 10
    assert str(refusal.value) == (
        "klein.csv: het lezen duurde langer dan 1 s en is afgebroken. Is dit het juiste bestand? Sla alleen de tabel op als CSV."
    )
    monkeypatch.undo()
    big = tmp_path / "groot.csv"
    big.write_text("installation_id,year,verified_t_co2\n" + "NL_144,2020,1\n" * 150_000, encoding="utf-8")
    assert len(read_table_bounded(big)) == 150_000  # within the limits a large file reads


def test_a_rebuild_whose_file_fails_to_parse_changes_nothing_and_leaves_no_parser(scratch_db, fixture_data, tmp_path):
    """The build starts parsing its case, event and subsidy files first, each in its bounded child: a file that
    cannot be read still fails the build with the reader's message, the live database stays as it was, and no
    parser process is left - also not those of the files after the failing one, which were never collected."""
    import multiprocessing
    import shutil

    data = tmp_path / "data"
    shutil.copytree(fixture_data, data)
    cases = (data / "sample/cases.csv").read_text(encoding="utf-8").splitlines()
    cases[1] += "," * 30 + "overloop"  # a value beyond the last column: the reader refuses the file
    (data / "sample/cases.csv").write_text("\n".join(cases) + "\n", encoding="utf-8")
    subsidies = (data / "sample/subsidies.csv").read_text(encoding="utf-8").splitlines()
    # larger than a pipe's buffer: its parser is still alive, waiting to hand over the frame, when the build fails
    (data / "sample/subsidies.csv").write_text("\n".join(subsidies[:1] + subsidies[1:2] * 5000) + "\n", encoding="utf-8")
    before = sha(scratch_db)
    with pytest.raises(ReadError) as refusal:
        load.build(scratch_db, data)
    assert str(refusal.value).startswith("sample/cases.csv, rij 2: ")
    assert "(waarde voorbij de laatste kolom: 'overloop')" in str(refusal.value)
    assert sha(scratch_db) == before
    assert not list(scratch_db.parent.glob(f".{scratch_db.name}.*.tmp*"))
    assert multiprocessing.active_children() == []


# 4. Every failure in one format, never a traceback


def test_an_unexpected_failure_is_reported_in_the_loaders_format(scratch_db, monkeypatch, capsys):
    def broken_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(load, "load_kind", broken_disk)
    before = sha(scratch_db)
    with pytest.raises(ContractError) as refusal:
        load.load_file("cases", GOOD / "twin_plain" / "cases.csv", scratch_db)
    expected = (
        "cases.csv: 1 fout(en), niets geladen.\n"
        "cases.csv: onverwachte fout bij het laden (OSError: [Errno 28] No space left on device)"
    )
    assert str(refusal.value) == expected
    assert main(["--db", str(scratch_db), "load", "cases", str(GOOD / "twin_plain" / "cases.csv")]) == 1
    assert capsys.readouterr().err == f"FOUT: {expected}\nDe database is niet gewijzigd.\n"
    assert sha(scratch_db) == before


# 5. Private files, and a load killed midway


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_kept_files_and_logs_are_private(scratch_db):
    load.load_file("cases", GOOD / "twin_plain" / "cases.csv", scratch_db)
    with pytest.raises(ContractError):
        load.load_file("cases", BROKEN / "cases_unknown_route.csv", scratch_db)
    assert mode(scratch_db) == 0o600
    assert mode(load.user_dir(scratch_db) / "cases" / "cases.csv") == 0o600
    assert mode(load.user_dir(scratch_db) / "cases") == 0o700
    assert mode(scratch_db.with_name(scratch_db.name + ".failed.jsonl")) == 0o600


KILLABLE = """
import sys, time
from pathlib import Path
from etl import load
real = load.load_kind
def slow(*args, **kwargs):
    report = real(*args, **kwargs)
    print("copied", flush=True)
    time.sleep(60)  # killed here: the copy is complete and loaded, not yet swapped in
    return report
load.load_kind = slow
load.load_file("cases", Path(sys.argv[2]), Path(sys.argv[1]))
"""


def test_a_load_killed_midway_leaves_the_database_and_is_cleaned_up(scratch_db):
    before = sha(scratch_db)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLABLE, str(scratch_db), str(GOOD / "twin_plain" / "cases.csv")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "copied"
        left = list(scratch_db.parent.glob(f".{scratch_db.name}.{child.pid}.*.tmp"))
        assert len(left) == 1 and mode(left[0]) == 0o600  # the copy was never world-readable
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert sha(scratch_db) == before  # the live database is untouched
    assert left[0].exists()  # the killed load's copy is still there ...
    # ... the lock is free: a new load runs at once, and it removes the stale copy
    started = time.perf_counter()
    report = load.load_file("subsidies", GOOD / "twin_plain" / "subsidies.csv", scratch_db)
    assert time.perf_counter() - started < 30 and report.rows == 3
    assert not left[0].exists()
    assert not list(scratch_db.parent.glob(f".{scratch_db.name}.*.tmp*"))
    assert rows(scratch_db, "SELECT count(*) FROM cases WHERE source = 'cases.csv'") == [(0,)]  # the killed load never landed
    assert not (load.user_dir(scratch_db) / "cases" / "cases.csv").exists()


def test_a_stale_temp_of_a_live_process_is_kept(scratch_db):
    live = scratch_db.with_name(f".{scratch_db.name}.{os.getpid()}.1.tmp")
    dead = scratch_db.with_name(f".{scratch_db.name}.999999999.1.tmp")
    live.write_bytes(b"x")
    dead.write_bytes(b"x")
    assert load.clean_stale_temps(scratch_db) == [dead]
    assert live.exists()
    live.unlink()
