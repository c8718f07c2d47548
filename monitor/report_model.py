"""The shared shape of the report's key figures: one Figure per number, the data version, the source ids and
the sample flag. Used by the figure builders (monitor/report.py, monitor/report_programme.py), the exports
(monitor/report_export.py) and the letter (monitor/letter*.py). Plain Python and pandas: no Streamlit, no SQL."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

SAMPLE_MARK = "VOORBEELDDATA"
PUBLIC = "openbaar"
TOTAL = "Cluster 6 totaal"
ALL_SELECTED = "heel Cluster 6 (geen filter op sector, provincie, route of status)"
CASE_SOURCES = ("cases_public", "sample_cases")
EMISSION_SOURCE_SPLIT = 2023  # eutl_recent (Union Registry) holds the years from here on; eutl_nl the years before


@dataclass(frozen=True)
class Figure:
    group: str
    label: str
    value: float | None  # exact number in `unit` (None = not available)
    text: str  # as shown and pasted, in Dutch formatting
    unit: str
    definition: str  # one sentence
    sources: tuple[str, ...]
    sample: bool = False


@dataclass(frozen=True)
class DataVersion:
    load_id: int | None
    loaded_at: pd.Timestamp | None
    fingerprint: str  # first 12 hex of sha256 over 'file sha256' of every file loaded
    files: pd.DataFrame  # bestand, bron, soort, rijen, geladen, sha256 (first 12 hex)


def emission_sources(*years: int) -> tuple[str, ...]:
    """Source ids of the verified emissions of these years."""
    ids = []
    if any(y < EMISSION_SOURCE_SPLIT for y in years):
        ids.append("eutl_nl")
    if any(y >= EMISSION_SOURCE_SPLIT - 1 for y in years):  # the recent file also carries 2022
        ids.append("eutl_recent")
    return tuple(ids)


def pipeline_sources(year: int, baseline_year: int) -> tuple[str, ...]:
    """Source ids of the pipeline against the gap: emissions, target path, cases and subsidies."""
    return (*emission_sources(year, baseline_year), "targets", *CASE_SOURCES, "sample_subsidies")


def is_sample(*frames: pd.DataFrame) -> bool:
    return any("is_sample" in f.columns and bool(f["is_sample"].fillna(False).astype(bool).any()) for f in frames)


def selection_suffix(selection: str) -> str:
    """' (selectie: ...)' to add to a definition, or '' for the whole of Cluster 6."""
    return "" if selection == ALL_SELECTED else f" (selectie: {selection})"
