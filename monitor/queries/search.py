"""Search installations and companies by name, place, installation id or permit id, with typo tolerance.

Scales with the data: the search index (one row per installation and per company, their words and the
distinct vocabulary) is built once per data version in a private in-memory DuckDB; a search compares the
query's words with the vocabulary (Jaro-Winkler similarity), not with every row, and returns only the
top matches. Results are cached per data version and query text. Installations are public data, but a
company role finds only its own installations (the profile page shows a company only its own).
"""

from __future__ import annotations

import re
import threading
import unicodedata

import duckdb
import pandas as pd
import streamlit as st

from monitor import db
from monitor.access import Viewer

MIN_SCORE = 0.75  # below this a match is noise (measured on the shipped names: a one-letter typo scores ~0.8)
FUZZY_WORD = 0.85  # a query word matches a vocabulary word from this Jaro-Winkler similarity on
_lock = threading.Lock()

# Built from the read-only database file into a private in-memory DuckDB (no user input involved).
_INDEX_SQL = (
    """
    CREATE TABLE docs AS
    SELECT row_number() OVER (ORDER BY kind, key) AS doc, *
    FROM (
        SELECT 'installatie' AS kind, installation_id AS key, name AS label,
               concat_ws(' · ', company, coalesce(city, CASE WHEN offshore THEN 'offshore' END), installation_id) AS detail,
               company, in_cluster6,
               lower(strip_accents(concat_ws(' ', name, company, city, municipality, sector, installation_id, permit_id))) AS hay,
               lower(installation_id) AS id1, lower(coalesce(permit_id, '')) AS id2
        FROM src_installations
        UNION ALL
        SELECT 'bedrijf', company, company,
               count(*) || CASE WHEN count(*) = 1 THEN ' installatie' ELSE ' installaties' END
                 || coalesce(' · ' || string_agg(DISTINCT city, ', ' ORDER BY city), ''),
               company, bool_or(in_cluster6), lower(strip_accents(company)), '', ''
        FROM src_installations GROUP BY company
    )
    """,
    """
    CREATE TABLE doc_words AS
    SELECT DISTINCT doc, word
    FROM (SELECT doc, unnest(regexp_split_to_array(hay, '[^a-z0-9]+')) AS word FROM docs)
    WHERE word <> ''
    """,
    "CREATE TABLE vocabulary AS SELECT DISTINCT word FROM doc_words",
)

_SEARCH_SQL = """
    WITH q AS (SELECT ?::VARCHAR AS text, ?::VARCHAR[] AS words),
    near AS (  -- vocabulary words close to each query word (a prefix counts as a full match)
        SELECT w.qword, v.word,
               CASE WHEN starts_with(v.word, w.qword) THEN 1.0 ELSE jaro_winkler_similarity(v.word, w.qword) END AS similarity
        FROM (SELECT unnest(words) AS qword FROM q) w, vocabulary v
        WHERE starts_with(v.word, w.qword) OR jaro_winkler_similarity(v.word, w.qword) >= ?
    ),
    fuzzy AS (  -- per document: the mean over query words of the best matching word
        SELECT doc, sum(best) / (SELECT len(words) FROM q) AS similarity
        FROM (SELECT d.doc, n.qword, max(n.similarity) AS best FROM doc_words d JOIN near n USING (word) GROUP BY ALL)
        GROUP BY doc
    ),
    scored AS (
        SELECT d.kind, d.key, d.label, d.detail, d.company, d.in_cluster6,
               CASE WHEN q.text IN (d.id1, d.id2) OR 'nl_' || q.text = d.id1 THEN 1.0
                    WHEN contains(d.hay, q.text) THEN 0.9
                    ELSE 0.85 * coalesce(f.similarity, 0) END AS score
        FROM docs d CROSS JOIN q LEFT JOIN fuzzy f USING (doc)
        WHERE (? OR d.company = ?)
    )
    SELECT kind, key, label, detail, company, in_cluster6, score FROM scored
    WHERE score >= ?
    ORDER BY score DESC, in_cluster6 DESC, kind DESC, label
    LIMIT ?
"""


def normalise(text: str) -> str:
    """Lower case without accents, trimmed (as the index stores names)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", normalise(text)) if w]


def build_index(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A private in-memory DuckDB with the search index of the database `con` reads."""
    database = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = ?", [db.CATALOG]).fetchone()[0]
    index = duckdb.connect(":memory:")
    index.execute("ATTACH ? AS src (READ_ONLY)", [database])
    # A database built before permit ids were stored has no permit_id column: search without them.
    has_permit = index.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE database_name = 'src' AND table_name = 'installations' AND column_name = 'permit_id'"
    ).fetchone()[0]
    index.execute(
        "CREATE TEMP VIEW src_installations AS SELECT * FROM src.installations"
        if has_permit
        else "CREATE TEMP VIEW src_installations AS SELECT *, NULL::VARCHAR AS permit_id FROM src.installations"
    )
    for sql in _INDEX_SQL:
        index.execute(sql)
    index.execute("DROP VIEW src_installations")
    index.execute("DETACH src")
    return index


@st.cache_resource(max_entries=2, show_spinner=False)
def _index(version: str, _con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """One search index per data version (the version is the cache key)."""
    return build_index(_con)


def run(index: duckdb.DuckDBPyConnection, text: str, viewer: Viewer, limit: int = 8) -> pd.DataFrame:
    """Search an index (see find); usable without Streamlit."""
    query_words = words(text)
    if not query_words:
        return pd.DataFrame(columns=["kind", "key", "label", "detail", "company", "in_cluster6", "score"])
    cur = index.cursor()
    try:
        return cur.execute(_SEARCH_SQL, [normalise(text), query_words, FUZZY_WORD, *viewer.scope(), MIN_SCORE, limit]).df()
    finally:
        cur.close()


@st.cache_data(max_entries=256, show_spinner=False)
def _find(version: str, text: str, viewer: Viewer, limit: int, _con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    with _lock:
        index = _index(version, _con)
    return run(index, text, viewer, limit)


def find(text: str, viewer: Viewer, limit: int = 8) -> pd.DataFrame:
    """kind ('installatie' or 'bedrijf'), key (installation_id or company), label, detail, company,
    in_cluster6, score (1 = id or permit id, 0.9 = the text occurs, below = typo-tolerant word match):
    the best `limit` matches the viewer may open, best first."""
    con, version = db.connection()
    return _find(version, normalise(text), viewer, limit, con)
