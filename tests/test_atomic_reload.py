"""Atomic reloads under use: 20 reader threads query the database continuously while a load, a failed load
and a full rebuild run. Zero errors, every read is one whole version (never a mix), the readers notice the
new data without a restart, and a failed load leaves the file byte-identical."""

from __future__ import annotations

import hashlib
import shutil
import threading
import time
from pathlib import Path

import pytest

from etl import load
from etl.contracts import ContractError
from monitor import db as monitor_db

# One statement, so one snapshot: the emission total and row count together with the newest load id.
CHECKSUM = """
SELECT (SELECT round(sum(verified_t_co2), 3) FROM emissions) AS total,
       (SELECT count(*) FROM emissions) AS n,
       (SELECT max(load_id) FROM load_log) AS last_load
"""
FIXTURES = Path(__file__).resolve().parent / "fixtures"
READERS = 20
DEADLINE_S = 600  # a hang guard (no reader starves forever), not a timing test: a shared machine may be very busy


def checksum(con) -> tuple:
    return tuple(monitor_db.cursor(con).execute(CHECKSUM).fetchone())


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Reader(threading.Thread):
    """Reads CHECKSUM until stopped, the way the app does, and records every result and every error.

    style 'fresh': a new read-only connection per read (what the app does when the version changes);
    'held': one connection for the whole run, a cursor per read (the app's cached connection);
    'app': monitor.db.query, the app's own cached path.
    """

    def __init__(self, path: Path, style: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.path, self.style, self.stop = path, style, stop
        self.seen: list[tuple] = []
        self.errors: list[BaseException] = []

    def run(self):
        held = monitor_db.open_readonly(self.path) if self.style == "held" else None
        while not self.stop.is_set():
            try:
                if self.style == "fresh":
                    con = monitor_db.open_readonly(self.path)
                    try:
                        self.seen.append(checksum(con))
                    finally:
                        con.close()
                elif self.style == "held":
                    self.seen.append(checksum(held))
                else:
                    row = monitor_db.query(CHECKSUM).iloc[0]
                    self.seen.append((float(row["total"]), int(row["n"]), int(row["last_load"])))
            except BaseException as error:  # noqa: BLE001 - every error is a failure of the test
                self.errors.append(error)
            time.sleep(0.1 if self.style == "fresh" else 0.02)  # opening costs ~15 ms of CPU; leave some for the loader
        if held is not None:
            held.close()


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


@pytest.fixture
def versions(fixture_data, tmp_path, monkeypatch):
    """The live database (version A, built) and the checksums of A and of B (A plus one emissions file)."""
    live = tmp_path / "live" / "cluster6.duckdb"
    live.parent.mkdir()
    load.build(live, fixture_data)
    reference = tmp_path / "reference" / "cluster6.duckdb"
    reference.parent.mkdir()
    shutil.copyfile(live, reference)
    load.load_file("emissions", FIXTURES / "good" / "emissions_plain.csv", reference, keep=False)
    with monitor_db.open_readonly(live) as a, monitor_db.open_readonly(reference) as b:
        known = {"A": checksum(a), "B": checksum(b)}
    assert known["A"] != known["B"]
    monkeypatch.setenv("C6_DB", str(live))
    return live, known


def test_readers_see_one_whole_version_while_loads_and_a_rebuild_swap_the_file(versions, fixture_data):
    live, known = versions
    stop = threading.Event()
    styles = ["fresh"] * 6 + ["held"] * 8 + ["app"] * 6
    readers = [Reader(live, style, stop) for style in styles[:READERS]]
    started = time.monotonic()
    for reader in readers:
        reader.start()
    try:
        wait_until(lambda: all(r.seen for r in readers), "every reader to read")

        # 1. a good load: version B is swapped in; new connections (and the app) see it without a restart
        load.load_file("emissions", FIXTURES / "good" / "emissions_plain.csv", live, keep=False)
        wait_until(lambda: any(r.seen[-1] == known["B"] for r in readers if r.style == "fresh"), "a fresh reader to see B")
        row = monitor_db.query(CHECKSUM).iloc[0]
        assert (float(row["total"]), int(row["n"]), int(row["last_load"])) == known["B"]

        # 2. a failed load while everyone reads: the file stays byte-identical
        before = sha(live)
        with pytest.raises(ContractError):
            load.load_file("emissions", FIXTURES / "broken" / "emissions_negative.csv", live)
        assert sha(live) == before

        # 3. a full rebuild into the same path: back to version A
        load.build(live, fixture_data)
        wait_until(lambda: all(r.seen[-1] == known["A"] for r in readers if r.style != "held"), "every reader to see A again")
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=5)

    errors = [e for r in readers for e in r.errors]
    assert errors == [], f"{len(errors)} reader errors, first: {errors[:1]!r}"
    reads = [seen for r in readers for seen in r.seen]
    mixed = {seen for seen in reads if seen not in known.values()}
    assert not mixed, f"reads that are neither version A nor B: {mixed}"
    assert sum(seen == known["B"] for seen in reads) > 0
    assert all(len(r.seen) >= 3 for r in readers), "a reader starved"
    assert all(r.seen == [known["A"]] * len(r.seen) for r in readers if r.style == "held")  # an open connection keeps its file
    assert time.monotonic() - started < DEADLINE_S
    assert not list(live.parent.glob(".*.tmp")), "a temporary database file was left behind"
