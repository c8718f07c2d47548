"""Grid congestion (netcongestie) per province: status for offtake and feed-in, with source and date.

Public per-province figures are scarce in the shipped sources; rows without one are samples
(is_sample = true) and say so in their note. Read, cast and check only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.contracts import Column, Contract, read_validated
from etl.kinds import PROVINCES
from etl.sources import SourceInfo

LEVELS = ("geen", "beperkt", "wachtlijst", "onbekend")
SOURCE = SourceInfo(
    source_id="grid_congestion",
    file="reference/grid_congestion.csv",
    title="Netcongestie per provincie (afname en teruglevering; VOORBEELD waar geen openbaar cijfer)",
    origin="rd.nl (Zuid-Holland, december 2024); overige provincies voorbeeldwaarden",
    vintage="2024-12 / 2025-01",
    licence="openbaar bericht; voorbeeldwaarden CC BY 4.0",
    is_sample=True,  # mixed: the rows say which values are samples
)
TABLE = "grid_congestion"
CONTRACT = Contract(
    kind="grid_congestion",
    table=TABLE,
    columns=(
        Column("province", "text", "provincie", accepted=PROVINCES),
        Column("offtake", "text", "congestie bij afname", accepted=LEVELS),
        Column("feed_in", "text", "congestie bij teruglevering", accepted=LEVELS),
        Column("note", "text", "toelichting", nullable=True),
        Column("source", "text", "bron"),
        Column("as_of", "text", "peildatum (jjjj-mm)"),
        Column("is_sample", "bool", "true = voorbeeld"),
    ),
    key=("province",),
)


def read(path: Path) -> pd.DataFrame:
    """province, offtake, feed_in, note, source, as_of, is_sample: one row per province."""
    return read_validated(path, CONTRACT, SOURCE.file)
