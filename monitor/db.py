"""Read-only access to the DuckDB file, and the token that tells the app the data changed.

The ETL never writes into the live file: it swaps a new file in (etl/load.py). The token (inode, mtime,
size) changes with every swap, so `data_version()` is one os.stat per rerun. Query results are cached per
token, and a new token opens a new read-only connection.

Two details make "old or new, never a mix" hold:
- A connection is a private in-memory DuckDB with the file ATTACHed read-only. `duckdb.connect(path)`
  would return the instance already open for that path in this process, which after a swap is the OLD
  file: the app would cache old data under the new token. ATTACH opens the file as it is now.
- `begin_run()` (called by dashboard.py at the top of every run) pins the run to one token and its
  connection, so all queries of one page render read the same file even if a load swaps mid-run.
A new version drops the cached results and connections; an old connection closes (and its replaced
file is released) when the last run using it ends. `watch_for_new_data` reruns an idle page when a new
file appears, so nobody has to reload the browser.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from monitor import config

CATALOG = "c6"
WATCH_EVERY = "20s"  # how often an open page checks for a new database file (one os.stat)

_run = threading.local()  # the pinned (path, version, connection) of the script run in this thread
_seen = {"version": None}
_seen_lock = threading.Lock()


class DatabaseMissing(RuntimeError):
    pass


def data_version(path: Path | None = None) -> str:
    path = Path(path or config.db_path())
    try:
        stat = os.stat(path)
    except FileNotFoundError as error:
        raise DatabaseMissing(f"Database {path} ontbreekt. Bouw hem met: python -m etl") from error
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


def open_readonly(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A new read-only connection to the database file as it is now (see the module docstring)."""
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ? AS c6 (READ_ONLY)", [str(path)])
    con.execute(f"USE {CATALOG}")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for one query (a connection is not thread-safe), reading the attached file."""
    cur = con.cursor()
    cur.execute(f"USE {CATALOG}")
    return cur


@st.cache_resource(max_entries=2, show_spinner=False)
def _connect(path: str, version: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per database version (the version is part of the cache key)."""
    return open_readonly(path)


def _note_version(version: str) -> None:
    """The first time a new database version is seen: drop the cached results and connections. A run
    still pinned to the old connection keeps it until it ends; then it is closed and its file released."""
    with _seen_lock:
        if _seen["version"] not in (None, version):
            _cached.clear()
            _connect.clear()
        _seen["version"] = version


def begin_run() -> str:
    """Pin this script run to the database as it is now; returns its version token."""
    path = str(config.db_path())
    version = data_version(path)
    _note_version(version)
    _run.pinned = (path, version, _connect(path, version))
    return version


def connection() -> tuple[duckdb.DuckDBPyConnection, str]:
    """The connection and version this run reads (the pinned one inside a run, else the current file)."""
    path = str(config.db_path())
    pinned = getattr(_run, "pinned", None)
    if pinned and pinned[0] == path:
        return pinned[2], pinned[1]
    version = data_version(path)
    _note_version(version)
    return _connect(path, version), version


@st.cache_resource(max_entries=512, show_spinner=False)
def _cached(version: str, sql: str, params: tuple, _con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The result as read, kept as it is (query() hands out copies of it)."""
    cur = cursor(_con)
    try:
        return cur.execute(sql, list(params)).df()
    finally:
        cur.close()


def query(sql: str, params: tuple | list = ()) -> pd.DataFrame:
    """Run a parameterized read-only query; results are cached per data version. Each call gets its own
    copy, so a caller may change its frame: a copy costs a fraction of unpickling one (st.cache_data
    keeps pickles), and a page asks for 15-30 results per run."""
    con, version = connection()
    return _cached(version, sql, tuple(params), con).copy()


@st.fragment(run_every=WATCH_EVERY)
def watch_for_new_data(seen: str) -> None:
    """Rerun the whole app when a load or rebuild swapped in a new file, also when nobody clicks."""
    try:
        current = data_version()
    except DatabaseMissing:
        return
    if current != seen:
        st.rerun(scope="app")
