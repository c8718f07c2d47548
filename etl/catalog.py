"""What the build reads: every source with its metadata (the `sources` table) and the files per kind."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.sources import (
    SourceInfo,
    boundaries,
    coordinates,
    eu_peers,
    eutl_nl,
    eutl_recent,
    grid_congestion,
    grid_congestion_history,
    nace,
    province_contacts,
    signal_norms,
)

REFERENCE_SOURCES = [
    SourceInfo(
        "cluster_rules",
        "reference/cluster_municipalities.csv",
        "Gemeenten van de vijf grote clusters, met onderbouwing",
        "Cluster 6 Monitor (eigen indeling, zie onderbouwing per gemeente)",
        "2026-11",
        "CC BY 4.0",
    ),
    SourceInfo(
        "cluster_areas",
        "reference/cluster_areas.csv",
        "Industriegebieden van de vijf clusters (kern en straal), met onderbouwing en bron per gebied",
        "Cluster 6 Monitor (eigen indeling op openbare clusterbeschrijvingen)",
        "2026-11",
        "CC BY 4.0",
    ),
    SourceInfo(
        "cluster_partners",
        "reference/cluster_partners.csv",
        "Deelnemers van de eigen programma's van de clusters (Smart Delta Resources)",
        "Cluster 6 Monitor (op openbare deelnemerslijsten)",
        "2026-11",
        "CC BY 4.0",
    ),
    SourceInfo(
        "delimitation_decisions",
        "reference/delimitation_decisions.csv",
        "Besluiten over de afbakening (Reimerswaal, Emmen, Veendam, Drechtsteden, niet-industrieel), met reden",
        "Cluster 6 Monitor (op openbare bronnen, per besluit genoemd)",
        "2026-11",
        "CC BY 4.0",
    ),
    SourceInfo(
        "sector_name_rules",
        "reference/sector_name_rules.csv",
        "Naamregels: glastuinbouw, datacenters, warmtecentrales en niet-industriële installaties zonder bruikbare NACE-code",
        "Cluster 6 Monitor",
        "2026-11",
        "CC BY 4.0",
    ),
    SourceInfo(
        "sector_map",
        "reference/sector_map.csv",
        "Indeling NACE-code en EU-activiteit naar sector",
        "Cluster 6 Monitor",
        "2026-11",
        "CC BY 4.0",
    ),
    SourceInfo(
        "targets",
        "reference/targets.csv",
        "Doelpaden (EU ETS-plafond, nationale ambitie)",
        "EU-richtlijnen 2009/29/EG, 2018/410, 2023/959; Klimaatwet",
        "2023",
        "openbare wetgeving",
    ),
    SourceInfo(
        "budgets",
        "reference/budgets.csv",
        "Budget Actieplan Cluster 6",
        "Rijksoverheid, Kamerbrief Actieplan 2.0",
        "2025-09",
        "openbaar",
    ),
    SourceInfo(
        "cases_public",
        "reference/cases_public.csv",
        "Openbare praktijkvoorbeelden uit Actieplan 2.0 (Cosun, Vreugdenhil/Corbion, Saint-Gobain Isover)",
        "Rijksoverheid, bericht 11-09-2025",
        "2025-09-11",
        "openbaar",
    ),
    SourceInfo(
        "case_events_public",
        "reference/case_events_public.csv",
        "Statushistorie van de openbare praktijkvoorbeelden (data deels aangenomen, zie date_estimated)",
        "Rijksoverheid, bericht 11-09-2025",
        "2025-09-11",
        "openbaar",
    ),
    SourceInfo(
        "sample_case_events",
        "sample/case_events.csv",
        "VOORBEELDDATA statushistorie van de casussen",
        "gegenereerd door etl/sample.py (vast zaadgetal)",
        "2026-11",
        "-",
        True,
    ),
    SourceInfo(
        "sample_cases",
        "sample/cases.csv",
        "VOORBEELDDATA casussen (casusaanpak)",
        "gegenereerd door etl/sample.py (vast zaadgetal)",
        "2026-11",
        "-",
        True,
    ),
    SourceInfo(
        "sample_subsidies",
        "sample/subsidies.csv",
        "VOORBEELDDATA subsidies per bedrijf",
        "gegenereerd door etl/sample.py (vast zaadgetal)",
        "2026-11",
        "-",
        True,
    ),
    SourceInfo(
        "action_progress_public",
        "reference/action_progress_public.csv",
        "Openbare mijlpalen en deelname uit Actieplan 2.0 (pilots in 2026, maatwerkaanpak Cosun)",
        "Rijksoverheid, bericht 11-09-2025",
        "2025-09-11",
        "openbaar",
    ),
    SourceInfo(
        "sample_action_progress",
        "sample/action_progress.csv",
        "VOORBEELDDATA mijlpalen en indicatoren per actielijn",
        "gegenereerd door etl/sample.py (vast scenario en zaadgetal)",
        "2026-11",
        "-",
        True,
    ),
]

# Reference files per province (source modules with SOURCE, TABLE and read), loaded by build().
PROVINCE_REFERENCES = (province_contacts, grid_congestion)
# Norms of the Signalen page and the congestion history it compares with (same shape, loaded by build()).
SIGNAL_REFERENCES = (signal_norms, grid_congestion_history)

# The kinds loaded during a build, in dependency order, each from one or more files under data/.
BUILD_KIND_FILES = [
    ("targets", "reference/targets.csv"),
    ("cases", "reference/cases_public.csv"),
    ("cases", "sample/cases.csv"),
    ("case_events", "reference/case_events_public.csv"),
    ("case_events", "sample/case_events.csv"),
    ("subsidies", "sample/subsidies.csv"),
    ("action_progress", "reference/action_progress_public.csv"),
    ("action_progress", "sample/action_progress.csv"),
]

# Reference files read by the build without a contract of their own (logged in load_log all the same).
CONTRACTLESS_REFERENCES = tuple(
    s
    for s in REFERENCE_SOURCES
    if s.source_id
    in (
        "cluster_rules",
        "cluster_areas",
        "cluster_partners",
        "delimitation_decisions",
        "sector_name_rules",
        "sector_map",
        "budgets",
    )
)


def sources_frame(data_dir: Path) -> pd.DataFrame:
    infos = [
        eutl_nl.SOURCE,
        eutl_recent.SOURCE,
        nace.SOURCE,
        coordinates.SOURCE,
        boundaries.GEMEENTEN,
        boundaries.PROVINCES,
        eu_peers.SOURCE,
        *REFERENCE_SOURCES,
        *(module.SOURCE for module in PROVINCE_REFERENCES),
        *(module.SOURCE for module in SIGNAL_REFERENCES),
    ]
    return pd.DataFrame([vars(i) for i in infos if (data_dir / i.file).exists()])
