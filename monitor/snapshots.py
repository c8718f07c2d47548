"""Letters recorded as sent, and the comparison of a new letter against what was actually reported.

A key figure is matched across letters by its label with the years made placeholders ("Uitstoot Cluster 6
in {jaar}"), so the 2025 letter's emissions meet the 2024 letter's. Whether new data has revised an
earlier figure is found by recomputing the earlier letter's choices on today's data. Plain pandas: no
Streamlit, no SQL (the page reads with monitor.queries.snapshots, etl/snapshots.py writes).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from monitor import formatting
from monitor.report_model import DataVersion, Figure

# Figures that belong to the reporting year (registry emissions): a different value for the same year
# and choices means new data revised it. The programme's figures (cases, money, pipeline) are a state
# "now", so a difference there is progress, not a revision.
REVISABLE_SOURCES = ("eutl_nl", "eutl_recent")
COMPARE_COLUMNS = [
    "figure_key",
    "onderdeel",
    "cijfer",
    "vorige_brief",
    "nu",
    "verschil",
    "verschil_getal",
    "eenheid",
    "herzien",
    "herzien_getal",
]


def figure_key(label: str, year: int, baseline_year: int) -> str:
    """The label with its dates and years as placeholders: a date dd-mm-jjjj -> {datum}, 't/m YYYY' -> {t/m},
    the baseline -> {basis}, the reporting year -> {jaar}, the year before -> {jaar-1}. Fixed years (2013,
    2030) stay as they are. With the figure's group it identifies a figure across letters."""
    key = re.sub(r"\d{2}-\d{2}-\d{4}", "{datum}", label)
    key = re.sub(r"t/m \d{4}", "t/m {t/m}", key)
    for number, name in ((baseline_year, "{basis}"), (year, "{jaar}"), (year - 1, "{jaar-1}")):
        key = re.sub(rf"(?<!\d){number}(?!\d)", name, key)
    return key


def record(
    figures: list[Figure],
    *,
    title: str,
    year: int,
    baseline_year: int,
    target_id: str,
    selection: str,
    version: DataVersion,
    letter_text: str,
    sent_on: dt.date,
) -> dict:
    """The snapshot etl.snapshots.record stores: the letter's choices, data version, text and figures."""
    return {
        "sent_on": sent_on.isoformat(),
        "title": title,
        "year": int(year),
        "baseline_year": int(baseline_year),
        "target_id": target_id,
        "selection": selection,
        "load_id": version.load_id,
        "fingerprint": version.fingerprint,
        "letter_text": letter_text,
        "figures": [
            {
                "position": position,
                "figure_key": figure_key(f.label, year, baseline_year),
                "group_name": f.group,
                "label": f.label,
                "value": None if f.value is None or pd.isna(f.value) else float(f.value),
                "text": f.text,
                "unit": f.unit,
                "is_sample": bool(f.sample),
            }
            for position, f in enumerate(figures, start=1)
        ],
    }


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return (a is None or pd.isna(a)) and (b is None or pd.isna(b))
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def difference_text(delta: float | None, unit: str) -> str:
    """A signed difference in the figure's unit, Dutch: '−0,17 Mt', '+3 casussen', '−1,2 procentpunt'."""
    if delta is None or pd.isna(delta):
        return "–"
    if abs(delta) < 1e-9:
        return "gelijk"
    sign = "+" if delta > 0 else "−"
    size = abs(delta)
    if unit.startswith("t CO₂"):
        text = formatting.tonnes(size) + ("/jaar" if "per jaar" in unit else "")
    elif unit.startswith("%"):
        text = f"{formatting.number(size, 1)} procentpunt"
    elif unit == "€":
        text = formatting.euro(size)
    else:
        text = f"{formatting.number(size, 0 if float(size).is_integer() else 1)} {unit}"
    return sign + text


def compare(
    figures: list[Figure],
    year: int,
    baseline_year: int,
    previous: pd.DataFrame,
    recomputed: list[Figure] | None = None,
    previous_year: int | None = None,
    previous_baseline_year: int | None = None,
) -> pd.DataFrame:
    """Each current figure against the previous letter's (queries.snapshots.figures): COMPARE_COLUMNS.

    verschil = now minus as reported. herzien = today's value of the previous letter's own figure
    (`recomputed`: the report rebuilt with the previous letter's year, baseline and target on today's data)
    where it differs from what was reported, for registry figures only; '' when unchanged.
    """
    then = previous.set_index(["group_name", "figure_key"])
    again = {
        (f.group, figure_key(f.label, previous_year, previous_baseline_year)): f
        for f in (recomputed or [])
        if set(f.sources) & set(REVISABLE_SOURCES)
    }
    rows = []
    for f in figures:
        key = figure_key(f.label, year, baseline_year)
        old = then.loc[(f.group, key)] if (f.group, key) in then.index else None
        old_value = None if old is None or pd.isna(old["value"]) else float(old["value"])
        delta = f.value - old_value if f.value is not None and old_value is not None else None
        revised = again.get((f.group, key))
        is_revised = old is not None and revised is not None and not _same(revised.value, old_value)
        rows.append(
            {
                "figure_key": key,
                "onderdeel": f.group,
                "cijfer": f.label,
                "vorige_brief": "nieuw" if old is None else str(old["text"]),
                "nu": f.text,
                "verschil": difference_text(delta, f.unit) if old is not None and f.unit != "oordeel" else "",
                "verschil_getal": delta,
                "eenheid": f.unit,
                "herzien": revised.text if is_revised else "",
                "herzien_getal": revised.value if is_revised else None,
            }
        )
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)
