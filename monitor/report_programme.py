"""Key figures of the programme itself: the casusaanpak and the Actieplan Cluster 6 budget. They rest on
confidential files (sample data until real ones are loaded), follow the viewer's scope, and change with the
case and subsidy schemas rather than with the emission and target figures in monitor/report.py.
`inputs` is a monitor.report.Inputs."""

from __future__ import annotations

import pandas as pd

from monitor import formatting
from monitor.report_model import CASE_SOURCES, Figure, is_sample, selection_suffix


def case_figures(inputs) -> list[Figure]:
    """Case approach (confidential; sample data unless real files are loaded). Same rules as the Casussen page."""
    group, table = "Casusaanpak", inputs.case_table
    open_cases = table[table["is_open"].astype(bool)]
    solved = table[table["status"] == "opgelost"]
    lead = inputs.lead_times[~inputs.lead_times["dates_unknown"].astype(bool)]
    median = float(lead["days"].median()) if not lead.empty else None
    return [
        Figure(
            group,
            "Open casussen",
            float(len(open_cases)),
            formatting.number(len(open_cases)),
            "casussen",
            f"Casussen met status aangemeld, intake of in behandeling{selection_suffix(inputs.selection)}.",
            CASE_SOURCES,
            is_sample(open_cases),
        ),
        Figure(
            group,
            "Opgeloste casussen",
            float(len(solved)),
            formatting.number(len(solved)),
            "casussen",
            "Casussen met status opgelost (doorverwezen en gestopt tellen niet mee).",
            CASE_SOURCES,
            is_sample(solved),
        ),
        Figure(
            group,
            "Doorlooptijd aangemeld → opgelost (mediaan)",
            median,
            f"{formatting.number(median)} dagen (n = {len(lead)})" if median is not None else "–",
            "dagen",
            "Mediaan van het aantal dagen tussen 'aangemeld' en 'opgelost' in de statushistorie, over opgeloste "
            "casussen met bekende data.",
            CASE_SOURCES,
            is_sample(table[table["case_id"].isin(lead["case_id"])]),
        ),
    ]


def money_figures(inputs, burn: pd.DataFrame) -> list[Figure]:
    """Actieplan Cluster 6: the whole programme budget (the sidebar selection does not apply)."""
    group, amount = "Actieplan Cluster 6", float(inputs.budget["amount_eur"])
    last = burn.dropna().iloc[-1] if not burn.dropna().empty else None
    until = f" t/m {int(last['year'])}" if last is not None else ""
    figures = [
        Figure(
            group,
            f"Budget programma t/m {int(inputs.budget['period_end'])}",
            amount,
            formatting.euro(amount),
            "€",
            f"{inputs.budget['budget_name']}, zoals aangekondigd door de Rijksoverheid.",
            ("budgets",),
        )
    ]
    for column, label, definition, sources in (
        ("committed_eur", f"Toegezegd{until}", "Som van de toegekende bedragen van de Actieplan-instrumenten.", ()),
        ("paid_eur", f"Betaald{until}", "Som van de uitbetaalde bedragen van de Actieplan-instrumenten.", ()),
        ("remaining_eur", "Nog vrij", "Programmabudget min het toegezegde bedrag.", ("budgets",)),
    ):
        value = float(last[column]) if last is not None else None
        figures.append(
            Figure(
                group,
                label,
                value,
                formatting.euro(value),
                "€",
                definition,
                ("sample_subsidies", *sources),
                inputs.actieplan_sample_rows > 0,
            )
        )
    return figures
