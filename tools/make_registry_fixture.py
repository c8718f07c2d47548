"""Write tests/fixtures/registry/: a small Union Registry publication shaped exactly like the real one.

`verified_emissions_2025_en.xlsx` (sheets 'Read Me', 'data' with the header on row 3, 'activity codes')
and the same table as `verified_emissions_2025_en.csv`, for the test installations: the values of the
fixture database for 2008-2025, as a later extract (01-10-2026) of the 2025 publication would have
them, with these changes, each one a case the update's diff must show:

- NL_384 and NL_81 reported 2025 late (not reported in the shipped first publication);
- NL_73's account is closed and has no 2025 figure (so 2025 becomes complete for Cluster 6);
- NL_131's 2023 and NL_144's 2024 are revised;
- NL_230001 is a new installation (2025 only);
- a German and a Belgian account, an NL aircraft operator: to be left out.

Run: .venv/bin/python tools/make_registry_fixture.py  (deterministic; the tests read the written files)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import duckdb
import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl import load  # noqa: E402
from tests.conftest import make_data_dir  # noqa: E402

OUT = ROOT / "tests/fixtures/registry"
YEARS = range(2008, 2026)
EXTRACTED = dt.datetime(2026, 10, 1)
LATE_2025 = {"NL_384": 38_512, "NL_81": 61_204}
CLOSED = {"NL_73"}
REVISED = {("NL_131", 2023): 2_345, ("NL_144", 2024): -10_000}
NEW = ("230001", "Fixture Nieuwbouw WKK", "Fixture Nieuw B.V.", 20, {2025: 12_345})


def header() -> list[str]:
    columns = [
        "REGISTRY_CODE",
        "ACCOUNT_TYPE",
        "IDENTIFIER_IN_REG",
        "INSTALLATION_NAME",
        "INSTALLATION_IDENTIFIER",
        "PERMIT_IDENTIFIER",
        "MAIN_ACTIVITY_TYPE_CODE",
        "ACCOUNT_CLOSURE",
    ]
    for year in YEARS:
        if year == 2008:
            columns += ["ALLOCATION2008", "VERIFIED_EMISSIONS_2008"]
        elif year < 2013:
            columns += [f"ALLOCATION_{year}", f"VERIFIED_EMISSIONS_{year}"]
        else:
            columns += [
                f"ALLOCATION_{year}",
                f"ALLOCATION_RESERVE_{year}",
                f"ALLOCATION_TRANSITIONAL_{year}",
                f"VERIFIED_EMISSIONS_{year}",
            ]
    return columns


def row(registry, account_type, account_name, name, identifier, activity, closure, verified, allocation) -> list:
    cells = [registry, account_type, account_name, name, int(identifier), f"{registry}-{identifier}", activity, closure]
    for year in YEARS:
        value = verified.get(year, "n/a")
        alloc = allocation.get(year, "n/a")
        if year < 2013:
            cells += [alloc, value]
        else:
            cells += [alloc, 0 if alloc != "n/a" else "n/a", 0 if alloc != "n/a" else "n/a", value]
    return cells


def rows_from(db: Path) -> list[list]:
    con = duckdb.connect(str(db), read_only=True)
    installations = con.execute(
        "SELECT installation_id, name, company, eu_activity, account_status FROM installations ORDER BY installation_id"
    ).fetchall()
    values = con.execute("SELECT installation_id, year, verified_t_co2, free_allocation_t, status FROM emissions").fetchall()
    con.close()
    verified: dict[str, dict[int, object]] = {}
    allocation: dict[str, dict[int, object]] = {}
    for installation_id, year, value, alloc, status in values:
        if status == "reported":
            value = value + REVISED.get((installation_id, year), 0)
            verified.setdefault(installation_id, {})[year] = int(value)
        elif status == "excluded":
            verified.setdefault(installation_id, {})[year] = "Excluded"
        if alloc is not None:
            allocation.setdefault(installation_id, {})[year] = int(alloc)
    out = []
    for installation_id, name, company, activity, status in installations:
        years = verified.get(installation_id, {})
        if installation_id in LATE_2025:
            years[2025] = LATE_2025[installation_id]
        closure = "CLOSED" if installation_id in CLOSED or status == "closed" else "OPEN"
        identifier = installation_id.removeprefix("NL_")
        out.append(
            row(
                "NL",
                "OPERATOR HOLDING ACCOUNT",
                company,
                name,
                identifier,
                activity,
                closure,
                years,
                allocation.get(installation_id, {}),
            )
        )
    identifier, name, company, activity, years = NEW
    out.append(row("NL", "OPERATOR HOLDING ACCOUNT", company, name, identifier, activity, "OPEN", years, {2025: 0}))
    out.append(
        row(
            "NL",
            "AIRCRAFT OPERATOR HOLDING ACCOUNT",
            "Fixture Air B.V.",
            "FIXAIR",
            999001,
            10,
            "OPEN",
            {2024: 5_000, 2025: 5_100},
            {},
        )
    )
    out.append(
        row(
            "DE",
            "OPERATOR HOLDING ACCOUNT",
            "1624 - Anlagenkonto",
            "Fixture Werk",
            1624,
            20,
            "OPEN",
            {2024: 80_000, 2025: 79_000},
            {},
        )
    )
    out.append(
        row("BE", "OPERATOR HOLDING ACCOUNT", "Fixture NV", "Fixture Site", 1200, 29, "OPEN", {2024: 40_000, 2025: 41_000}, {})
    )
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = make_data_dir(Path(tmp) / "data")
        db = Path(tmp) / "fixture.duckdb"
        load.build(db, data)
        body = rows_from(db)
    OUT.mkdir(parents=True, exist_ok=True)
    workbook = openpyxl.Workbook()
    workbook.properties.created = workbook.properties.modified = EXTRACTED
    readme = workbook.active
    readme.title = "Read Me"
    readme.append(["Data extracted on", EXTRACTED])
    readme.append(
        [
            "Test fixture shaped like verified_emissions_2025_en.xlsx of the Union Registry; not real for the changes listed in tools/make_registry_fixture.py"
        ]
    )
    data_sheet = workbook.create_sheet("data")
    data_sheet.append(["Verified emissions and allocations per installation, EU ETS (test fixture)"])
    data_sheet.append([f"Status {EXTRACTED:%d/%m/%Y}"])
    data_sheet.append(header())
    for cells in body:
        data_sheet.append(cells)
    codes = workbook.create_sheet("activity codes")
    codes.append(["code", "new descriptions aligned"])
    codes.append([20, "Combustion of fuels"])
    workbook.save(OUT / "verified_emissions_2025_en.xlsx")
    lines = [",".join(header())]
    for cells in body:
        lines.append(",".join(f'"{c}"' if isinstance(c, str) and "," in c else str(c) for c in cells))
    (OUT / "verified_emissions_2025_en.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(body)} rows written to {OUT}")


if __name__ == "__main__":
    main()
