"""Charts of the overview page."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monitor.cache import figure as cached_figure
from monitor.charts.style import SECTOR_COLOURS, TARGET_COLOUR, base_layout


@cached_figure
def sector_area(
    by_sector: pd.DataFrame,
    target: pd.DataFrame | None = None,
    *,
    target_name: str = "",
    source: str = "",
    incomplete_years: tuple[int, ...] = (),
) -> go.Figure:
    """Stacked area of verified emissions (Mt) per sector and year, with an optional target line.

    by_sector: year, sector, verified_t_co2.  target: year, target_t_co2.
    """
    figure = go.Figure()
    order = by_sector.groupby("sector")["verified_t_co2"].sum().sort_values(ascending=False).index
    for sector in order:
        rows = by_sector[by_sector["sector"] == sector].sort_values("year")
        figure.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["verified_t_co2"] / 1e6,
                name=sector,
                stackgroup="emissions",
                mode="lines",
                line=dict(width=0.5, color=SECTOR_COLOURS.get(sector, "#999")),
                hovertemplate=f"{sector}<br>%{{x}}: %{{y:,.2f}} Mt<extra></extra>",
            )
        )
    if target is not None and not target.empty:
        figure.add_trace(
            go.Scatter(
                x=target["year"],
                y=target["target_t_co2"] / 1e6,
                name=target_name or "doelpad",
                mode="lines",
                line=dict(color=TARGET_COLOUR, width=2.5, dash="dash"),
                hovertemplate="doelpad %{x}: %{y:,.2f} Mt<extra></extra>",
            )
        )
    for year in incomplete_years:
        figure.add_vrect(x0=year - 0.5, x1=year + 0.5, fillcolor="#fff3cd", opacity=0.6, line_width=0, layer="below")
        figure.add_annotation(x=year, y=1, yref="paper", text="onvolledig", showarrow=False, font=dict(size=11, color="#8a6d00"))
    figure.update_yaxes(title="geverifieerde emissie (Mt CO₂-eq)", rangemode="tozero")
    figure.update_xaxes(title=None, dtick=2)
    return base_layout(figure, source=source)
