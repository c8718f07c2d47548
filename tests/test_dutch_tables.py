"""Every table in Dutch: the one formatter, the CSV and XLSX exports, and a walk over every page as every role
(AppTest) that fails on a raw column name or a number not written the Dutch way. And a company sees itself:
its own cases appear on every page it can see that shows cases, never hidden by the '< 3 bedrijven' rule, which
covers other companies' aggregates only (the disclosure rule in README, "Roles and access")."""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import openpyxl
import pandas as pd
import pytest

from monitor import access, exports, formatting
from tests.shown_tables import numbers, tables
from tests.tables_walk import (
    RAW_NAMES,
    download_files,
    hidden_own_figures,
    metric_problems,
    pages_as,
    problems,
    record_media,
    table_with,
    tables_of,
)
from tests.tables_walk import app as open_as

# 1. The formatter and the exports as plain functions


def test_cells_are_dutch():
    cell = formatting.cell
    assert cell(651435.0, formatting.COLUMNS["verified_t_co2"]) == "651.435"
    assert cell(14214000, formatting.COLUMNS["granted_eur"]) == "14.214.000"
    assert cell(0.5385, formatting.COLUMNS["solved_share"]) == "53,8 %"
    assert cell(-0.123, formatting.COLUMNS["change"]) == "−12,3 %"
    assert cell(-314_949.6, formatting.COLUMNS["change_t"]) == "−314.950"  # a minus sign, not a hyphen
    assert cell(-0.4, formatting.COLUMNS["change_t"]) == "0"  # rounds to zero: no sign
    assert formatting.tonnes(-314_949.6) == "−314,9 kt"
    assert formatting.euro(-2_500_000) == "€ −2,5 mln"
    assert formatting.percent(-0.00001) == "0,0 %" and formatting.percent(0.00001) == "0,0 %"
    assert cell(11.44646, formatting.COLUMNS["span_km"]) == "11,4"
    assert cell(2024, formatting.COLUMNS["year"]) == "2024"
    assert cell(dt.date(2025, 3, 7), formatting.COLUMNS["opened_on"]) == "07-03-2025"
    assert cell(None, formatting.COLUMNS["closed_on"]) == ""  # never 'None'
    assert cell(True, formatting.COLUMNS["is_sample"]) == "ja"
    assert cell(access.SUPPRESSED, formatting.COLUMNS["open_cases"]) == access.SUPPRESSED
    assert formatting.plural(1, "beschikking", "beschikkingen") == "1 beschikking"
    assert formatting.plural(1200, "beschikking", "beschikkingen") == "1.200 beschikkingen"


FRAME = pd.DataFrame(
    {
        "company": ["A B.V.", "=HYPERLINK(1)"],
        "granted_eur": [412310.43000000005, 1_000_000.0],
        "solved_share": [0.53846, None],
        "year": [2024, 2025],
        "opened_on": [pd.Timestamp("2025-03-07"), pd.NaT],
        "is_sample": [True, False],
        "open_cases": [4, access.SUPPRESSED],
    }
)


def test_csv_has_dutch_headers_and_values_rounded_as_shown():
    text = exports.csv_bytes(FRAME).decode("utf-8-sig")
    header, first, second = text.strip().split("\n")
    assert header == "bedrijf;toegekend (€);aandeel opgelost;jaar;aangemeld;voorbeelddata;open casussen"
    assert first == "A B.V.;412310;53,8;2024;07-03-2025;ja;4"
    assert second.split(";")[1:] == ["1000000", "", "2025", "", "nee", access.SUPPRESSED]
    read = pd.read_csv(io.StringIO(text), sep=";", decimal=",")
    assert read["toegekend (€)"].dtype.kind in "if" and read["aandeel opgelost"].iloc[0] == 53.8


def test_xlsx_keeps_numbers_as_numbers_with_dutch_formats():
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(FRAME))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("bedrijf", "toegekend (€)", "aandeel opgelost", "jaar", "aangemeld", "voorbeelddata", "open casussen")
    assert rows[1][1] == 412310 and isinstance(rows[1][1], int)
    assert rows[1][2] == 53.8 and isinstance(rows[1][4], dt.datetime)
    assert sheet["B2"].number_format == "#,##0" and sheet["E2"].number_format == "dd-mm-yyyy"
    assert sheet["C2"].number_format.startswith("0.0")
    assert sheet["A3"].data_type == "s"  # text that looks like a formula stays text
    assert rows[2][6] == access.SUPPRESSED


def test_negative_figures_are_shown_with_a_minus_sign_and_exported_as_numbers():
    frame = pd.DataFrame({"change_t": [-314_949.6, 12.0], "change_pct": [-0.1234, 0.05]})
    columns = formatting.columns_for(frame)
    assert [formatting.cell(v, columns["change_t"]) for v in frame["change_t"]] == ["−314.950", "12"]
    assert [formatting.cell(v, columns["change_pct"]) for v in frame["change_pct"]] == ["−12,3 %", "+5,0 %"]
    csv = exports.csv_bytes(frame).decode("utf-8-sig").strip().split("\n")
    assert csv[1] == "-314950;-12,3"  # machine-readable: a hyphen-minus, no thousands separator
    rows = list(openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(frame))).active.iter_rows(values_only=True))
    assert rows[1][0] == -314950 and rows[1][1] == -12.3


def test_a_column_without_a_dutch_header_is_recorded():
    formatting.UNLABELLED.discard("some_new_column")
    formatting.columns_for(pd.DataFrame({"some_new_column": [1], "al in het Nederlands": [2]}))
    assert "some_new_column" in formatting.UNLABELLED and "al in het Nederlands" not in formatting.UNLABELLED
    formatting.UNLABELLED.discard("some_new_column")


def test_a_page_a_role_may_not_see_is_named():
    class Spec:
        url_path, title, roles = "casussen", "Casussen", ("ministerie", "regisseur")

    assert "Casussen" in access.denied_notice("casussen", "bedrijf", [Spec()])
    assert access.denied_notice("casussen", "ministerie", [Spec()]) is None
    assert access.denied_notice(None, "bedrijf", [Spec()]) is None


# 2. Every page's tables as every role, and every download as the ministry


def test_every_table_and_download_is_dutch_for_the_ministry(fixture_db, monkeypatch):
    """Every page's tables, and every download (CSV with an XLSX twin, bytes made as a click would)."""
    managers = record_media(monkeypatch)
    formatting.UNLABELLED.clear()
    seen, pages, raw, csv_files, metrics = [], [], [], 0, []
    for page, at in pages_as("ministerie"):
        pages.append(page)
        seen += tables_of(at, page)
        metrics += metric_problems(at, page)
        files = download_files(at, managers)
        for name, content in files.values():
            if name.endswith(".csv"):
                header = content.decode("utf-8-sig").splitlines()[0]
                raw += [f"{page} {name}: {h}" for h in header.split(";") if "_" in h or h in RAW_NAMES]
                assert f"{name[:-4]}.xlsx" in {n for n, _ in files.values()}, f"{page}: {name} has no XLSX twin"
                csv_files += 1
            elif name.endswith(".xlsx"):
                openpyxl.load_workbook(io.BytesIO(content))  # a real workbook
    assert len(pages) >= 10 and len(seen) > 20 and csv_files > 20
    assert not problems(seen), problems(seen)
    assert not metrics, metrics
    assert not raw, f"raw column names in downloads: {raw}"
    assert not formatting.UNLABELLED, f"columns without a Dutch header: {sorted(formatting.UNLABELLED)}"


def test_download_bytes_are_built_only_when_clicked(fixture_db, monkeypatch):
    calls = []
    original = exports.xlsx_bytes
    monkeypatch.setattr(exports, "xlsx_bytes", lambda *a, **k: calls.append(1) or original(*a, **k))
    managers = record_media(monkeypatch)
    at = open_as("ministerie")
    at.switch_page("pages/subsidies.py").run()
    buttons = at.get("download_button")
    assert buttons and all(b.proto.deferred_file_id for b in buttons)
    assert not calls, "an XLSX was built before any click"
    download_files(at, managers)
    assert calls


def test_a_download_of_data_not_shown_is_gathered_only_when_clicked(fixture_db, monkeypatch):
    """Actielijnen's 'Indicatoren (CSV)' holds every line's indicators; the page shows one line at a time
    (monitor.sections), so the rest is gathered only on a click (ui.download with a function)."""
    from monitor import action_lines, action_status, sections

    monkeypatch.setattr(sections, "OPEN_ALL", False)  # as in the browser: only the open tab runs
    asked = []
    original = action_status.ActionStatus.indicators
    monkeypatch.setattr(
        action_status.ActionStatus, "indicators", lambda self, line, *a: asked.append(line) or original(self, line, *a)
    )
    managers = record_media(monkeypatch)
    at = open_as("ministerie")
    at.switch_page("pages/actielijnen.py").run()
    assert asked == [action_lines.LINES[0].line_id]  # only what the open tab shows
    asked.clear()
    files = {name: content for name, content in download_files(at, managers).values()}
    assert asked, "the download was not gathered on the click"
    (csv,) = [content for name, content in files.items() if name.startswith("actielijnen_indicatoren") and name.endswith(".csv")]
    text = csv.decode("utf-8-sig")
    assert all(line.line_id in text for line in action_lines.LINES)


# 3. A company sees itself (its own cases on every page it can see that shows cases) in Dutch tables


@pytest.fixture
def own(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)

    def figures(company: str) -> dict:
        cases = con.execute("SELECT case_id, closed_on IS NULL AS open FROM cases WHERE company = ?", [company]).df()
        return {"cases": set(cases["case_id"]), "open": int(cases["open"].sum())}

    yield figures
    con.close()


PEILDATUM = "2026-07-01"
FEW_COMPANIES_SQL = """
WITH latest AS (
    SELECT * FROM action_progress WHERE item_type = 'indicator' AND as_of <= ?
    QUALIFY row_number() OVER (PARTITION BY item_id, coalesce(company, ''), coalesce(subject, '') ORDER BY as_of DESC) = 1
)
SELECT item_id, count(DISTINCT company), coalesce(sum(value) FILTER (WHERE company = ?), 0)
FROM latest WHERE company IS NOT NULL GROUP BY item_id HAVING count(DISTINCT company) < 3
"""


def few_companies(db, company: str) -> list[tuple[str, int, float]]:
    """(indicator label, companies, the company's own value) of the counts per company over 1 or 2 companies."""
    from monitor import action_lines

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(FEW_COMPANIES_SQL, [dt.date.fromisoformat(PEILDATUM), company]).fetchall()
    finally:
        con.close()
    indicators = action_lines.INDICATOR_BY_ID
    found = [(indicators[i].label, n, own) for i, n, own in rows if i in indicators and indicators[i].per_company]
    assert found, "the fixture should have a participation count over fewer than 3 companies"
    return found


@pytest.mark.parametrize("company", ["O-I Netherlands B.V.", "Nobian Chemicals B.V."])
def test_a_company_sees_its_own_cases_on_every_page(fixture_db, own, company):
    mine = own(company)
    assert mine["cases"], "the fixture should give this company cases"
    formatting.UNLABELLED.clear()
    pages, seen, metrics = [], [], []
    for page, at in pages_as("bedrijf", company, {"jaar": "2024", "peildatum": PEILDATUM}):
        pages.append(page)
        seen += tables_of(at, page)
        metrics += metric_problems(at, page)
        assert not hidden_own_figures(tables_of(at, page), company, access.SUPPRESSED), hidden_own_figures(
            tables_of(at, page), company, access.SUPPRESSED
        )
        if page == "overzicht.py":
            assert next(m.value for m in at.metric if m.label == "Open casussen (uw bedrijf)") == formatting.number(mine["open"])
        elif page == "kaart.py":
            table = table_with(at, "open casussen van uw bedrijf")
            assert numbers(table["open casussen van uw bedrijf"]).fillna(0).sum() == mine["open"]
        elif page == "routes.py":
            table = table_with(at, "casussen (uw bedrijf)")
            assert numbers(table["casussen (uw bedrijf)"]).sum() == len(mine["cases"])
        elif page == "benchmark.py":
            listed = table_with(at, "casus")["casus"]
            assert set(listed) == mine["cases"]
        elif page == "actielijnen.py":  # others' participation counts under 3 companies: '< 3 bedrijven', not '–'
            indicators = pd.concat([d.value for d in tables(at) if {"indicator", "waarde"} <= set(d.value.columns)])
            shown = dict(zip(indicators["indicator"], indicators["waarde"], strict=True))
            for label, companies, own_part in few_companies(fixture_db, company):
                expected = (
                    f"{access.SUPPRESSED} (waarvan uw bedrijf: {formatting.number(own_part)})" if own_part else access.SUPPRESSED
                )
                assert shown[label] == expected, (label, companies, shown[label])
    assert "casussen.py" not in pages and {"overzicht.py", "kaart.py", "routes.py", "benchmark.py"} <= set(pages)
    assert not problems(seen), problems(seen)  # a company's tables are Dutch too
    assert not metrics, metrics
    assert not formatting.UNLABELLED, f"columns without a Dutch header: {sorted(formatting.UNLABELLED)}"


def test_chart_source_lines_wrap_to_fit_a_1024_px_screen():
    from monitor.charts.style import _wrap

    source = "EU Transaction Log (EUTL-stand juni 2023; geladen 25-11-2026 10:07 UTC) · " + "Europese Commissie " * 12
    lines = _wrap(source).split("<br>")
    assert len(lines) > 1 and all(len(line) <= 110 for line in lines)
    assert " ".join(lines).replace(" · ", " ").split() == source.replace(" · ", " ").split()
