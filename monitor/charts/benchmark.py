"""Charts of the benchmark page: one installation against anonymised peer distributions (quantiles only)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from monitor.cache import figure as cached_figure
from monitor.charts.style import base_layout

OWN_COLOUR = "#c0392b"
NL_COLOUR = "#2171b5"
EU_COLOUR = "#7f7f7f"
BANDS = (("p10", "p25"), ("p25", "p50"), ("p50", "p75"), ("p75", "p90"))


def band_position(value: float | None, quantiles: pd.Series | dict | None) -> str:
    """Where `value` lies in a distribution given by p10..p90: 'onder 10e percentiel', '25e–50e percentiel',
    'boven 90e percentiel' or '–'."""
    if value is None or quantiles is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    try:
        cuts = [float(quantiles[q]) for q in ("p10", "p25", "p50", "p75", "p90")]
    except (KeyError, TypeError, ValueError):  # suppressed ('< 3 bedrijven') or missing
        return "–"
    if value < cuts[0]:
        return "onder 10e percentiel"
    for (low, high), (a, b) in zip(BANDS, zip(cuts, cuts[1:], strict=False), strict=True):
        if a <= value <= b:
            return f"{low[1:]}e–{high[1:]}e percentiel"
    return "boven 90e percentiel"


def _band(figure: go.Figure, frame: pd.DataFrame, low: str, high: str, colour: str, opacity: float, name: str, group: str):
    figure.add_trace(
        go.Scatter(
            x=frame["year"],
            y=frame[high],
            mode="lines",
            line=dict(width=0),
            showlegend=False,
            hoverinfo="skip",
            legendgroup=group,
        )
    )
    figure.add_trace(
        go.Scatter(
            x=frame["year"],
            y=frame[low],
            mode="lines",
            line=dict(width=0),
            fill="tonexty",
            fillcolor=_rgba(colour, opacity),
            name=name,
            legendgroup=group,
            hoverinfo="skip",
        )
    )


def _rgba(colour: str, opacity: float) -> str:
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{opacity})"


@cached_figure
def index_chart(
    own: pd.DataFrame,
    nl: pd.DataFrame,
    eu: pd.DataFrame,
    *,
    own_name: str,
    nl_name: str,
    eu_name: str,
    baseline_year: int,
    source: str = "",
) -> go.Figure:
    """own: year, index. nl / eu: year, p25, p50, p75 (numeric rows only). Index 1 = baseline year."""
    figure = go.Figure()
    if not eu.empty:
        _band(figure, eu, "p25", "p75", EU_COLOUR, 0.18, f"{eu_name}: middelste 50 %", "eu")
        figure.add_trace(
            go.Scatter(
                x=eu["year"], y=eu["p50"], name=f"{eu_name}: mediaan", line=dict(color=EU_COLOUR, dash="dot"), legendgroup="eu"
            )
        )
    if not nl.empty:
        _band(figure, nl, "p25", "p75", NL_COLOUR, 0.22, f"{nl_name}: middelste 50 %", "nl")
        figure.add_trace(
            go.Scatter(
                x=nl["year"], y=nl["p50"], name=f"{nl_name}: mediaan", line=dict(color=NL_COLOUR, dash="dash"), legendgroup="nl"
            )
        )
    figure.add_trace(
        go.Scatter(
            x=own["year"],
            y=own["index"],
            name=own_name,
            mode="lines+markers",
            line=dict(color=OWN_COLOUR, width=3),
            hovertemplate="%{x}: %{y:.2f}<extra></extra>",
        )
    )
    figure.add_hline(y=1, line_color="#999", line_width=1)
    figure.add_vline(x=baseline_year, line_color="#999", line_dash="dot", annotation_text=f"basisjaar {baseline_year}")
    figure.update_yaxes(title=f"uitstoot t.o.v. {baseline_year} (1 = gelijk)", rangemode="tozero")
    figure.update_xaxes(dtick=2)
    base_layout(figure, source=source)
    figure.update_layout(legend=dict(orientation="h", x=0, y=-0.12, yanchor="top"), margin=dict(b=120))
    return figure


@cached_figure
def ratio_chart(own_ratio: float | list | None, groups: list[tuple[str, pd.Series]], source: str = "") -> go.Figure:
    """Box per peer group from its quantiles (whiskers p10-p90, box p25-p75, line median) and the own value:
    one value for all groups, or one per group (the installation in the same year as that group)."""
    figure = go.Figure()
    for name, q in groups:
        figure.add_trace(
            go.Box(
                y=[name],
                q1=[q["p25"]],
                median=[q["p50"]],
                q3=[q["p75"]],
                lowerfence=[q["p10"]],
                upperfence=[q["p90"]],
                orientation="h",
                name=name,
                marker_color=NL_COLOUR if name.startswith("NL") else EU_COLOUR,
                showlegend=False,
                hoverinfo="x",
            )
        )
    own = list(own_ratio) if isinstance(own_ratio, (list, tuple)) else [own_ratio] * len(groups)
    drawn = [(value, name) for value, (name, _) in zip(own, groups, strict=True) if value is not None and not math.isnan(value)]
    if drawn:
        figure.add_trace(
            go.Scatter(
                x=[value for value, _ in drawn],
                y=[name for _, name in drawn],
                mode="markers",
                marker=dict(color=OWN_COLOUR, size=16, symbol="diamond"),
                name="deze installatie",
                hovertemplate="deze installatie: %{x:.2f}<extra></extra>",
            )
        )
    figure.add_vline(x=1, line_color="#999", line_dash="dot", annotation_text="uitstoot = gratis rechten")
    figure.update_xaxes(title="geverifieerde uitstoot / gratis toegewezen rechten", rangemode="tozero")
    figure.update_layout(height=140 + 70 * len(groups))
    return base_layout(figure, source=source)


def index_view(
    series: pd.DataFrame, nl: pd.DataFrame, eu: pd.DataFrame, plant, baseline_year: int
) -> tuple[go.Figure, pd.DataFrame]:
    """One installation's index chart against its NL sector and EU activity spread, and the chart's data as one
    table (a `group` column says whose), for monitor.chart_view.show; `plant` has name, sector, eu_activity."""
    nl_name = f"NL {plant['sector']}"
    eu_name = f"EU activiteit {int(plant['eu_activity'])}" if pd.notna(plant["eu_activity"]) else "EU activiteit"
    figure = index_chart(series, nl, eu, own_name=plant["name"], nl_name=nl_name, eu_name=eu_name, baseline_year=baseline_year)
    data = pd.concat(
        [series[["year", "index"]].assign(group="deze installatie"), nl.assign(group=nl_name), eu.assign(group=eu_name)]
    )
    return figure, data
