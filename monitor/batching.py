"""A page reaches the browser in one piece: the server holds a run's elements until the run is over, for
at most HOLD_S, and then sends them together.

Streamlit sends each element as soon as the script has made it. The browser starts drawing the first
ones while the script is still busy (a page's run takes 50-100 ms), and what arrives during that drawing
waits for it and is drawn in a second and a third pass: on 2 busy cores a page reached its content in
three long tasks instead of one (benchmarks/scale.py; the README has the before and after). Held, the
page arrives at once and is drawn once; it also no longer builds up element by element on screen, and
on a rerun the stale page is replaced in one step.

What a chart's slot holds (monitor.deferred) goes out after the run's end, when the page's words and figures
are in: in the same batch, plotly's and deck.gl's code (loaded, compiled and run when the first chart is
drawn) held up the end of the run in the browser by about 90 ms on Overzicht (benchmarks/scale.py, README).
Streamlit's frontend places an element by its path and keeps one that arrives after the run's end, so the
slot (sent in its place) is filled a moment later. Only a new slot: on a rerun (a filter changed) the chart
replaces the one already there, in order, as before.

A run that takes longer than HOLD_S (a first visit with cold caches, a report being built, a file being
loaded) is not kept blank: what it has made is sent at HOLD_S, and the rest of that run streams as
Streamlit sends it. What a run queues before its first element (a new session, the page's settings) goes out at
once; the end of the run takes everything held with it.

This replaces one method of Streamlit's AppSession (`flush_browser_queue`; the runtime's send loop calls
it on the server's event loop, the same thread that queues the elements, so there is nothing to lock).
It relies on Streamlit's private queue (`_browser_queue._queue` and `._delta_index_map`,
`_message_enqueued_callback`, `_event_loop`); requirements.txt pins Streamlit, and tests/test_batching.py fails when these change.
"""

from __future__ import annotations

import time

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import app_session

from monitor.deferred import SLOT_KEY

HOLD_S = 0.25  # longest a run's elements wait; a page's warm run takes 50-100 ms (README, benchmark)
_ORIGINAL = app_session.AppSession.flush_browser_queue


def install() -> None:
    """Hold elements from now on (idempotent; the frame calls it on every run)."""
    app_session.AppSession.flush_browser_queue = flush_browser_queue


def flush_browser_queue(session) -> list:
    """What the send loop may send now: while a script runs, what was queued before its first element;
    its elements and what follows them once the run is over or the first element waited HOLD_S."""
    waiting = session._browser_queue
    kinds = [message.WhichOneof("type") for message in waiting._queue]
    state = session.__dict__
    if "script_finished" in kinds or "delta" not in kinds or state.get("_c6_streaming"):
        if "script_finished" in kinds:
            state.pop("_c6_streaming", None)  # the next run is held again
        return _release(session, state)
    since = state.setdefault("_c6_held_since", time.monotonic())
    left = HOLD_S - (time.monotonic() - since)
    if left <= 0:
        state["_c6_streaming"] = True  # a slow run: the rest of it streams
        return _release(session, state)
    wake = session._message_enqueued_callback
    if wake and "_c6_wake" not in state:  # the send loop wakes only on a new message: ask it back at HOLD_S
        state["_c6_wake"] = session._event_loop.call_later(left, wake)
    first = kinds.index("delta")
    if not first:
        return []
    head, waiting._queue = waiting._queue[:first], waiting._queue[first:]  # no element in the head
    waiting._delta_index_map = {key: index - first for key, index in waiting._delta_index_map.items()}
    return head


def _release(session, state: dict) -> list:
    if wake := state.pop("_c6_wake", None):
        wake.cancel()
    state.pop("_c6_held_since", None)
    return _slots_last(_ORIGINAL(session), state)


def _slots_last(messages: list, state: dict) -> list:
    """`messages` with what the run's new chart slots hold moved behind the end of the run, if it is among
    them (order otherwise kept). A slot is a container keyed SLOT_KEY...; its path is remembered from the
    message that opens it until the run ends (a slow run sends it in an earlier batch). A slot that the
    session's previous run also had (a rerun after a filter changed) is filled in order, as Streamlit does:
    sent after the end, its old chart would be cleared first and the page would jump for a frame. A
    fragment's run (the new-data watch, every 20 s) leaves the page's slots as they are."""
    slots = state.setdefault("_c6_slots", set())
    shown = state.get("_c6_shown_slots", set())
    new = slots - shown
    kept, late = [], []
    for message in messages:
        if message.WhichOneof("type") == "delta":
            path = tuple(message.metadata.delta_path)
            if message.delta.WhichOneof("type") == "add_block" and SLOT_KEY in message.delta.add_block.id:
                slots.add(path)
                if path not in shown:
                    new.add(path)
            elif any(path[: len(slot)] == slot for slot in new if len(path) > len(slot)):
                late.append(message)
                continue
        kept.append(message)
    ends = [message.script_finished for message in kept if message.WhichOneof("type") == "script_finished"]
    if not ends:
        return messages  # mid-run (a slow run streams): in order
    this_run = state.pop("_c6_slots")
    if ends[-1] == ForwardMsg.FINISHED_SUCCESSFULLY:
        state["_c6_shown_slots"] = this_run
    elif ends[-1] != ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:  # cut short: what was on screen may stay
        state["_c6_shown_slots"] = shown | this_run
    return kept + late
