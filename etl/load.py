"""Build the database from data/, or load one user file into it; both build-then-swap.

Nothing here writes to the live database file. A build or a load works on a new file beside it and
`os.replace`s it over the old one only when everything has succeeded, so a reader sees the old data or
the new data, never a mix, and a failed load leaves the old file byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import getpass
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from etl import catalog, snapshots
from etl.bounded import StartedRead, read_table_bounded
from etl.contracts import ContractError, Violation, validate
from etl.installations import build_installations, data_quality, read_reference
from etl.kinds import CONTRACTS
from etl.readers import ROW_COLUMN, ReadError, read_table
from etl.sources import boundaries, coordinates, eu_peers, eutl_nl, eutl_recent, nace
from monitor import config

SCHEMA = Path(__file__).with_name("schema.sql")


@dataclass
class LoadReport:
    kind: str
    file: str
    rows: int
    duration_s: float
    warnings: list[str] = field(default_factory=list)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _temp_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{time.time_ns()}.tmp")


STALE_TEMP_AGE_S = 24 * 3600  # a temp file of a live process older than this is left over all the same


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def clean_stale_temps(db: Path) -> list[Path]:
    """Delete the copies a killed build or load left beside `db` (.<name>.<pid>.<ns>.tmp and its .wal):
    those of a process that no longer runs, or older than a day. Returns what was deleted."""
    removed = []
    for path in Path(db).parent.glob(f".{Path(db).name}.*.tmp*"):
        parts = path.name[len(Path(db).name) + 2 :].split(".")
        try:
            pid = int(parts[0])
            age = time.time() - path.stat().st_mtime
        except (ValueError, IndexError, OSError):
            continue
        if not _pid_alive(pid) or age > STALE_TEMP_AGE_S:
            path.unlink(missing_ok=True)
            removed.append(path)
    for path in user_dir(Path(db)).glob("*/.*.tmp"):  # a kept file's copy: only a writer (holding the lock) makes one
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


@contextlib.contextmanager
def _private_files():
    """Files the loader creates (database copies, WAL, kept uploads, logs) are readable by their owner only."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _make_private(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, 0o600)


def _swap_in(temp: Path, target: Path) -> None:
    wal = temp.with_name(temp.name + ".wal")
    if wal.exists():  # a clean close leaves no WAL; if one is left, the temp file is not complete
        raise RuntimeError(f"onvolledige database {temp}: WAL-bestand niet leeg")
    os.replace(temp, target)


def user_dir(db: Path) -> Path:
    """Where accepted user files are kept (user/<kind>/ beside the database), so a rebuild loads them again."""
    return Path(db).parent / "user"


@contextlib.contextmanager
def _writer_lock(db: Path):
    """One writer per database at a time: a second upload or a rebuild waits for the running one, so
    neither copies a database that is about to be replaced (and loses the other's rows)."""
    with _private_files(), open(db.with_name(db.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            clean_stale_temps(db)  # a killed writer's copy: this writer holds the lock, that one is gone
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _discard(temp: Path) -> None:
    for path in (temp, temp.with_name(temp.name + ".wal")):
        path.unlink(missing_ok=True)


def _log_failure(db: Path, kind: str, file: str, error: Exception) -> None:
    """Failed loads are not in load_log (the database is untouched); they go to a side file."""
    record = {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "kind": kind, "file": file, "error": str(error)}
    log = db.with_name(db.name + ".failed.jsonl")
    with _private_files(), open(log, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    _make_private(log)


def _next_load_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM load_log").fetchone()[0]


def _log_load(con, kind: str, path: Path, rows: int, duration: float, display: str | None = None) -> None:
    con.execute(
        "INSERT INTO load_log VALUES (?, ?, ?, ?, ?, ?, ?, 'ok', coalesce(getvariable('c6_loaded_by'), ?))",
        [
            _next_load_id(con),
            kind,
            display or path.name,
            sha256(path),
            rows,
            round(duration, 3),
            dt.datetime.now(dt.UTC).replace(tzinfo=None),
            default_loader(),
        ],
    )


def default_loader() -> str:
    """Who runs this process: recorded in load_log.loaded_by unless a caller names the person."""
    try:
        return f"{getpass.getuser()} (opdrachtregel)"
    except (KeyError, OSError):  # no user name in a minimal container
        return "onbekend (opdrachtregel)"


def _insert(con, table: str, frame: pd.DataFrame) -> None:
    con.register("incoming", frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")  # noqa: S608 - table name is a code constant
    finally:
        con.unregister("incoming")


# The sets a file's references are checked against, as read from the database being loaded.
_REFERENCE_QUERIES: dict[str, tuple[str, Callable[[list], object]]] = {
    "installation_ids": ("SELECT installation_id FROM installations", lambda rows: {r[0] for r in rows}),
    "companies": ("SELECT DISTINCT company FROM installations", lambda rows: {r[0] for r in rows}),
    "installation_company": ("SELECT installation_id, company FROM installations", dict),
    "case_ids": ("SELECT case_id FROM cases", lambda rows: {r[0] for r in rows}),
    "case_status": ("SELECT case_id, status FROM cases", dict),
    "case_dates": ("SELECT case_id, opened_on, closed_on FROM cases", lambda rows: {r[0]: (r[1], r[2]) for r in rows}),
}


class _References(Mapping):
    """The reference sets of one load, each read from the database when a check first asks for it (a kind
    that never looks at cases does not read 20,000 of them)."""

    def __init__(self, con):
        self._con = con
        self._read: dict = {}

    def __getitem__(self, name: str):
        if name not in self._read:
            sql, shape = _REFERENCE_QUERIES[name]  # KeyError for a name that is not a reference set
            self._read[name] = shape(self._con.execute(sql).fetchall())
        return self._read[name]

    def __iter__(self):
        return iter(_REFERENCE_QUERIES)

    def __len__(self) -> int:
        return len(_REFERENCE_QUERIES)


def references(con) -> Mapping:
    """The sets a file's references are checked against, read from the database being loaded (lazily)."""
    return _References(con)


OWNERS_DDL = (
    "CREATE TABLE IF NOT EXISTS source_owners (table_name VARCHAR NOT NULL, source VARCHAR NOT NULL, file VARCHAR NOT NULL)"
)


def _foreign_sources(con, table: str, typed: pd.DataFrame, sources: list[str], file: str) -> list[Violation]:
    """Sources this file names that belong to another file: a load replaces only rows it owns.

    A source is owned by the file that loaded it (source_owners); rows with a source and no owner (the
    registry's emissions, a database built before owners were recorded) belong to no upload either."""
    con.execute(OWNERS_DDL)
    out = []
    for source in sources:
        owner = con.execute("SELECT file FROM source_owners WHERE table_name = ? AND source = ?", [table, source]).fetchone()
        if owner is not None:
            if owner[0] == file:
                continue
            holder = f"bestand '{owner[0]}'"
        elif con.execute(f"SELECT count(*) FROM {table} WHERE source = ?", [source]).fetchone()[0]:  # noqa: S608 - constant
            holder = "de ingebouwde gegevens"
        else:
            continue
        rows = typed.loc[typed["source"] == source, ROW_COLUMN]
        out.append(
            Violation(
                file,
                int(rows.iloc[0]) if len(rows) else None,
                "source",
                source,
                f"deze bron hoort bij {holder}; een bestand vervangt alleen zijn eigen rijen. "
                "Laat de kolom 'source' leeg of geef een eigen bron op",
            )
        )
    return out


def _own_sources(con, table: str, sources: list[str], file: str) -> None:
    con.execute("DELETE FROM source_owners WHERE table_name = ? AND file = ?", [table, file])
    con.executemany("INSERT INTO source_owners VALUES (?, ?, ?)", [[table, s, file] for s in sources])


# Each: what is wrong, and a query for up to 5 examples. Checked after every load, inside the loader.
INTEGRITY_CHECKS = (
    ("statusregels zonder casus", "SELECT DISTINCT case_id FROM case_events WHERE case_id NOT IN (SELECT case_id FROM cases)"),
    (
        "emissies zonder installatie",
        "SELECT DISTINCT installation_id FROM emissions WHERE installation_id NOT IN (SELECT installation_id FROM installations)",
    ),
    (
        "casussen of subsidies met een onbekende installatie",
        "SELECT installation_id FROM cases WHERE installation_id NOT IN (SELECT installation_id FROM installations) "
        "UNION SELECT installation_id FROM subsidies WHERE installation_id NOT IN (SELECT installation_id FROM installations)",
    ),
    ("casuscodes die alleen in hoofdletters verschillen", "SELECT lower(case_id) FROM cases GROUP BY 1 HAVING count(*) > 1"),
    (
        "installatiecodes die alleen in hoofdletters verschillen",
        "SELECT lower(installation_id) FROM installations GROUP BY 1 HAVING count(*) > 1",
    ),
)


def integrity_violations(con, file: str) -> list[Violation]:
    """Orphans and near-duplicate ids in the database as it would be after a load; empty when it is whole."""
    out = []
    for problem, sql in INTEGRITY_CHECKS:
        found = [r[0] for r in con.execute(sql + " ORDER BY 1 LIMIT 5").fetchall()]
        if found:
            out.append(
                Violation(file, None, None, ", ".join(map(str, found)), f"na het laden zou de database {problem} bevatten")
            )
    return out


def load_kind(con, kind: str, path: Path, display_name: str | None = None, started_read: StartedRead | None = None) -> LoadReport:
    """Validate one file of `kind` and replace that kind's rows from the same source, in `con`.

    The one loader path: the CLI, the build and the upload page all come through here. `started_read`: the
    file's bounded read, already started (the build starts them all first); else it is read here.
    """
    started = time.perf_counter()
    contract = CONTRACTS[kind]
    name = display_name or path.name
    if started_read is not None:
        frame = started_read.result()
    else:
        frame = read_table_bounded(path, contract.column_names, display_name=name)
    validated = validate(contract, frame, name, references(con))
    typed = validated.frame
    typed["source"] = typed["source"].fillna(name) if "source" in typed else name
    sources = sorted(set(typed["source"].tolist()) | {name})
    placeholders = ", ".join("?" for _ in sources)
    key = list(contract.key)
    if kind == "emissions":
        # A user's emissions file supersedes the registry's value for the same installation and year.
        con.register("incoming_keys", typed[key])
        con.execute("DELETE FROM emissions WHERE (installation_id, year) IN (SELECT (installation_id, year) FROM incoming_keys)")
        con.unregister("incoming_keys")
        typed["status"] = typed["verified_t_co2"].map(lambda v: "not reported" if pd.isna(v) else "reported")
    else:
        clashes = _clashes_with_other_sources(con, contract, typed, sources, name)
        if clashes:
            raise ContractError(name, clashes)
    foreign = _foreign_sources(con, contract.table, typed, sources, name)
    if foreign:
        raise ContractError(name, foreign)
    con.execute(f"DELETE FROM {contract.table} WHERE source IN ({placeholders})", sources)  # noqa: S608 - constant table, values bound
    try:
        _insert(con, contract.table, typed.drop(columns=[ROW_COLUMN]))
    except duckdb.ConstraintException as error:  # a contract gap: say so in the loader's format, not DuckDB's
        raise ContractError(name, [Violation(name, None, None, None, f"de database weigert de rijen: {error}")]) from error
    _own_sources(con, contract.table, sources, name)
    warnings = list(validated.warnings)
    if kind == "cases":  # a case that is gone takes its status history with it
        dropped = con.execute(
            "DELETE FROM case_events WHERE case_id NOT IN (SELECT case_id FROM cases) RETURNING case_id"
        ).fetchall()
        if dropped:
            gone = sorted({r[0] for r in dropped})
            warnings.append(
                f"{name}: {len(dropped)} statusregel(s) verwijderd van casussen die niet meer bestaan: {', '.join(gone[:10])}"
            )
    if kind == "emissions":  # keep the installations' first and last emitting year in step
        con.execute(
            """
            UPDATE installations i SET first_year = y.first_year, last_year = y.last_year
            FROM (SELECT installation_id, min(year) AS first_year, max(year) AS last_year
                  FROM emissions WHERE verified_t_co2 > 0 GROUP BY installation_id) y
            WHERE i.installation_id = y.installation_id
            """
        )
        refresh_reporting_gaps(con)
    broken = integrity_violations(con, name)
    if broken:
        raise ContractError(name, broken)
    duration = time.perf_counter() - started
    _log_load(con, kind, path, len(typed), duration, display=name)
    return LoadReport(kind, name, len(typed), duration, warnings)


def refresh_reporting_gaps(con) -> None:
    """List in data_quality the installations without a verified figure for the latest year yet."""
    con.execute("DELETE FROM data_quality WHERE issue LIKE '% niet gerapporteerd'")
    con.execute(
        """
        INSERT INTO data_quality
        SELECT installation_id, year || ' niet gerapporteerd', 'nog geen geverifieerde emissie voor ' || year || ' op de uittrekdatum'
        FROM emissions
        WHERE status = 'not reported' AND year = (SELECT max(year) FROM emissions)
        ORDER BY installation_id
        """
    )


def _key_texts(values: list) -> list[str]:
    """A key column as the clash check compares it: lower-case text, '' for an empty cell (each distinct value
    converted once)."""
    text = {v: "" if pd.isna(v) else str(v).lower() for v in dict.fromkeys(values)}
    return [text[v] for v in values]


def _clashes_with_other_sources(con, contract, typed: pd.DataFrame, sources: list[str], file: str) -> list[Violation]:
    """Rows whose key already exists from another source: a file replaces only its own source's rows."""
    key = list(contract.key)
    # compare keys as text (dates and years alike); an empty key part (action_progress) compares as ''
    as_text = ", ".join(f"coalesce(CAST({k} AS VARCHAR), '')" for k in key)
    existing = {
        tuple(str(v).lower() for v in row[:-1]): row[-1]
        for row in con.execute(
            f"SELECT {as_text}, source FROM {contract.table} WHERE source NOT IN ({', '.join('?' for _ in sources)})",  # noqa: S608 - contract constants
            sources,
        ).fetchall()
    }
    # 't-001' is the case 'T-001'; an empty key part compares as ''. Found over plain column lists (a
    # Python loop over row Series costs minutes at EU scale); only the clashing rows are read as rows below.
    clashes = [existing.get(values) is not None for values in zip(*(_key_texts(typed[k].tolist()) for k in key), strict=True)]
    out = []
    for _, r in typed[pd.Series(clashes, index=typed.index, dtype=bool)].iterrows():
        other = existing.get(tuple(("" if pd.isna(r[k]) else str(r[k])).lower() for k in key))
        if other is not None:
            out.append(
                Violation(
                    file,
                    int(r[ROW_COLUMN]),
                    ", ".join(key),
                    " / ".join(str(r[k]) for k in key),
                    f"deze sleutel staat al in de database uit bron '{other}'; een bestand vervangt alleen rijen uit "
                    "dezelfde bron (bestandsnaam of kolom 'source')",
                )
            )
    return out


def build(db: Path | None = None, data_dir: Path | None = None) -> list[LoadReport]:
    """Build the whole database from `data_dir`, then the kept user files (user_dir), into a new file and
    swap it in. A kept user file that no longer passes its contract is skipped with a warning."""
    db = Path(db or config.db_path())
    db.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(db):
        return _build(db, Path(data_dir or config.DATA_DIR))


def _build(db: Path, data_dir: Path) -> list[LoadReport]:
    temp = _temp_beside(db)
    reports: list[LoadReport] = []
    # The case, event and subsidy files are parsed in their bounded child processes while this process builds
    # the installations (started before DuckDB runs threads in this process: a fork copies only this thread).
    reads: dict[str, StartedRead] = {}
    try:
        for kind, relative in catalog.BUILD_KIND_FILES:
            if (data_dir / relative).exists():
                reads[relative] = StartedRead(data_dir / relative, CONTRACTS[kind].column_names, display_name=relative)
        con = duckdb.connect(str(temp))
        try:
            con.execute("SET TimeZone = 'UTC'")
            con.execute(SCHEMA.read_text(encoding="utf-8"))
            started = time.perf_counter()
            installations, emissions = build_installations(data_dir)
            columns = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'installations' ORDER BY ordinal_position"
                ).fetchall()
            ]
            _insert(con, "installations", installations[columns])
            _insert(con, "emissions", emissions)
            duration = time.perf_counter() - started
            for info, count in (
                (eutl_nl.SOURCE, (emissions["source"] == eutl_nl.SOURCE.file).sum()),
                (eutl_recent.SOURCE, (emissions["source"] == eutl_recent.SOURCE.file).sum()),
            ):
                _log_load(con, "emissions", data_dir / info.file, int(count), duration / 2, display=info.file)
                reports.append(LoadReport("emissions", info.file, int(count), duration / 2))
            for info in (nace.SOURCE, coordinates.SOURCE, boundaries.GEMEENTEN, boundaries.PROVINCES):
                _log_load(con, "installations", data_dir / info.file, len(installations), 0.0, display=info.file)
            aliases = read_reference(data_dir, "city_aliases.csv")
            _insert(
                con,
                "data_quality",
                data_quality(installations, dict(zip(aliases["city"], aliases["municipality"], strict=True))),
            )
            refresh_reporting_gaps(con)
            _insert(con, "cluster_municipalities", read_reference(data_dir, "cluster_municipalities.csv"))
            areas = read_reference(data_dir, "cluster_areas.csv")
            areas["borderline"] = areas["borderline"].str.lower().isin(["ja", "true", "1"])
            _insert(con, "cluster_areas", areas)
            _insert(con, "cluster_partners", read_reference(data_dir, "cluster_partners.csv"))
            _insert(con, "delimitation_decisions", read_reference(data_dir, "delimitation_decisions.csv"))
            budgets = read_reference(data_dir, "budgets.csv").astype(
                {"amount_eur": float, "period_start": int, "period_end": int}
            )
            _insert(con, "budgets", budgets)
            _insert(con, "sources", catalog.sources_frame(data_dir))
            peers_file = data_dir / eu_peers.SOURCE.file
            if peers_file.exists():  # optional: made from ../shared by `python -m etl.eu_peers`
                peers = eu_peers.read(peers_file)
                _insert(con, "eu_peers", peers)
                _log_load(con, "reference", peers_file, len(peers), 0.0, display=eu_peers.SOURCE.file)
            for module in (*catalog.PROVINCE_REFERENCES, *catalog.SIGNAL_REFERENCES):  # reference files with their own contract
                path = data_dir / module.SOURCE.file
                if path.exists():
                    frame = module.read(path)
                    _insert(con, module.TABLE, frame)
                    _log_load(con, "reference", path, len(frame), 0.0, display=module.SOURCE.file)
            for info in catalog.CONTRACTLESS_REFERENCES:
                _log_load(con, "reference", data_dir / info.file, len(read_table(data_dir / info.file)), 0.0, display=info.file)
            for kind, relative in catalog.BUILD_KIND_FILES:
                if relative in reads:
                    reports.append(load_kind(con, kind, data_dir / relative, display_name=relative, started_read=reads[relative]))
            reports += _load_user_files(con, db, data_dir)
            snapshots.reload(con, user_dir(db))
            broken = integrity_violations(con, "build")
            if broken:
                raise ContractError("build", broken)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _swap_in(temp, db)
    except Exception as error:
        _discard(temp)
        _log_failure(db, "build", str(data_dir), error)
        raise
    finally:
        for read in reads.values():  # a build that failed before collecting them leaves no child behind
            read.cancel()
    return reports


# Kept user files are loaded in this order (registry publications and references first, a user's own
# emissions after the registry so they override it), each kind oldest file first.
USER_KIND_ORDER = ("registry", "targets", "cases", "case_events", "subsidies", "emissions", "action_progress")


def _load_user_files(con, db: Path, data_dir: Path | None = None) -> list[LoadReport]:
    reports = []
    folder = user_dir(db)
    for kind in USER_KIND_ORDER:
        files = (
            sorted((folder / kind).glob("*"), key=lambda p: (p.stat().st_mtime_ns, p.name)) if (folder / kind).is_dir() else []
        )
        for path in files:
            if path.name.startswith("."):
                continue
            con.execute("BEGIN TRANSACTION")
            try:
                if kind == "registry":  # kept EU registry publications (etl.update, which builds on this module)
                    from etl import update

                    reports.append(update.apply_publication(con, path, data_dir))
                else:
                    reports.append(load_kind(con, kind, path))
                con.execute("COMMIT")
            except (ContractError, ValueError, duckdb.Error) as error:  # ReadError is a ValueError
                con.execute("ROLLBACK")
                _log_failure(db, kind, f"user/{kind}/{path.name}", error)
                reports.append(
                    LoadReport(kind, path.name, 0, 0.0, [f"eigen bestand user/{kind}/{path.name} overgeslagen: {error}"])
                )
    return reports


def load_file(
    kind: str,
    path: Path,
    db: Path | None = None,
    display_name: str | None = None,
    *,
    dry_run: bool = False,
    keep: bool = True,
    loaded_by: str | None = None,
) -> LoadReport:
    """Load one user file of `kind` into a copy of the database and swap it in; all or nothing.

    `dry_run`: do everything (the same checks, the same errors) but discard the copy; nothing is logged.
    `keep`: after a successful load, keep a copy of the file in user_dir(db)/<kind>/ so a rebuild loads it again.
    `loaded_by`: who loads it (the upload page passes the signed-in person); default: the process's user.
    """
    if kind not in CONTRACTS:
        raise ValueError(f"onbekende soort '{kind}'; kies uit: {', '.join(CONTRACTS)}")
    name = Path(display_name or Path(path).name).name
    return load_into_copy(
        db,
        kind,
        name,
        lambda con: load_kind(con, kind, Path(path), display_name=name),
        keep_file=Path(path) if keep else None,
        dry_run=dry_run,
        loaded_by=loaded_by,
    )


def load_into_copy(
    db: Path | None,
    kind: str,
    name: str,
    work,
    *,
    keep_file: Path | None = None,
    dry_run: bool = False,
    loaded_by: str | None = None,
    before_swap=None,
):
    """The one write path of every load after a build: copy the database beside itself, run
    `work(con)` on the copy, and swap the copy in with one rename, one writer at a time.

    `keep_file` is kept as user_dir(db)/<kind>/<name> so a rebuild loads it again; `dry_run` discards
    the copy; `before_swap(con)` may still refuse (raise) after the work, e.g. when the live database
    changed since a diff was shown. Returns what `work` returned.
    """
    db = Path(db or config.db_path())
    if not db.exists():
        raise FileNotFoundError(f"database {db} bestaat niet; bouw hem eerst met: python -m etl")
    with _private_files() if dry_run else _writer_lock(db):
        temp = _temp_beside(db)
        kept = user_dir(db) / kind / name
        try:
            shutil.copyfile(db, temp)
            con = duckdb.connect(str(temp))
            try:
                con.execute("SET TimeZone = 'UTC'")
                if loaded_by:
                    con.execute("SET VARIABLE c6_loaded_by = ?", [loaded_by])
                report = work(con)
                if before_swap is not None:
                    before_swap(con)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            if dry_run:
                _discard(temp)
                return report
            if keep_file is not None:  # copy first, swap, then put the copy in place: a kept file always matches a load
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(keep_file, kept.with_name(f".{name}.tmp"))
            _swap_in(temp, db)
            if keep_file is not None:
                os.replace(kept.with_name(f".{name}.tmp"), kept)
        except Exception as error:
            _discard(temp)
            kept.with_name(f".{name}.tmp").unlink(missing_ok=True)
            refusal = as_refusal(error, name)
            if not dry_run:
                _log_failure(db, kind, name, refusal)
            if refusal is error:
                raise
            raise refusal from error
    return report


T = TypeVar("T")


def write_to_copy(db: Path, write: Callable[[duckdb.DuckDBPyConnection], T], what: str) -> T:
    """Run `write` on a copy of the database and swap the copy in: the same locked, all-or-nothing path as
    load_file, for writes that are not a file of a kind (a letter recorded as sent, etl/snapshots.py)."""
    db = Path(db)
    if not db.exists():
        raise FileNotFoundError(f"database {db} bestaat niet; bouw hem eerst met: python -m etl")
    with _writer_lock(db):
        temp = _temp_beside(db)
        try:
            shutil.copyfile(db, temp)
            con = duckdb.connect(str(temp))
            try:
                con.execute("SET TimeZone = 'UTC'")
                result = write(con)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _swap_in(temp, db)
        except Exception as error:
            _discard(temp)
            _log_failure(db, what, what, error)
            raise
    return result


class Refusal(RuntimeError):
    """A refusal with its own clear message (e.g. the database changed after an update's diff): passed on as is."""


def as_refusal(error: Exception, file: str) -> Exception:
    """Every failure of a load in the loader's one format (file, row, column, message): a ContractError or
    ReadError as it is, anything else (a disk full, a bug) as a ContractError that names it, never a traceback."""
    if isinstance(error, (ContractError, ReadError, Refusal)):
        return error
    return ContractError(
        file, [Violation(file, None, None, None, f"onverwachte fout bij het laden ({error.__class__.__name__}: {error})")]
    )
