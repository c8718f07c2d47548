"""Progress letters recorded as sent: tables report_snapshots and report_snapshot_figures (etl/schema.sql).

A snapshot is what a letter actually reported: its choices, data version, text and every key figure. It
is written like every load, on a copy of the database swapped in under the writer lock
(etl.load.write_to_copy), and kept as JSON in user/report_snapshots/<id>.json beside the database, so
`python -m etl` (a rebuild) loads it again. The snapshot dict is made by monitor.snapshots.record.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pandas as pd

from etl.contracts import ContractError, Violation

FOLDER = "report_snapshots"
SNAPSHOT_COLUMNS = (
    "snapshot_id",
    "sent_on",
    "recorded_at",
    "recorded_by",
    "title",
    "year",
    "baseline_year",
    "target_id",
    "selection",
    "load_id",
    "fingerprint",
    "letter_text",
)
FIGURE_COLUMNS = ("position", "figure_key", "group_name", "label", "value", "text", "unit", "is_sample")
_SCHEMA = Path(__file__).with_name("schema.sql")


def _ensure_tables(con) -> None:
    """A database built before letters were recorded lacks the two tables: create them from schema.sql."""
    existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    ddl = _SCHEMA.read_text(encoding="utf-8")
    for table in ("report_snapshots", "report_snapshot_figures"):
        if table not in existing:
            con.execute(re.search(rf"CREATE TABLE {table} \(.*?\n\);", ddl, re.S).group(0))


def check(snapshot: dict) -> None:
    """Refuse a snapshot that cannot be compared later: every violation at once, as for a file."""
    name, problems = f"brief '{snapshot.get('title', '?')}'", []
    for column in SNAPSHOT_COLUMNS[1:]:
        if column not in snapshot or (snapshot[column] in (None, "") and column != "load_id"):
            problems.append(Violation(name, 0, column, str(snapshot.get(column)), "ontbreekt"))
    keys = [(f.get("group_name"), f.get("figure_key")) for f in snapshot.get("figures", [])]
    if not keys:
        problems.append(Violation(name, 0, "figures", "[]", "een brief zonder kerncijfers kan niet worden vergeleken"))
    for group, key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(Violation(name, 0, "group_name, figure_key", f"{group} / {key}", "komt meer dan eens voor"))
    if problems:
        raise ContractError(name, problems)


def insert(con, snapshot: dict) -> int:
    """Insert one snapshot (with `snapshot_id` if it has one, else the next number); returns its id."""
    check(snapshot)
    _ensure_tables(con)
    snapshot_id = (
        snapshot.get("snapshot_id") or con.execute("SELECT coalesce(max(snapshot_id), 0) + 1 FROM report_snapshots").fetchone()[0]
    )
    row = {**{c: snapshot[c] for c in SNAPSHOT_COLUMNS[1:]}, "snapshot_id": int(snapshot_id)}
    con.execute(
        f"INSERT INTO report_snapshots ({', '.join(SNAPSHOT_COLUMNS)}) VALUES ({', '.join('?' for _ in SNAPSHOT_COLUMNS)})",  # noqa: S608 - column names are constants
        [row[c] for c in SNAPSHOT_COLUMNS],
    )
    figures = pd.DataFrame(snapshot["figures"], columns=list(FIGURE_COLUMNS)).assign(snapshot_id=int(snapshot_id))
    figures["value"] = pd.to_numeric(figures["value"]).astype(float)
    con.register("incoming_figures", figures)
    try:
        con.execute("INSERT INTO report_snapshot_figures BY NAME SELECT * FROM incoming_figures")
    finally:
        con.unregister("incoming_figures")
    return int(snapshot_id)


def record(snapshot: dict, db: Path, recorded_by: str | None = None) -> int:
    """Record a letter as sent: checked, inserted on a copy swapped in under the writer lock, and kept
    as JSON for rebuilds. Returns the new snapshot_id. A failure leaves the database as it was."""
    from etl import load  # load imports this module for rebuilds

    db = Path(db)
    snapshot = {
        **snapshot,
        "recorded_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
        "recorded_by": recorded_by or load.default_loader(),
    }
    check(snapshot)
    folder = load.user_dir(db) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    pending = folder / f".pending.{os.getpid()}.json"

    def write(con) -> int:
        snapshot_id = insert(con, snapshot)
        pending.write_text(json.dumps({**snapshot, "snapshot_id": snapshot_id}, ensure_ascii=False, indent=1), encoding="utf-8")
        return snapshot_id

    try:
        snapshot_id = load.write_to_copy(db, write, "report_snapshot")
    except Exception:
        pending.unlink(missing_ok=True)
        raise
    os.replace(pending, folder / f"{snapshot_id:04d}.json")  # kept only once the database has it
    return snapshot_id


def reload(con, user_folder: Path) -> int:
    """Insert every kept snapshot (user_folder/report_snapshots/*.json) in id order; a rebuild calls this.
    Returns how many were loaded."""
    folder = Path(user_folder) / FOLDER
    files = sorted(folder.glob("[0-9]*.json")) if folder.is_dir() else []
    for path in files:
        insert(con, json.loads(path.read_text(encoding="utf-8")))
    return len(files)
