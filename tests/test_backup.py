"""Backups (`python -m etl backup DIR` / `restore DIR`): a consistent copy comes back byte for byte."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pytest

from etl import backup, load
from etl.__main__ import main
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def built(fixture_data, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("backup") / "cluster6.duckdb"
    load.build(db, fixture_data)
    return db


@pytest.fixture
def db(built, tmp_path) -> Path:
    target = tmp_path / "live" / "cluster6.duckdb"
    target.parent.mkdir()
    shutil.copyfile(built, target)
    return target


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_log(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT load_id, kind, source_file, sha256, rows FROM load_log ORDER BY load_id").fetchall()
    finally:
        con.close()


def test_backup_and_restore_bring_back_the_database_kept_files_and_logs(db, tmp_path):
    load.load_file("cases", FIXTURES / "good/cases_cp1252.csv", db)
    with pytest.raises(ValueError):
        load.load_file("emissions", FIXTURES / "broken/emissions_negative.csv", db)  # a failed load, logged beside
    kept = load.user_dir(db) / "cases" / "cases_cp1252.csv"
    failed = db.with_name(db.name + ".failed.jsonl")
    saved = {"db": sha(db), "kept": sha(kept), "failed": failed.read_text(encoding="utf-8"), "log": load_log(db)}

    assert main(["--db", str(db), "backup", str(tmp_path / "backups")]) == 0
    (folder,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in manifest["files"]} == {"cluster6.duckdb", "user/cases/cases_cp1252.csv", "failed.jsonl"}
    assert manifest["last_load"]["load_id"] == saved["log"][-1][0]

    # Things go wrong after the backup: another load, a deleted kept file, a damaged database.
    load.load_file("emissions", FIXTURES / "good/emissions_plain.csv", db)
    kept.unlink()
    db.write_bytes(b"kapot")

    assert main(["--db", str(db), "restore", str(tmp_path / "backups")]) == 0  # the folder of backups: the newest
    assert sha(db) == saved["db"]
    assert sha(kept) == saved["kept"]
    assert failed.read_text(encoding="utf-8") == saved["failed"]
    assert load_log(db) == saved["log"]
    assert not (load.user_dir(db) / "emissions").exists()
    # What was replaced stays beside it, so a restore can be undone.
    assert [p.read_bytes() for p in db.parent.glob("cluster6.duckdb.before-restore-*")] == [b"kapot"]
    assert list(db.parent.glob("user.before-restore-*/emissions/emissions_plain.csv"))


def test_a_damaged_backup_restores_nothing(db, tmp_path):
    folder = backup.backup(tmp_path / "backups", db)
    load.load_file("cases", FIXTURES / "good/cases_cp1252.csv", db)
    before = sha(db)
    with open(folder / "cluster6.duckdb", "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(backup.BackupError, match="sha256"):
        backup.restore(folder, db)
    assert sha(db) == before
    assert main(["--db", str(db), "restore", str(tmp_path / "nothing-here")]) == 1


def test_backup_waits_for_a_running_load(db, tmp_path):
    """The writer lock: a backup taken while a load holds it copies the result of that load, not a half."""
    holding, release = threading.Event(), threading.Event()

    def writer():
        with load._writer_lock(db):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    holding.wait(5)
    done: list[Path] = []
    copier = threading.Thread(target=lambda: done.append(backup.backup(tmp_path / "backups", db)))
    copier.start()
    time.sleep(0.5)
    assert not done  # still waiting for the lock
    release.set()
    copier.join(30)
    thread.join(5)
    assert done and (done[0] / "manifest.json").exists()
    assert not list((tmp_path / "backups").glob(".*"))  # no partial folder left


def test_backups_are_kept_side_by_side_and_the_newest_is_restored(db, tmp_path):
    first = backup.backup(tmp_path / "backups", db)
    load.load_file("cases", FIXTURES / "good/cases_cp1252.csv", db)
    second = backup.backup(tmp_path / "backups", db)
    assert first != second and backup.find(tmp_path / "backups") == second
    backup.restore(first, db)
    assert sha(db) == sha(first / "cluster6.duckdb")
    assert not (load.user_dir(db) / "cases").exists()
