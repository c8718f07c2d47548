"""Figures built once per data version and arguments (monitor.cache.figure): the cached figure is the
builder's figure exactly, a changed filter or a new data version gives a new one, and a caller may change
what it gets without changing the next caller's figure. Run inside Streamlit scripts (AppTest), where the
cache is active; outside a run the builders are plain functions."""

from __future__ import annotations

import base64
import json
import os
import shutil

import duckdb
import numpy as np
from streamlit.testing.v1 import AppTest

from monitor.cache import figure as cached_figure

CALLS: list[tuple] = []  # (argument) of every real build of counted_chart


@cached_figure
def counted_chart(value: int):
    import plotly.graph_objects as go

    CALLS.append((value,))
    return go.Figure(go.Bar(x=["a"], y=np.array([float(value)])))


def _same_figures_app():
    """Subsidies' granted/paid chart from the app's own query: cached vs plain builder, twice, and for a
    narrower filter; the JSON of each goes to session state."""
    import dataclasses

    import plotly.io as pio
    import streamlit as st

    from monitor import db, filters
    from monitor.access import MINISTRY
    from monitor.charts import subsidies as charts
    from monitor.queries import subsidies

    db.begin_run()
    chosen = filters.Filters(2024, 2019, "eu_ets_cap")  # no sector, province or route chosen: everything
    by_year = subsidies.by_instrument_year(MINISTRY, chosen)
    narrow = subsidies.by_instrument_year(MINISTRY, dataclasses.replace(chosen, sectors=("glas",)))
    first = charts.granted_paid_by_year(by_year)
    first.update_layout(title="changed by the caller")  # must not reach the next caller
    st.session_state["out"] = {
        "cached": pio.to_json(charts.granted_paid_by_year(by_year)),
        "plain": pio.to_json(charts.granted_paid_by_year.__wrapped__(by_year)),
        "narrow_cached": pio.to_json(charts.granted_paid_by_year(narrow)),
        "narrow_plain": pio.to_json(charts.granted_paid_by_year.__wrapped__(narrow)),
    }
    st.session_state["granted_mln"] = [  # the 'toegekend' bars of the cached figures
        sum(
            sum(y for y, kind in zip(bar.y, bar.x[1], strict=True) if kind == "toegekend")
            for bar in charts.granted_paid_by_year(frame).data
        )
        for frame in (by_year, narrow)
    ]


def _counted_app():
    import streamlit as st

    from monitor import db
    from tests.test_figure_cache import counted_chart

    db.begin_run()
    changed = counted_chart(1)
    changed.data[0].y[0] = 99  # in place, in this caller's array: the next caller's figure is the builder's
    st.session_state["changed"] = list(changed.data[0].y)
    st.session_state["json"] = [counted_chart(1).to_json(), counted_chart(1).to_json(), counted_chart(2).to_json()]


def test_cached_figure_is_the_builders_figure_and_follows_the_filter(fixture_db):
    at = AppTest.from_function(_same_figures_app, default_timeout=120).run()
    assert not at.exception, at.exception
    out = {name: json.loads(spec) for name, spec in at.session_state["out"].items()}  # key order aside
    assert out["cached"] == out["plain"]
    assert out["narrow_cached"] == out["narrow_plain"]
    assert out["narrow_cached"] != out["cached"]  # another filter, another figure
    assert "changed by the caller" not in at.session_state["out"]["cached"]  # a caller changed only its own copy
    # the bars are the granted amounts of the independent SQL (€ mln), for every subsidy and for glas only
    con = duckdb.connect(str(fixture_db), read_only=True)
    everything, glas = con.execute(
        "SELECT sum(granted_eur), sum(granted_eur) FILTER (WHERE sector = 'glas') FROM subsidies"
    ).fetchone()
    con.close()
    shown_all, shown_glas = at.session_state["granted_mln"]
    assert abs(shown_all * 1e6 - float(everything)) < 1
    assert abs(shown_glas * 1e6 - float(glas)) < 1


def test_cached_figure_is_rebuilt_for_a_new_data_version(fixture_db, tmp_path, monkeypatch):
    db = tmp_path / "cluster6.duckdb"
    shutil.copy(fixture_db, db)
    monkeypatch.setenv("C6_DB", str(db))
    CALLS.clear()
    at = AppTest.from_function(_counted_app, default_timeout=120).run()
    assert not at.exception, at.exception
    first = at.session_state["json"]
    assert at.session_state["changed"] == [99]  # the caller's own copy changed ...
    y = json.loads(first[0])["data"][0]["y"]  # plotly writes a numpy array as a typed array
    assert np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"]).tolist() == [1]  # ... the cached figure did not
    assert first[0] == first[1] != first[2]
    assert CALLS == [(1,), (2,)]  # the second call with the same argument was a cache hit
    at.run()
    assert CALLS == [(1,), (2,)]  # a rerun on the same data builds nothing
    replacement = tmp_path / "new.duckdb"
    shutil.copy(db, replacement)
    os.replace(replacement, db)  # a load swaps a new file in: a new data version
    at.run()
    assert not at.exception, at.exception
    assert CALLS == [(1,), (2,), (1,), (2,)]
    assert at.session_state["json"] == first
