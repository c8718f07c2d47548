"""A run's elements reach the browser in one piece (monitor.batching): held on Streamlit's own queue until
the run is over or HOLD_S passed, with what came before them sent at once. Driven through Streamlit's real
ForwardMsgQueue and AppSession.flush_browser_queue; the browser tests run every page through it."""

from __future__ import annotations

import inspect
from types import SimpleNamespace

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import app_session
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

from monitor import batching, deferred


class Loop:
    """Records the wake-ups flush_browser_queue asks for (the server's event loop in the real thing)."""

    def __init__(self):
        self.calls = []

    def call_later(self, delay, callback):
        call = SimpleNamespace(delay=delay, callback=callback, cancelled=False)
        call.cancel = lambda: setattr(call, "cancelled", True)
        self.calls.append(call)
        return call


@pytest.fixture
def session():
    return SimpleNamespace(_browser_queue=ForwardMsgQueue(), _message_enqueued_callback=lambda: None, _event_loop=Loop())


@pytest.fixture
def clock(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(batching.time, "monotonic", lambda: now[0])
    return now


def element(index: int, text: str = "") -> ForwardMsg:
    message = ForwardMsg()
    message.metadata.delta_path[:] = [0, index]
    message.delta.new_element.markdown.body = text or f"element {index}"
    return message


def slot(index: int) -> ForwardMsg:
    """A chart's slot (monitor.deferred): a container whose id ends in its key, as Streamlit makes it."""
    message = ForwardMsg()
    message.metadata.delta_path[:] = [0, index]
    message.delta.add_block.vertical.SetInParent()
    message.delta.add_block.id = f"$$ID-0123abcd-{deferred.SLOT_KEY}{index}"
    return message


def inside(index: int, text: str) -> ForwardMsg:
    """An element in the block at [0, index] (a slot's chart)."""
    message = element(index, text)
    message.metadata.delta_path.append(0)
    return message


def other(kind: str) -> ForwardMsg:
    message = ForwardMsg()
    if kind == "script_finished":
        message.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    elif kind == "fragment_finished":  # the new-data watch's run (monitor.db), every 20 s
        message.script_finished = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    elif kind == "rerun_requested":  # a run cut short by a newer click
        message.script_finished = ForwardMsg.FINISHED_EARLY_FOR_RERUN
    elif kind == "new_session":
        message.new_session.name = "dashboard"
    else:
        message.page_info_changed.query_string = "jaar=2024"
    return message


def kinds(messages) -> list[str]:
    def kind(message) -> str:
        if message.WhichOneof("type") != "delta":
            return message.WhichOneof("type")
        return "slot" if message.delta.WhichOneof("type") == "add_block" else message.delta.new_element.markdown.body

    return [kind(message) for message in messages]


def send(session, *messages) -> list[str]:
    for message in messages:
        session._browser_queue.enqueue(message)
    return kinds(batching.flush_browser_queue(session))


def test_what_comes_before_the_first_element_goes_at_once_the_elements_wait_for_the_end(session, clock):
    assert send(session, other("new_session"), element(0), element(1)) == ["new_session"]
    assert send(session, other("page_info_changed"), element(2)) == []  # a query string mid-run waits too
    assert send(session, other("script_finished")) == [
        "element 0",
        "element 1",
        "page_info_changed",
        "element 2",
        "script_finished",
    ]
    assert send(session) == []  # nothing left behind


def test_a_held_element_is_still_replaced_in_place(session, clock):
    """Streamlit folds a later element at the same place into the waiting one (st.empty, then its chart);
    that must keep working once the head of the queue has gone out."""
    assert send(session, other("new_session"), element(0, "leeg"), element(1)) == ["new_session"]
    assert send(session, element(0, "grafiek"), other("script_finished")) == ["grafiek", "element 1", "script_finished"]


def test_what_a_chart_slot_holds_goes_out_after_the_end_of_the_run(session, clock):
    """The slot keeps its place; its chart comes after the page's words and figures and the run's end."""
    send(session, other("new_session"), element(0, "titel"), slot(1), element(2, "cijfers"))
    assert send(session, inside(1, "grafiek"), element(3, "bron"), other("script_finished")) == [
        "titel",
        "slot",
        "cijfers",
        "bron",
        "script_finished",
        "grafiek",
    ]


def test_on_a_rerun_a_slot_that_was_there_is_filled_in_order(session, clock):
    """After a filter change the chart replaces the one on screen in its place; sent after the end of the run,
    the old one would be cleared first and the page would jump for a frame."""
    send(session, slot(0), inside(0, "grafiek"), other("script_finished"))
    send(session, slot(0), other("rerun_requested"))  # a click cut a run short
    send(session, other("fragment_finished"))  # and the new-data watch ran in between
    send(session, slot(0), element(1, "cijfers"))
    assert send(session, inside(0, "nieuwe grafiek"), other("script_finished")) == [
        "slot",
        "cijfers",
        "nieuwe grafiek",
        "script_finished",
    ]
    send(session, slot(0), slot(1))  # the next page: a slot where there was none waits for the end again
    assert send(session, inside(1, "kaart"), inside(0, "grafiek"), other("script_finished")) == [
        "slot",
        "slot",
        "grafiek",
        "script_finished",
        "kaart",
    ]


def test_a_block_that_is_not_a_slot_keeps_its_elements_in_order(session, clock):
    block = slot(1)
    block.delta.add_block.id = "$$ID-0123abcd-c6-metrics-o_emissions"  # a row of key figures
    send(session, block)
    assert send(session, inside(1, "cijfer"), other("script_finished")) == ["slot", "cijfer", "script_finished"]


def test_a_slot_opened_by_a_slow_run_is_remembered_until_the_run_ends(session, clock):
    assert send(session, slot(0)) == []
    clock[0] += batching.HOLD_S
    assert send(session) == ["slot"]  # the hold is over: this run streams
    assert send(session, element(1, "cijfers")) == ["cijfers"]
    assert send(session, inside(0, "grafiek"), other("script_finished")) == ["script_finished", "grafiek"]
    # the next run has not opened a slot there (yet): its element at that path goes out in order
    send(session, element(0, "titel"))
    assert send(session, inside(0, "tekst"), other("script_finished")) == ["titel", "tekst", "script_finished"]


def test_a_slow_run_is_sent_at_hold_s_and_then_streams_until_it_ends(session, clock):
    assert send(session, element(0)) == []
    (wake,) = session._event_loop.calls
    assert wake.delay == pytest.approx(batching.HOLD_S)  # the send loop is asked back when the hold ends
    clock[0] += batching.HOLD_S / 2
    assert send(session, element(1)) == []
    assert len(session._event_loop.calls) == 1  # one wake-up per hold
    clock[0] += batching.HOLD_S / 2
    assert send(session) == ["element 0", "element 1"]
    assert send(session, element(2)) == ["element 2"]  # the rest of this run streams
    assert send(session, other("script_finished")) == ["script_finished"]
    assert send(session, element(0)) == []  # the next run is held again
    assert session._event_loop.calls[-1].delay == pytest.approx(batching.HOLD_S)


def test_the_wake_up_is_cancelled_when_the_run_ends_in_time(session, clock):
    send(session, element(0))
    assert send(session, other("script_finished")) == ["element 0", "script_finished"]
    assert session._event_loop.calls[0].cancelled


def test_nothing_is_held_without_an_element(session, clock):
    assert send(session, other("new_session"), other("page_info_changed")) == ["new_session", "page_info_changed"]
    assert session._event_loop.calls == []


def test_streamlit_still_has_what_batching_relies_on():
    """The private names monitor.batching uses; a Streamlit upgrade that renames them fails here, not
    silently in the browser."""
    init = inspect.getsource(app_session.AppSession.__init__)
    assert "self._browser_queue = ForwardMsgQueue()" in init
    assert "self._message_enqueued_callback = message_enqueued_callback" in init
    assert "self._event_loop = asyncio.get_running_loop()" in init
    assert inspect.getsource(batching._ORIGINAL).strip().endswith("return self._browser_queue.flush()")
    queue = ForwardMsgQueue()
    assert queue._queue == [] and queue._delta_index_map == {}
    runtime = inspect.getsource(__import__("streamlit.runtime.runtime", fromlist=["Runtime"]).Runtime._loop_coroutine)
    assert "session.flush_browser_queue()" in runtime


def test_the_frame_installs_it(monkeypatch):
    monkeypatch.setattr(app_session.AppSession, "flush_browser_queue", batching._ORIGINAL)
    batching.install()
    assert app_session.AppSession.flush_browser_queue is batching.flush_browser_queue
    assert "batching.install()" in open(batching.__file__.replace("monitor/batching.py", "dashboard.py")).read()
