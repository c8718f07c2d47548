"""Every plotly chart on every page, as every role, has its text alternative (WCAG 2.1 AA 1.1.1): a summary
in words right under it (monitor.chart_view) and its data as a table - in the expander "Tabel bij deze
grafiek", or the page's own table right under it. The summary names the series (so a sector or route is
never told by colour alone) and its largest value, checked here against independent SQL."""

from __future__ import annotations

import base64
import json
import re

import duckdb
import numpy as np
import plotly.graph_objects as go
import pytest

from monitor import chart_view, deferred
from tests.e2e.pages import COMPANY
from tests.shown_tables import tables
from tests.tables_walk import pages_as


def _children(block) -> list:
    children = getattr(block, "children", None) or {}
    return [children[key] for key in sorted(children)]


def _blocks(node):
    yield node
    for child in _children(node):
        if getattr(child, "children", None) is not None:
            yield from _blocks(child)


def _has_dataframe(node) -> bool:
    """A table (monitor.html_table) in this node or under it."""
    own = getattr(node, "type", None) == "html" and "c6-table" in node.proto.body
    return own or any(_has_dataframe(child) for child in _children(node))


def _is_slot(node) -> bool:
    """A chart's slot (monitor.deferred): the container the chart is drawn into, where the page placed it."""
    return deferred.SLOT_KEY in getattr(getattr(node, "proto", None), "id", "")


def _is_chart(node) -> bool:
    """A plotly chart at this place in the page: the chart itself, or its slot holding it."""
    if _is_slot(node):
        return any(_is_chart(child) for child in _children(node))
    return getattr(node, "type", None) == "plotly_chart"


def chart_problems(at, page: str) -> tuple[int, list[str]]:
    """(charts seen, one line per chart that lacks its summary or table)."""
    charts, problems = 0, []
    for block in _blocks(at.main):
        if _is_slot(block):
            continue  # its chart is looked at in the block around it, with what follows it there
        children = _children(block)
        for index, node in enumerate(children):
            if not _is_chart(node):
                continue
            charts += 1
            after = children[index + 1 : index + 4]
            caption = after[0] if after and getattr(after[0], "type", None) == "caption" else None
            if caption is None or not caption.value.startswith(chart_view.SUMMARY_PREFIX):
                problems.append(f"{page}: chart {charts} has no summary in words under it")
                continue
            if chart_view.TABLE_BESIDE in caption.value:
                if not any(_has_dataframe(node) for node in after[1:]):
                    problems.append(f"{page}: chart {charts} promises a table under it, none follows")
            else:
                expander = after[1] if len(after) > 1 else None
                if getattr(expander, "type", None) != "expander" or expander.label != chart_view.TABLE_LABEL:
                    problems.append(f"{page}: chart {charts} has no '{chart_view.TABLE_LABEL}'")
                elif not _has_dataframe(expander) and "Geen gegevens" not in str([c.value for c in expander.caption]):
                    problems.append(f"{page}: chart {charts}'s expander holds no table")
    return charts, problems


def _values(array) -> list:
    """A trace's x or y as sent to the browser: a list, or plotly's {'dtype', 'bdata'} (base64 numbers)."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array or [])


D3_NUMBER = re.compile(r"%\{[xyz]:[^}]*f\}")  # plotly's d3 writes '-23,4' with a hyphen


def dutch_chart_problems(spec: dict, page: str) -> list[str]:
    """A chart as the browser gets it: Dutch separators, a thousands dot on every axis (1.500, not 1500),
    years without one (2024, not 2.024) in ticks and hovers, and no hover number left to d3 (no minus sign)."""
    layout = spec["layout"]
    name = f"{page}: chart '{(layout.get('title') or {}).get('text') or spec['data'][0].get('name')}'"
    found = [] if layout.get("separators") == ",." else [f"{name} has separators {layout.get('separators')!r}"]
    axes = {key: value for key, value in layout.items() if re.fullmatch(r"[xy]axis\d*", key)}
    found += [f"{name}: {key} without thousands dot" for key, axis in axes.items() if not axis.get("separatethousands")]
    for trace in spec["data"]:
        for letter in ("x", "y"):
            values = _values(trace.get(letter))
            key = f"{letter}axis{(trace.get(f'{letter}axis') or letter)[1:]}"
            if values and all(isinstance(v, int | float) and float(v).is_integer() and 1990 <= v <= 2100 for v in values):
                if (axes.get(key) or {}).get("tickformat") != "d" or axes[key].get("hoverformat") != "d":
                    found.append(f"{name}: years on {key} would read '2.024'")
        if D3_NUMBER.search(trace.get("hovertemplate") or ""):
            found.append(f"{name}: hover '{trace['hovertemplate']}' formats a number with d3 (hyphen for minus)")
    return found


@pytest.mark.parametrize(("role", "company"), [("ministerie", None), ("regisseur", None), ("bedrijf", COMPANY)])
def test_every_chart_has_a_summary_and_a_table(fixture_db, role, company):
    """And every chart is Dutch as the browser gets it (dutch_chart_problems)."""
    seen, problems = {}, []
    for page, at in pages_as(role, company):
        count, found = chart_problems(at, page)
        seen[page] = count
        problems += found
        for chart in at.get("plotly_chart"):
            problems += dutch_chart_problems(json.loads(chart.proto.spec), page)
    assert not problems, "\n".join(problems)
    assert sum(seen.values()) >= (3 if role == "bedrijf" else 15), seen  # the walk did find the charts


def test_overview_summary_names_the_largest_sector_year_from_sql(fixture_db):
    at = next(at for page, at in pages_as("ministerie") if page == "overzicht.py")
    summary = next(c.value for c in at.caption if c.value.startswith(chart_view.SUMMARY_PREFIX))
    with duckdb.connect(str(fixture_db), read_only=True) as con:
        sectors = [row[0] for row in con.execute("SELECT DISTINCT sector FROM installations WHERE in_cluster6").fetchall()]
    assert sum(sector in summary for sector in sectors) >= 2, summary  # the series are named, not only coloured
    assert "Hoogste waarde" in summary


def test_describe_bar_line_heatmap_sankey_funnel_and_empty():
    bars = go.Figure([go.Bar(x=["glas", "chemie"], y=[1200.4, 53000], name="2024")], layout={"title": "Uitstoot"})
    bars.update_layout(xaxis_title="sector", yaxis_title="t CO₂")
    assert chart_view.describe(bars) == (
        "Staafdiagram: Uitstoot. Horizontaal sector; verticaal t CO₂. Hoogste waarde 53.000 (2024, chemie)."
    )
    lines = go.Figure([go.Scatter(x=[2019, 2024], y=[10.0, 7.5], name="glas"), go.Scatter(x=[2019], y=[3], name="doelpad")])
    text = chart_view.describe(lines)
    assert text.startswith("Lijngrafiek.") and "Reeksen: glas, doelpad." in text and "Hoogste waarde 10 (glas, 2019)" in text
    heat = go.Figure(go.Heatmap(z=[[1, 5], [2, 0]], x=["waterstof", "elektrificatie"], y=["glas", "chemie"]))
    assert "Hoogste cel 5 (glas × elektrificatie)." in chart_view.describe(heat)
    sankey = go.Figure(go.Sankey(node={"label": ["glas", "waterstof"]}, link={"source": [0], "target": [1], "value": [4]}))
    assert "Grootste stroom 4 (glas → waterstof)." in chart_view.describe(sankey)
    funnel = go.Figure(go.Funnel(y=["aangemeld", "opgelost"], x=[9, 3]))
    assert "Van 9 (aangemeld) naar 3 (opgelost)." in chart_view.describe(funnel)
    assert chart_view.describe(go.Figure(go.Bar(x=[], y=[]))).endswith("Geen gegevens in deze selectie.")


def test_sector_verdicts_are_words_in_the_table_and_the_chart_not_colour_alone(fixture_db):
    """WCAG 1.4.1: the on/off-track verdict per sector is coloured in the chart, and written in the chart
    (text beside each sector) and in the table's column 'oordeel'."""
    import json

    from monitor.progress import NO_VERDICT, ON_TRACK, TOO_SLOW, WRONG_WAY
    from tests.tables_walk import app

    at = app("ministerie", page="sectoren.py")
    words = {ON_TRACK, TOO_SLOW, WRONG_WAY, NO_VERDICT}
    table = next(d.value for d in tables(at) if "oordeel" in d.value.columns)
    assert len(table) >= 2 and set(table["oordeel"]) <= words and set(table["oordeel"]) & {ON_TRACK, TOO_SLOW, WRONG_WAY}
    dumbbell = json.loads(at.get("plotly_chart")[0].proto.spec)
    drawn = {text.replace("<b>", "").replace("</b>", "") for trace in dumbbell["data"] for text in trace.get("text") or []}
    assert set(table["oordeel"]) - {NO_VERDICT} <= drawn, drawn
