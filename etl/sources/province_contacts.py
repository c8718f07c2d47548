"""Provincial contact point (aanspreekpunt) of Cluster 6 per province: role and organisation.

The Actieplan (2023) promises one contact point per province; names are not public, so every row says
whether it is a sample (is_sample). Read, cast and check only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.contracts import Column, Contract, read_validated
from etl.kinds import PROVINCES
from etl.sources import SourceInfo

SOURCE = SourceInfo(
    source_id="province_contacts",
    file="reference/province_contacts.csv",
    title="Provinciaal aanspreekpunt Cluster 6 (rol en organisatie; VOORBEELD waar geen naam openbaar is)",
    origin="Actieplan Cluster 6 (29-09-2023): per provincie een aanspreekpunt; invulling per provincie: Cluster 6 Monitor",
    vintage="2023-09",
    licence="openbaar / CC BY 4.0",
    is_sample=True,
)
TABLE = "province_contacts"
CONTRACT = Contract(
    kind="province_contacts",
    table=TABLE,
    columns=(
        Column("province", "text", "provincie", accepted=PROVINCES),
        Column("role", "text", "rol van het aanspreekpunt"),
        Column("organisation", "text", "organisatie"),
        Column("contact", "text", "naam of 'niet openbaar'", nullable=True),
        Column("is_sample", "bool", "true = voorbeeld"),
        Column("source", "text", "herkomst"),
    ),
    key=("province",),
)


def read(path: Path) -> pd.DataFrame:
    """province, role, organisation, contact, is_sample, source: one row per province."""
    return read_validated(path, CONTRACT, SOURCE.file)
