"""Charts of the subsidies page. Plain functions: DataFrame in, Figure or DataFrame out."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from monitor import formatting
from monitor.cache import figure as cached_figure
from monitor.charts.style import ROUTE_COLOURS, SECTOR_COLOURS, base_layout, text_colour_on
from monitor.config import INSTRUMENTS

INSTRUMENT_COLOURS = dict(zip(INSTRUMENTS, px.colors.qualitative.Bold, strict=False))
KIND_LABELS = {"granted_eur": "toegekend", "paid_eur": "betaald"}


@cached_figure
def granted_paid_by_year(by_year: pd.DataFrame, source: str = "") -> go.Figure:
    """by_year: instrument, year, granted_eur, paid_eur. Per year two stacked bars (granted, paid) by instrument."""
    figure = go.Figure()
    for instrument in [i for i in INSTRUMENTS if i in set(by_year["instrument"])] + sorted(
        set(by_year["instrument"]) - set(INSTRUMENTS)
    ):
        rows = by_year[by_year["instrument"] == instrument].sort_values("year")
        x = [[str(y) for y in rows["year"]] * 2, ["toegekend"] * len(rows) + ["betaald"] * len(rows)]
        figure.add_trace(
            go.Bar(
                x=x,
                y=pd.concat([rows["granted_eur"], rows["paid_eur"]]) / 1e6,
                name=instrument,
                marker_color=INSTRUMENT_COLOURS.get(instrument, "#999"),
                hovertemplate=f"{instrument}<br>%{{x}}: € %{{y:,.2f}} mln<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(categoryorder="array", categoryarray=sorted({str(y) for y in by_year["year"]}))
    figure.update_yaxes(title="€ mln")
    return base_layout(figure, source=source)


def burn_down(by_year: pd.DataFrame, budget_eur: float, start: int, end: int) -> pd.DataFrame:
    """year, committed_eur, paid_eur (cumulative), remaining_eur (budget - committed) for start..end;
    years after the last year with data stay empty."""
    years = pd.DataFrame({"year": range(start, end + 1)})
    frame = years.merge(by_year, on="year", how="left")
    last = by_year["year"].max() if not by_year.empty else start - 1
    frame["committed_eur"] = frame["granted_eur"].fillna(0).cumsum()
    frame["paid_eur"] = frame["paid_eur"].fillna(0).cumsum()
    frame["remaining_eur"] = budget_eur - frame["committed_eur"]
    frame.loc[frame["year"] > last, ["committed_eur", "paid_eur", "remaining_eur"]] = None
    return frame[["year", "committed_eur", "paid_eur", "remaining_eur"]]


@cached_figure
def burn_down_chart(frame: pd.DataFrame, budget_eur: float, extra_eur: float | None, source: str = "") -> go.Figure:
    figure = go.Figure()
    figure.add_trace(
        go.Bar(x=frame["year"], y=frame["committed_eur"] / 1e6, name="toegezegd (cumulatief)", marker_color="#9ecae1")
    )
    figure.add_trace(go.Bar(x=frame["year"], y=frame["paid_eur"] / 1e6, name="betaald (cumulatief)", marker_color="#2171b5"))
    figure.add_trace(
        go.Scatter(
            x=frame["year"],
            y=frame["remaining_eur"] / 1e6,
            name="nog vrij",
            mode="lines+markers",
            line=dict(color="#c0392b", width=3),
        )
    )
    figure.add_hline(
        y=budget_eur / 1e6, line_dash="dash", line_color="#555", annotation_text=f"budget € {budget_eur / 1e6:.0f} mln"
    )
    if extra_eur:
        figure.add_annotation(
            x=2025, y=budget_eur / 1e6, text=f"waarvan € {extra_eur / 1e6:.0f} mln extra (Actieplan 2.0)", showarrow=True, ay=-30
        )
    figure.update_layout(barmode="group")
    figure.update_yaxes(title="€ mln", rangemode="tozero")
    figure.update_xaxes(dtick=1)
    return base_layout(figure, source=source)


@cached_figure
def euro_per_tonne_chart(frame: pd.DataFrame, dimension: str, source: str = "") -> go.Figure:
    """frame: group, eur_per_t_co2, grants. Horizontal bars, cheapest reduction on top."""
    data = frame.dropna(subset=["eur_per_t_co2"]).sort_values("eur_per_t_co2", ascending=False)
    colours = {"route": ROUTE_COLOURS, "sector": SECTOR_COLOURS, "instrument": INSTRUMENT_COLOURS}.get(dimension, {})
    figure = go.Figure(
        go.Bar(
            y=data["group"],
            x=data["eur_per_t_co2"],
            orientation="h",
            marker_color=[colours.get(g, "#6baed6") for g in data["group"]],
            text=[f"€ {formatting.number(v)}" for v in data["eur_per_t_co2"]],
            insidetextfont=dict(color=[text_colour_on(colours.get(g, "#6baed6")) for g in data["group"]]),
            customdata=data["grants"],
            hovertemplate="%{y}: € %{x:,.0f} per t CO₂/jaar (%{customdata} beschikkingen)<extra></extra>",
        )
    )
    figure.update_xaxes(title="€ subsidie per ton CO₂ verwachte reductie per jaar")
    return base_layout(figure, source=source)


@cached_figure
def amounts_chart(frame: pd.DataFrame, label: str, source: str = "") -> go.Figure:
    """frame: group, granted_eur, paid_eur. Horizontal grouped bars."""
    data = frame.sort_values("granted_eur")
    figure = go.Figure()
    for column, colour in (("granted_eur", "#9ecae1"), ("paid_eur", "#2171b5")):
        figure.add_trace(
            go.Bar(y=data["group"], x=data[column] / 1e6, name=KIND_LABELS[column], orientation="h", marker_color=colour)
        )
    figure.update_xaxes(title="€ mln")
    figure.update_yaxes(title=label)
    base_layout(figure, source=source)
    figure.update_layout(barmode="group", height=max(300, 32 * len(data) + 80))  # legend above the bars (base_layout)
    return figure
