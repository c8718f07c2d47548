"""Write the progress letter (DOCX + XLSX) from the database without the app, as the Rapportage page makes it
for the whole of Cluster 6: python tools/letter.py [--jaar 2024] [--basis 2019] [--doel nl_klimaatwet] [--datum 2026-11-25] OUT_PREFIX

Uses $C6_DB. Charts are images when Debian's chromium is present (or $C6_BROWSER), else listed as missing.
Makes OUT_PREFIX.docx and OUT_PREFIX.xlsx; to look at the Word file: soffice --headless --convert-to pdf.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor import config, letter, letter_docx, letter_xlsx, report, report_charts, report_export, ui  # noqa: E402
from monitor.access import MINISTRY  # noqa: E402
from monitor.chart_images import render  # noqa: E402
from monitor.filters import Filters  # noqa: E402
from monitor.letter_tables import Letter  # noqa: E402
from monitor.queries import meta  # noqa: E402
from monitor.report_inputs import gather  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jaar", type=int, default=2024)
    parser.add_argument("--basis", type=int, default=config.BASELINE_YEAR_DEFAULT)
    parser.add_argument("--doel", default="nl_klimaatwet")
    parser.add_argument("--datum", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    inputs = gather(Filters(args.jaar, args.basis, args.doel), MINISTRY, args.jaar, args.basis, args.doel)
    result = report.build(inputs)
    titles = meta.freshness().set_index("source_id")["title"]
    source_lines = {s: f"{titles.get(s, s)}: {ui.source_line(s)}" for f in result.figures for s in f.sources}
    version = report_export.data_version(meta.load_log(), meta.freshness())
    context = {
        "Rapportagejaar": str(args.jaar),
        "Basisjaar": str(args.basis),
        "Doelpad": inputs.target_name,
        "Selectie": inputs.selection,
        "Gegevensversie": f"lading nr. {version.load_id}, vingerafdruk {version.fingerprint}",
    }
    charts = {c.name: (c.heading, c.figure, f"Bron: {c.source}") for c in report_charts.build(inputs, result, source_lines)}
    the_letter = Letter(
        f"Voortgangsbrief Cluster 6: kerncijfers {args.jaar}",
        args.datum,
        args.jaar,
        args.basis,
        context,
        letter.draft(result, inputs),
        result,
        source_lines,
        version,
        charts=charts,
    )
    images, missing = render({name: figure for name, (_, figure, _) in charts.items()})
    args.out.with_suffix(".docx").write_bytes(letter_docx.build(the_letter, images, missing))
    args.out.with_suffix(".xlsx").write_bytes(letter_xlsx.build(the_letter))
    print(f"{args.out}.docx ({len(images)} afbeeldingen, {len(missing)} ontbreken) en {args.out}.xlsx geschreven")
    return 0


if __name__ == "__main__":
    sys.exit(main())
