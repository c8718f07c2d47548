"""Large tables a page at a time (monitor/paging.py): the browser gets only the rows of the page shown."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.shown_tables import numbers, tables


def _app(rows: int):
    def script():
        import pandas as pd
        import streamlit as st

        from monitor import paging

        frame = pd.DataFrame({"n": range(st.session_state.get("rows", 0))})
        shown = paging.paged_table(frame, "t")
        st.write(f"shown {len(shown)}")

    at = AppTest.from_function(script, default_timeout=30)
    at.session_state["rows"] = rows
    return at.run()


def test_first_page_holds_page_size_rows_and_says_how_many_there_are():
    at = _app(120)
    assert not at.exception
    assert numbers(tables(at)[0].value["n"]).tolist() == list(range(50))
    assert any("Rijen 1–50 van 120 (3 pagina" in c.value for c in at.caption)


def test_last_page_and_a_narrower_selection_go_back_to_page_one():
    at = _app(120)
    at.number_input(key="t_page").set_value(3).run()
    assert numbers(tables(at)[0].value["n"]).tolist() == list(range(100, 120))
    at.session_state["rows"] = 60  # e.g. a search that matches fewer rows
    at.run()
    assert not at.exception
    assert numbers(tables(at)[0].value["n"]).tolist() == list(range(50))


def test_one_page_has_no_picker():
    at = _app(30)
    assert len(tables(at)[0].value) == 30
    assert not at.number_input
