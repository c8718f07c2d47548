"""Walk every page as a role and collect what its tables show: headers and the cells' display text.

Used by tests/test_dutch_tables.py; `python -m tests.tables_walk` prints the findings for a developer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pandas as pd
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from monitor import formatting
from tests.conftest import DASHBOARD
from tests.shown_tables import tables

# A cell that is only a number (digits, separators, sign, percent) must be written the Dutch way.
NUMBERISH = re.compile(r"^[−+-]?[\d.,]+(\s?%)?$")
DUTCH_NUMBER = re.compile(r"^[−+]?(\d{1,3}(\.\d{3})*|\d{4})(,\d+)?( %)?$")  # a minus sign '−', never a hyphen
HYPHEN_NUMBER = re.compile(r"(?<![\w-])-\s?[€\d]")  # '-314,9 kt', '-€ 5' ('2019-2024' is a range, not this)
# Columns whose values are codes, not quantities.
CODE_HEADERS = {"sha256", "installatie-id", "NACE", "casus", "EU-activiteit", "bestand", "beschikking", "lading"}
RAW_NAMES = {name for name, column in formatting.COLUMNS.items() if column.label != name}


@dataclass
class Shown:
    page: str
    headers: list[str]
    cells: pd.DataFrame  # the text of every cell as shown


@dataclass
class Walk:
    tables: list[Shown] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


def app(role: str, company: str | None = None, params: dict | None = None, page: str | None = None) -> AppTest:
    """The dashboard in demo mode as `role` (and `company`), opened by a deep link to `page` if given."""
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.query_params["rol"] = role
    if company:
        at.query_params["bedrijf"] = company
    if page:
        at.switch_page(f"pages/{page}")
    return at.run()


def pages_as(role: str, company: str | None = None, params: dict | None = None):
    """(page, AppTest) for every page the role can see, each opened by its own deep link (the demo role
    comes from the URL on a session's first run)."""
    for page in known_pages(app(role, company, params)):
        at = app(role, company, params, page)
        assert not at.exception, f"{page} as {role}: {at.exception}"
        yield page, at


def record_media(monkeypatch) -> list[MediaFileManager]:
    """Keep the media file manager of each AppTest run, to produce what its download buttons would serve."""
    managers = []

    class Recording(MediaFileManager):
        def __init__(self, storage):
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)
    return managers


def download_files(at: AppTest, managers: list[MediaFileManager]) -> dict[str, tuple[str, bytes]]:
    """key -> (file name, bytes) of every download button of the last run; a deferred button's bytes are
    generated here as a click would."""
    manager = managers[-1]
    out = {}
    for button in at.get("download_button"):
        proto = button.proto
        url = manager.execute_deferred(proto.deferred_file_id) if proto.deferred_file_id else proto.url
        file = manager._storage.get_file(url.rsplit("/", 1)[-1])
        out[proto.id] = (file.filename or "", file.content)
    return out


def map_files(at: AppTest, managers: list[MediaFileManager]) -> dict[str, bytes]:
    """layer id -> bytes of every map layer of the last run whose data is served as a file (monitor.map_files)."""
    storage = managers[-1]._storage
    out = {}
    for chart in at.get("deck_gl_json_chart"):
        for layer in json.loads(chart.proto.json)["layers"]:
            if isinstance(layer.get("data"), str):
                out[layer["id"]] = storage.get_file(layer["data"].rsplit("/", 1)[-1]).content
    return out


def known_pages(at: AppTest) -> list[str]:
    try:
        at.switch_page("tests/conftest.py")
    except ValueError as error:
        listed = str(error).split("Known pages")[-1]
        return sorted({name.rsplit("/", 1)[-1] for name in re.findall(r"'([^']+\.py)'", listed)})
    raise AssertionError("AppTest did not list the known pages")


def table_with(at: AppTest, header: str) -> pd.DataFrame:
    """The first table on the page with this (Dutch) header: the text shown in its cells."""
    return next(t.value for t in tables(at) if header in t.headers)


def tables_of(at: AppTest, page: str) -> list[Shown]:
    return [Shown(page, table.headers, table.value) for table in tables(at)]


def metric_problems(at: AppTest, page: str) -> list[str]:
    """Metrics with a negative number written with a hyphen, or whose arrow points against the sign of its
    delta (Streamlit reads only a leading '-' as a fall: a '−' delta needs its arrow set, monitor.metric_delta)."""
    from streamlit.proto.Metric_pb2 import Metric as MetricProto

    found = []
    for metric in at.metric:
        delta = metric.proto.delta
        for text in (metric.value, delta):
            if text and HYPHEN_NUMBER.search(text):
                found.append(f"{page}: metric '{metric.label}' shows '{text}' with a hyphen for minus")
        direction = metric.proto.direction
        if delta.startswith("−") and direction == MetricProto.MetricDirection.UP:
            found.append(f"{page}: metric '{metric.label}' has a falling delta '{delta}' with an arrow up")
        if delta.startswith("+") and direction == MetricProto.MetricDirection.DOWN:
            found.append(f"{page}: metric '{metric.label}' has a rising delta '{delta}' with an arrow down")
    return found


def walk(role: str, company: str | None = None) -> Walk:
    result = Walk()
    for page, at in pages_as(role, company):
        result.pages.append(page)
        result.tables += tables_of(at, page)
    return result


def problems(tables: list[Shown]) -> list[str]:
    """Raw column names and numbers that are not written the Dutch way, one line each."""
    found = []
    for shown in tables:
        for header in shown.headers:
            if "_" in header or header in RAW_NAMES:
                found.append(f"{shown.page}: raw column name '{header}'")
        for header in shown.headers:
            if header in CODE_HEADERS or header not in shown.cells.columns:
                continue
            column = shown.cells[header]
            if isinstance(column, pd.DataFrame):
                column = column.iloc[:, 0]
            for text in column.dropna().astype(str):
                text = text.strip()
                if NUMBERISH.match(text) and not DUTCH_NUMBER.match(text):
                    found.append(f"{shown.page}: '{header}' shows '{text}'")
                    break
    return found


if __name__ == "__main__":  # a developer's view: python -m tests.tables_walk (needs C6_DB)
    for role, company in (("ministerie", None), ("bedrijf", "O-I Netherlands B.V.")):
        w = walk(role, company)
        print(role, company, len(w.tables), "tables on", w.pages)
        print("\n".join(problems(w.tables)) or "no problems")
    print("unlabelled:", sorted(formatting.UNLABELLED))


OWN = "uw bedrijf"


def hidden_own_figures(tables: list[Shown], company: str, suppressed: str) -> list[str]:
    """The disclosure rule's first half: a company's own figures are never suppressed. A '< 3 bedrijven' cell
    is the company's own figure hidden when its column says 'uw bedrijf' or its row names the company or
    says 'uw bedrijf' - unless the cell itself shows the company's own part beside the suppressed count."""
    found = []
    for shown in tables:
        cells = shown.cells.astype(str)
        for header in cells.columns:
            for row, text in cells[header].items():
                if not text.startswith(suppressed) or OWN in text:
                    continue
                others = " ".join(v for c, v in cells.loc[row].items() if c != header)
                if OWN in str(header) or company in others or OWN in others:
                    found.append(f"{shown.page}: '{header}' hides '{cells.loc[row].to_dict()}'")
    return found
