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
