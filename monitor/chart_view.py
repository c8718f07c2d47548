"""Every plotly chart with its text alternative (WCAG 2.1 AA, 1.1.1 and 1.4.1): a short Dutch summary of
what it shows and its key figure, and the data as a table in an expander "Tabel bij deze grafiek", with
the Dutch headers and number formats of the download (monitor.ui.table through monitor.formatting).
The expander is lazy: its table is built and sent only once it is opened (it reruns the page), so a page
with five charts does not send and draw five hidden tables on every visit.

    chart_view.show(figure, data, labels=LABELS)          # instead of st.plotly_chart(figure, ...)

`describe(figure)` writes the summary from the figure itself (kind, title, axes, series, the largest
value), so it stays true when a builder changes; a page passes `summary=` where it can say more. The
figure is rendered as built (builders may be cached per data version elsewhere); nothing here changes it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from monitor import deferred, formatting, sections, ui

TABLE_LABEL = "Tabel bij deze grafiek"
TABLE_BESIDE = "De cijfers staan in de tabel onder de grafiek."
SUMMARY_PREFIX = "Grafiek in woorden:"
_KINDS = {
    "bar": "staafdiagram",
    "heatmap": "heatmap",
    "sankey": "stroomdiagram",
    "funnel": "trechter",
    "box": "boxplot",
    "pie": "cirkeldiagram",
}
MAX_SERIES_NAMED = 8


def _text(value) -> str:
    """Plain text of a plotly title: tags (<br>, <sup>, <b>) out, whitespace folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(value or ""))).strip()


def _kind(traces: Sequence) -> str:
    types = [trace.type for trace in traces]
    main = max(set(types), key=types.count) if types else "scatter"
    if main == "scatter":
        modes = {str(getattr(trace, "mode", "") or "lines") for trace in traces if trace.type == "scatter"}
        return "lijngrafiek" if any("lines" in mode for mode in modes) else "puntgrafiek"
    return _KINDS.get(main, "grafiek")


def _value(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return formatting.number(value, 0 if abs(value) >= 100 or float(value).is_integer() else 1)
    return _text(value)


def _largest(traces: Sequence) -> str | None:
    """'Hoogste waarde: 1.234 (glas, 2024)' over the bars, lines and points; the largest cell of a heatmap;
    the first and last stage of a funnel; the largest flow of a Sankey."""
    best: tuple[float, str] | None = None
    for trace in traces:
        name = _text(getattr(trace, "name", "") or "")
        if trace.type in ("bar", "scatter", "funnel"):
            horizontal = getattr(trace, "orientation", None) == "h" or trace.type == "funnel"
            values, places = (trace.x, trace.y) if horizontal else (trace.y, trace.x)
            if values is None:
                continue
            places = list(places) if places is not None else [None] * len(values)
            if trace.type == "funnel" and len(values) > 1:
                return f"van {_value(values[0])} ({_text(places[0])}) naar {_value(values[-1])} ({_text(places[-1])})"
            for value, place in zip(values, places, strict=False):
                if isinstance(value, int | float) and not pd.isna(value) and (best is None or value > best[0]):
                    where = ", ".join(part for part in (name, _text(place) if place is not None else "") if part)
                    best = (value, where)
        elif trace.type == "heatmap" and trace.z is not None:
            frame = pd.DataFrame(list(trace.z), index=list(trace.y or []) or None, columns=list(trace.x or []) or None)
            stacked = frame.apply(pd.to_numeric, errors="coerce").stack()
            if not stacked.empty:
                (row, column), value = stacked.idxmax(), stacked.max()
                return f"hoogste cel {_value(value)} ({_text(row)} × {_text(column)})"
        elif trace.type == "sankey" and trace.link is not None and trace.link.value is not None:
            values = list(trace.link.value)
            if values:
                index = max(range(len(values)), key=values.__getitem__)
                labels = list(trace.node.label or [])
                source, target = trace.link.source[index], trace.link.target[index]
                if source < len(labels) and target < len(labels):
                    return f"grootste stroom {_value(values[index])} ({_text(labels[source])} → {_text(labels[target])})"
    if best is None:
        return None
    return f"hoogste waarde {_value(best[0])}" + (f" ({best[1]})" if best[1] else "")


def describe(figure) -> str:
    """A short Dutch summary of a plotly figure: what kind of chart, its title, its axes, its series (the
    legend names; so a sector is named, not only coloured) and its largest value."""
    layout = figure.layout
    traces = list(figure.data)
    title = _text(layout.title.text) if layout.title and layout.title.text else ""
    sentences = [f"{_kind(traces).capitalize()}{': ' + title if title else ''}."]
    axes = [
        f"{direction} {_text(axis.title.text)}"
        for direction, axis in (("horizontaal", layout.xaxis), ("verticaal", layout.yaxis))
        if axis and axis.title and axis.title.text
    ]
    if axes:
        joined = "; ".join(axes)
        sentences.append(f"{joined[0].upper()}{joined[1:]}.")
    names = list(dict.fromkeys(_text(trace.name) for trace in traces if getattr(trace, "name", None)))
    if len(names) > 1:
        shown = ", ".join(names[:MAX_SERIES_NAMED])
        more = len(names) - MAX_SERIES_NAMED
        sentences.append(f"Reeksen: {shown}{f' en nog {more}' if more > 0 else ''}.")
    largest = _largest(traces)
    if largest:
        sentences.append(f"{largest[0].upper()}{largest[1:]}.")
    if not any(_has_points(trace) for trace in traces):
        sentences.append("Geen gegevens in deze selectie.")
    return " ".join(sentences)


def _has_points(trace) -> bool:
    for attribute in ("y", "x", "z", "values"):
        values = getattr(trace, attribute, None)
        if values is not None and len(values):
            return True
    link = getattr(trace, "link", None)
    return bool(link is not None and link.value is not None and len(link.value))


def show(
    figure,
    data: pd.DataFrame | None,
    *,
    labels: dict | None = None,
    summary: str | None = None,
    key: str | None = None,
    config: dict | None = None,
    beside: bool = False,
) -> None:
    """The chart, its summary in words (a caption under it) and `data` as a table in an expander. `data`
    is what the chart's download holds, with the same `labels`, so table and file read alike. `beside`:
    the page shows the chart's data as a table right under it (pass data=None); the summary says so."""
    # theme=None: the chart as built (monitor.charts.style), as in the report and the letter's images;
    # Streamlit's theme would draw tick labels in #808495, 3.7:1 on white (WCAG AA asks 4.5:1)
    # drawn after the page's script (monitor.deferred): the words and figures around it come first
    deferred.later(lambda slot: slot.plotly_chart(figure, width="stretch", config=config or {}, key=key, theme=None))
    text = summary or describe(figure)
    st.caption(f"{SUMMARY_PREFIX} {text}" + (f" {TABLE_BESIDE}" if beside else ""))
    if beside:
        return
    expander = sections.expander(TABLE_LABEL, key=f"{key or _chart_key(figure, data)}_open")
    if expander is None:
        return
    with expander:
        if data is None or data.empty:
            st.caption("Geen gegevens in deze selectie.")
        else:
            ui.table(data, labels, key=f"{key}_tabel" if key else _table_key(data))


def _chart_key(figure, data: pd.DataFrame | None) -> str:
    """A key from what the chart is (title, axes, the table's columns), not from its numbers, so its table
    stays open when a filter changes the figures."""
    layout = figure.layout
    parts = [layout.title.text if layout.title else "", *(trace.type for trace in figure.data)]
    parts += [axis.title.text if axis and axis.title else "" for axis in (layout.xaxis, layout.yaxis)]
    parts += [] if data is None else [str(column) for column in data.columns]
    return "chart_" + hashlib.sha1(repr(parts).encode()).hexdigest()[:16]


def _table_key(data: pd.DataFrame) -> str:
    """A key from the table's content, so two charts' tables never share Streamlit's automatic id."""
    digest = hashlib.sha1(pd.util.hash_pandas_object(data, index=False).values.tobytes())
    digest.update(repr(list(data.columns)).encode())
    return f"chart_table_{digest.hexdigest()[:16]}"
