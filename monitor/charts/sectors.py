"""Charts of the sector page: on-track dumbbell, emissions per sector against the target path, and the
share of each sector's companies with a case or project per route."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from monitor.cache import figure as cached_figure
from monitor.charts.style import CELL_TEXT, LEGIBLE_BLUES, SECTOR_COLOURS, TARGET_COLOUR, base_layout
from monitor.progress import VERDICT_COLOURS


@cached_figure
def progress_dumbbell(progress: pd.DataFrame, *, baseline_year: int, year: int, source: str = "") -> go.Figure:
    """Per sector: achieved average yearly reduction since the baseline (dot in the sector colour) and
    the yearly reduction still needed to 2030 (red diamond); the verdict as text on the right.

    progress: as monitor.progress.sector_progress (rows without rates are left out)."""
    shown = progress.dropna(subset=["achieved_rate", "needed_rate"]).iloc[::-1]
    figure = go.Figure()
    for row in shown.itertuples():
        figure.add_trace(
            go.Scatter(
                x=[row.achieved_rate * 100, row.needed_rate * 100],
                y=[row.sector, row.sector],
                mode="lines",
                line=dict(color=VERDICT_COLOURS[row.verdict], width=3),
                showlegend=False,
                hoverinfo="skip",
            )
        )
    figure.add_trace(
        go.Scatter(
            x=shown["achieved_rate"] * 100,
            y=shown["sector"],
            mode="markers",
            name=f"gerealiseerd {baseline_year}-{year} (gem. %/jaar)",
            marker=dict(
                size=13, color=[SECTOR_COLOURS.get(s, "#333") for s in shown["sector"]], line=dict(color="#222", width=1)
            ),
            hovertemplate="%{y}: gerealiseerd %{x:.1f} % per jaar<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=shown["needed_rate"] * 100,
            y=shown["sector"],
            mode="markers",
            name=f"nodig {year}-2030 (gem. %/jaar)",
            marker=dict(size=12, symbol="diamond", color=TARGET_COLOUR),
            hovertemplate="%{y}: nodig %{x:.1f} % per jaar<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[max(0.0, float(shown[["achieved_rate", "needed_rate"]].max().max()) * 100) + 1.5] * len(shown),
            y=shown["sector"],
            mode="text",
            text=[f"<b>{v}</b>" for v in shown["verdict"]],
            textfont=dict(color=[VERDICT_COLOURS[v] for v in shown["verdict"]]),
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    figure.add_vline(x=0, line=dict(color="#888", width=1))
    figure.update_xaxes(title="gemiddelde reductie per jaar (%; links van 0 = stijging)", ticksuffix=" %", zeroline=False)
    figure.update_layout(height=max(300, 38 * len(shown) + 120), legend=dict(orientation="h", y=1.08, x=0, xanchor="left"))
    figure = base_layout(figure, source=source)
    figure.update_layout(legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, xanchor="left"), margin=dict(r=140))
    if source:
        figure.layout.annotations[-1].yshift = -80  # the source line below the axis title
        figure.update_layout(margin=dict(b=110))
    return figure


@cached_figure
def sector_small_multiples(
    by_sector_year: pd.DataFrame, paths: pd.DataFrame, *, baseline_year: int, source: str = ""
) -> go.Figure:
    """One panel per sector: verified emissions (kt) per year and the target path from the baseline (dashed).

    by_sector_year: year, sector, verified_t_co2. paths: sector, year, target_t_co2."""
    order = by_sector_year.groupby("sector")["verified_t_co2"].sum().sort_values(ascending=False).index.tolist()
    columns = 3
    rows = max(1, math.ceil(len(order) / columns))
    figure = make_subplots(
        rows=rows, cols=columns, subplot_titles=order, vertical_spacing=0.09 if rows > 1 else 0.2, horizontal_spacing=0.07
    )
    for index, sector in enumerate(order):
        row, col = index // columns + 1, index % columns + 1
        data = by_sector_year[by_sector_year["sector"] == sector].sort_values("year")
        figure.add_trace(
            go.Scatter(
                x=data["year"],
                y=data["verified_t_co2"] / 1e3,
                mode="lines+markers",
                marker=dict(size=4),
                line=dict(color=SECTOR_COLOURS.get(sector, "#555"), width=2),
                name=sector,
                showlegend=False,
                hovertemplate=f"{sector} %{{x}}: %{{y:,.1f}} kt<extra></extra>",
            ),
            row=row,
            col=col,
        )
        path = paths[paths["sector"] == sector]
        figure.add_trace(
            go.Scatter(
                x=path["year"],
                y=path["target_t_co2"] / 1e3,
                mode="lines",
                line=dict(color=TARGET_COLOUR, width=1.5, dash="dash"),
                name=f"doelpad vanaf {baseline_year}",
                showlegend=index == 0,
                hovertemplate="doelpad %{x}: %{y:,.1f} kt<extra></extra>",
            ),
            row=row,
            col=col,
        )
    figure.add_annotation(
        text="Vóór 2013 vielen minder installaties onder het ETS: sprongen rond 2008 en 2013 zijn vooral uitbreidingen van de reikwijdte.",
        xref="paper",
        yref="paper",
        x=0,
        y=1.0,
        yshift=38,
        showarrow=False,
        xanchor="left",
        font=dict(size=11, color="#666"),
    ) if by_sector_year["year"].min() < 2013 else None
    figure.update_yaxes(rangemode="tozero", ticksuffix=" kt", tickfont=dict(size=10))
    figure.update_xaxes(tickfont=dict(size=10), dtick=5)
    figure.update_layout(height=230 * rows + 80)
    figure = base_layout(figure, source=source)
    # The legend sits in its own band at the top of the figure, above the first row's subplot titles.
    figure.update_layout(
        legend=dict(orientation="h", yref="container", y=1, yanchor="top", x=0, xanchor="left"),
        margin=dict(t=80),
    )
    return figure


@cached_figure
def route_share_heatmap(shares: pd.DataFrame, sectors: list[str], routes: list[str], *, source: str = "") -> go.Figure:
    """Sector x route: share of the sector's companies with a case or project on the route (%), with
    'n/N' in each cell. shares: as monitor.progress.route_shares."""
    grid = shares.pivot_table(index="sector", columns="route", values="share").reindex(index=sectors, columns=routes)
    counts = shares.assign(label=shares["companies"].astype(str) + "/" + shares["sector_companies"].astype(str))
    labels = counts.pivot_table(index="sector", columns="route", values="label", aggfunc="first").reindex(
        index=sectors, columns=routes
    )
    text = [
        [f"{v * 100:.0f} %<br>{labels.iloc[i, j]}" if pd.notna(v) else "" for j, v in enumerate(row)]
        for i, row in enumerate(grid.to_numpy())
    ]
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy() * 100,
            x=routes,
            y=sectors,
            text=text,
            texttemplate="%{text}",
            textfont=CELL_TEXT,
            colorscale=LEGIBLE_BLUES,
            zmin=0,
            zmax=100,
            colorbar=dict(title=dict(text="bedrijven", side="top"), ticksuffix=" %", thickness=14),
            hovertemplate="%{y} · %{x}: %{z:.0f} % van de bedrijven<extra></extra>",
            hoverongaps=False,  # an empty cell: no company of the sector on that route, nothing to say
            xgap=2,
            ygap=2,
        )
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=60 + 42 * len(sectors))
    return base_layout(figure, source=source)
