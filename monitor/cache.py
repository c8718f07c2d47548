"""Cache what is derived from query results (groupings, map layers, figures) per data version.

    @per_data_version()
    def regional_groups(chosen: Filters, distance_km: int): ...

The wrapped function is called with the same arguments; the cache key adds the version of the database
this run reads (monitor.db), so a new load recomputes and a rerun with the same data, viewer and filters
costs a dictionary look-up. Arguments must be hashable by Streamlit (frames, dataclasses, plain values).
`resource=True` keeps the returned object itself (no copy), for objects that are never changed after
they are built, such as a pydeck Deck whose JSON is built once.
"""

from __future__ import annotations

import functools

import streamlit as st

from monitor import db


def per_data_version(max_entries: int = 64, resource: bool = False):
    def decorate(func):
        cache = st.cache_resource if resource else st.cache_data

        @cache(max_entries=max_entries, show_spinner=False)
        @functools.wraps(func)
        def cached(version: str, *args, **kwargs):
            return func(*args, **kwargs)

        @functools.wraps(func)
        def call(*args, **kwargs):
            _, version = db.connection()
            return cached(version, *args, **kwargs)

        call.clear = cached.clear
        return call

    return decorate


def figure(builder):
    """Decorator for a chart builder (frames and plain values in, plotly Figure out): inside a Streamlit
    run the figure is built once per data version and arguments, and kept as its plain dict; every call
    returns a new Figure made from that dict without plotly's validation (about 1 ms instead of the 30-80
    ms that building, the template and validation cost), so a caller may change it freely.

    Outside a run (unit tests, tools/letter.py) and for arguments Streamlit cannot hash, it is the plain
    builder; `builder.__wrapped__` is the plain builder too. Arguments are hashed by value, so a changed
    filter or a new data version gives another figure, never a stale one."""
    import copy

    import plotly.graph_objects as go
    from streamlit.runtime.caching.cache_errors import UnhashableParamError
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    @per_data_version(max_entries=256, resource=True)
    @functools.wraps(builder)  # the cache is keyed by the builder's name and source, one per builder
    def as_dict(*args, **kwargs):
        built = builder(*args, **kwargs)
        # data and layout as built: to_dict()/to_plotly_json() would turn arrays into base64 blobs, so a
        # caller reading fig.data[0].y would get another type than from the plain builder
        return copy.deepcopy({"data": built._data, "layout": built._layout})

    @functools.wraps(builder)
    def call(*args, **kwargs):
        if get_script_run_ctx(suppress_warning=True) is None:
            return builder(*args, **kwargs)
        try:
            stored = as_dict(*args, **kwargs)
        except UnhashableParamError:
            return builder(*args, **kwargs)
        return go.Figure(stored, _validate=False)  # plotly copies what it is given, arrays included (tested)

    call.clear = as_dict.clear
    return call
