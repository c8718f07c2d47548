"""The yearly EU update: `python -m etl update FILE` loads a new Union Registry publication.

1. Read and check the publication (etl/sources/union_registry.py): NL stationary installations only.
2. Apply it to a copy of the database and compare that copy with the live file: the diff (new year,
   late reporters, revised figures old -> new, new and closed installations, Cluster 6's headline
   figures and the default year before and after). Nothing is written yet.
3. After confirmation, apply it again through the one write path (etl.load.load_into_copy: a copy,
   the writer lock, one rename), check the diff is still the one shown, record the publication in
   `sources` and `load_log`, and keep the file in user/registry/ so a rebuild applies it again.

What a publication changes: every figure it gives for an installation and year replaces the registry's
earlier value (later publications revise earlier years); a figure from a user's own emissions file is
kept (a user file overrides the registry, also on a rebuild). An open account with no figure yet for the
publication's last year is 'not reported'; a closed account without one drops its stale 'not reported'
row. New installations are placed and classified by the same rules as the build (without address or
NACE code: the data-quality list names them, installation_overrides.csv can correct them).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl import classify, load
from etl.installations import data_quality, read_reference
from etl.load import LoadReport
from etl.sources import boundaries, eutl_nl, eutl_recent, union_registry
from monitor import config, formatting
from monitor.completeness import latest_complete_year  # the dashboard's default year

KIND = "registry"  # load_log kind and user_dir(db)/registry/: kept publications
SOURCE_PREFIX = "union_registry/"  # emissions.source of a value from a publication: union_registry/<file>
SHIPPED_REGISTRY_FILES = (eutl_nl.SOURCE.file, eutl_recent.SOURCE.file)
_REGISTRY_SOURCE = "(e.source IN (?, ?) OR starts_with(e.source, ?))"
_REGISTRY_PARAMS = [*SHIPPED_REGISTRY_FILES, SOURCE_PREFIX]


class UpdateChanged(load.Refusal):
    """The database changed between the diff that was shown and the load: nothing was loaded."""


# 1. Apply a publication to a connection (the copy being loaded, or the database being built) ---------


def apply_publication(
    con, path: Path, data_dir: Path | None = None, display_name: str | None = None, publication=None
) -> LoadReport:
    """Apply one publication to the database in `con` (see the module docstring for the rules)."""
    started = time.perf_counter()
    name = Path(display_name or Path(path).name).name
    publication = publication or union_registry.read(Path(path), name)
    data_dir = Path(data_dir or config.DATA_DIR)
    source = SOURCE_PREFIX + name
    known = {r[0] for r in con.execute("SELECT installation_id FROM installations").fetchall()}
    emitting = set(publication.emissions.loc[publication.emissions["verified_t_co2"] > 0, "installation_id"])
    new = publication.installations[~publication.installations["installation_id"].isin(known)]
    new = new[new["installation_id"].isin(emitting)]  # an account that never emitted is not an installation to show
    if not new.empty:
        _insert_installations(con, new, data_dir)
    wanted = known | set(new["installation_id"])
    incoming = publication.emissions[publication.emissions["installation_id"].isin(wanted)].copy()

    con.register("publication_rows", incoming)
    try:
        replace = con.execute(
            f"""
            SELECT p.installation_id, p.year, p.verified_t_co2,
                   coalesce(p.free_allocation_t, e.free_allocation_t) AS free_allocation_t, p.status, ? AS source
            FROM publication_rows p LEFT JOIN emissions e USING (installation_id, year)
            WHERE (e.source IS NULL OR {_REGISTRY_SOURCE})
              AND NOT (p.status = 'not reported' AND e.status = 'reported')
            """,  # noqa: S608 - a code constant; values are bound
            [source, *_REGISTRY_PARAMS],
        ).df()
    finally:
        con.unregister("publication_rows")
    con.register("replacing", replace)
    try:
        con.execute("DELETE FROM emissions WHERE (installation_id, year) IN (SELECT (installation_id, year) FROM replacing)")
        con.execute("INSERT INTO emissions BY NAME SELECT * FROM replacing")
    finally:
        con.unregister("replacing")
    closed = publication.installations.loc[publication.installations["account_status"] == "closed", "installation_id"].tolist()
    if closed:  # a closed account owes no figure for the last year: its stale 'not reported' row goes
        con.execute(
            f"""DELETE FROM emissions e WHERE e.status = 'not reported' AND e.year = ?
                AND e.installation_id IN (SELECT unnest(?)) AND {_REGISTRY_SOURCE}""",  # noqa: S608 - constant
            [publication.latest_year, closed, *_REGISTRY_PARAMS],
        )
    status = publication.installations[["installation_id", "account_status"]]
    con.register("account_status", status)
    try:
        con.execute(
            "UPDATE installations i SET account_status = s.account_status FROM account_status s WHERE i.installation_id = s.installation_id"
        )
    finally:
        con.unregister("account_status")
    con.execute(
        """
        UPDATE installations i SET first_year = y.first_year, last_year = y.last_year
        FROM (SELECT installation_id, min(year) AS first_year, max(year) AS last_year
              FROM emissions WHERE verified_t_co2 > 0 GROUP BY installation_id) y
        WHERE i.installation_id = y.installation_id
        """
    )
    load.refresh_reporting_gaps(con)
    info = publication.source_info(f"user/{KIND}/{name}")
    con.execute("DELETE FROM sources WHERE source_id = ?", [info.source_id])
    load._insert(con, "sources", pd.DataFrame([vars(info)]))
    duration = time.perf_counter() - started
    load._log_load(
        con, KIND, Path(path), len(replace), duration, display=info.file
    )  # = sources.file: the Bronnen page joins them
    return LoadReport(KIND, name, len(replace), duration)


def _insert_installations(con, new: pd.DataFrame, data_dir: Path) -> None:
    """Place and classify installations the registry did not have before, by the build's rules."""
    labels = dict(
        con.execute("SELECT DISTINCT eu_activity, eu_activity_label FROM installations WHERE eu_activity IS NOT NULL").fetchall()
    )
    frame = new.assign(
        city=None,
        postcode=None,
        lat=float("nan"),
        lon=float("nan"),
        nace=None,
        eu_activity=new["eu_activity"].astype("Int64"),
        eu_activity_label=[labels.get(a, f"EU-activiteit {a}") for a in new["eu_activity"]],
    )
    aliases = read_reference(data_dir, "city_aliases.csv")
    alias_map = dict(zip(aliases["city"], aliases["municipality"], strict=True))
    gemeenten, provinces = (boundaries.read(data_dir / info.file) for info in (boundaries.GEMEENTEN, boundaries.PROVINCES))
    placed = classify.place(frame, gemeenten, provinces, alias_map)
    overrides = read_reference(data_dir, "installation_overrides.csv")
    overrides = overrides[overrides["installation_id"].isin(frame["installation_id"])].copy()
    if not overrides.empty:
        overrides["in_cluster6"] = overrides["in_cluster6"].map(
            lambda v: None if v is None else str(v).lower() in ("true", "ja", "1")
        )
    classified = classify.classify(
        placed, read_reference(data_dir, "sector_map.csv"), read_reference(data_dir, "cluster_municipalities.csv"), overrides
    )
    columns = [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'installations' ORDER BY ordinal_position"
        ).fetchall()
    ]
    for column in columns:
        if column not in classified:
            classified[column] = None
    load._insert(con, "installations", classified[columns])
    load._insert(con, "data_quality", data_quality(classified, alias_map))


# 2. The diff: the database before and after, compared with the same SQL --------------------------------

_HEADLINE = """
SELECT e.year,
       coalesce(sum(e.verified_t_co2), 0) AS total_t,
       count(DISTINCT e.installation_id) FILTER (WHERE e.verified_t_co2 > 0) AS installations,
       count(*) FILTER (WHERE e.status = 'not reported') AS not_reported
FROM {db}emissions e JOIN {db}installations i USING (installation_id)
WHERE i.in_cluster6 GROUP BY e.year ORDER BY e.year
"""


@dataclass
class Diff:
    file: str
    extracted_on: dt.date | None
    years: tuple[int, ...]
    new_years: list[int]
    late: pd.DataFrame  # installation_id, name, in_cluster6, year, new_t
    revised: pd.DataFrame  # installation_id, name, in_cluster6, year, old_t, new_t
    missing: pd.DataFrame  # installation_id, name, in_cluster6, year  (still not reported after)
    new_installations: pd.DataFrame  # installation_id, name, company, sector, in_cluster6, reason
    closed: pd.DataFrame  # installation_id, name, company, last_year
    headline: pd.DataFrame  # year, total_t/installations/not_reported _before and _after, for changed years
    default_year: tuple[int | None, int | None]
    left_out: dict[str, int]

    def fingerprint(self) -> str:
        parts = [self.late, self.revised, self.missing, self.new_installations, self.closed, self.headline]
        return "|".join(p.to_csv(index=False) for p in parts) + str(self.default_year)


def compute_diff(con, before_path: Path, publication: union_registry.Publication) -> Diff:
    """Compare the database in `con` (the publication applied) with the file at `before_path`."""
    con.execute("ATTACH ? AS before (READ_ONLY)", [str(before_path)])
    try:
        return _diff(con, publication)
    finally:
        con.execute("DETACH before")


def _diff(con, publication) -> Diff:
    q = lambda sql, params=None: con.execute(sql, params or []).df()  # noqa: E731
    pairs = q(
        """
        SELECT coalesce(a.installation_id, b.installation_id) AS installation_id, coalesce(a.year, b.year) AS year,
               b.verified_t_co2 AS old_t, b.status AS old_status, a.verified_t_co2 AS new_t, a.status AS new_status,
               i.name, i.company, i.in_cluster6
        FROM emissions a FULL JOIN before.emissions b USING (installation_id, year)
        JOIN installations i ON i.installation_id = coalesce(a.installation_id, b.installation_id)
        ORDER BY installation_id, year
        """
    )
    before_ids = set(q("SELECT installation_id FROM before.installations")["installation_id"])
    existing = pairs[pairs["installation_id"].isin(before_ids)]
    late = existing[(existing["old_status"] == "not reported") & (existing["new_status"] == "reported")]
    revised = existing[
        (existing["old_status"] == "reported")
        & (existing["new_status"] == "reported")
        & ((existing["old_t"] - existing["new_t"]).abs() >= 0.5)
    ]
    missing = pairs[pairs["new_status"] == "not reported"]
    before_years = set(q("SELECT DISTINCT year FROM before.emissions")["year"])
    new_years = sorted(set(pairs.loc[pairs["new_status"].notna(), "year"]) - before_years)
    new_installations = q(
        """SELECT installation_id, name, company, sector, in_cluster6, reason FROM installations
           WHERE installation_id NOT IN (SELECT installation_id FROM before.installations) ORDER BY installation_id"""
    )
    closed = q(
        """SELECT a.installation_id, a.name, a.company, a.last_year FROM installations a
           JOIN before.installations b USING (installation_id)
           WHERE a.account_status = 'closed' AND coalesce(b.account_status, 'open') <> 'closed' ORDER BY a.installation_id"""
    )
    after = q(_HEADLINE.format(db=""))
    before = q(_HEADLINE.format(db="before."))
    headline = before.merge(after, on="year", how="outer", suffixes=("_before", "_after")).sort_values("year")
    changed = (
        (headline["total_t_before"].fillna(-1) - headline["total_t_after"].fillna(-1)).abs().ge(0.5)
        | (headline["installations_before"] != headline["installations_after"])
        | (headline["not_reported_before"] != headline["not_reported_after"])
    )
    keep = ["installation_id", "name", "in_cluster6", "year"]
    return Diff(
        file=publication.file,
        extracted_on=publication.extracted_on,
        years=publication.years,
        new_years=[int(y) for y in new_years],
        late=late[[*keep, "new_t"]].reset_index(drop=True),
        revised=revised[[*keep, "old_t", "new_t"]].reset_index(drop=True),
        missing=missing[keep].reset_index(drop=True),
        new_installations=new_installations,
        closed=closed,
        headline=headline[changed].reset_index(drop=True),
        default_year=(latest_complete_year(before), latest_complete_year(after)),
        left_out=publication.left_out,
    )


def _name(r) -> str:
    return f"{r.installation_id} {r.name}" + (" (Cluster 6)" if r.in_cluster6 else "")


def format_diff(diff: Diff, limit: int = 25) -> str:
    """The diff in Dutch, for the command line."""
    extract = f", uittreksel {diff.extracted_on:%d-%m-%Y}" if diff.extracted_on else ""
    left_out = "; ".join(f"{n} {reason}" for reason, n in diff.left_out.items())
    lines = [
        f"Publicatie {diff.file}{extract}: jaren {diff.years[0]}-{diff.years[-1]}"
        + (f" (weggelaten: {left_out})" if left_out else "")
    ]

    def section(title: str, rows: list[str]) -> None:
        lines.append(f"\n{title}: {len(rows) if rows else 'geen'}")
        lines.extend(f"  {row}" for row in rows[:limit])
        if len(rows) > limit:
            lines.append(f"  ... en nog {len(rows) - limit}")

    lines.append(f"\nNieuw jaar: {', '.join(map(str, diff.new_years)) if diff.new_years else 'geen'}")
    section("Laat gerapporteerd", [f"{_name(r)}, {r.year}: {formatting.number(r.new_t)} t" for r in diff.late.itertuples()])
    section(
        "Herziene cijfers van eerdere jaren (oud → nieuw)",
        [
            f"{_name(r)}, {r.year}: {formatting.number(r.old_t)} → {formatting.number(r.new_t)} t"
            for r in diff.revised.itertuples()
        ],
    )
    section("Nog niet gerapporteerd", [f"{_name(r)}, {r.year}" for r in diff.missing.itertuples()])
    section(
        "Nieuwe installaties",
        [
            f"{r.installation_id} {r.name} ({r.company}), sector {r.sector}: {r.reason}"
            for r in diff.new_installations.itertuples()
        ],
    )
    section(
        "Gesloten installaties (rekening gesloten)",
        [f"{r.installation_id} {r.name} ({r.company}), laatste emissie {r.last_year}" for r in diff.closed.itertuples()],
    )
    rows = []
    for r in diff.headline.itertuples():
        rows.append(
            f"{r.year}: uitstoot {formatting.tonnes(r.total_t_before)} → {formatting.tonnes(r.total_t_after)} "
            f"({_signed(r.total_t_after - r.total_t_before)} t), "
            f"installaties {_int(r.installations_before)} → {_int(r.installations_after)}, "
            f"niet gerapporteerd {_int(r.not_reported_before)} → {_int(r.not_reported_after)}"
        )
    section("Kerncijfers Cluster 6 die veranderen", rows)
    before, after = diff.default_year
    lines.append(
        f"\nLaatste volledige jaar (standaardjaar van het dashboard): {before or '–'} → {after or '–'}"
        + ("" if before != after else " (ongewijzigd)")
    )
    return "\n".join(lines)


def _signed(value) -> str:
    return "–" if pd.isna(value) else ("+" if value > 0 else "") + formatting.number(value)


def _int(value) -> str:
    return "–" if pd.isna(value) else formatting.number(value)


# 3. The command ----------------------------------------------------------------------------------------


def _work(path: Path, db: Path, name: str, data_dir: Path | None):
    def work(con):
        publication = union_registry.read(path, name)
        report = apply_publication(con, path, data_dir, display_name=name, publication=publication)
        return report, compute_diff(con, db, publication)

    return work


def preview(path: Path, db: Path | None = None, data_dir: Path | None = None, display_name: str | None = None) -> Diff:
    """The diff of loading `path`, computed on a discarded copy: nothing changes."""
    db = Path(db or config.db_path())
    name = Path(display_name or Path(path).name).name
    _report, diff = load.load_into_copy(db, KIND, name, _work(Path(path), db, name, data_dir), dry_run=True)
    return diff


def apply(
    path: Path, shown: Diff, db: Path | None = None, data_dir: Path | None = None, display_name: str | None = None
) -> LoadReport:
    """Load `path` through the one write path, if it still makes the changes in `shown`."""
    db = Path(db or config.db_path())
    name = Path(display_name or Path(path).name).name
    result: dict = {}

    def work(con):
        result["report"], result["diff"] = _work(Path(path), db, name, data_dir)(con)
        return result["report"]

    def still_the_same(_con):
        if result["diff"].fingerprint() != shown.fingerprint():
            raise UpdateChanged(
                "de database is veranderd sinds het verschil werd getoond; er is niets geladen. Voer de opdracht opnieuw uit."
            )

    return load.load_into_copy(db, KIND, name, work, keep_file=Path(path), before_swap=still_the_same)


def download(year: int, target_dir: Path, opener=None) -> Path:
    """Fetch verified_emissions_<year>_en.xlsx from the Commission. Raises OSError without network,
    with a message that says which file to get from where."""
    import urllib.parse
    import urllib.request

    opener = opener or urllib.request.urlopen
    name = f"verified_emissions_{year}_en.xlsx"
    try:
        url = union_registry.KNOWN_URLS.get(year)
        if url is None:  # the address has a document id: find the link on the Union Registry page
            with opener(union_registry.PAGE_URL, timeout=30) as response:
                page = response.read().decode("utf-8", errors="replace")
            match = re.search(r'href="([^"]*filename=' + re.escape(name) + r')"', page)
            if not match:
                raise OSError(f"geen link naar {name} op {union_registry.PAGE_URL}")
            url = urllib.parse.urljoin(union_registry.PAGE_URL, match.group(1).replace("&amp;", "&"))
        with opener(url, timeout=120) as response:
            body = response.read()
    except OSError as error:
        raise OSError(
            f"downloaden lukt niet ({error}). Download {name} zelf van {union_registry.PAGE_URL} "
            f"(Union Registry, 'Verified emissions {year}') en voer uit: python -m etl update {name}"
        ) from error
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / name
    target.write_bytes(body)
    return target
