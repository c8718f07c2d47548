"""Command line: `python -m etl` rebuilds the database; `python -m etl load KIND FILE` loads one file;
`python -m etl update FILE` loads a new EU Union Registry publication (after showing what changes);
`python -m etl backup DIR` / `restore DIR` copy the database, kept files and logs out and back.

Exit codes: 0 ok, 1 the file was refused (message names file, row, column, value), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from etl import backup, update
from etl.contracts import ContractError
from etl.kinds import CONTRACTS
from etl.load import as_refusal, build, load_file
from etl.readers import ReadError
from etl.update import UpdateChanged
from monitor import config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Cluster 6 Monitor: database bouwen of een bestand laden.")
    parser.add_argument("--db", type=Path, help=f"databasebestand (standaard: $C6_DB of {config.db_path()})")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", help="bouw de database opnieuw uit data/ (standaard)")
    loader = commands.add_parser("load", help="laad een eigen CSV/XLSX-bestand in de bestaande database")
    loader.add_argument("kind", choices=sorted(CONTRACTS), help="soort gegevens")
    loader.add_argument("file", type=Path, help="CSV- of XLSX-bestand")
    updater = commands.add_parser(
        "update", help="laad een nieuwe publicatie van het EU Union Registry (toont eerst wat verandert)"
    )
    updater.add_argument("file", type=Path, nargs="?", help="verified_emissions_JJJJ_en.xlsx (of dezelfde tabel als CSV)")
    updater.add_argument("--download", type=int, metavar="JAAR", help="haal de publicatie van JAAR op bij de Europese Commissie")
    updater.add_argument("--yes", action="store_true", help="laad zonder te vragen (voor een script)")
    updater.add_argument("--dry-run", action="store_true", help="toon alleen wat verandert; laad niets")
    saver = commands.add_parser("backup", help="bewaar database, bewaarde bestanden en laadlog in een nieuwe map onder DIR")
    saver.add_argument("dir", type=Path, help="map voor de back-ups")
    restorer = commands.add_parser("restore", help="zet een back-up terug (een back-upmap, of de nieuwste in DIR)")
    restorer.add_argument("dir", type=Path, help="back-upmap of map met back-ups")
    args = parser.parse_args(argv)
    db = args.db or config.db_path()
    try:
        if args.command == "backup":
            folder = backup.backup(args.dir, db)
            print(f"back-up geschreven: {folder}")
            return 0
        if args.command == "restore":
            folder = backup.restore(args.dir, db)
            print(f"hersteld uit {folder} naar {db}; de vervangen versie staat ernaast als *.before-restore-*")
            return 0
        if args.command == "update":
            return _update(args, db)
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
    except (FileNotFoundError, duckdb.Error, UpdateChanged, backup.BackupError) as error:
        print(f"FOUT: {error}", file=sys.stderr)
        print("De database is niet gewijzigd.", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - never a traceback: the same one-line format as every refusal
        print(f"FOUT: {as_refusal(error, str(getattr(args, 'file', '') or 'build'))}", file=sys.stderr)
        print("De database is niet gewijzigd.", file=sys.stderr)
        return 1
    return 0


def _update(args, db: Path) -> int:
    if (args.file is None) == (args.download is None):
        print("FOUT: geef een bestand of --download JAAR", file=sys.stderr)
        return 2
    path = args.file
    if args.download is not None:
        try:
            path = update.download(args.download, Path(db).parent / "downloads")
        except OSError as error:
            print(f"FOUT: {error}", file=sys.stderr)
            return 1
        print(f"gedownload: {path}")
    diff = update.preview(path, db)
    print(update.format_diff(diff))
    if args.dry_run:
        print("\n--dry-run: niets geladen.")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            print("\nNiets geladen: bevestig met --yes (geen terminal om het te vragen).")
            return 0
        if input("\nDeze publicatie laden? [j/N] ").strip().lower() not in ("j", "ja", "y", "yes"):
            print("Niets geladen.")
            return 0
    report = update.apply(path, diff, db)
    print(
        f"{report.file}: {report.rows} emissierijen geladen in {db} ({report.duration_s:.2f} s); bewaard in user/{update.KIND}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
