"""The progress letter: drafted sentences (rise, fall, no change, incomplete year, sample data, closures),
the Word and Excel files opened back and compared with independent SQL on the fixture database, byte-for-byte
reproducibility, chart images (or the list of missing ones), and letters recorded as sent."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import zipfile

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest
from docx import Document
from openpyxl import load_workbook

from etl import load
from etl import snapshots as snapshot_store
from monitor import (
    action_report,
    action_status,
    chart_images,
    config,
    formatting,
    letter,
    letter_docx,
    letter_xlsx,
    report,
    report_export,
    snapshots,
)
from monitor.access import MINISTRY
from monitor.filters import Filters
from monitor.letter_tables import Letter
from monitor.queries import meta
from monitor.queries import snapshots as snapshot_queries
from monitor.report_inputs import gather
from tests.conftest import open_page
from tests.test_report import FRESHNESS, LOAD_LOG, SOURCE_LINES, make_inputs

SENT_ON = dt.date(2026, 11, 25)


def drafted(inputs: report.Inputs, report_override: report.Report | None = None, **kwargs) -> str:
    inputs.case_table["opened_on"] = pd.to_datetime(["2024-01-05", "2023-02-01", "2023-03-01", "2023-01-01"])
    return letter.as_text(letter.draft(report_override or report.build(inputs), inputs, **kwargs))


def with_emissions(inputs: report.Inputs, values_2024: tuple[float, float], complete: bool = True) -> report.Inputs:
    frame = inputs.by_sector_year.copy()
    frame.loc[frame["year"] == 2024, "verified_t_co2"] = list(values_2024)
    completeness = inputs.completeness.assign(not_reported=[0, 0 if complete else 1])
    components = {  # every installation still operating: the whole change is at operating installations
        "operating_reduction": 1800.0 - sum(values_2024),
        "closed_t": 0.0,
        "closed": 0,
        "entered_t": 0.0,
        "entered": 0,
        "not_reported_t": 0.0,
        "not_reported": 0,
    }
    return dataclasses.replace(inputs, by_sector_year=frame, completeness=completeness, components=components)


# --- drafted sentences ------------------------------------------------------------------------------------------


def test_a_fall_a_rise_and_no_change_read_right():
    fall = drafted(with_emissions(make_inputs(), (600.0, 820.0)))  # 1800 in 2019 -> 1420
    assert "Dat is 21,1 % (380 t) minder dan in het basisjaar 2019" in fall
    rise = drafted(with_emissions(make_inputs(), (1000.0, 900.0)))  # -> 1900
    assert "Dat is 5,6 % (100 t) meer dan in het basisjaar 2019" in rise
    assert "de uitstoot juist 100 t gestegen ten opzichte van 2019" in rise
    assert "De uitstoot beweegt de verkeerde kant op" in rise
    same = drafted(with_emissions(make_inputs(), (1000.0, 800.0)))  # -> 1800
    assert "Dat is evenveel als in het basisjaar 2019" in same
    assert "is de uitstoot niet gedaald ten opzichte van 2019" in same
    for text in (fall, rise, same):
        assert "2013, het begin van ETS-fase 3" in text


def test_the_action_lines_schedule_is_drafted_from_the_report_figures(fixture_db):
    """On 1-7-2026 the fixture's regioaanpak milestone (planned 30-06-2026) is late; on 30-06 none is."""
    inputs = make_inputs()
    texts = {}
    for on in (dt.date(2026, 6, 30), dt.date(2026, 7, 1)):
        status = action_status.gather(MINISTRY, Filters(year=2024, baseline_year=2019, target_id="eu_ets_cap"), on)
        figures = action_report.figures(status, {})
        built = report.build(inputs)
        texts[on] = drafted(inputs, report_override=dataclasses.replace(built, figures=[*built.figures, *figures]))
    late = texts[dt.date(2026, 7, 1)]
    assert "## Actielijnen Actieplan 2.0 [VOORBEELDDATA]" in late  # the fixture's milestones are sample rows
    assert "Van de 7 actielijnen van het Actieplan 2.0 loopt er op 1 juli 2026 1 achter op schema." in late
    assert (
        "Regioaanpak: achter op schema (0 van 1 mijlpalen afgerond; vertraagd: 'Testmijlpaal regioaanpak' gepland 30-06-2026)"
        in late
    )
    assert (
        "Op 30 juni 2026 loopt geen van de 7 actielijnen van het Actieplan 2.0 achter op schema." in texts[dt.date(2026, 6, 30)]
    )
    assert "Actielijnen" not in drafted(make_inputs())  # a report without action-line figures has no such section


def test_counts_are_singular_and_plural():
    one = dataclasses.replace(make_inputs(), counts={"companies": 1, "installations": 1})
    assert "stootten 1 installatie van 1 bedrijf in Cluster 6" in drafted(one)
    assert "stootten 4 installaties van 3 bedrijven in Cluster 6" in drafted(make_inputs())
    assert "In de casusaanpak loopt 1 open casus; 2 casussen zijn opgelost." in drafted(make_inputs())


def test_an_incomplete_year_is_said_and_never_judged_on_track():
    # glas and chemie both fall fast: on track on the complete year, only provisional on the incomplete one
    fast = (300.0, 400.0)
    complete = drafted(with_emissions(make_inputs(sample=False), fast, complete=True))
    assert "op koers voor de doelwaarde in 2030" in complete and "onvolledig" not in complete
    incomplete = drafted(with_emissions(make_inputs(sample=False), fast, complete=False))
    assert "Let op: 2024 is nog onvolledig" in incomplete
    assert "op koers voor de doelwaarde" not in incomplete
    assert "het oordeel over de koers voorlopig" in incomplete
    assert "Ook deze oordelen zijn voorlopig, omdat 2024 nog onvolledig is." in incomplete
    assert "2024 is nog onvolledig: de uitstoot, de daling en de oordelen over 2024 zijn voorlopig" in incomplete


def test_sample_data_is_marked_and_never_covers_the_gap():
    text = drafted(make_inputs(sample=True))
    assert "## Casusaanpak [VOORBEELDDATA]" in text and "## Pijplijn en opgave 2030 [VOORBEELDDATA]" in text
    assert "Die verwachting rust op voorbeelddata en telt daarom niet mee in wat er nog ontbreekt." in text
    assert "Tot 2030 ontbreekt zonder de pijplijn nog" in text
    assert "VOORBEELDDATA: de cijfers over de casusaanpak, het Actieplan-budget en de pijplijn" in text
    real = drafted(make_inputs(sample=False))
    assert "VOORBEELDDATA" not in real and "voorbeelddata" not in real
    assert "Tot 2030 ontbreekt na de gerealiseerde reductie en de pijplijn nog" in real


def test_closures_alone_never_read_as_progress():
    inputs = make_inputs(sample=False)
    closures_only = dataclasses.replace(
        with_emissions(inputs, (300.0, 400.0)),
        components={
            "operating_reduction": -50.0,
            "closed_t": 1150.0,
            "closed": 2,
            "entered_t": 0.0,
            "entered": 0,
            "not_reported_t": 0.0,
            "not_reported": 0,
        },
    )
    text = drafted(closures_only)
    assert "1,1 kt door sluiting of vertrek uit het ETS van 2 installaties" in text
    assert "Sluitingen dragen de hele daling" in text
    assert "op koers voor de doelwaarde" not in text
    assert "alleen gedekt door sluitingen" in text  # the report's own headline, not "gedekt"


def test_edited_text_reads_back():
    inputs = make_inputs()
    inputs.case_table["opened_on"] = pd.to_datetime(["2024-01-05", "2023-02-01", "2023-03-01", "2023-01-01"])
    sections = letter.draft(report.build(inputs), inputs)
    assert letter.parse_text(letter.as_text(sections)) == sections
    edited = letter.parse_text("Geachte voorzitter,\n\n## Uitstoot\n\nEen eigen zin\nover twee regels.\n")
    assert edited == [
        letter.Section("", ("Geachte voorzitter,",)),
        letter.Section("Uitstoot", ("Een eigen zin over twee regels.",)),
    ]


def test_figure_keys_match_across_years():
    assert snapshots.figure_key("Uitstoot Cluster 6 in 2024", 2024, 2019) == snapshots.figure_key(
        "Uitstoot Cluster 6 in 2025", 2025, 2019
    )
    assert snapshots.figure_key("Gerealiseerde reductie 2019–2024", 2024, 2019) == "Gerealiseerde reductie {basis}–{jaar}"
    assert snapshots.figure_key("Benodigde reductie 2019–2030", 2024, 2019) == "Benodigde reductie {basis}–2030"
    assert snapshots.figure_key("Toegezegd t/m 2025", 2024, 2019) == snapshots.figure_key("Toegezegd t/m 2026", 2025, 2019)
    assert snapshots.figure_key("Schema op 25-11-2026", 2024, 2019) == "Schema op {datum}"
    keys = [snapshots.figure_key(f.label, 2024, 2019) for f in report.build(make_inputs()).figures]
    assert len(keys) == len(set(keys))


# --- the files --------------------------------------------------------------------------------------------------


def unit_letter(**kwargs) -> Letter:
    inputs = make_inputs()
    inputs.case_table["opened_on"] = pd.to_datetime(["2024-01-05", "2023-02-01", "2023-03-01", "2023-01-01"])
    built = report.build(inputs)
    return Letter(
        "Voortgangsbrief",
        SENT_ON,
        2024,
        2019,
        {"Rapportagejaar": "2024"},
        letter.draft(built, inputs),
        built,
        SOURCE_LINES,
        report_export.data_version(LOAD_LOG, FRESHNESS),
        **kwargs,
    )


def test_same_letter_same_bytes(monkeypatch):
    first_docx, first_xlsx = letter_docx.build(unit_letter(), {}, {}), letter_xlsx.build(unit_letter())
    later = dt.datetime(2031, 5, 6, 7, 8, 9)  # the libraries' clock must not reach the files

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return later if tz is None else later.replace(tzinfo=tz)

        @classmethod
        def utcnow(cls):
            return later

    monkeypatch.setattr("openpyxl.writer.excel.datetime.datetime", Clock)
    monkeypatch.setattr("docx.opc.coreprops.dt.datetime", Clock, raising=False)
    assert letter_docx.build(unit_letter(), {}, {}) == first_docx
    assert letter_xlsx.build(unit_letter()) == first_xlsx
    for data in (first_docx, first_xlsx):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert {i.date_time for i in archive.infolist()} == {(2026, 11, 25, 0, 0, 0)}
            core = archive.read("docProps/core.xml").decode()
            assert core.count("2026-11-25T00:00:00Z") >= 2 and "2031" not in core


def test_sample_rows_are_marked_in_word_and_excel():
    data = letter_docx.build(unit_letter(), {}, {})
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "LET OP: VOORBEELDDATA" in text and "Casusaanpak VOORBEELDDATA" in text
    figures = document.tables[0]
    header = [c.text for c in figures.rows[0].cells]
    kinds = {row.cells[1].text: row.cells[header.index("Soort")].text for row in figures.rows[1:]}
    assert kinds["Open casussen"] == report.SAMPLE_MARK and kinds["Uitstoot Cluster 6 in 2024"] == report.PUBLIC
    sheet = load_workbook(io.BytesIO(letter_xlsx.build(unit_letter())))["Kerncijfers"]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Open casussen"][6] == report.SAMPLE_MARK
    assert sheet.freeze_panes == "A2"


def test_missing_chart_images_are_listed_not_fatal(monkeypatch):
    monkeypatch.setenv("C6_BROWSER", "/nonexistent/chromium")
    charts = {"a": ("Uitstoot per sector", go.Figure(go.Bar(x=[1], y=[2])), "Bron: EUTL")}
    images, missing = chart_images.render({"a": charts["a"][1]})
    assert images == {} and missing == {"a": chart_images.NO_BROWSER}
    document = Document(io.BytesIO(letter_docx.build(unit_letter(charts=charts), images, missing)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Afbeelding ontbreekt: {chart_images.NO_BROWSER}." in text
    assert "Ontbrekende afbeeldingen (1): Uitstoot per sector." in text and "Bron: EUTL" in text
    assert not document.inline_shapes


def test_an_image_wraps_its_source_line_for_the_letter_and_leaves_the_screen_figure_alone(monkeypatch, tmp_path):
    """On screen a chart's source line is wrapped for a 1024 px page; the letter's image (1000 px at 2x) gets it
    wrapped for its own width (report_export.print_ready), on a copy."""
    from monitor.charts.style import base_layout

    source = " · ".join(
        f"Bron nummer {n} met een lange titel (uittreksel 01-04-2026; geladen 04-12-2026 22:28 UTC)" for n in range(4)
    )
    figure = base_layout(go.Figure(go.Bar(x=["2019", "2024"], y=[1.8, 1.4])), source=source)
    on_screen = figure.layout.annotations[0].text
    rendered = []

    async def fake_render(figures, browser):
        rendered.extend(figures)
        return [b"\x89PNG"] * len(figures)

    monkeypatch.setenv("C6_BROWSER", str(tmp_path / "chromium"))
    (tmp_path / "chromium").write_text("")
    (tmp_path / "chromium").chmod(0o755)  # found, never started: the render is replaced
    monkeypatch.setattr(chart_images, "_render", fake_render)
    images, missing = chart_images.render({"a": figure})
    assert missing == {} and len(rendered) == 1
    printed = rendered[0].layout.annotations[0].text
    assert max(map(len, printed.split("<br>"))) > max(map(len, on_screen.split("<br>")))  # longer lines: a wider image
    assert max(map(len, printed.split("<br>"))) <= 150
    assert figure.layout.annotations[0].text == on_screen  # the screen's figure is not changed


@pytest.mark.skipif(config.browser_path() is None, reason="no system Chromium on this machine")
def test_charts_become_images_in_the_system_browser():
    figure = go.Figure(go.Bar(x=["2019", "2024"], y=[1.8, 1.4]))
    images, missing = chart_images.render({"a": figure})
    assert missing == {} and images["a"].startswith(b"\x89PNG")
    charts = {"a": ("Uitstoot", figure, "Bron: EUTL")}
    document = Document(io.BytesIO(letter_docx.build(unit_letter(charts=charts), images, missing)))
    assert len(document.inline_shapes) == 1


# --- on the fixture database: every figure against independent SQL ------------------------------------------------


def fixture_letter(year: int = 2024, baseline: int = 2019, target: str = "nl_klimaatwet") -> tuple[Letter, report.Inputs]:
    chosen = Filters(year=year, baseline_year=baseline, target_id=target)
    inputs = gather(chosen, MINISTRY, year, baseline, target)
    built = report.build(inputs)
    lines = {s: f"bron {s}" for f in built.figures for s in f.sources}
    version = report_export.data_version(meta.load_log(), meta.freshness())
    sections = letter.draft(built, inputs)
    return Letter("Brief", SENT_ON, year, baseline, {"Rapportagejaar": str(year)}, sections, built, lines, version), inputs


def sql_figures(con, year: int, baseline: int, target: str) -> dict[str, float]:
    """The key figures computed straight from the tables, without the app's query functions."""

    def one(sql: str, *params):
        return con.execute(sql, list(params)).fetchone()[0]

    def total(y: int) -> float:
        return one(
            "SELECT sum(e.verified_t_co2) FROM emissions e JOIN installations i USING (installation_id) "
            "WHERE i.in_cluster6 AND e.year = ?",
            y,
        )

    now, base, ref = total(year), total(baseline), total(2013)
    share = one("SELECT value FROM targets WHERE target_id = ? AND year = 2030", target)
    target_2030 = base * (1 - share)
    pairs = con.execute(
        """
        SELECT b.verified_t_co2 AS b, n.verified_t_co2 AS n, n.status
        FROM installations i
        LEFT JOIN emissions b ON b.installation_id = i.installation_id AND b.year = ? AND b.verified_t_co2 > 0
        LEFT JOIN emissions n ON n.installation_id = i.installation_id AND n.year = ?
        WHERE i.in_cluster6 AND (b.verified_t_co2 IS NOT NULL OR n.verified_t_co2 > 0)
        """,
        [baseline, year],
    ).df()
    both = pairs[pairs["b"].notna() & (pairs["n"] > 0)]
    gone = pairs[pairs["b"].notna() & ~(pairs["n"] > 0) & (pairs["status"] != "not reported")]
    new = pairs[pairs["b"].isna() & (pairs["n"] > 0)]
    operating, closed, entered = float((both["b"] - both["n"]).sum()), float(gone["b"].sum()), float(new["n"].sum())
    realised = operating + closed - entered
    solved = con.execute(
        """
        SELECT date_diff('day', min(event_date) FILTER (WHERE status = 'aangemeld'), max(event_date) FILTER (WHERE status = 'opgelost'))
        FROM case_events GROUP BY case_id
        HAVING max(event_date) FILTER (WHERE status = 'opgelost') IS NOT NULL AND NOT bool_or(date_estimated)
        """
    ).fetchall()
    budget = one("SELECT amount_eur FROM budgets WHERE budget_id = 'actieplan_cluster6'")
    committed = one("SELECT sum(granted_eur) FROM subsidies WHERE starts_with(instrument, 'Actieplan Cluster 6')")
    paid = one("SELECT sum(paid_eur) FROM subsidies WHERE starts_with(instrument, 'Actieplan Cluster 6')")
    pipeline = one(
        """
        WITH c AS (SELECT company, route, sum(expected_reduction_t_co2) AS t FROM cases WHERE status <> 'gestopt' GROUP BY ALL),
             g AS (SELECT company, route, sum(t) AS t FROM (
                      SELECT grant_id, any_value(company) AS company, any_value(route) AS route, max(expected_reduction_t_co2) AS t
                      FROM subsidies GROUP BY grant_id) GROUP BY ALL)
        SELECT sum(coalesce(greatest(c.t, g.t), c.t, g.t, 0)) FROM c FULL JOIN g USING (company, route)
        """
    )
    missing_reported = one(
        "SELECT count(*) FROM emissions e JOIN installations i USING (installation_id) "
        "WHERE i.in_cluster6 AND e.year = ? AND e.status = 'not reported'",
        year,
    )
    return {
        f"Uitstoot Cluster 6 in {year}": now,
        f"Verandering t.o.v. {baseline} (basisjaar)": (now / base - 1) * 100,
        f"Verandering t.o.v. {baseline} in tonnen": now - base,
        "Verandering t.o.v. 2013 (begin ETS-fase 3)": (now / ref - 1) * 100,
        "Verandering t.o.v. 2013 in tonnen": now - ref,
        f"Installaties met uitstoot in {year}": one(
            "SELECT count(DISTINCT installation_id) FROM emissions e JOIN installations i USING (installation_id) "
            "WHERE i.in_cluster6 AND e.year = ? AND e.verified_t_co2 > 0",
            year,
        ),
        f"Bedrijven met uitstoot in {year}": one(
            "SELECT count(DISTINCT i.company) FROM emissions e JOIN installations i USING (installation_id) "
            "WHERE i.in_cluster6 AND e.year = ? AND e.verified_t_co2 > 0",
            year,
        ),
        f"Installaties nog zonder cijfer over {year}": missing_reported,
        "Doelwaarde 2030": target_2030,
        f"Benodigde reductie {baseline}–2030": base - target_2030,
        f"Gerealiseerde reductie {baseline}–{year}": realised,
        "waarvan bij installaties die nog draaien": operating,
        "waarvan door sluiting of vertrek uit het ETS": closed,
        f"min uitstoot van nieuwkomers sinds {baseline}": entered,
        "Deel van de benodigde reductie gerealiseerd": realised / (base - target_2030) * 100,
        f"Gerealiseerd tempo {baseline}–{year}": (1 - (now / base) ** (1 / (year - baseline))) * 100,
        "Open casussen": one("SELECT count(*) FROM cases WHERE closed_on IS NULL"),
        "Opgeloste casussen": one("SELECT count(*) FROM cases WHERE status = 'opgelost'"),
        "Doorlooptijd aangemeld → opgelost (mediaan)": float(pd.Series([d for (d,) in solved]).median()),
        "Budget programma t/m 2030": budget,
        "Nog vrij": budget - committed,
        "Verwachte reductie uit de pijplijn": pipeline,
        "_committed": committed,
        "_paid": paid,
    }


def test_word_and_excel_figures_equal_sql(fixture_db):
    built, _ = fixture_letter()
    workbook = load_workbook(io.BytesIO(letter_xlsx.build(built)))
    sheet = workbook["Kerncijfers"]
    header = [c.value for c in sheet[1]]
    stored = {row[1]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    document = Document(io.BytesIO(letter_docx.build(built, {}, {})))
    printed = {row.cells[1].text: row.cells[2].text for row in document.tables[0].rows[1:]}
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        expected = sql_figures(con, 2024, 2019, "nl_klimaatwet")
    finally:
        con.close()
    until = next(label for label in stored if label.startswith("Toegezegd t/m"))
    expected[until] = expected.pop("_committed")
    expected[until.replace("Toegezegd", "Betaald")] = expected.pop("_paid")
    for label, value in expected.items():
        assert stored[label]["Getal"] == pytest.approx(value, rel=1e-9, abs=1e-6), label
        assert isinstance(stored[label]["Getal"], int | float), label
        assert printed[label] == stored[label]["Waarde"], label
    # every numeric figure of the report is in both files; the Word table prints what Excel stores
    assert set(printed) == set(stored) == {f.label for f in built.report.figures}
    assert printed["Uitstoot Cluster 6 in 2024"] == formatting.tonnes(expected["Uitstoot Cluster 6 in 2024"])
    assert printed["Open casussen"] == formatting.number(expected["Open casussen"])
    assert printed["Nog vrij"] == formatting.euro(expected["Nog vrij"])
    assert sheet.cell(row=2, column=header.index("Getal") + 1).number_format == '#,##0" t"'
    assert {"Kerncijfers", "Op koers per sector tot 2030", "Definities", "Bronnen", "Gegevensversie"} <= set(workbook.sheetnames)
    sectors = workbook["Op koers per sector tot 2030"]
    assert all(ws.freeze_panes == "A2" for ws in workbook.worksheets)
    rows = {r[0]: r for r in sectors.iter_rows(min_row=2, values_only=True)}
    assert rows["Cluster 6 totaal"][2] == pytest.approx(expected["Uitstoot Cluster 6 in 2024"])
    versions = [r for r in workbook["Gegevensversie"].iter_rows(min_row=2, values_only=True) if r[0]]
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        files = con.execute("SELECT count(DISTINCT source_file) FROM load_log WHERE outcome = 'ok'").fetchone()[0]
    finally:
        con.close()
    assert len([r for r in versions if r[5]]) == files
    text = "\n".join(p.text for p in document.paragraphs)
    assert built.version.fingerprint in text and "Bijlage C. Gegevensversie" in text


def test_drafted_text_uses_the_report_figures(fixture_db):
    built, _ = fixture_letter()
    text = letter.as_text(built.sections)
    figures = {f.label: f for f in built.report.figures}
    assert f"samen {figures['Uitstoot Cluster 6 in 2024'].text} CO₂-equivalent uit" in text
    assert f"is daarvan {figures['Gerealiseerde reductie 2019–2024'].text} gerealiseerd" in text
    assert f"In de casusaanpak lopen {figures['Open casussen'].text} open casussen" in text


# --- letters recorded as sent --------------------------------------------------------------------------------------


def test_a_recorded_letter_survives_new_data_and_a_rebuild_and_shows_revisions(scratch_db, fixture_data, monkeypatch, tmp_path):
    monkeypatch.setenv("C6_DB", str(scratch_db))
    sent, _ = fixture_letter(2024)
    snapshot = snapshots.record(
        sent.report.figures,
        title="Brief 2024",
        year=2024,
        baseline_year=2019,
        target_id="nl_klimaatwet",
        selection=report.ALL_SELECTED,
        version=sent.version,
        letter_text=letter.as_text(sent.sections),
        sent_on=SENT_ON,
    )
    before = scratch_db.read_bytes()
    snapshot_store.record(snapshot, scratch_db, "test")
    assert scratch_db.read_bytes() != before
    con = duckdb.connect(str(scratch_db), read_only=True)
    try:
        kept = con.execute("SELECT figure_key, value, text FROM report_snapshot_figures WHERE snapshot_id = 1").df()
        meta_row = con.execute("SELECT year, fingerprint, recorded_by, sent_on FROM report_snapshots").fetchall()
        # a late report changes the 2024 value of the largest installation: the earlier letter is now revised
        largest, old = con.execute(
            "SELECT e.installation_id, e.verified_t_co2 FROM emissions e JOIN installations i USING (installation_id) "
            "WHERE i.in_cluster6 AND e.year = 2024 ORDER BY e.verified_t_co2 DESC LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    assert meta_row == [(2024, sent.version.fingerprint, "test", SENT_ON)]
    reported = kept.set_index("figure_key")
    assert reported.loc["Uitstoot Cluster 6 in {jaar}", "value"] == sent.report.figures[0].value
    assert len(kept) == len(sent.report.figures)
    late = tmp_path / "late_2024.csv"
    late.write_text(f"installation_id;year;verified_t_co2\n{largest};2024;{old + 1000:.0f}\n", encoding="utf-8")
    load.load_file("emissions", late, scratch_db, keep=False)

    now, _ = fixture_letter(2024)
    previous = snapshot_queries.figures(1)
    assert previous["value"].tolist() == pytest.approx(kept["value"].tolist(), nan_ok=True)
    earlier, _ = fixture_letter(2024)
    table = snapshots.compare(now.report.figures, 2024, 2019, previous, earlier.report.figures, 2024, 2019).set_index(
        "figure_key"
    )
    emissions = table.loc["Uitstoot Cluster 6 in {jaar}"]
    assert emissions["verschil_getal"] == pytest.approx(1000.0)
    assert emissions["herzien"] == formatting.tonnes(sent.report.figures[0].value + 1000)
    assert table.loc["Open casussen", "herzien"] == ""  # the programme's figures are progress, not revisions
    sections = letter.draft(
        now.report, fixture_letter(2024)[1], table.reset_index(), {"title": "Brief 2024", "sent_on": SENT_ON, "year": 2024}
    )
    since = next(s for s in sections if s.heading == "Sinds de vorige brief")
    assert "Ten opzichte van de vorige brief (Brief 2024, 25 november 2026, over 2024):" in since.paragraphs[0]
    assert "Nieuwe gegevens hebben" in since.paragraphs[1] and "herzien" in since.paragraphs[1]

    load.build(scratch_db, fixture_data)  # a rebuild loads the kept letter again
    kept_file = load.user_dir(scratch_db) / "report_snapshots" / "0001.json"
    assert json.loads(kept_file.read_text(encoding="utf-8"))["title"] == "Brief 2024"
    con = duckdb.connect(str(scratch_db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM report_snapshot_figures WHERE snapshot_id = 1").fetchone()[0] == len(kept)
    finally:
        con.close()


def test_a_broken_snapshot_changes_nothing(scratch_db):
    before = scratch_db.read_bytes()
    with pytest.raises(Exception, match="ontbreekt"):
        snapshot_store.record({"title": "leeg", "figures": []}, scratch_db, "test")
    assert scratch_db.read_bytes() == before
    assert not (load.user_dir(scratch_db) / "report_snapshots").exists() or not list(
        (load.user_dir(scratch_db) / "report_snapshots").glob("*.json")
    )


def test_the_same_label_in_two_groups_is_two_figures(scratch_db):
    figure = {"position": 1, "figure_key": "Schema op {datum}", "label": "Schema op 25-11-2026", "value": 1.0}
    figure |= {"text": "1 mijlpaal vertraagd", "unit": "mijlpalen vertraagd", "is_sample": True}
    snapshot = {
        "sent_on": "2026-11-25",
        "title": "Brief",
        "year": 2024,
        "baseline_year": 2019,
        "target_id": "nl_klimaatwet",
        "selection": report.ALL_SELECTED,
        "load_id": 1,
        "fingerprint": "abc",
        "letter_text": "tekst",
        "figures": [figure | {"group_name": "Actielijn 1"}, figure | {"position": 2, "group_name": "Actielijn 2"}],
    }
    assert snapshot_store.record(snapshot, scratch_db, "test") == 1
    twice = {
        **snapshot,
        "figures": [figure | {"group_name": "Actielijn 1"}, figure | {"position": 2, "group_name": "Actielijn 1"}],
    }
    with pytest.raises(Exception, match="komt meer dan eens voor"):
        snapshot_store.record(twice, scratch_db, "test")


def test_only_the_regisseur_records_a_letter_on_the_page(scratch_db, monkeypatch):
    monkeypatch.setenv("C6_DB", str(scratch_db))
    at = open_page("pages/rapportage.py", {"jaar": "2024", "basis": "2019"})
    assert not [b for b in at.button if b.label == "Vastleggen als verzonden"]
    assert any("Alleen de clusterregisseur" in c.value for c in at.caption)
    drafted_text = at.text_area[0].value
    assert drafted_text.startswith("## Uitstoot\n\nIn 2024 stootten")
    at.selectbox(key="demo_role").set_value("regisseur").run()
    at.text_area[0].set_value(drafted_text + "\nMet vriendelijke groet.\n")
    at.button(key="record_letter").click().run()
    assert not at.exception, at.exception
    assert any("Vastgelegd als brief nr. 1" in s.value for s in at.success)
    con = duckdb.connect(str(scratch_db), read_only=True)
    try:
        text, by = con.execute("SELECT letter_text, recorded_by FROM report_snapshots").fetchone()
    finally:
        con.close()
    assert text.endswith("Met vriendelijke groet.\n") and "regisseur" in by
    at = open_page("pages/rapportage.py", {"jaar": "2024", "basis": "2019"})
    assert next(s for s in at.selectbox if s.label == "Vergelijken met de vorige brief").value == 1
    assert "## Sinds de vorige brief" in at.text_area[0].value
    assert "Geen van de cijfers uit de vorige brief is door nieuwe gegevens herzien." in at.text_area[0].value


def test_an_edited_letter_survives_a_change_of_year(fixture_db):
    at = open_page("pages/rapportage.py", {"jaar": "2024", "basis": "2019"})
    edited = at.text_area[0].value + "\nMet vriendelijke groet.\n"
    at.text_area[0].set_value(edited).run()
    at.selectbox(key="f_year").set_value(2023).run()
    assert not at.exception, at.exception
    assert at.text_area[0].value.startswith("## Uitstoot\n\nIn 2023")  # a fresh draft for the new figures
    kept = next(e for e in at.expander if e.label.startswith("Uw bewerkte tekst bij andere cijfers"))
    assert [c.value.strip() for c in kept.code] == [edited.strip()]
    at.selectbox(key="f_year").set_value(2024).run()
    assert at.text_area[0].value == edited  # back to the same figures: the edit, not a new draft
    assert not [e for e in at.expander if e.label.startswith("Uw bewerkte tekst bij andere cijfers")]
