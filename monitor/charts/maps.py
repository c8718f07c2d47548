"""Map builders: plain functions DataFrame -> pydeck Deck (no st.*, no SQL), and the shipped boundaries.

The map works offline: province outlines come from data/raw/provinces_2025.geojson as a GeoJsonLayer and
the basemap (Carto tiles, internet) is off unless asked for.
"""

from __future__ import annotations

import functools
import html
import json
import math
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pydeck as pdk
import shapely
from pydeck.bindings.json_tools import default_serialize
from shapely.geometry import mapping, shape

from monitor import config, formatting
from monitor.charts.style import SECTOR_COLOURS, STATUS_COLOURS, hex_to_rgb

GRID_BOTTLENECKS = ("netcongestie", "netaansluiting")
BOTTLENECK_COLOURS = {"netcongestie": "#d7191c", "netaansluiting": "#fd8d3c", "ander knelpunt": "#3a6ea5"}
CONTEXT_COLOUR = [120, 120, 120, 70]
SUBSIDY_COLOUR = "#333333"
# A '€' badge as an inline SVG icon atlas: works offline and needs no font atlas. Every point names the
# icon ("euro") instead of carrying the image, so the image is sent once per map, not once per point.
EURO_ATLAS = "data:image/svg+xml;charset=utf-8," + quote(
    f"<svg xmlns='http://www.w3.org/2000/svg' width='48' height='48'><circle cx='24' cy='24' r='22' fill='{SUBSIDY_COLOUR}' "
    "stroke='white' stroke-width='3'/><text x='24' y='33' font-size='28' font-family='Arial,sans-serif' font-weight='bold' "
    "text-anchor='middle' fill='white'>€</text></svg>"
)
EURO_MAPPING = {"euro": {"x": 0, "y": 0, "width": 48, "height": 48, "anchorY": 24, "mask": False}}
REGION_COLOUR = [30, 30, 30]
# Order in which a ring shows the status of an installation with more than one case: open first.
STATUS_PRIORITY = ("in behandeling", "intake", "aangemeld", "opgelost", "doorverwezen", "gestopt")
VIEW = pdk.ViewState(latitude=52.15, longitude=5.35, zoom=6.4, min_zoom=5, max_zoom=14)
TOOLTIP = {
    "html": "<b>{name}</b><br/>{company}<br/>{sector} · {municipality}<br/>{emissions_label}<br/>{trend_label}"
    "<br/>{cases_label}<br/>{subsidy_label}",
    # Wrapped at 320 px, so a long name or case list never runs past the map's edge.
    "style": {
        "backgroundColor": "white",
        "color": "#222",
        "fontSize": "12px",
        "border": "1px solid #ccc",
        "maxWidth": "320px",
        "whiteSpace": "normal",
        "overflowWrap": "anywhere",
    },
}
TEXT_COLUMNS = ("name", "company", "sector", "municipality", "emissions_label", "trend_label", "cases_label", "subsidy_label")


COORDINATE_DECIMALS = 5  # degrees: about 1 m, far below what a map of the Netherlands shows


@functools.lru_cache(maxsize=2)
def province_geojson(path: Path | None = None, tolerance_deg: float = 0.003) -> dict:
    """The shipped province outlines, simplified (~300 m) to keep the map light, their corners rounded to
    4 decimals (about 10 m; the source's 15 took half the map's bytes); properties: name."""
    raw = json.loads(Path(path or config.RAW_DIR / "provinces_2025.geojson").read_text(encoding="utf-8"))
    features = [
        {
            "type": "Feature",
            "properties": {"name": f["properties"]["statnaam"]},
            "geometry": mapping(
                shapely.transform(shape(f["geometry"]).simplify(tolerance_deg, preserve_topology=True), lambda xy: xy.round(4))
            ),
        }
        for f in raw["features"]
    ]
    return {"type": "FeatureCollection", "features": features}


@functools.lru_cache(maxsize=2)
def municipality_centres(path: Path | None = None) -> pd.DataFrame:
    """municipality, lat, lon: a point inside each CBS 2025 municipality (for installations without coordinates)."""
    raw = json.loads(Path(path or config.RAW_DIR / "gemeente_2025.geojson").read_text(encoding="utf-8"))
    rows = []
    for feature in raw["features"]:
        point = shape(feature["geometry"]).representative_point()
        rows.append((feature["properties"]["statnaam"], point.y, point.x))
    return pd.DataFrame(rows, columns=["municipality", "lat", "lon"])


def radius_m(verified_t_co2: pd.Series) -> pd.Series:
    """Circle radius in metres, area proportional to emissions (1 Mt -> 10 km)."""
    return (verified_t_co2.fillna(0).clip(lower=0).pow(0.5) * 10).round()


def prepare_points(
    installations: pd.DataFrame,
    cases: pd.DataFrame,
    subsidies: pd.DataFrame,
    centres: pd.DataFrame,
    year: int,
    baseline_year: int,
) -> pd.DataFrame:
    """Installations that can be drawn, with tooltip texts and their cases and subsidies.

    installations: as queries.geo.installations_for_map. cases / subsidies: as cases_for_map /
    subsidies_for_map, already filtered. centres: municipality, lat, lon.
    Adds: approximate (placed at the municipality centre), radius_m, open_cases, grid_cases, ring_status,
    ring_bottleneck, granted_eur, paid_eur and the tooltip columns in TEXT_COLUMNS.
    Offshore and unplaced installations (no coordinates, no municipality) are dropped: list them apart.
    """
    points = installations.copy()
    points["approximate"] = points["lat"].isna() & points["municipality"].notna()
    by_name = centres.set_index("municipality")
    points["lat"] = points["lat"].fillna(points["municipality"].map(by_name["lat"]).astype(float))
    points["lon"] = points["lon"].fillna(points["municipality"].map(by_name["lon"]).astype(float))
    points = points.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    points["radius_m"] = radius_m(points["verified_t_co2"])

    per_case = cases[cases["installation_id"].notna()].copy()
    per_case["rank"] = per_case["status"].map({s: i for i, s in enumerate(STATUS_PRIORITY)})
    per_case["grid"] = per_case["bottleneck"].isin(GRID_BOTTLENECKS)
    per_case["label"] = per_case["status"].astype(str) + " (" + per_case["bottleneck"].astype(str) + ")"
    ring = per_case.sort_values(["installation_id", "rank"]).groupby("installation_id")
    summary = pd.DataFrame(
        {
            "cases": ring.size(),
            "open_cases": ring["is_open"].sum(),
            "grid_cases": ring["grid"].sum(),
            "ring_status": ring["status"].first(),
            "case_list": ring["label"].agg(", ".join),  # (not apply: it breaks on no cases at all, e.g. the public view)
        }
    )
    first_grid = per_case[per_case["grid"]].sort_values("bottleneck").groupby("installation_id")["bottleneck"].first()
    summary["ring_bottleneck"] = first_grid.reindex(summary.index).fillna("ander knelpunt")
    money = subsidies[subsidies["installation_id"].notna()].groupby("installation_id")[["granted_eur", "paid_eur"]].sum()
    points = points.join(summary, on="installation_id").join(money, on="installation_id")
    points[["cases", "open_cases", "grid_cases"]] = points[["cases", "open_cases", "grid_cases"]].fillna(0).astype(int)

    points["emissions_label"] = points["verified_t_co2"].map(
        lambda v: f"Uitstoot {year}: {formatting.tonnes(v) if v > 0 else 'geen'}"
    )
    points["trend_label"] = [
        _trend(now, base, baseline_year) for now, base in zip(points["verified_t_co2"], points["baseline_t_co2"], strict=True)
    ]
    points["cases_label"] = [
        f"Casussen: {n} ({o} open) – {text}" if n else "Geen casussen"
        for n, o, text in zip(points["cases"], points["open_cases"], points["case_list"], strict=True)
    ]
    points["subsidy_label"] = [
        f"Subsidie: {formatting.euro(g)} toegekend, {formatting.euro(p)} betaald" if pd.notna(g) else "Geen subsidie"
        for g, p in zip(points["granted_eur"], points["paid_eur"], strict=True)
    ]
    points.loc[points["approximate"], "municipality"] = (
        points.loc[points["approximate"], "municipality"] + " (locatie bij benadering)"
    )
    context = ~points["in_cluster6"]
    points.loc[context, "sector"] = "cluster " + points.loc[context, "cluster"].fillna("")
    points.loc[context, ["cases_label", "subsidy_label"]] = ""
    return points


def _trend(now: float | None, base: float | None, baseline_year: int) -> str:
    if pd.isna(base) or not base:
        return f"Nieuw sinds {baseline_year}"
    if pd.isna(now) or not now:
        return f"Gestopt (uitstoot {baseline_year}: {formatting.tonnes(base)})"
    return f"t.o.v. {baseline_year}: {formatting.percent(now / base - 1)}"


def _records(frame: pd.DataFrame, extra: tuple[str, ...] = (), *, text: bool = True) -> list[dict]:
    """Plain-python records for pydeck (no numpy types, no NaN). The tooltip puts the text columns into HTML,
    so they are HTML-escaped here: a name like '<img onerror=...>' in a registry or loaded file stays text.
    text=False: a layer drawn around or beside the points (case rings, '€' icons) carries no tooltip text:
    the point under it has it, and repeating it cost about a third of the map's bytes at EU scale."""
    columns = [c for c in (*(TEXT_COLUMNS if text else ()), "lat", "lon", *extra) if c in frame.columns]
    frame = frame.assign(lat=frame["lat"].round(COORDINATE_DECIMALS), lon=frame["lon"].round(COORDINATE_DECIMALS))
    out = frame[columns].astype(object).where(frame[columns].notna(), None)
    for column in (c for c in TEXT_COLUMNS if c in out.columns):
        out[column] = out[column].map(lambda v: html.escape(v, quote=False) if isinstance(v, str) else v)
    return out.to_dict("records")


def installations_deck(
    points: pd.DataFrame,
    provinces: dict,
    *,
    regions: pd.DataFrame | None = None,
    show_context: bool = True,
    show_cases: bool = True,
    case_colour: str = "status",
    show_subsidies: bool = True,
    basemap: bool = False,
) -> pdk.Deck:
    """The Kaart map. points: as prepare_points (Cluster 6 and, muted, the five big clusters).

    Layers (ids): provincies, context, cluster6, casussen (rings, coloured by status or by bottleneck,
    grid bottlenecks drawn thicker), subsidies (a '€' beside the point), regio (circles and labels).
    """
    points = pd.concat([aggregate(points[~points["in_cluster6"]]), aggregate(points[points["in_cluster6"]])], ignore_index=True)
    points["fill"] = [
        hex_to_rgb(SECTOR_COLOURS.get(s, "#999999")) + [210] if c6 else CONTEXT_COLOUR
        for s, c6 in zip(points["sector"], points["in_cluster6"], strict=True)
    ]
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            provinces,
            id="provincies",
            stroked=True,
            filled=True,
            get_fill_color=[244, 243, 238, 255 if not basemap else 40],
            get_line_color=[130, 130, 130, 255],
            line_width_min_pixels=1,
            pickable=False,
        )
    ]
    context = points[~points["in_cluster6"]]
    if show_context and not context.empty:
        layers.append(_points_layer("context", context))
    cluster6 = points[points["in_cluster6"]].sort_values("radius_m", ascending=False)
    layers.append(_points_layer("cluster6", cluster6))
    with_cases = cluster6[cluster6["cases"] > 0].copy()
    if show_cases and not with_cases.empty:
        if case_colour == "knelpunt":
            colours = with_cases["ring_bottleneck"].map(BOTTLENECK_COLOURS)
        else:
            colours = with_cases["ring_status"].map(STATUS_COLOURS)
        with_cases["ring"] = [hex_to_rgb(c) + [255] for c in colours.fillna("#444444")]
        with_cases["ring_width"] = with_cases["grid_cases"].gt(0).map({True: 4, False: 2})
        with_cases["ring_radius"] = (with_cases["radius_m"] * 1.15 + 600).round()
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                _records(with_cases, ("ring", "ring_width", "ring_radius"), text=False),
                id="casussen",
                get_position=["lon", "lat"],
                get_radius="ring_radius",
                radius_min_pixels=7,
                radius_max_pixels=45,
                stroked=True,
                filled=False,
                get_line_color="ring",
                get_line_width="ring_width",
                line_width_units='"pixels"',
                line_width_min_pixels=1,
                line_width_max_pixels=5,
                pickable=False,  # the point inside the ring carries the tooltip, with its cases
            )
        )
    with_money = cluster6[cluster6["granted_eur"].notna()] if "granted_eur" in cluster6 else cluster6.iloc[0:0]
    if show_subsidies and not with_money.empty:
        layers.append(
            pdk.Layer(
                "IconLayer",
                _records(with_money.assign(icon="euro"), ("icon",), text=False),
                id="subsidies",
                get_position=["lon", "lat"],
                get_icon="icon",
                icon_atlas=f'"{EURO_ATLAS}"',  # quoted: pydeck would read a bare string as an expression
                icon_mapping=EURO_MAPPING,
                get_size=12,
                get_pixel_offset=[9, -9],
                pickable=False,  # the point beside the icon carries the tooltip, with its subsidy
            )
        )
    if regions is not None and not regions.empty:
        shown = regions.assign(
            name="Regio " + regions["group"],
            company=regions["companies"].astype(str) + " bedrijven, " + regions["installations"].astype(str) + " installaties",
            sector=regions["sectors"],
            municipality=regions["municipalities"],
            emissions_label="Samen: " + regions["verified_t_co2"].map(formatting.tonnes),
            trend_label="Grootste afstand: " + regions["span_km"].map(lambda v: formatting.number(v, 1)) + " km",
            cases_label="",
            subsidy_label="",
            circle=regions["radius_m"] + 2500,
            label=regions["group"],
        )
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                _records(shown, ("circle", "label")),
                id="regio",
                get_position=["lon", "lat"],
                get_radius="circle",
                stroked=True,
                filled=True,
                get_fill_color=REGION_COLOUR + [18],
                get_line_color=REGION_COLOUR + [200],
                line_width_min_pixels=1.5,
                pickable=True,
            )
        )
        labelled = shown[label_keeps(shown)]
        layers.append(
            pdk.Layer(
                "TextLayer",
                _records(labelled, ("circle", "label")),
                id="regio_labels",
                get_position=["lon", "lat"],
                get_text="label",
                get_size=13,
                get_color=REGION_COLOUR + [255],
                get_pixel_offset=[0, -18],
                font_weight='"bold"',
            )
        )
    # Without a basemap, pydeck's own default style marker is kept: Streamlit then draws no basemap at all.
    # (map_style=None would make Streamlit fill in its theme's Carto basemap, fetched from the internet.)
    style = {"map_provider": "carto", "map_style": "light"} if basemap else {"map_provider": None}
    return CompactDeck(layers=layers, initial_view_state=VIEW, tooltip=TOOLTIP, **style)


LABEL_BOX_PX = (44, 22)  # a region label ("R21") with room around it, in pixels at the opening zoom


def label_keeps(regions: pd.DataFrame, zoom: float | None = None) -> pd.Series:
    """Which regional groups get a label on the map: at the opening zoom no two labels may overlap
    (R21/R23/R24 in Midden-Nederland did at 5 km). Groups with more installations (then more emissions)
    are labelled first; a group whose label would touch one already placed keeps its circle and tooltip
    and is named in the table under the map. (deck.gl's own collision filter hid every label in some
    renders in headless Chromium, so the rule is computed here, deterministically.)"""
    zoom = VIEW.zoom if zoom is None else zoom
    metres_per_px = 156_543.03 * math.cos(math.radians(VIEW.latitude)) / 2**zoom
    width_m, height_m = (px * metres_per_px for px in LABEL_BOX_PX)
    order = regions.sort_values(["installations", "verified_t_co2"], ascending=False, kind="stable").index
    placed: list[tuple[float, float]] = []
    keep = pd.Series(False, index=regions.index)
    for index in order:
        lat, lon = float(regions.at[index, "lat"]), float(regions.at[index, "lon"])
        y = lat * 111_320.0
        x = lon * 111_320.0 * math.cos(math.radians(lat))
        if all(abs(x - px) >= width_m or abs(y - py) >= height_m for px, py in placed):
            placed.append((x, y))
            keep[index] = True
    return keep


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation (pydeck pretty-prints: about 30 % whitespace), built once:
    Streamlit calls to_json() on every rerun, and a cached deck then costs nothing."""

    _json: str | None = None
    _split: tuple[int, str, dict[str, bytes]] | None = None

    def to_json(self) -> str:
        if self._json is None:
            self._json = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))
        return self._json

    def split(self, min_bytes: int) -> tuple[str, dict[str, bytes]]:
        """The deck as (JSON, files): every layer whose data takes at least `min_bytes` of JSON has, in the
        JSON, `data_link(layer id)` in place of its data, and its data (JSON bytes) is in files under its layer
        id; monitor.map_files serves those files. Built once per deck."""
        if self._split is None or self._split[0] != min_bytes:
            spec = json.loads(self.to_json())
            files = {}
            for layer in spec["layers"]:
                data = json.dumps(layer.get("data"), separators=(",", ":"), ensure_ascii=False).encode()
                if len(data) >= min_bytes:
                    files[layer["id"]] = data
                    layer["data"] = data_link(layer["id"])
            self._split = (min_bytes, json.dumps(spec, sort_keys=True, separators=(",", ":")), files)
        return self._split[1], self._split[2]


def data_link(layer_id: str) -> str:
    """What stands in a split deck's JSON (CompactDeck.split) for the data of layer `layer_id`."""
    return f"@@c6-data:{layer_id}"


MAX_POINTS = 1500  # more points than this in a layer are drawn per grid cell (aggregated at zoom-out)
CELL_SIZES_DEG = (0.05, 0.1, 0.2, 0.4)  # latitude degrees; longitude cells are 1.6 times as wide (about square in NL)


def aggregate(frame: pd.DataFrame, max_points: int = MAX_POINTS) -> pd.DataFrame:
    """At most `max_points` rows: installations in one grid cell become one circle (the smallest cell
    size from CELL_SIZES_DEG that is enough), with summed emissions, the largest sector's colour, the most
    urgent case status and a tooltip that says how many installations and companies it holds. Frames
    that are small enough come back unchanged, so the shipped data draws every installation."""
    if len(frame) <= max_points:
        return frame
    for size in CELL_SIZES_DEG:
        cell = (
            (frame["lat"] // size).astype("int64").astype(str) + ":" + (frame["lon"] // (size * 1.6)).astype("int64").astype(str)
        )
        if cell.nunique() <= max_points:
            break
    frame = frame.assign(_cell=cell)
    biggest = frame.sort_values("verified_t_co2", ascending=False, kind="stable").drop_duplicates("_cell").set_index("_cell")
    cells = frame.groupby("_cell")
    out = pd.DataFrame(
        {
            "installations": cells.size(),
            "companies": cells["company"].nunique(),
            "verified_t_co2": cells["verified_t_co2"].sum(),
            "lat": cells["lat"].mean(),
            "lon": cells["lon"].mean(),
        }
    )
    out["sector"] = biggest["sector"].reindex(out.index)
    out["in_cluster6"] = biggest["in_cluster6"].reindex(out.index)
    out["radius_m"] = radius_m(out["verified_t_co2"])
    for column in ("cases", "open_cases", "grid_cases", "granted_eur", "paid_eur"):
        if column in frame:
            out[column] = cells[column].sum(min_count=1) if column.endswith("_eur") else cells[column].sum()
    if "ring_status" in frame:
        rank = frame["ring_status"].map({s: i for i, s in enumerate(STATUS_PRIORITY)})
        urgent = frame.assign(_rank=rank).dropna(subset=["_rank"]).sort_values("_rank", kind="stable").drop_duplicates("_cell")
        out["ring_status"] = urgent.set_index("_cell")["ring_status"].reindex(out.index)
        grid_first = frame.dropna(subset=["ring_bottleneck"]).sort_values("ring_bottleneck").drop_duplicates("_cell")
        out["ring_bottleneck"] = grid_first.set_index("_cell")["ring_bottleneck"].reindex(out.index)
    out["name"] = out["installations"].map(lambda n: f"{formatting.number(n)} installaties in dit gebied")
    out["company"] = out["companies"].map(lambda n: f"{formatting.number(n)} bedrijven")
    out["sector"] = out["sector"].fillna("")
    out["municipality"] = "grootste sector: " + out["sector"]
    out["emissions_label"] = "Samen: " + out["verified_t_co2"].map(formatting.tonnes)
    out["trend_label"] = "Zoom in of gebruik de tabel en de download voor afzonderlijke installaties"
    out["cases_label"] = (
        ("Casussen: " + out["cases"].astype(int).astype(str) + " (" + out["open_cases"].astype(int).astype(str) + " open)")
        if "cases" in out
        else ""
    )
    out["subsidy_label"] = (
        out["granted_eur"].map(lambda g: f"Subsidie: {formatting.euro(g)} toegekend" if pd.notna(g) else "Geen subsidie")
        if "granted_eur" in out
        else ""
    )
    return out.reset_index(drop=True)


def _points_layer(layer_id: str, frame: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        _records(frame, ("fill", "radius_m")),
        id=layer_id,
        get_position=["lon", "lat"],
        get_radius="radius_m",
        get_fill_color="fill",
        radius_min_pixels=2.5,
        radius_max_pixels=40,
        stroked=True,
        get_line_color=[255, 255, 255, 200] if layer_id == "cluster6" else [255, 255, 255, 0],
        line_width_min_pixels=0.5,
        pickable=True,
    )


def legend_html(sectors: list[str], *, show_context: bool, show_cases: bool, case_colour: str, show_subsidies: bool) -> str:
    """A compact HTML legend for the map (pydeck has none)."""

    def swatch(colour: str, label: str, ring: bool = False) -> str:
        style = f"border:2px solid {colour};background:transparent" if ring else f"background:{colour}"
        return (
            f'<span style="display:inline-flex;align-items:center;margin:0 10px 4px 0;font-size:0.85rem">'
            f'<span style="width:11px;height:11px;border-radius:50%;{style};margin-right:4px"></span>{label}</span>'
        )

    parts = [swatch(SECTOR_COLOURS.get(s, "#999"), s) for s in sectors]
    if show_context:
        parts.append(swatch("rgba(120,120,120,0.45)", "vijf grote clusters (ter vergelijking)"))
    lines = ["<b>Sector</b> (oppervlak ∝ uitstoot) " + "".join(parts)]
    if show_cases:
        colours = BOTTLENECK_COLOURS if case_colour == "knelpunt" else STATUS_COLOURS
        title = "Casus naar knelpunt" if case_colour == "knelpunt" else "Casus naar status"
        rings = "".join(swatch(c, s, ring=True) for s, c in colours.items())
        lines.append(f"<b>{title}</b> (ring; dik = netcongestie/netaansluiting) {rings}")
    if show_subsidies:
        lines.append(f'<b style="color:{SUBSIDY_COLOUR}">€</b> subsidie toegekend')
    return "<br/>".join(lines)


def scale_note() -> str:
    """Which circle size means what, for the caption."""
    return f"Een cirkel van 1 Mt heeft een straal van {formatting.number(radius_m(pd.Series([1e6]))[0] / 1000, 0)} km; 10 kt: {formatting.number(math.sqrt(1e4) * 10)} m."
