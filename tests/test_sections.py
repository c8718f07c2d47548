"""Lazy sections and deferred charts, as a reader gets them (monitor.sections, monitor.deferred): a page sends
the open tab only, a chart's table only once its expander is opened, and a chart or map fills its place
after the page has run. Marked `lazy`: here the sections are not all opened for the test (tests/conftest.py)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor import chart_view, deferred
from tests.conftest import open_page
from tests.shown_tables import tables

pytestmark = [pytest.mark.lazy, pytest.mark.usefixtures("fixture_db")]


def _subheaders(at) -> list[str]:
    return [s.value for s in at.subheader]


def _tabs(at) -> list[str]:
    return [block.label for block in at.main.tabs]


def test_a_page_sends_only_its_open_tab():
    at = open_page("pages/subsidies.py")
    assert _tabs(at)[:4] == ["Per jaar en instrument", "Actieplan-budget", "Euro per ton", "Per provincie en sector"]
    assert "Toegekend en betaald per jaar en instrument" in _subheaders(at)
    assert "Euro per ton verwachte CO₂-reductie" not in _subheaders(at)
    assert len(at.get("plotly_chart")) == 1  # the other tabs' four charts are neither built nor sent


def test_the_tab_in_the_address_is_the_one_sent():
    at = open_page("pages/subsidies.py", {"deel": "Euro per ton"})
    assert "Euro per ton verwachte CO₂-reductie" in _subheaders(at)
    assert "Toegekend en betaald per jaar en instrument" not in _subheaders(at)
    assert len(at.get("plotly_chart")) == 1


def test_an_unknown_tab_in_the_address_opens_the_first():
    at = open_page("pages/subsidies.py", {"deel": "bestaat niet"})
    assert "Toegekend en betaald per jaar en instrument" in _subheaders(at)


def test_a_sector_link_opens_the_detail_tab():
    at = open_page("pages/sectoren.py", {"detail": "glas"})
    assert "Eén sector in detail" in _subheaders(at)
    assert at.selectbox(key="s_detail").value == "glas"


def test_a_company_gets_no_tab_it_may_not_see():
    at = open_page("pages/routes.py", {"rol": "bedrijf", "bedrijf": "O-I Netherlands B.V."})
    assert _tabs(at) == ["Per route", "Pijplijn en opgave"]


def test_a_charts_table_is_sent_once_its_expander_is_opened():
    at = open_page("pages/subsidies.py")
    expander = next(e for e in at.main.expander if e.label == chart_view.TABLE_LABEL)
    assert not expander.get("arrow_data_frame") and not tables(expander)
    key = expander.proto.id.rsplit("-", 1)[-1]  # the expander's own key, after Streamlit's prefix
    at.session_state[key] = True
    at.run()
    assert not at.exception
    expander = next(e for e in at.main.expander if e.label == chart_view.TABLE_LABEL)
    assert tables(expander), "the opened expander holds the chart's table"


def test_a_chart_takes_its_place_in_the_page_order():
    """Drawn after the page ran, the chart still stands where the page put it: right above its summary."""
    at = open_page("pages/subsidies.py")
    children = [node for node in at.main.tabs[0].children.values()]
    kinds = [getattr(node, "type", "") for node in children]
    holds_chart = [any(getattr(c, "type", "") == "plotly_chart" for c in getattr(n, "children", {}).values()) for n in children]
    chart = holds_chart.index(True)  # its slot: a container keyed as monitor.deferred's slots are
    assert deferred.SLOT_KEY in children[chart].proto.id
    assert children[chart + 1].value.startswith(chart_view.SUMMARY_PREFIX)
    assert kinds.index("subheader") < chart


def _deferred_app(ending: str):
    def script(ending):
        import streamlit as st

        from monitor import deferred

        deferred.begin()
        try:
            st.title("Pagina")
            deferred.later(lambda slot: slot.markdown("getekend"))
            st.markdown("onder de grafiek")
            if ending == "stop":
                st.stop()
            if ending == "error":
                raise RuntimeError("mis")
        except BaseException as stopped:
            deferred.flush(stopped)
            raise
        deferred.flush()

    return AppTest.from_function(script, kwargs={"ending": ending}).run()


def test_deferred_draws_in_place_after_the_page():
    at = _deferred_app("normal")
    assert [m.value for m in at.markdown] == ["getekend", "onder de grafiek"]


def test_a_stop_after_a_placed_chart_fails_loudly():
    """Streamlit sends nothing after st.stop(): the empty slot would go unnoticed, so the run fails."""
    at = _deferred_app("stop")
    assert at.exception and "st.stop()" in at.exception[0].value


def test_deferred_draws_nothing_after_an_error():
    at = _deferred_app("error")
    assert at.exception
    assert [m.value for m in at.markdown] == ["onder de grafiek"]


def _open_tab(at, label: str):
    at.query_params["deel"] = label  # as a click on the tab does (the tabs are bound to the address)
    return at.run()


def test_a_search_and_choices_outlive_a_look_at_another_tab():
    """Streamlit forgets a widget that is not drawn; the widgets in closed tabs are kept (sections.tabs keep=)."""
    at = open_page("pages/casussen.py", {"deel": "Alle casussen"})
    at.text_input(key="cases_search").input("netcongestie").run()
    found = list(at.selectbox(key="cases_detail").options)
    at.selectbox(key="cases_detail").select(found[-1]).run()
    _open_tab(at, "Knelpunten")
    at.segmented_control(key="cases_dim").set_value("route").run()
    assert "cases_search" not in [w.key for w in at.text_input]  # the search's tab is closed now
    _open_tab(at, "Trechter")
    _open_tab(at, "Alle casussen")
    assert not at.exception
    assert at.text_input(key="cases_search").value == "netcongestie"
    assert at.selectbox(key="cases_detail").value == found[-1]
    _open_tab(at, "Knelpunten")
    assert at.segmented_control(key="cases_dim").value == "route"


def test_the_letters_date_outlives_a_look_at_another_tab():
    import datetime as dt

    at = open_page("pages/rapportage.py", {"deel": "Brief en downloads", "rol": "regisseur"})
    at.date_input(key="letter_date").set_value(dt.date(2026, 12, 1)).run()
    _open_tab(at, "Kerncijfers")
    _open_tab(at, "Brief en downloads")
    assert not at.exception
    assert not [w for w in at.warning if "Session State" in w.value]
    assert at.date_input(key="letter_date").value == dt.date(2026, 12, 1)


def test_the_frames_extra_filters_are_built_when_opened_and_still_filter():
    """The sidebar's sector/province/route/status filters sit in a closed expander on every page: closed, its
    four multiselects are not sent, a filter from the address still applies and is named under it."""
    at = open_page(None, {"sector": "glas"})
    assert not at.sidebar.multiselect
    assert any(caption.value == "Gefilterd op glas" for caption in at.sidebar.caption)
    assert at.session_state["c6_filters"].sectors == ("glas",)
    at.session_state["f_more"] = True  # the reader opens the expander
    at.run()
    assert at.sidebar.multiselect(key="f_sectors").value == ["glas"]
    at.sidebar.multiselect(key="f_sectors").set_value([]).run()
    at.session_state["f_more"] = False
    at.run()
    assert at.session_state["c6_filters"].sectors == ()
    assert not any(caption.value.startswith("Gefilterd op") for caption in at.sidebar.caption)
