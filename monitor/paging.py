"""Large tables a page at a time: the browser receives only the rows shown, whatever the data's size.

Search happens on the server too (a query's `search` parameter, or a filter on a cached frame) before
a page is cut. Downloads still hold every row of the selection.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from monitor import formatting, ui

PAGE_SIZE = 50


def page_of(frame: pd.DataFrame, key: str, page_size: int = PAGE_SIZE) -> pd.DataFrame:
    """The rows of the page chosen with a page picker (shown only when there is more than one page)."""
    pages = max(1, math.ceil(len(frame) / page_size))
    state = f"{key}_page"
    if st.session_state.get(state, 1) > pages:  # a narrower search or filter: back to a page that exists
        st.session_state[state] = 1
    if pages == 1:
        return frame
    picker, note = st.columns([1, 4], vertical_alignment="bottom")
    page = picker.number_input("Pagina", min_value=1, max_value=pages, step=1, key=state)
    first = (page - 1) * page_size
    last = min(first + page_size, len(frame))
    note.caption(
        f"Rijen {formatting.number(first + 1)}–{formatting.number(last)} van {formatting.number(len(frame))} "
        f"({formatting.number(pages)} pagina's). Zoek om te vinden wat u zoekt; de download bevat alle rijen."
    )
    return frame.iloc[first:last]


def paged_table(
    frame: pd.DataFrame,
    key: str,
    labels: dict | None = None,
    *,
    download: str | None = None,
    page_size: int = PAGE_SIZE,
    **kwargs,
):
    """ui.table of one page of `frame` (labels and kwargs as there); `download` offers every row of
    `frame`, not only the page. Returns the rows shown."""
    rows = page_of(frame, key, page_size)
    ui.table(rows, labels, **kwargs)
    if download:
        ui.download(frame, download, labels=labels)
    return rows
