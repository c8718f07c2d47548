"""Charts and maps drawn last: text, key figures and tables first.

plotly.js and deck.gl are the heaviest things a page sends to the browser: loading and drawing the first
chart takes the browser's main thread for most of a second. Drawn where they stand, they hold up every
element that follows them (key figures under a chart, tables, the sidebar's last widgets). So a chart or
map takes its place on the page at once (an empty slot: a container keyed SLOT_KEY<n>) and is filled
after the page's script has run; monitor.batching sends what the slots hold after the run's end. The
reader gets the page's words and figures first, and the charts fill their slots a moment later.

    deferred.later(lambda slot: slot.plotly_chart(figure, ...))   # monitor.chart_view, Kaart's and Profiel's maps
    deferred.flush()                                              # by the frame (dashboard.py), after the page

A run cut short for a rerun or by an error draws nothing (its slots go with it). Streamlit sends nothing
after st.stop(), so a page must not stop after it placed a chart: that fails loudly instead of leaving an
empty slot (the page walks in tests/ run every page as every role).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

_pending: dict[int, list[tuple[object, Callable]]] = {}  # per script thread: each session runs in its own
SLOT_KEY = "c6-later-"  # a slot's key, numbered per run; in the page its class is st-key-c6-later-<n>
SLOT_SELECTOR = f'[class*="st-key-{SLOT_KEY}"]'


def begin() -> None:
    """Forget what a run that was cut short left behind (called by the frame before the page runs)."""
    _pending.pop(threading.get_ident(), None)


def later(draw: Callable) -> None:
    """Reserve the element's place here; `draw(slot)` fills it when the frame flushes."""
    waiting = _pending.setdefault(threading.get_ident(), [])
    waiting.append((st.container(key=f"{SLOT_KEY}{len(waiting)}"), draw))


def flush(error: BaseException | None = None) -> None:
    """Draw every reserved element in page order, unless the run ended in a rerun, a stop or an error."""
    waiting = _pending.pop(threading.get_ident(), [])
    if isinstance(error, StopException) and waiting:
        raise RuntimeError(f"st.stop() na {len(waiting)} geplaatste grafiek(en): die kunnen niet meer getekend worden")
    if error is None:
        for slot, draw in waiting:
            draw(slot)
