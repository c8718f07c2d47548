"""What the upload page needs, without Streamlit: recognise a file's kind, check it exactly as a load would
(a dry run of etl.load.load_file), turn every refusal into a report table, and load it.

The page and the CLI share one loader path (load_file -> load_kind), so a file that the page accepts
loads the same way with `python -m etl load KIND FILE`, and is refused with the same messages.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.bounded import read_table_bounded
from etl.contracts import ContractError, Violation, limit_text
from etl.kinds import CONTRACTS
from etl.load import LoadReport, load_file, user_dir
from etl.readers import ROW_COLUMN, ReadError, normalise_header

KIND_LABELS = {
    "emissions": "Emissies per installatie en jaar",
    "cases": "Casussen (casusaanpak)",
    "case_events": "Statusgeschiedenis van casussen",
    "subsidies": "Subsidies per bedrijf en jaar",
    "targets": "Doelpaden",
}
REPORT_COLUMNS = ["bestand", "rij", "kolom", "waarde", "melding"]
STAGING_MAX_AGE_S = 24 * 3600  # staged uploads (possibly confidential) older than this are deleted


@dataclass
class Check:
    """The outcome of a dry run: what the file holds and everything a real load would say about it."""

    kind: str
    file: str
    preview: pd.DataFrame | None  # the file as read (text, with the spreadsheet row number), or None if unreadable
    report: pd.DataFrame  # one row per error: bestand, rij, kolom, waarde, melding
    warnings: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return self.report.empty


def _names(kind: str) -> dict[str, str]:
    """Every header (normalised name or alias) that maps to a column of `kind`."""
    names = {}
    for column in CONTRACTS[kind].columns:
        names[normalise_header(column.name)] = column.name
        for alias in column.aliases:
            names[normalise_header(alias)] = column.name
    return names


def recognise(columns: list[str]) -> str | None:
    """The kind whose required columns are all among `columns` (the best match if several), else None."""
    present = {normalise_header(c) for c in columns}
    best, best_score = None, 0
    for kind, contract in CONTRACTS.items():
        found = {column for header, column in _names(kind).items() if header in present}
        if not set(contract.required_names) <= found:
            continue
        score = len(found) - 0.01 * len(contract.columns)  # a tie goes to the narrower contract
        if score > best_score:
            best, best_score = kind, score
    return best


def all_column_names() -> tuple[str, ...]:
    return tuple(sorted({name for kind in CONTRACTS for name in _names(kind)}))


def staging_dir(db: Path) -> Path:
    """Where an upload waits for its check and confirmation: beside the database, private to its owner."""
    return db.parent / ".upload_staging"


def save_upload(data: bytes, name: str, folder: Path) -> Path:
    """Write uploaded bytes to <folder>/<sha256>/<safe name> (once) and return the path.

    The folder is readable by its owner only, and staged files older than a day are deleted, so a
    confidential file that was checked but never loaded does not linger.
    """
    safe = re.sub(r"[^\w.\- ]+", "_", Path(name).name).strip(" .") or "bestand.csv"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    prune_staging(folder)
    target = folder / hashlib.sha256(data).hexdigest()[:16] / safe
    if not target.exists():
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        target.write_bytes(data)
    return target


def prune_staging(folder: Path, max_age_s: float = STAGING_MAX_AGE_S) -> None:
    cutoff = time.time() - max_age_s
    for entry in folder.iterdir():
        if entry.is_dir() and entry.stat().st_mtime < cutoff:
            shutil.rmtree(entry, ignore_errors=True)


def discard_upload(path: Path) -> None:
    """Remove a staged upload once it is loaded (the loader keeps its own copy in user/<kind>/)."""
    shutil.rmtree(path.parent, ignore_errors=True)


def report_of(error: Exception, file: str) -> pd.DataFrame:
    """Every violation of a refused file as rows (bestand, rij, kolom, waarde, melding)."""
    if isinstance(error, ContractError):
        violations = error.violations
    elif isinstance(error, ReadError):
        violations = [Violation(error.file, error.row, error.column, error.value, error.detail)]
    else:
        violations = [Violation(file, None, None, None, str(error))]
    return pd.DataFrame(
        [(v.file, v.row, v.column, None if v.value is None else str(v.value), v.message) for v in violations],
        columns=REPORT_COLUMNS,
    ).astype({"rij": "Int64"})


def preview(path: Path, name: str) -> pd.DataFrame:
    """The file as the loader reads it (text columns, `_row` = spreadsheet row), read in a bounded child
    process; raises ReadError."""
    return read_table_bounded(path, all_column_names(), display_name=name)


def preview_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The preview as shown: the spreadsheet row number first, as 'rij'."""
    return frame[[ROW_COLUMN, *[c for c in frame.columns if c != ROW_COLUMN]]].rename(columns={ROW_COLUMN: "rij"})


def marked_preview(check: Check, rows: int = 20) -> tuple[pd.DataFrame, set[tuple[int, str]]]:
    """The first `rows` rows of the preview as shown, and (row position, column) of every cell the report names."""
    shown = preview_table(check.preview).head(rows).reset_index(drop=True)
    to_file = {column: header for header, column in _names(check.kind).items() if header in shown.columns}
    bad = {(int(r), to_file.get(c, c)) for r, c in zip(check.report["rij"], check.report["kolom"], strict=True) if pd.notna(r)}
    marks = {
        (position, column) for position, row in enumerate(shown["rij"]) for column in shown.columns if (int(row), column) in bad
    }
    return shown, marks


def check(kind: str, path: Path, name: str, db: Path) -> Check:
    """Read and validate `path` as `kind` against `db`, exactly as a load would, without changing anything."""
    try:
        frame = preview(path, name)
    except ReadError as error:
        return Check(kind, name, None, report_of(error, name))
    try:
        report = load_file(kind, path, db, display_name=name, dry_run=True)
    except Exception as error:  # load_file turns every failure into a ContractError or ReadError
        return Check(kind, name, frame, report_of(error, name))
    return Check(kind, name, frame, report_of_nothing(), report.warnings, report.rows)


def report_of_nothing() -> pd.DataFrame:
    return pd.DataFrame(columns=REPORT_COLUMNS).astype({"rij": "Int64"})


def load(kind: str, path: Path, name: str, db: Path, loaded_by: str | None = None) -> LoadReport:
    """The real load (same path as the CLI); the file is kept in user/<kind>/ for rebuilds."""
    return load_file(kind, path, db, display_name=name, loaded_by=loaded_by)


def loader_name(email: str | None, role: str) -> str:
    """load_log.loaded_by for an upload: the signed-in e-mail, or the demo role."""
    return f"{email} (uploadpagina)" if email else f"demomodus, rol {role} (uploadpagina)"


def contract_table(kind: str) -> pd.DataFrame:
    """kolom, verplicht, soort, omschrijving, toegestaan: the columns a file of `kind` may have."""
    kinds_nl = {"text": "tekst", "int": "geheel getal", "number": "getal", "date": "datum", "bool": "ja/nee"}
    rows = []
    for c in CONTRACTS[kind].columns:
        allowed = ", ".join(c.accepted) if c.accepted else ""
        if c.minimum is not None or c.maximum is not None:
            low = "" if c.minimum is None else limit_text(c, c.minimum)
            allowed = f"{low} t/m {'' if c.maximum is None else limit_text(c, c.maximum)}".strip()
        rows.append(
            (
                c.name + (f" (of: {', '.join(c.aliases)})" if c.aliases else ""),
                "ja" if c.required else "nee",
                kinds_nl[c.kind] + (", mag leeg" if c.nullable else ""),
                allowed,
                c.description,
            )
        )
    return pd.DataFrame(rows, columns=["kolom", "verplicht", "soort", "toegestaan", "omschrijving"])


def kept_files(db: Path) -> pd.DataFrame:
    """soort, bestand, grootte (kB), bewaard op (UTC): user files a rebuild loads again (user/<kind>/ beside the db)."""
    rows = []
    for kind in CONTRACTS:
        folder = user_dir(db) / kind
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if not path.name.startswith("."):
                stat = path.stat()
                rows.append((kind, path.name, round(stat.st_size / 1024, 1), pd.Timestamp(stat.st_mtime, unit="s")))
    return pd.DataFrame(rows, columns=["soort", "bestand", "grootte (kB)", "bewaard op (UTC)"])


def failed_loads(db: Path, last: int = 10) -> pd.DataFrame:
    """at, kind, file, error: the most recent refused loads (from <db>.failed.jsonl), newest first."""
    log = Path(db).with_name(Path(db).name + ".failed.jsonl")
    if not log.exists():
        return pd.DataFrame(columns=["at", "kind", "file", "error"])
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()[-last:] if line.strip()]
    return pd.DataFrame(records[::-1], columns=["at", "kind", "file", "error"])
