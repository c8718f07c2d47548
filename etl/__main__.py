"""Command line: `python -m etl` rebuilds the database; `python -m etl load KIND FILE` loads one file.

Exit codes: 0 ok, 1 the file was refused (message names file, row, column, value), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from etl.contracts import ContractError
from etl.kinds import CONTRACTS
from etl.load import build, load_file
from etl.readers import ReadError
from monitor import config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Cluster 6 Monitor: database bouwen of een bestand laden.")
    parser.add_argument("--db", type=Path, help=f"databasebestand (standaard: $C6_DB of {config.db_path()})")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", help="bouw de database opnieuw uit data/ (standaard)")
    loader = commands.add_parser("load", help="laad een eigen CSV/XLSX-bestand in de bestaande database")
    loader.add_argument("kind", choices=sorted(CONTRACTS), help="soort gegevens")
    loader.add_argument("file", type=Path, help="CSV- of XLSX-bestand")
    args = parser.parse_args(argv)
    db = args.db or config.db_path()
    try:
        if args.command == "load":
            report = load_file(args.kind, args.file, db)
            for warning in report.warnings:
                print(f"waarschuwing: {warning}", file=sys.stderr)
            print(f"{report.file}: {report.rows} rijen geladen als '{report.kind}' in {db} ({report.duration_s:.2f} s)")
        else:
            reports = build(db)
            for report in reports:
                print(f"{report.file}: {report.rows} rijen ({report.kind})")
                for warning in report.warnings:  # a kept user file that no longer passes is skipped, not fatal
                    print(f"waarschuwing: {warning}", file=sys.stderr)
            print(f"database gebouwd: {db}")
    except (ContractError, ReadError) as error:
        print(f"FOUT: {error}", file=sys.stderr)
        print("De database is niet gewijzigd.", file=sys.stderr)
        return 1
    except (FileNotFoundError, duckdb.Error) as error:
        print(f"FOUT: {error}", file=sys.stderr)
        print("De database is niet gewijzigd.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
