"""One colour per sector and per route, the same on every page, chart and map."""

from __future__ import annotations

import re

from monitor import formatting
from monitor.a11y import contrast

SECTOR_COLOURS = {
    "keramisch": "#b5523b",
    "levensmiddelen": "#e3a21a",
    "chemie": "#6a3d9a",
    "metaal": "#5f6b7a",
    "papier & karton": "#8c6d46",
    "glas": "#1f9bb4",
    "afval & recycling": "#3a8f3a",
    "ICT": "#d6457c",
    "olie & gas": "#2b2b2b",
    "kunststof": "#f06d2f",
    "overig": "#b0b0b0",
    "energie": "#d9d9d9",
    "glastuinbouw": "#cfe8c4",
    "niet-industrieel": "#e0d6cc",
}
ROUTE_COLOURS = {
    "CC(U)S & negatieve emissies": "#4d4d4d",
    "elektrificatie": "#f2b701",
    "waterstof": "#3fa7d6",
    "procesefficiëntie & restwarmte": "#e4572e",
    "circulariteit": "#59a14f",
}
STATUS_COLOURS = {
    "aangemeld": "#c6dbef",
    "intake": "#6baed6",
    "in behandeling": "#2171b5",
    "opgelost": "#41ab5d",
    "doorverwezen": "#fdae6b",
    "gestopt": "#969696",
}
TARGET_COLOUR = "#c0392b"
# Plotly's Blues up to its sixth step (#4292c6): black text stays at 6:1 or more on every cell of a heatmap
# drawn in it (the full scale's dark end needs white text, its middle has neither at 4.5:1 in plotly's choice)
LEGIBLE_BLUES = [[i / 5, colour] for i, colour in enumerate(("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6"))]
CELL_TEXT = dict(color="#000000")
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13)


def hex_to_rgb(colour: str) -> list[int]:
    if colour.startswith("rgb"):  # 'rgb(127, 60, 141)', as plotly's qualitative palettes write them
        return [int(float(part)) for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)]


def text_colour_on(background: str) -> str:
    """Black or white text, whichever stands out more from `background` (hex or 'rgb(...)'): one of the two
    always reaches 4.58:1, so a label inside a bar meets WCAG AA on any fill."""
    hex_colour = "#" + "".join(f"{c:02x}" for c in hex_to_rgb(background))
    return "#000000" if contrast("#000000", hex_colour) >= contrast("#ffffff", hex_colour) else "#ffffff"


def base_layout(figure, title: str | None = None, source: str | None = None):
    """Common look: Dutch separators, white background, source line under the chart (inside the figure,
    so a PNG saved with plotly's camera button carries its source; the bottom margin holds every line).

    Nothing is cut off at 1024 px: a short legend sits in a row above the plot, a long one on the right
    (legend_for; a legend inside the plot covered its top bar), and a long axis title is broken into
    lines instead of running past the figure's edge."""
    source_text = _wrap(source) if source else ""
    wrap_axis_titles(figure)
    # each extra line of a (wrapped) x-axis title pushes the source line down, so they never overlap
    x_title = figure.layout.xaxis.title.text if figure.layout.xaxis and figure.layout.xaxis.title else None
    below = 16 * (x_title.count("<br>") if x_title else 0)
    figure.update_layout(
        title=title,
        separators=",.",
        template="plotly_white",
        font=FONT,
        margin=dict(l=10, r=10, t=50 if title else 20, b=below + 55 + 14 * (source_text.count("<br>") + 1) if source else 30),
        legend=legend_for(figure),
    )
    dutch_axes(figure)
    dutch_hover(figure)
    if source:
        figure.add_annotation(
            text=f"Bron: {source_text}",
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-45 - below,
            showarrow=False,
            font=dict(size=10, color="#666"),
            align="left",
            xanchor="left",
            yanchor="top",
        )
    return figure


def dutch_axes(figure) -> None:
    """Every axis in Dutch: a thousands dot from 1.000 on (plotly separates only from 10.000, and writes
    20.000 as '20k' unless told not to), and year axes as '2024', never '2.024' (tickformat 'd' has no
    thousands separator; hoverformat too, so '%{x}' in a hover says 2024). The decimal comma and the dot come
    from the layout's `separators`."""
    figure.update_xaxes(separatethousands=True, exponentformat="none")
    figure.update_yaxes(separatethousands=True, exponentformat="none")
    for name in year_axes(figure):
        figure.layout[name].update(tickformat="d", hoverformat="d")


_NUMBER_FIELD = re.compile(r"%\{([xy]):,?\.(\d)f\}")  # '%{y:,.1f}': a number that plotly's d3 would format


def dutch_hover(figure) -> None:
    """Hover texts with the minus sign '−' (plotly's d3 formats write a hyphen, and `separators` cannot
    change that): a number field '%{x:.1f}' / '%{y:,.2f}' of a bar or scatter trace is replaced by the same
    number written by monitor.formatting, carried in the trace's customdata (existing customdata keeps its
    place as column 0). Other fields are left to plotly."""
    for trace in figure.data:
        if trace.type == "heatmap":
            _dutch_heatmap_hover(trace)
            continue
        template = getattr(trace, "hovertemplate", None) if trace.type in ("scatter", "bar") else None
        fields = list(dict.fromkeys(_NUMBER_FIELD.findall(template or "")))
        values = {letter: getattr(trace, letter, None) for letter, _ in fields}
        if not fields or any(v is None for v in values.values()):
            continue
        rows = len(values[fields[0][0]])
        existing = trace.customdata
        columns: list[list] = []
        if existing is not None:
            existing = list(existing)
            nested = bool(existing) and (isinstance(existing[0], list | tuple) or getattr(existing[0], "ndim", 0) == 1)
            columns = [list(column) for column in zip(*existing, strict=True)] if nested else [existing]
            if not nested:
                template = template.replace("%{customdata}", "%{customdata[0]}").replace("%{customdata:", "%{customdata[0]:")
        for letter, places in fields:
            shown = [formatting.number(v, int(places)) if isinstance(v, int | float) else str(v) for v in values[letter]]
            field = f"%{{customdata[{len(columns)}]}}"
            template = _NUMBER_FIELD.sub(lambda m, f=(letter, places), to=field: to if m.groups() == f else m.group(0), template)
            columns.append(shown)
        trace.customdata = [list(row) for row in zip(*columns, strict=True)] if rows else None
        trace.hovertemplate = template


_CELL_FIELD = re.compile(r"%\{z:,?\.(\d)f\}")


def _dutch_heatmap_hover(trace) -> None:
    """The same for a heatmap's '%{z:.0f}': the cell's number as customdata of the grid's shape."""
    template = trace.hovertemplate or ""
    found = _CELL_FIELD.search(template)
    if not found or trace.customdata is not None or trace.z is None:
        return
    places = int(found.group(1))
    trace.customdata = [
        [formatting.number(v, places) if isinstance(v, int | float) and v == v else "" for v in row] for row in trace.z
    ]
    trace.hovertemplate = _CELL_FIELD.sub("%{customdata}", template)


YEARS = range(1900, 2101)


def year_axes(figure) -> set[str]:
    """Layout names ('xaxis', 'xaxis3', 'yaxis') of the axes on which every trace's values are whole years."""
    verdict: dict[str, bool] = {}
    for trace in figure.data:
        for letter in ("x", "y"):
            values = getattr(trace, letter, None) if letter in trace else None
            if values is None or not len(values):
                continue
            anchor = getattr(trace, f"{letter}axis", None) or letter  # 'x', 'x3'
            name = f"{letter}axis{anchor[1:]}"
            verdict[name] = verdict.get(name, True) and all(_is_year(value) for value in values)
    return {name for name, years in verdict.items() if years}


def _is_year(value) -> bool:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return number.is_integer() and int(number) in YEARS


LEGEND_ABOVE = dict(orientation="h", yanchor="bottom", y=1.02, x=0, xanchor="left", title_text="")
LEGEND_ENTRY_CHARACTERS = 32  # a longer legend entry is broken into lines (at 1024 px two entries fit a row)
LEGEND_ROW_PX = 20


def legend_for(figure) -> dict:
    """The legend in rows above the plot, never beside it (on the right it took half of a 1024 px chart) and
    never inside it (it covered the top bar). Plotly lays a wrapping legend out in columns as wide as its
    longest entry, so long entries are broken into lines, and a legend of more than one row makes the
    figure taller by its rows, so the plot keeps its height and plotly never scrolls the legend."""
    if figure.layout.showlegend is False:
        return LEGEND_ABOVE
    entries = [t for t in figure.data if t.name and t.showlegend is not False]
    for trace in entries:
        if len(trace.name) > LEGEND_ENTRY_CHARACTERS and "<br>" not in trace.name:
            trace.name = _wrap_words(trace.name, LEGEND_ENTRY_CHARACTERS)
    if len(entries) > 3:  # more than one row at 1024 px: about two entries a row
        lines = sum(t.name.count("<br>") + 1 for t in entries)
        height = figure.layout.height or 450
        figure.update_layout(height=height + LEGEND_ROW_PX * ((lines + 1) // 2))
    return LEGEND_ABOVE | {"maxheight": 1}


AXIS_TITLE_CHARACTERS = 30  # about 200 px at 13 px: the plot of half a chart beside another one at 1024 px


def wrap_axis_titles(figure, width: int = AXIS_TITLE_CHARACTERS) -> None:
    """Break every axis title longer than `width` characters at spaces (plotly never wraps them)."""
    for name in [key for key in figure.layout if key.startswith(("xaxis", "yaxis"))]:
        axis = figure.layout[name]
        text = axis.title.text if axis.title else None
        if text and "<br>" not in text and len(text) > width:
            axis.title.text = _wrap_words(text, width)


def _wrap_words(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines)


def _wrap(text: str, width: int = 110) -> str:
    """Plotly annotations do not wrap: break long source lines at a separator, and a source that is
    longer than a line on its own at a space (110 characters fit a chart on a 1024 px screen)."""
    lines, line = [], ""
    for part in text.split(" · "):
        if line and len(line) + len(part) > width:
            lines.append(line)
            line = part
        else:
            line = f"{line} · {part}" if line else part
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            cut = cut if cut > 0 else width
            lines.append(line[:cut])
            line = line[cut:].lstrip()
    lines.append(line)
    return "<br>".join(lines)
