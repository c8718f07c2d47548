"""'Hoe is Cluster 6 afgebakend?': the rules in words, the count per rule, the count people quote (the ~200 of
the Actieplan) against installations and operators, and the decisions on the open questions.

Called from a page (Overzicht) inside an expander; all figures come from monitor.queries.delimitation.
"""

from __future__ import annotations

import streamlit as st

from monitor import formatting, ui
from monitor.queries import delimitation

ACTIEPLAN_YEAR = 2023  # Actieplan Cluster 6 offered to parliament on 29-09-2023
FIRST_COUNT_YEAR = 2019

RULES_TEXT = (
    "Cluster 6 is de ETS-industrie buiten de vijf grote clusters. Zo werken de regels (in deze volgorde):\n\n"
    "1. **Sector.** NACE-code, anders de EU-activiteit, anders een naamregel. Energieproducenten, glastuinbouw "
    "en niet-industriële installaties (ziekenhuizen, universiteiten, Defensie, Schiphol, de bloemenveiling) "
    "vallen af: het Actieplan gaat over industrie in tien branches. Kwekerijen en datacenters zonder NACE-code "
    "worden aan hun naam herkend.\n"
    "2. **Industriegebied.** Elk cluster bestaat uit kerngebieden met een straal (bijv. Botlek, Europoort, "
    "Chemelot, Sloegebied, Eemshaven). Een installatie binnen die straal, of waarvan de naam of registerplaats "
    "het gebied noemt, hoort bij dat cluster. Een gemeente alleen is niet genoeg: Abbott in Weesp (gemeente "
    "Amsterdam) of FrieslandCampina Bedum (gemeente Het Hogeland) zijn Cluster 6.\n"
    "3. **Programmapartner.** Deelnemers van Smart Delta Resources horen met hun vestigingen in Zeeland en "
    "West-Brabant bij dat cluster.\n"
    "4. **Terugval.** Zonder coördinaten (ook niet via een installatie met dezelfde postcode) telt de gemeente "
    "van de registerplaats; zulke installaties staan op de controlelijst.\n"
    "5. **Override.** `data/reference/installation_overrides.csv` gaat voor alle regels.\n\n"
    "De controlelijst (pagina Bronnen en kwaliteit) toont elke installatie die op een terugval, een grensgebied, "
    "een naamregel of een override rust."
)


def render(year: int) -> None:
    st.markdown(RULES_TEXT)

    # The count people quote
    by_year = delimitation.counts_by_year(FIRST_COUNT_YEAR, year)
    now = delimitation.counts(year)
    at_plan = by_year[by_year["year"] == ACTIEPLAN_YEAR]
    st.markdown("**Hoeveel bedrijven?**")
    if not at_plan.empty:
        plan = at_plan.iloc[0]
        st.markdown(
            f"Het Actieplan (29-09-2023) spreekt van *circa 200 ETS-bedrijven*. De NEa telt 'bedrijven' als "
            f"**installaties** (345 over 2023). In het register hadden in {ACTIEPLAN_YEAR} "
            f"{formatting.number(plan['ets_installations'])} Nederlandse installaties uitstoot, van "
            f"{formatting.number(plan['ets_operators'])} exploitanten. Met deze regels is Cluster 6 in {ACTIEPLAN_YEAR} "
            f"**{formatting.number(plan['installations'])} installaties ({formatting.number(plan['operators'])} "
            f"bedrijven)** en in {year} **{formatting.number(now['installations'])} installaties "
            f"({formatting.number(now['operators'])} bedrijven)**. De 'circa 200' past bij het aantal installaties "
            f"(rond 2019-2021), niet bij het aantal exploitanten. Daarom is het aantal installaties het kopcijfer, "
            f"met het aantal bedrijven (exploitanten) ernaast."
        )
    ui.table(
        by_year.rename(
            columns={
                "year": "jaar",
                "installations": "Cluster 6: installaties",
                "operators": "Cluster 6: bedrijven (exploitanten)",
                "ets_installations": "heel NL-ETS: installaties",
                "ets_operators": "heel NL-ETS: bedrijven",
            }
        ),
        column_config={"jaar": st.column_config.NumberColumn("jaar", format="%d")},
    )
    st.caption("Installaties en bedrijven met geverifieerde uitstoot in het jaar; luchtvaart niet meegeteld.")

    # Count per rule
    st.markdown(f"**Aantal per regel ({year})**")
    rules = delimitation.labelled_rule_counts(year)
    shown = rules.assign(kt=(rules["verified_t_co2"] / 1000).round(1))[
        ["in_cluster6", "rule", "installations", "active", "operators", "kt"]
    ]
    ui.table(
        shown.rename(
            columns={
                "in_cluster6": "Cluster 6",
                "rule": "regel",
                "installations": "installaties (ooit)",
                "active": f"met uitstoot in {year}",
                "operators": f"bedrijven in {year}",
                "kt": f"uitstoot {year} (kt CO₂)",
            }
        ),
    )
    ui.download(rules, f"cluster6_afbakening_per_regel_{year}.csv")

    # Decisions on the open questions
    st.markdown("**Besluiten over grensgevallen**")
    ui.table(delimitation.decisions().rename(columns={"question": "vraag", "decision": "besluit", "reason": "reden"}))
    st.markdown("**Industriegebieden per cluster**")
    ui.table(
        delimitation.cluster_areas().rename(
            columns={"area": "gebied", "radius_km": "straal (km)", "borderline": "grensgebied", "reasoning": "onderbouwing"}
        ),
    )
    ui.source_caption("cluster_areas", "cluster_partners", "delimitation_decisions", "sector_name_rules")
