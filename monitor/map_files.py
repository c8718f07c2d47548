"""The map's data as files of their own: the page carries the map's settings, the browser fetches its points.

The map at EU scale was 480 KB of points (170 KB at the shipped size) in one websocket message. In the
browser that message arrived only after the page's other elements, sent with it, had been drawn (about
0,1-0,2 s later, measured with benchmarks/scale.py's timeline), and the page was then drawn a second time.
Here each layer whose data is at least MIN_BYTES of JSON goes to Streamlit's media store, as st.image's
pictures do, and the map's JSON names its address instead; deck.gl fetches a layer's data from its address
(a layer's `data` may be a URL). A rerun that changes only the regional groups fetches only their file:
the points keep their address, and deck.gl does not fetch an address it already has.

An address is a hash of the file's content (Streamlit's media store), so it reveals nothing and changes
with the data; as with a download, a file lives as long as a session's last run refers to it.
"""

from __future__ import annotations

import hashlib
import json

import streamlit as st
from streamlit import config, runtime

from monitor.charts import maps

MIN_BYTES = 8_192  # a layer's data from this size on is a file (the province outlines, the points, the rings)
MIME = "application/json"


def pydeck_chart(deck: maps.CompactDeck, into=st, **kwargs) -> None:
    """into.pydeck_chart(deck, **kwargs), with the large layers' data served as files; `into` is st, a
    container or a slot (monitor.deferred)."""
    into.pydeck_chart(_Linked(deck), **kwargs)


class _Linked:
    """The deck as st.pydeck_chart reads it (to_json, tooltip, width), with its large data as files."""

    def __init__(self, deck: maps.CompactDeck):
        self._deck = deck

    def __getattr__(self, name: str):
        return getattr(self._deck, name)

    def to_json(self) -> str:
        if not runtime.exists():  # bare mode (no server): everything inline
            return self._deck.to_json()
        spec, files = self._deck.split(MIN_BYTES)
        store = runtime.get_instance().media_file_mgr
        base = config.get_option("server.baseUrlPath").strip("/")
        for layer_id, data in files.items():
            # A session keeps one file per name in a run (Streamlit's "coordinates"): named by its content too,
            # two maps in one run whose layers share an id keep both files. The same content: the same address.
            name = f"c6-map.{layer_id}.{hashlib.blake2b(data, digest_size=8).hexdigest()}"
            url = store.add(data, MIME, name)
            spec = spec.replace(json.dumps(maps.data_link(layer_id)), json.dumps(f"/{base}{url}" if base else url))
        return spec
