"""One module per source. Each has the same shape: SOURCE (metadata for the `sources` table) and
`read(path)` returning DataFrames with the database's column names. Reading, renaming and casting only."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceInfo:
    source_id: str
    file: str  # path relative to data/
    title: str
    origin: str
    vintage: str
    licence: str
    is_sample: bool = False
