"""Read-only access to the DuckDB file, and the token that tells the app the data changed.

The ETL never writes into the live file: it swaps a new file in. The token (inode, mtime, size) changes
with every swap, so `data_version()` is cheap to check on every rerun; query results are cached per
token, and a new token opens a new read-only connection. Readers never see a mix of old and new data.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from monitor import config


class DatabaseMissing(RuntimeError):
    pass


def data_version(path: Path | None = None) -> str:
    path = Path(path or config.db_path())
    try:
        stat = os.stat(path)
    except FileNotFoundError as error:
        raise DatabaseMissing(f"Database {path} ontbreekt. Bouw hem met: python -m etl") from error
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


@st.cache_resource(max_entries=2, show_spinner=False)
def _connect(path: str, version: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per database version (the version is part of the cache key)."""
    return duckdb.connect(path, read_only=True)


def connection() -> tuple[duckdb.DuckDBPyConnection, str]:
    path = config.db_path()
    version = data_version(path)
    return _connect(str(path), version), version


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(version: str, sql: str, params: tuple) -> pd.DataFrame:
    con, current = connection()
    if current != version:  # swapped between the token check and this call: use the new file's data
        version = current
    cursor = con.cursor()  # a cursor per query: one connection is not thread-safe
    try:
        return cursor.execute(sql, list(params)).df()
    finally:
        cursor.close()


def query(sql: str, params: tuple | list = ()) -> pd.DataFrame:
    """Run a parameterized read-only query; results are cached per data version."""
    return _cached(data_version(), sql, tuple(params))
