"""Each source module on its real (shipped) file: what it keeps, drops and how it casts."""

from __future__ import annotations

import pandas as pd

from etl.sources import boundaries, coordinates, eutl_nl, eutl_recent, nace
from monitor import config

RAW = config.DATA_DIR


def test_eutl_nl_drops_aircraft_and_keeps_not_reported_distinct_from_zero():
    installations, emissions = eutl_nl.read(RAW / eutl_nl.SOURCE.file)
    raw = pd.read_csv(RAW / eutl_nl.SOURCE.file, dtype=str, keep_default_na=False)
    aircraft = set("NL_" + raw.loc[raw["MainActivityTypeCode"] == "10", "InstallationOrAircraftOperatorID"])
    assert len(aircraft) == 41
    assert len(installations) == 654
    assert not aircraft & set(installations["installation_id"])
    # 'Excluded' and 'Not Reported' become NULL with a status, never 0
    flagged = emissions[emissions["status"] != "reported"]
    assert flagged["verified_t_co2"].isna().all()
    assert {"excluded", "not reported"} <= set(flagged["status"])
    # a real zero stays a reported zero
    zeros = emissions[emissions["verified_t_co2"] == 0]
    assert (zeros["status"] == "reported").all() and len(zeros) > 0


def test_eutl_nl_years_with_only_na_are_absent():
    _, emissions = eutl_nl.read(RAW / eutl_nl.SOURCE.file)
    raw = pd.read_csv(RAW / eutl_nl.SOURCE.file, dtype=str, keep_default_na=False).set_index("InstallationOrAircraftOperatorID")
    row = raw.loc["144"]
    expected_years = {y for y in range(2005, 2023) if row[f"VerifiedEmissions_{y}"] != "NA"}
    assert set(emissions.loc[emissions["installation_id"] == "NL_144", "year"]) == expected_years


def test_eutl_recent_marks_2025_not_yet_reported():
    installations, emissions = eutl_recent.read(RAW / eutl_recent.SOURCE.file)
    assert set(emissions["year"]) == {2023, 2024, 2025}
    pending = emissions[(emissions["year"] == 2025) & (emissions["status"] == "not reported")]
    assert len(pending) == 23 and pending["verified_t_co2"].isna().all()
    assert installations["installation_id"].is_unique


def test_nace_prefers_2020_code():
    codes = nace.read(RAW / nace.SOURCE.file).set_index("installation_id")["nace"]
    raw = pd.read_csv(RAW / nace.SOURCE.file, dtype=str, keep_default_na=False).set_index("installation_id")
    both = raw[(raw["nace_2015"] != "") & (raw["nace_2020"] != "") & (raw["nace_2015"] != raw["nace_2020"])]
    assert not both.empty
    for installation_id, row in both.iterrows():
        assert codes[installation_id] == row["nace_2020"]


def test_coordinates_outside_the_netherlands_are_dropped(tmp_path):
    path = tmp_path / "coords.csv"
    path.write_text(
        "id,name,addressmain,postalcode,city,country_id,latitudegoogle,longitudegoogle\n"
        "NL_1,a,x,1234 AB,Utrecht,NL,52.09,5.12\nNL_2,b,x,-,-,NL,-34.6,-58.4\n",
        encoding="utf-8",
    )
    frame = coordinates.read(path).set_index("installation_id")
    assert frame.loc["NL_1", "lat"] == 52.09
    assert pd.isna(frame.loc["NL_2", "lat"]) and pd.isna(frame.loc["NL_2", "postcode"])


def test_point_in_polygon_finds_municipality_and_province():
    gemeenten = boundaries.read(RAW / boundaries.GEMEENTEN.file)
    provinces = boundaries.read(RAW / boundaries.PROVINCES.file)
    assert len(gemeenten.areas) == 342 and len(provinces.areas) == 12
    assert gemeenten.locate(4.8897, 52.3731).name == "Amsterdam"  # Dam square
    assert gemeenten.locate(5.4778, 51.4416).name == "Eindhoven"
    assert provinces.locate(5.4778, 51.4416).name == "Noord-Brabant"
    assert gemeenten.locate(3.0, 52.5) is None  # North Sea
