"""Sections that are built only when a reader opens them: lazy tabs and expanders.

A page leads with what most readers come for (its key figures and one chart); the rest sits in tabs or
expanders whose content runs, and is sent to the browser, only once it is opened. That keeps a page's
first paint close to Streamlit's own cost, whatever the page holds (issue 13: browser time to content).

    lead, detail = sections.tabs(["Per jaar", "Per provincie"], key="deel")
    if lead:
        with lead:
            ...

A tab's choice lives in the URL (`?deel=Per+provincie`), so a shared link opens the same tab; an unknown
label falls back to the first tab. Opening a closed section reruns the page (its data is cached).

Streamlit forgets a widget's value in a run that does not draw it, so a search typed in one tab would be
gone after a look at another. `keep=` names the widgets inside the tabs whose values outlive the tab; a
widget with a starting value is seeded with `seed()` instead of passing it `value=`/`index=`/`default=`.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

# Tests set this (tests/conftest.py): AppTest then sees every section's content, as a reader who opens
# them all, so the page walks keep checking every table and chart. The app never sets it.
OPEN_ALL = False

TAB_PARAM = "deel"  # the URL parameter of a page's tabs; one set of tabs per page


def tabs(labels: Sequence[str], key: str = TAB_PARAM, default: str | None = None, keep: Sequence[str] = ()) -> list:
    """One tab container per label, or None for a tab that is not open (its content must not run).
    `default`: the tab opened when the URL names none (else the first). `keep`: widget keys inside the
    tabs whose values survive while their tab is closed."""
    for widget in keep:
        if widget in st.session_state:  # set by the page, not by a widget: Streamlit keeps it across runs
            st.session_state[widget] = st.session_state[widget]
    boxes = st.tabs(list(labels), key=key, on_change="rerun", bind="query-params", default=default)
    return [box if (box.open or OPEN_ALL) else None for box in boxes]


def expander(label: str, key: str, *, icon: str | None = None):
    """A closed expander whose content runs only when opened: the container when open, else None."""
    box = st.expander(label, key=key, on_change="rerun", icon=icon)
    return box if (box.open or OPEN_ALL) else None


def seed(key: str, value) -> None:
    """Start widget `key` at `value` unless it has one (a widget kept by tabs(keep=...) must not also be
    given a starting value as an argument: Streamlit warns about a value set twice)."""
    if key not in st.session_state:
        st.session_state[key] = value
