"""Charts of the profile page: an installation's or company's emissions series and a small location map.
Plain builders: DataFrame in, plotly Figure or pydeck Deck out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from monitor.cache import figure as cached_figure
from monitor.charts.maps import CompactDeck, province_geojson
from monitor.charts.style import SECTOR_COLOURS, base_layout, hex_to_rgb

OWN_COLOUR = "#c0392b"
MEDIAN_COLOUR = "#7f7f7f"
ALLOCATION_COLOUR = "#2171b5"
OUTLINE_TOLERANCE_DEG = 0.02  # ~2 km: enough for a small locator map, a tenth of the Kaart page's outline bytes


@cached_figure
def series_chart(
    series: pd.DataFrame, *, name: str, median_name: str | None = None, baseline_year: int | None = None, source: str = ""
) -> go.Figure:
    """Verified emissions per year (line), free allocation (dotted) and, if the frame has
    sector_median_t_co2, the sector median (dashed). Years without a verified figure are gaps, not 0."""
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=series["year"],
            y=series["verified_t_co2"],
            name=f"{name}: geverifieerde uitstoot",
            mode="lines+markers",
            line=dict(color=OWN_COLOUR, width=3),
            connectgaps=False,
            hovertemplate="%{x}: %{y:,.0f} t CO₂<extra></extra>",
        )
    )
    if "sector_median_t_co2" in series and median_name:
        figure.add_trace(
            go.Scatter(
                x=series["year"],
                y=series["sector_median_t_co2"],
                name=median_name,
                mode="lines",
                line=dict(color=MEDIAN_COLOUR, dash="dash"),
                hovertemplate="%{x}: mediaan %{y:,.0f} t CO₂<extra></extra>",
            )
        )
    if series["free_allocation_t"].notna().any():
        figure.add_trace(
            go.Scatter(
                x=series["year"],
                y=series["free_allocation_t"],
                name="gratis toegewezen rechten",
                mode="lines",
                line=dict(color=ALLOCATION_COLOUR, dash="dot", shape="hv"),
                hovertemplate="%{x}: %{y:,.0f} rechten<extra></extra>",
            )
        )
    if baseline_year is not None:
        figure.add_vline(x=baseline_year, line=dict(color="#999", width=1, dash="dot"))
        figure.add_annotation(
            x=baseline_year, y=1, yref="paper", text=f"basisjaar {baseline_year}", showarrow=False, yanchor="bottom"
        )
    figure.update_yaxes(title="t CO₂ per jaar", rangemode="tozero")
    figure.update_xaxes(title=None, dtick=2)
    base_layout(figure, source=source)
    figure.update_layout(height=400, legend=dict(orientation="h", y=1.02, x=0, xanchor="left", yanchor="bottom"))
    figure.update_layout(margin=dict(t=60))
    return figure


def location_deck(points: pd.DataFrame, zoom: float = 8.0) -> CompactDeck | None:
    """A small map (no basemap: works offline) with the province outlines and the points (lat, lon, name,
    sector); None when no point has coordinates. A CompactDeck, as Kaart's: monitor.map_files serves the
    outlines (18 KB of JSON, the same on every profile) as a file."""
    placed = points.dropna(subset=["lat", "lon"])
    if placed.empty:
        return None
    records = [
        {
            "lat": float(r.lat),
            "lon": float(r.lon),
            "name": r.name,
            "fill": hex_to_rgb(SECTOR_COLOURS.get(r.sector, "#666666")) + [230],
        }
        for r in placed.itertuples()
    ]
    spread = max(placed["lat"].max() - placed["lat"].min(), placed["lon"].max() - placed["lon"].min())
    view = pdk.ViewState(
        latitude=float(placed["lat"].mean()),
        longitude=float(placed["lon"].mean()),
        zoom=zoom if spread < 0.3 else 6.4,
    )
    return CompactDeck(
        layers=[
            pdk.Layer(
                "GeoJsonLayer",
                province_geojson(None, OUTLINE_TOLERANCE_DEG),
                id="provincies",
                stroked=True,
                filled=True,
                get_fill_color=[245, 245, 245, 255],
                get_line_color=[150, 150, 150, 255],
                line_width_min_pixels=1,
            ),
            pdk.Layer(
                "ScatterplotLayer",
                records,
                id="installaties",
                get_position=["lon", "lat"],
                get_fill_color="fill",
                get_radius=800,
                radius_min_pixels=6,
                stroked=True,
                get_line_color=[255, 255, 255, 255],
                line_width_min_pixels=1.5,
                pickable=True,
            ),
        ],
        initial_view_state=view,
        map_provider=None,
        map_style=None,
        tooltip={"text": "{name}"},
    )
