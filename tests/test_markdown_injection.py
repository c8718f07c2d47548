"""Text that a user loaded (case, grant and action-line files) or put in a link (query parameters) is shown
as text on every page, never interpreted as Markdown: a link or an image in it would let a crafted file or
URL put a phishing link or a tracking pixel on a ministry screen.

Every free-text column of every loadable sample file, and every query parameter a page reads, carries
Markdown; every page is walked as the ministry, the regisseur and a company, and everything Streamlit renders
as Markdown (text, captions, headings, notices, expander and metric labels) must show it escaped."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from etl import load
from tests.conftest import FIXTURES
from tests.tables_walk import app, pages_as

LINK = "](https://evil.example/x)"
MARKDOWN = f"Zie [het dossier{LINK} ![](https://track.example/p.gif) **dringend**"
# Columns of the loadable kinds that hold free text (the rest are ids, enumerations, dates and numbers).
FREE_TEXT = {
    "cases.csv": ("description", "source"),
    "case_events.csv": ("note", "source"),
    "subsidies.csv": ("project", "source"),
    "action_progress.csv": ("label", "subject", "detail", "partners", "note", "source"),
}
# Every query parameter a page reads as text (the others are parsed and fall back to a default).
PARAMS = {"casus": f"T-001, {MARKDOWN}", "installatie": MARKDOWN, "exploitant": MARKDOWN}
ROLES = (("ministerie", None), ("regisseur", None), ("bedrijf", "Nobian Chemicals B.V."))


@pytest.fixture(scope="module")
def hostile_db(fixture_data, tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(fixture_data, data)
    for name, columns in FREE_TEXT.items():
        frame = pd.read_csv(FIXTURES / "sample" / name, dtype=str, keep_default_na=False)
        for column in columns:
            frame[column] = MARKDOWN
        frame.to_csv(data / "sample" / name, index=False)
    db = data.parent / "cluster6.duckdb"
    load.build(db, data)
    grant = pd.read_csv(FIXTURES / "sample" / "subsidies.csv", dtype=str, keep_default_na=False).head(1)
    grant.assign(grant_id="TS-MD", project=MARKDOWN).to_csv(data / "eigen.csv", index=False)
    load.load_file("subsidies", data / "eigen.csv", db, display_name=f"{MARKDOWN}.csv")  # a user's file name
    return db


def rendered_markdown(at) -> str:
    """Everything the run rendered through Streamlit's Markdown renderer, as sent to the browser."""
    parts = [
        e.value
        for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")
        for e in getattr(at, kind)
    ]
    parts += [e.label for kind in ("expander", "metric", "tabs", "status") for e in getattr(at, kind, [])]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize(("role", "company"), ROLES, ids=[r for r, _ in ROLES])
def test_loaded_and_linked_text_is_never_markdown(hostile_db, monkeypatch, role, company):
    monkeypatch.setenv("C6_DB", str(hostile_db))
    seen, leaks = [], []
    for page, at in pages_as(role, company, PARAMS):
        leaks += [f"{page}: {line}" for line in rendered_markdown(at).splitlines() if LINK in line or "![](" in line]
        seen.append(page)
    assert len(seen) >= 8, seen  # the walk really visited the role's pages
    assert not leaks, f"loaded or linked text rendered as Markdown as {role}:\n" + "\n".join(leaks)


def test_a_company_named_in_a_link_is_shown_as_text(hostile_db, monkeypatch):
    monkeypatch.setenv("C6_DB", str(hostile_db))
    at = app("ministerie", params={"exploitant": MARKDOWN}, page="profiel.py")
    assert not at.exception
    shown = rendered_markdown(at)
    assert "komt niet voor in het register" in shown and LINK not in shown
