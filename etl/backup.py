"""Back up and restore everything a deployment cannot rebuild from the repository.

`python -m etl backup DIR` writes DIR/cluster6-<UTC time>/ with:
- the database file (its `load_log` and `sources` tables are the load history),
- the kept user files (user/<kind>/: uploads and registry publications, which a rebuild loads again),
- the failed-load log (<database>.failed.jsonl), if there is one,
- manifest.json: what was copied, with sizes and sha256, and the newest load_log row.

It holds the writer lock while it copies (etl.load: one writer at a time), so no load or build swaps a
new database in between: the database, the kept files and the logs are of one moment. The copy is
checked (it opens, its hashes match) before the backup counts as written.

`python -m etl restore DIR` takes a backup folder (or a folder of backups: the newest) and checks every
hash before it touches anything; then, under the same lock, it swaps the database in with one rename
(readers see the old or the restored data, never a mix) and puts the kept files back. The replaced
database and user folder are kept beside it as `*.before-restore-<time>`, so a restore can be undone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import duckdb

from etl import load

MANIFEST = "manifest.json"
PREFIX = "cluster6-"


class BackupError(RuntimeError):
    pass


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))


def _last_load(db: Path) -> dict | None:
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH ? AS b (READ_ONLY)", [str(db)])
        row = con.execute("SELECT load_id, kind, source_file, loaded_at FROM b.load_log ORDER BY load_id DESC LIMIT 1").fetchone()
    except duckdb.Error as error:
        raise BackupError(f"{db} is geen leesbare database van de monitor: {error}") from error
    finally:
        con.close()
    return None if row is None else {"load_id": row[0], "kind": row[1], "file": row[2], "loaded_at": row[3].isoformat()}


def backup(target_dir: Path, db: Path) -> Path:
    """Write a consistent backup of `db` into a new folder under `target_dir`; return that folder."""
    db = Path(db)
    if not db.exists():
        raise FileNotFoundError(f"database {db} bestaat niet; niets om te bewaren")
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    folder = target_dir / f"{PREFIX}{_stamp()}"
    partial = folder.with_name(f".{folder.name}.partial")
    partial.mkdir()
    try:
        with load._writer_lock(db):
            shutil.copyfile(db, partial / "cluster6.duckdb")
            users = load.user_dir(db)
            if users.is_dir():
                shutil.copytree(users, partial / "user", ignore=shutil.ignore_patterns(".*"))
            failed = db.with_name(db.name + ".failed.jsonl")
            if failed.exists():
                shutil.copyfile(failed, partial / "failed.jsonl")
        entries = [
            {"path": str(p.relative_to(partial)), "bytes": p.stat().st_size, "sha256": load.sha256(p)} for p in _files(partial)
        ]
        manifest = {
            "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": str(db),
            "last_load": _last_load(partial / "cluster6.duckdb"),
            "files": entries,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, folder)  # a backup folder without the dot exists only when it is complete
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


def find(source: Path) -> Path:
    """The backup folder itself, or the newest complete backup in a folder of backups."""
    source = Path(source)
    if (source / MANIFEST).exists():
        return source
    found = sorted(p for p in source.glob(f"{PREFIX}*") if (p / MANIFEST).exists()) if source.is_dir() else []
    if not found:
        raise BackupError(f"geen back-up in {source} (een back-upmap bevat {MANIFEST})")
    return found[-1]


def verify(folder: Path) -> dict:
    """The manifest of `folder` after checking that every file is there with its hash; raises BackupError."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    problems = []
    for entry in manifest["files"]:
        path = folder / entry["path"]
        if not path.exists():
            problems.append(f"{entry['path']} ontbreekt")
        elif load.sha256(path) != entry["sha256"]:
            problems.append(f"{entry['path']} is veranderd sinds de back-up (sha256 klopt niet)")
    if not (folder / "cluster6.duckdb").exists():
        problems.append("cluster6.duckdb ontbreekt")
    if problems:
        raise BackupError(f"back-up {folder} is niet bruikbaar, niets hersteld: " + "; ".join(problems))
    _last_load(folder / "cluster6.duckdb")  # opens as a monitor database
    return manifest


def restore(source: Path, db: Path) -> Path:
    """Put the backup in `source` back as `db` and its kept files; return the backup folder used."""
    folder = find(source)
    verify(folder)
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    stamp = _stamp()
    with load._writer_lock(db):
        temp = load._temp_beside(db)
        try:
            shutil.copyfile(folder / "cluster6.duckdb", temp)
            if db.exists():
                shutil.copyfile(db, db.with_name(f"{db.name}.before-restore-{stamp}"))
            load._swap_in(temp, db)
        except BaseException:
            load._discard(temp)
            raise
        users = load.user_dir(db)
        if users.exists():
            os.replace(users, users.with_name(f"{users.name}.before-restore-{stamp}"))
        if (folder / "user").is_dir():
            shutil.copytree(folder / "user", users)
        if (folder / "failed.jsonl").exists():
            shutil.copyfile(folder / "failed.jsonl", db.with_name(db.name + ".failed.jsonl"))
    return folder
