"""Installations and their emissions from the shipped registry files: merged, placed, classified."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl import classify, cluster_rules
from etl.readers import ROW_COLUMN, read_table
from etl.sources import boundaries, coordinates, eutl_nl, eutl_recent, nace


def read_reference(data_dir: Path, name: str) -> pd.DataFrame:
    frame = read_table(data_dir / "reference" / name)
    return frame.drop(columns=[ROW_COLUMN]).replace({"": None})


def build_installations(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Installations (placed, classified) and emissions from the shipped registry files."""
    raw = data_dir
    old_inst, old_em = eutl_nl.read(raw / eutl_nl.SOURCE.file)
    new_inst, new_em = eutl_recent.read(raw / eutl_recent.SOURCE.file)
    emissions = pd.concat([old_em, new_em], ignore_index=True)

    # Newest name and operator win; the registry export's address and activity code fill the rest.
    merged = old_inst.set_index("installation_id")
    newer = new_inst.set_index("installation_id")
    merged = newer[["name", "company"]].combine_first(merged)
    merged["city"] = merged["city"].combine_first(newer["city"])
    merged["eu_activity"] = merged["eu_activity"].combine_first(newer["eu_activity"])
    merged["eu_activity_label"] = merged["eu_activity_label"].combine_first(newer["eu_activity_label"])
    codes = nace.read(raw / nace.SOURCE.file).set_index("installation_id")["nace"]
    merged["nace"] = codes.reindex(merged.index).combine_first(newer["nace"].reindex(merged.index))
    coords = coordinates.read(raw / coordinates.SOURCE.file).set_index("installation_id")
    merged = merged.join(coords[["lat", "lon"]], how="left")
    merged["postcode"] = merged["postcode"].combine_first(coords["postcode"].reindex(merged.index))
    merged = merged.reset_index(names="installation_id")

    gemeenten = boundaries.read(raw / boundaries.GEMEENTEN.file)
    provinces = boundaries.read(raw / boundaries.PROVINCES.file)
    aliases = read_reference(data_dir, "city_aliases.csv")
    placed = classify.place(merged, gemeenten, provinces, dict(zip(aliases["city"], aliases["municipality"], strict=True)))
    overrides = read_reference(data_dir, "installation_overrides.csv")
    if not overrides.empty:
        overrides["in_cluster6"] = overrides["in_cluster6"].map(
            lambda v: None if v is None else str(v).lower() in ("true", "ja", "1")
        )
    classified = classify.classify(
        placed,
        read_reference(data_dir, "sector_map.csv"),
        read_reference(data_dir, "cluster_municipalities.csv"),
        overrides,
        areas=cluster_rules.read_areas(read_reference(data_dir, "cluster_areas.csv")),
        partners=cluster_rules.read_partners(read_reference(data_dir, "cluster_partners.csv")),
        name_rules=cluster_rules.read_name_rules(read_reference(data_dir, "sector_name_rules.csv")),
    )
    emitting = emissions[emissions["verified_t_co2"] > 0].groupby("installation_id")["year"]
    classified["first_year"] = classified["installation_id"].map(emitting.min())
    classified["last_year"] = classified["installation_id"].map(emitting.max())
    return classified, emissions


def data_quality(installations: pd.DataFrame, aliases: dict[str, str]) -> pd.DataFrame:
    """Classification problems per installation (reporting gaps are added by etl.load.refresh_reporting_gaps)."""
    rows = []
    for r in classify.records(installations):
        if r.sector_source == "unmapped":
            rows.append(
                (
                    r.installation_id,
                    "sector onbekend",
                    f"geen NACE-code en EU-activiteit {r.eu_activity} ('{r.eu_activity_label}') zegt niets over de branche; geteld als 'overig'",
                )
            )
        if r.location_source == "unplaced":
            rows.append((r.installation_id, "locatie onbekend", f"geen coördinaten en plaats '{r.city}' is geen gemeente"))
        elif r.location_source == "registry city":
            rows.append((r.installation_id, "geen coördinaten", f"gemeente afgeleid uit de registerplaats '{r.city}'"))
        if r.location_source == "coordinates" and isinstance(r.city, str):
            by_city = aliases.get(r.city.strip().upper())
            if by_city and by_city != r.municipality:
                rows.append(
                    (
                        r.installation_id,
                        "gemeente wijkt af",
                        f"coördinaten vallen in {r.municipality}, registerplaats '{r.city}' hoort bij {by_city}",
                    )
                )
    return pd.DataFrame(rows, columns=["installation_id", "issue", "detail"])
