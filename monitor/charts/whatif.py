"""Charts of the what-if page: Cluster 6 emissions to 2030 (realised, trend with band, scenario, pipeline,
target path) and the bottleneck ranking. Plain builders: DataFrame in, plotly Figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monitor.cache import figure as cached_figure
from monitor.charts.style import TARGET_COLOUR, base_layout

REALISED, TREND, SCENARIO, PIPELINE = "#333333", "#7f7f7f", "#2e7d32", "#2171b5"


@cached_figure
def projection_chart(paths: pd.DataFrame, *, target_name: str, sample: bool, band_level: float, source: str = "") -> go.Figure:
    """paths: year, realised, trend, low, high, scenario, pipeline, target (see monitor.whatif.paths)."""
    mark = " (voorbeelddata)" if sample else ""
    figure = go.Figure()
    if "trend" in paths:
        ahead = paths.dropna(subset=["trend"])
        figure.add_trace(
            go.Scatter(x=ahead["year"], y=ahead["high"], mode="lines", line=dict(width=0), showlegend=False, hoverinfo="skip")
        )
        figure.add_trace(
            go.Scatter(
                x=ahead["year"],
                y=ahead["low"],
                mode="lines",
                line=dict(width=0),
                fill="tonexty",
                fillcolor="rgba(127,127,127,0.2)",
                name=f"onzekerheid trend ({band_level:.0%})".replace("%", " %"),
                hoverinfo="skip",
            )
        )
        figure.add_trace(
            go.Scatter(x=ahead["year"], y=ahead["trend"], name="trend", mode="lines", line=dict(color=TREND, dash="dash"))
        )
        figure.add_trace(
            go.Scatter(
                x=ahead["year"],
                y=ahead["pipeline"],
                name=f"hele pijplijn opgelost{mark}",
                mode="lines",
                line=dict(color=PIPELINE, dash="dot"),
            )
        )
        figure.add_trace(
            go.Scatter(
                x=ahead["year"],
                y=ahead["scenario"],
                name=f"scenario{mark}",
                mode="lines+markers",
                line=dict(color=SCENARIO, width=3),
            )
        )
    realised = paths.dropna(subset=["realised"])
    figure.add_trace(
        go.Scatter(
            x=realised["year"], y=realised["realised"], name="gerealiseerd", mode="lines+markers", line=dict(color=REALISED)
        )
    )
    if "target" in paths:
        target = paths.dropna(subset=["target"])
        figure.add_trace(
            go.Scatter(x=target["year"], y=target["target"], name=target_name, mode="lines", line=dict(color=TARGET_COLOUR))
        )
    figure.update_yaxes(title="t CO₂ per jaar", rangemode="tozero")
    figure.update_xaxes(dtick=2)
    base_layout(figure, source=source)
    figure.update_layout(height=420, hovermode="x unified")
    return figure


@cached_figure
def bottleneck_chart(ranking: pd.DataFrame, *, sample: bool, source: str = "") -> go.Figure:
    """Horizontal bars: expected reduction held back per bottleneck (t CO2/yr), largest on top."""
    shown = ranking.sort_values("reduction_t")
    figure = go.Figure(
        go.Bar(
            x=shown["reduction_t"],
            y=shown["bottleneck"],
            orientation="h",
            marker_color="#c0392b",
            text=[f"{c} casussen" for c in shown["cases"]],
            textposition="auto",
            hovertemplate="%{y}: %{x:,.0f} t CO₂/jaar<extra></extra>",
        )
    )
    figure.update_xaxes(title="verwachte reductie die vastzit (t CO₂/jaar)" + (" · voorbeelddata" if sample else ""))
    base_layout(figure, source=source)
    figure.update_layout(height=max(260, 40 * len(shown) + 120), showlegend=False)
    return figure
