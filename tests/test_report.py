"""Rapportage: unit tests of monitor/report.py on small hand-made frames, and an AppTest of the page whose key
figures must equal independent SQL on the fixture database."""

from __future__ import annotations

import re

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from monitor import completeness, formatting, report, report_export
from monitor.progress import ON_TRACK, TOO_SLOW, WRONG_WAY
from tests.conftest import DASHBOARD, open_page
from tests.shown_tables import tables

# --- unit tests of monitor/report.py ------------------------------------------------------------------------------

TARGETS = pd.DataFrame(
    {
        "target_id": ["nl_klimaatwet"],
        "target_name": ["Nationale ambitie"],
        "kind": ["milestone_reduction"],
        "year": [2030],
        "value": [0.55],
        "source": ["Klimaatwet"],
    }
)
SOURCE_LINES = {
    s: f"bron {s} (stand 2025; geladen 01-01-2026 00:00 UTC)"
    for s in ("eutl_nl", "eutl_recent", "targets", "cases_public", "sample_cases", "sample_subsidies", "budgets")
}
LOAD_LOG = pd.DataFrame(
    {
        "load_id": [1, 2, 3],
        "kind": ["emissions", "cases", "cases"],
        "source_file": ["raw/eutl.csv", "sample/cases.csv", "sample/cases.csv"],
        "sha256": ["a" * 64, "b" * 64, "c" * 64],
        "rows": [100, 80, 81],
        "duration_s": [0.1, 0.1, 0.1],
        "loaded_at": pd.to_datetime(["2026-01-01 10:00", "2026-01-01 10:00", "2026-01-02 12:30"]),
        "outcome": ["ok", "ok", "ok"],
    }
)
FRESHNESS = pd.DataFrame(
    {"source_id": ["eutl_nl", "sample_cases"], "file": ["raw/eutl.csv", "sample/cases.csv"], "is_sample": [False, True]}
)


def make_inputs(sample: bool = True, year: int = 2024) -> report.Inputs:
    emissions = pd.DataFrame(
        {
            "year": [2013, 2013, 2019, 2019, 2024, 2024],
            "sector": ["glas", "chemie"] * 3,
            "verified_t_co2": [1200.0, 900.0, 1000.0, 800.0, 600.0, 820.0],
        }
    )
    cases = pd.DataFrame(
        {
            "case_id": ["C1", "C2", "C3", "C4"],
            "company": ["A", "B", "C", "A"],
            "sector": ["glas", "chemie", "glas", "glas"],
            "province": ["Gelderland"] * 4,
            "route": ["elektrificatie", "waterstof", "elektrificatie", "elektrificatie"],
            "bottleneck": ["netcongestie"] * 4,
            "status": ["intake", "opgelost", "opgelost", "gestopt"],
            "is_open": [True, False, False, False],
            "expected_reduction_t_co2": [50.0, 20.0, 30.0, 999.0],
            "is_sample": [sample] * 4,
        }
    )
    grants = pd.DataFrame(
        {
            "grant_id": ["G1"],
            "company": ["A"],
            "sector": ["glas"],
            "province": ["Gelderland"],
            "route": ["elektrificatie"],
            "instrument": ["Actieplan Cluster 6 - casusaanpak"],
            "granted_eur": [1e6],
            "paid_eur": [4e5],
            "expected_reduction_t_co2": [80.0],
            "is_sample": [sample],
        }
    )
    return report.Inputs(
        year=year,
        baseline_year=2019,
        target_id="nl_klimaatwet",
        target_name="Nationale ambitie",
        by_sector_year=emissions,
        counts={"companies": 3, "installations": 4},
        completeness=pd.DataFrame(
            {"year": [2023, 2024], "reported": [4, 3], "not_reported": [0, 1], "not_reported_previous_t": [0.0, 55.0]}
        ),
        targets=TARGETS,
        case_table=cases,
        lead_times=pd.DataFrame({"case_id": ["C2", "C3"], "days": [100, 200], "dates_unknown": [False, False]}),
        actieplan_by_year=pd.DataFrame({"year": [2024, 2025], "granted_eur": [1e6, 2e6], "paid_eur": [4e5, 1e6]}),
        actieplan_sample_rows=2 if sample else 0,
        budget={"amount_eur": 47e6, "period_start": 2023, "period_end": 2030, "budget_name": "Actieplan Cluster 6"},
        cases=cases,
        grants=grants,
        components={  # 1800 in 2019 -> 1420 in 2024: 330 at operating installations + 60 closed - 10 entered
            "operating_reduction": 330.0,
            "closed_t": 60.0,
            "closed": 1,
            "entered_t": 10.0,
            "not_reported_t": 0.0,
            "not_reported": 0,
        },
    )


def by_label(built: report.Report) -> dict[str, report.Figure]:
    return {f.label: f for f in built.figures}


def test_figures_follow_the_definitions():
    figures = by_label(report.build(make_inputs()))
    assert figures["Uitstoot Cluster 6 in 2024"].value == 1420.0
    assert figures["Verandering t.o.v. 2019 (basisjaar)"].value == pytest.approx((1420 / 1800 - 1) * 100)
    assert figures["Verandering t.o.v. 2019 in tonnen"].value == -380.0
    assert figures["Verandering t.o.v. 2013 (begin ETS-fase 3)"].text == formatting.percent(1420 / 2100 - 1)
    assert figures["Installaties nog zonder cijfer over 2024"].value == 1
    assert figures["Uitstoot van die installaties in 2023"].value == 55.0
    assert figures["Doelwaarde 2030"].value == pytest.approx(1800 * 0.45)
    assert figures["Benodigde reductie 2019–2030"].value == pytest.approx(1800 * 0.55)
    assert figures["Gerealiseerde reductie 2019–2024"].value == pytest.approx(380.0)
    assert figures["waarvan bij installaties die nog draaien"].value == 330.0
    assert figures["waarvan door sluiting of vertrek uit het ETS"].text == "60 t (1 installatie)"
    assert figures["min uitstoot van nieuwkomers sinds 2019"].value == 10.0
    # 2024 is incomplete in these inputs and the pipeline is sample data: the headline is the real gap, provisional
    missing = figures["Ontbreekt nog tot 2030"]
    assert missing.value == pytest.approx(1800 * 0.55 - 380) and not missing.sample
    assert missing.text == f"{formatting.tonnes(1800 * 0.55 - 380)}/jaar (voorlopig: 2024 is onvolledig)"
    with_pipeline = figures["Ontbreekt nog tot 2030 als de voorbeeld-pijplijn klopt"]
    assert with_pipeline.sample and with_pipeline.value == pytest.approx(1800 * 0.55 - 380 - 130)
    # glas fell 40 % in 5 years (on track for -55 % by 2030), chemie rose: one on track, one wrong way
    assert figures["Sectoren op koers"].text == "1 van 2 (glas)"
    assert figures["Sectoren niet op koers"].text == "1 van 2 (chemie)"
    assert figures["Oordeel Cluster 6 totaal"].text in (ON_TRACK, TOO_SLOW, WRONG_WAY)
    assert figures["Open casussen"].value == 1
    assert figures["Opgeloste casussen"].value == 2
    assert figures["Doorlooptijd aangemeld → opgelost (mediaan)"].text == "150 dagen (n = 2)"
    assert figures["Toegezegd t/m 2025"].value == 3e6
    assert figures["Nog vrij"].value == 44e6
    # the stopped case C4 is not in the pipeline; case and grant of A on elektrificatie count once (the larger)
    assert figures["Verwachte reductie uit de pijplijn"].value == pytest.approx(80 + 20 + 30)


def test_markdown_contains_every_figure_and_marks_sample_figures():
    built = report.build(make_inputs(sample=True))
    version = report_export.data_version(LOAD_LOG, FRESHNESS)
    text = report_export.markdown(built, "Kerncijfers 2024", {"Jaar": "2024"}, SOURCE_LINES, version)
    rows = {line.split(" | ")[1]: line for line in text.splitlines() if line.startswith("| ") and " | " in line}
    for figure in built.figures:
        assert figure.label in rows, figure.label
        assert figure.text.replace("|", "\\|") in rows[figure.label]
        assert (report.SAMPLE_MARK in rows[figure.label]) == figure.sample, figure.label
        assert f"**{figure.label}**: {figure.definition}" in text
    assert {f.label for f in built.figures if f.sample} >= {
        "Open casussen",
        "Toegezegd t/m 2025",
        "Verwachte reductie uit de pijplijn",
    }
    assert not by_label(built)["Uitstoot Cluster 6 in 2024"].sample
    assert not by_label(built)["Budget programma t/m 2030"].sample
    assert f"LET OP: {report.SAMPLE_MARK}" in text
    for number, source_id in enumerate(report_export.source_numbers(built.figures, SOURCE_LINES), start=1):
        assert f"- [{number}] {SOURCE_LINES[source_id]}" in text


def test_real_files_drop_the_sample_mark():
    built = report.build(make_inputs(sample=False))
    assert not built.has_sample
    text = report_export.markdown(built, "Kerncijfers", {}, SOURCE_LINES, report_export.data_version(LOAD_LOG, FRESHNESS))
    table = text.split("## Definities")[0]
    assert report.SAMPLE_MARK not in table


def test_data_version_block_is_in_every_export():
    version = report_export.data_version(LOAD_LOG, FRESHNESS)
    assert version.load_id == 3
    assert version.files["sha256"].tolist() == ["a" * 12, "c" * 12]  # the newest load of each file
    assert version.files.set_index("bestand").loc["sample/cases.csv", "soort"] == report.SAMPLE_MARK
    changed = LOAD_LOG.assign(sha256=["a" * 64, "b" * 64, "d" * 64])
    assert report_export.data_version(changed, FRESHNESS).fingerprint != version.fingerprint

    built = report.build(make_inputs())
    table = report_export.figures_table(built.figures, SOURCE_LINES)
    assert len(table) == len(built.figures)
    assert set(table["soort"]) == {report.SAMPLE_MARK, report.PUBLIC}
    csv = report_export.csv_frame(table, version, {"Jaar": "2024"})
    block = csv[csv["onderdeel"] == "Gegevensversie"]
    assert version.fingerprint in block["waarde"].tolist() and "c" * 12 in block["waarde"].tolist()

    text = report_export.markdown(built, "Kerncijfers", {}, SOURCE_LINES, version)
    assert "## Gegevensversie" in text and version.fingerprint in text and "Laatste lading: nr. 3, 02-01-2026 12:30 UTC" in text
    page = report_export.html_report(
        built, "Kerncijfers", {}, SOURCE_LINES, version, [("Grafiek", go.Figure(go.Bar(x=[1], y=[2])), "Bron: x")]
    )
    assert version.fingerprint in page and "c" * 12 in page and report.SAMPLE_MARK in page


def test_html_embeds_plotly_once_and_escapes_text():
    built = report.build(make_inputs())
    charts = [("A <b>", go.Figure(go.Bar(x=[1], y=[2])), "x"), ("B", go.Figure(go.Bar(x=[1], y=[3])), "y")]
    page = report_export.html_report(
        built, "T", {"k": "<script>"}, SOURCE_LINES, report_export.data_version(LOAD_LOG, FRESHNESS), charts
    )
    assert len(re.findall(r"plotly\.js v\d", page)) == 1  # the library once, for offline use
    assert page.count("Plotly.newPlot") == 2
    assert "<li>k: &lt;script&gt;</li>" in page and "<h2>A &lt;b&gt;</h2>" in page


def test_print_ready_fits_the_source_line():
    figure = go.Figure()
    figure.add_annotation(text="Bron: " + " · ".join(["een lange bron met veel woorden"] * 12), yshift=-45, showarrow=False)
    report_export.print_ready(figure, width=100)
    lines = figure.layout.annotations[0].text.split("<br>")
    assert len(lines) > 1 and all(len(line) <= 100 for line in lines)
    assert figure.layout.margin.b >= 45 + 14 * len(lines)


def test_incompleteness_note():
    status = make_inputs().completeness
    assert completeness.note(status, 2023) is None
    assert completeness.note(status, 2024).startswith("2024 is nog onvolledig: 1 Cluster 6-installatie had op de uittrekdatum")
    assert completeness.incomplete_years(status) == (2024,)
    assert completeness.latest_complete_year(status) == 2023


def test_selection_text():
    assert report.selection_text() == report.ALL_SELECTED
    assert report.selection_text(("glas",), (), ("waterstof",)) == "sector: glas; route: waterstof"


# --- the page on the fixture database -----------------------------------------------------------------------------


def shown(at: AppTest) -> dict[str, str]:
    [table] = [t for t in tables(at) if t.label == "Kerncijfers"]
    return dict(zip(table.value["Cijfer"], table.value["Waarde"], strict=True))


def test_page_figures_equal_sql(fixture_db):
    at = open_page("pages/rapportage.py", {"jaar": "2024", "basis": "2019"})
    figures = shown(at)
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        total = {
            year: t
            for year, t in con.execute(
                "SELECT e.year, sum(e.verified_t_co2) FROM emissions e JOIN installations i USING (installation_id) "
                "WHERE i.in_cluster6 AND e.year IN (2019, 2024) GROUP BY e.year"
            ).fetchall()
        }
        open_cases = con.execute(
            "SELECT count(*) FROM cases WHERE status IN ('aangemeld', 'intake', 'in behandeling')"
        ).fetchone()[0]
        solved = con.execute("SELECT count(*) FROM cases WHERE status = 'opgelost'").fetchone()[0]
        load_id = con.execute("SELECT max(load_id) FROM load_log").fetchone()[0]
        sha = con.execute("SELECT sha256 FROM load_log ORDER BY load_id LIMIT 1").fetchone()[0]
    finally:
        con.close()
    assert figures["Uitstoot Cluster 6 in 2024"] == formatting.tonnes(total[2024])
    assert figures["Verandering t.o.v. 2019 (basisjaar)"] == formatting.percent(total[2024] / total[2019] - 1)
    assert figures["Verandering t.o.v. 2019 in tonnen"].replace("+", "") == formatting.tonnes(total[2024] - total[2019]).replace(
        "-", "−"
    )
    assert figures["Open casussen"] == formatting.number(open_cases)
    assert figures["Opgeloste casussen"] == formatting.number(solved)
    markdown = at.code[0].value
    assert f"lading nr. {load_id}" in markdown and sha[:12] in markdown
    assert re.search(r"\| Open casussen \| \S+ \*\*VOORBEELDDATA\*\*", markdown)
    assert any("Voorbeelddata" in w.value for w in at.warning)
    assert {b.label for b in at.get("download_button")} >= {"Kerncijfers (CSV)", "Tekst voor de brief (Markdown)"}


def test_sample_figures_are_shaded_and_named_in_the_key_figures_table(fixture_db):
    at = open_page("pages/rapportage.py", {"jaar": "2024", "basis": "2019"})
    [table] = [t for t in tables(at) if t.label == "Kerncijfers"]
    assert table.headers[-1] == "Soort"
    named = {position for position, row in enumerate(table.rows) if row[-1] == report.SAMPLE_MARK}
    assert table.shaded == named and 0 < len(named) < len(table.rows)  # the shade and the word go together
    assert 'class="c6-table"' in table.html  # every figure at once, no scrolling region to copy from


def test_only_ministry_and_regisseur_have_the_page(fixture_db):
    def pages(params: dict) -> str:
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        with pytest.raises(ValueError, match="Known pages") as error:
            at.switch_page("tests/conftest.py")  # exists, but is never a page: the error lists the session's pages
        return str(error.value)

    assert "rapportage.py" in pages({"rol": "regisseur"})
    assert "rapportage.py" in pages({"rol": "ministerie"})
    assert "rapportage.py" not in pages({"rol": "bedrijf", "bedrijf": "O-I Netherlands B.V."})


def test_incomplete_year_is_said_on_screen_and_in_the_export(fixture_db):
    at = open_page("pages/rapportage.py", {"jaar": "2025", "basis": "2019"})
    assert any("2025 is nog onvolledig" in w.value for w in at.warning)
    assert "- Let op: 2025 is nog onvolledig" in at.code[0].value
