"""One colour per sector and per route, the same on every page, chart and map."""

from __future__ import annotations

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
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13)


def hex_to_rgb(colour: str) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)]


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
