"""Charts of the routes page: pipeline vs gap, sector x route heatmap, Sankey sector -> route -> status."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monitor.cache import figure as cached_figure
from monitor.charts.style import (
    CELL_TEXT,
    LEGIBLE_BLUES,
    ROUTE_COLOURS,
    SECTOR_COLOURS,
    STATUS_COLOURS,
    TARGET_COLOUR,
    base_layout,
    hex_to_rgb,
)

REALISED_COLOUR = "#1b7837"


CLOSED_COLOUR = "#a6a6a6"
UNKNOWN_COLOUR = "#d9d9d9"


@cached_figure
def pipeline_gap(figures: dict, expected_by_route: pd.Series, *, baseline_year: int, year: int) -> go.Figure:
    """Two horizontal bars in kt CO2 per year against the baseline:
    'nodig tot 2030' (what the 2030 target needs) and 'stand' = realised at installations that still
    operate (solid green) + closures and departures from the ETS (grey, hatched) + expected per route
    (route colours, hatched; marked 'voorbeelddata' when it is) + missing (white, red cross-hatch, red
    outline), of which the part that installations without a figure yet emitted in the baseline is shown
    as unknown (light grey, dotted). The status bar never runs past the need.

    figures: as monitor.pipeline.gap. expected_by_route: route -> t CO2/yr."""
    needed_label, status_label = "nodig tot 2030", f"stand {year}"
    sample = " (voorbeelddata)" if figures["expected_is_sample"] else ""
    figure = go.Figure()

    def bar(label: str, tonnes: float, name: str, marker: dict) -> None:
        figure.add_trace(
            go.Bar(
                y=[label],
                x=[tonnes / 1e3],
                orientation="h",
                name=name,
                marker=marker,
                hovertemplate=f"{name}: %{{x:,.1f}} kt/jaar<extra></extra>",
            )
        )

    bar(
        needed_label,
        figures["needed"],
        f"nodig: {baseline_year} → doel 2030",
        dict(color="white", line=dict(color=TARGET_COLOUR, width=2)),
    )
    realised = max(figures["realised"], 0.0)
    operating = min(max(figures["operating"] - figures["entered"], 0.0), realised)
    bar(status_label, operating, "gerealiseerd bij draaiende installaties", dict(color=REALISED_COLOUR))
    bar(
        status_label,
        realised - operating,
        "sluitingen en vertrek uit het ETS",
        dict(color=CLOSED_COLOUR, pattern=dict(shape="\\", fgcolor="white", fgopacity=0.7)),
    )
    for route, tonnes in expected_by_route[expected_by_route > 0].items():
        bar(
            status_label,
            tonnes,
            f"verwacht: {route}{sample}",
            dict(color=ROUTE_COLOURS.get(route, "#888"), pattern=dict(shape="/", fgcolor="white", fgopacity=0.6)),
        )
    # Installations without a figure yet are part of what may still be missing, not a reduction: show
    # that part of the missing segment apart, so the bar never runs past the need.
    unknown = min(figures["not_reported"], figures["missing_with_pipeline"])
    if unknown > 0:
        bar(
            status_label,
            unknown,
            "onbekend: nog niet gerapporteerd",
            dict(color=UNKNOWN_COLOUR, pattern=dict(shape=".", fgcolor="#666", fgopacity=0.6)),
        )
    bar(
        status_label,
        figures["missing_with_pipeline"] - unknown,
        "ontbreekt nog" + (" (als de voorbeeld-pijplijn klopt)" if sample else ""),
        dict(
            color="white", line=dict(color=TARGET_COLOUR, width=2), pattern=dict(shape="x", fgcolor=TARGET_COLOUR, fgopacity=0.5)
        ),
    )
    figure.add_vline(x=figures["needed"] / 1e3, line=dict(color=TARGET_COLOUR, width=2, dash="dash"))
    figure.update_layout(barmode="stack", height=320, bargap=0.35, legend_traceorder="normal")
    figure.update_xaxes(title=f"reductie t.o.v. {baseline_year} (kt CO₂ per jaar)", rangemode="tozero")
    figure.update_yaxes(autorange="reversed")
    figure = base_layout(figure)
    figure.update_layout(legend=dict(orientation="h", y=-0.35, yanchor="top", x=0, xanchor="left"), margin=dict(b=120))
    return figure


@cached_figure
def sector_route_heatmap(matrix: pd.DataFrame, sectors: list[str], routes: list[str]) -> go.Figure:
    """Sector x route: companies with a case or subsidised project (number in the cell).
    matrix: as monitor.pipeline.sector_route_matrix."""
    grid = matrix.pivot_table(index="sector", columns="route", values="companies", aggfunc="sum").reindex(
        index=sectors, columns=routes
    )
    text = [["" if pd.isna(v) else f"{int(v)}" for v in row] for row in grid.to_numpy()]
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=routes,
            y=sectors,
            text=text,
            texttemplate="%{text}",
            textfont=CELL_TEXT,
            colorscale=LEGIBLE_BLUES,
            zmin=0,
            colorbar=dict(title=dict(text="bedrijven", side="top"), thickness=14),
            hovertemplate="%{y} · %{x}: %{z} bedrijven<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=80 + 40 * len(sectors))
    return base_layout(figure)


@cached_figure
def sector_route_status_sankey(cases: pd.DataFrame, sectors: list[str], routes: list[str], statuses: list[str]) -> go.Figure:
    """Cases flowing sector -> route -> status (link width = number of cases)."""
    labels = [*sectors, *routes, *statuses]
    index = {("sector", s): i for i, s in enumerate(sectors)}
    index |= {("route", r): len(sectors) + i for i, r in enumerate(routes)}
    index |= {("status", s): len(sectors) + len(routes) + i for i, s in enumerate(statuses)}
    colours = [SECTOR_COLOURS.get(s, "#999") for s in sectors] + [ROUTE_COLOURS.get(r, "#999") for r in routes]
    colours += [STATUS_COLOURS.get(s, "#999") for s in statuses]
    sources, targets, values, link_colours = [], [], [], []
    for (sector, route), count in cases.groupby(["sector", "route"]).size().items():
        if ("sector", sector) in index and ("route", route) in index:
            sources.append(index[("sector", sector)])
            targets.append(index[("route", route)])
            values.append(int(count))
            link_colours.append(_rgba(SECTOR_COLOURS.get(sector, "#999"), 0.45))
    for (route, status), count in cases.groupby(["route", "status"]).size().items():
        if ("route", route) in index and ("status", status) in index:
            sources.append(index[("route", route)])
            targets.append(index[("status", status)])
            values.append(int(count))
            link_colours.append(_rgba(ROUTE_COLOURS.get(route, "#999"), 0.45))
    figure = go.Figure(
        go.Sankey(
            node=dict(label=labels, color=colours, pad=12, thickness=16, line=dict(color="white", width=0.5)),
            link=dict(
                source=sources,
                target=targets,
                value=values,
                color=link_colours,
                hovertemplate="%{source.label} → %{target.label}: %{value} casussen<extra></extra>",
            ),
            arrangement="snap",
            # A white halo keeps node labels legible where they lie over a flow.
            textfont=dict(size=13, color="#222", shadow="0 0 3px white, 0 0 3px white, 0 0 2px white"),
        )
    )
    figure.update_layout(height=max(460, 30 * len(sectors) + 140))
    return base_layout(figure)


def _rgba(colour: str, alpha: float) -> str:
    red, green, blue = hex_to_rgb(colour)
    return f"rgba({red},{green},{blue},{alpha})"
