"""The action lines of Actieplan Cluster 6 2.0 (September 2025): their goals and indicators, as data.

The goals follow the plan's own words (shared/context, actieplan-cluster6-2.0-2025.txt). Indicators are
either computed from loaded cases, subsidies and installations (`computed=True`) or read from the
loadable kind `action_progress` (etl/kinds_actions.py), which refuses the computed ones. The schedule
verdicts and the indicator values are in monitor/action_measures.py.
"""

from __future__ import annotations

from dataclasses import dataclass

MILESTONE_STATUSES = ("gepland", "gestart", "afgerond", "vertraagd")
ITEM_TYPES = ("mijlpaal", "indicator")
BEHIND = "achter op schema"
ON_SCHEDULE = "op schema"
NO_MILESTONES = "geen mijlpalen"


@dataclass(frozen=True)
class ActionLine:
    line_id: str
    name: str
    goal: str  # one sentence, in the plan's own words


LINES = (
    ActionLine(
        "casusaanpak",
        "Casusaanpak",
        "ETS-bedrijven kunnen met concrete knelpunten aankloppen voor hulp; de lessen uit de eerste casussen maken de "
        "aanpak effectiever, helpen nieuwe bedrijven en scherpen beleid aan.",
    ),
    ActionLine(
        "regioaanpak",
        "Regioaanpak",
        "Duurzame oplossingen ook op lokaal niveau bekijken: samenwerking tussen bedrijven neemt knelpunten weg die zij "
        "niet alleen kunnen oplossen, zoals samen infrastructuur regelen of onderlinge warmte-uitwisseling.",
    ),
    ActionLine(
        "pilots",
        "Pilots energie-infrastructuur",
        "In 2026 1 of 2 pilots starten om knelpunten in de energievoorziening aan te pakken, voor nieuwe inzichten in "
        "waterstof, lokale energieopwekking en netcapaciteit.",
    ),
    ActionLine(
        "kennisnetwerken",
        "Kennisnetwerken",
        "Bedrijven actief verbinden met kennispartners om innovatie te versnellen en verduurzamingsoplossingen breder "
        "toe te passen.",
    ),
    ActionLine(
        "energiebesparing",
        "Energiebesparing",
        "Kennis en best practices delen zodat meer bedrijven energiebesparende maatregelen en technieken gaan gebruiken.",
    ),
    ActionLine(
        "financieel instrumentarium",
        "Financieel instrumentarium",
        "Via de casus- en regioaanpak financieringsbehoeften en knelpunten in het bestaande instrumentarium in beeld "
        "brengen en oplossingen ontwikkelen met partijen als RVO en Invest-NL.",
    ),
    ActionLine(
        "maatwerk",
        "Maatwerkaanpak",
        "Blijven werken aan de maatwerkaanpak met enkele Cluster 6-bedrijven (zoals Cosun).",
    ),
)
LINE_IDS = tuple(line.line_id for line in LINES)
LINE_NAMES = {line.line_id: line.name for line in LINES}
PLAN_SOURCE = "Rijksoverheid, bericht Actieplan 2.0 (11-09-2025)"


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    line_id: str
    label: str
    unit: str  # 'aantal', 'dagen', '€', 't CO₂/jaar', 'TJ/jaar'
    definition: str  # one sentence
    computed: bool = False  # True = from cases/subsidies/installations; never loaded from a file
    per_company: bool = False  # loaded rows name a company (participation): confidential for other companies


INDICATORS = (
    Indicator(
        "cas_aangemeld",
        "casusaanpak",
        "Casussen aangemeld",
        "aantal",
        "Casussen met een aanmelddatum op of voor de peildatum.",
        computed=True,
    ),
    Indicator(
        "cas_opgelost",
        "casusaanpak",
        "Casussen opgelost",
        "aantal",
        "Casussen met status opgelost en een sluitdatum op of voor de peildatum (doorverwezen en gestopt tellen niet mee).",
        computed=True,
    ),
    Indicator(
        "cas_doorlooptijd",
        "casusaanpak",
        "Doorlooptijd aangemeld → opgelost (mediaan)",
        "dagen",
        "Mediaan van de dagen tussen 'aangemeld' en 'opgelost' in de statushistorie, over casussen opgelost op of voor "
        "de peildatum met bekende data.",
        computed=True,
    ),
    Indicator(
        "cas_beleid",
        "casusaanpak",
        "Lessen omgezet in beleidsaanpassingen",
        "aantal",
        "Beleidsaanpassingen (regels, instrumenten, werkwijzen) die aantoonbaar voortkomen uit lessen van casussen, "
        "cumulatief tot de peildatum.",
    ),
    Indicator(
        "reg_regios",
        "regioaanpak",
        "Actieve regio's",
        "aantal",
        "Groepen van ten minste twee Cluster 6-installaties met uitstoot in het gekozen jaar binnen 5 km van elkaar "
        "(de regioaanpak-laag van de kaart).",
        computed=True,
    ),
    Indicator(
        "reg_bedrijven",
        "regioaanpak",
        "Betrokken bedrijven in die regio's",
        "aantal",
        "Verschillende bedrijven (exploitanten) met een installatie in een van de actieve regio's.",
        computed=True,
    ),
    Indicator(
        "reg_oplossingen",
        "regioaanpak",
        "Gedeelde oplossingen afgesproken",
        "aantal",
        "Afspraken tussen bedrijven over een gezamenlijke oplossing (zoals warmte-uitwisseling of gedeelde "
        "netcapaciteit), cumulatief tot de peildatum.",
    ),
    Indicator(
        "pil_gestart",
        "pilots",
        "Pilots gestart (plan: 1 à 2 in 2026)",
        "aantal",
        "Pilots energie-infrastructuur die op of voor de peildatum zijn gestart, met thema en partners.",
    ),
    Indicator(
        "pil_subsidie",
        "pilots",
        "Toegekend uit het pilotinstrument",
        "€",
        "Som van de toegekende bedragen van 'Actieplan Cluster 6 - pilots energie-infrastructuur' in de jaren tot en "
        "met het jaar van de peildatum.",
        computed=True,
    ),
    Indicator(
        "ken_bedrijven",
        "kennisnetwerken",
        "Bedrijven verbonden met een kennispartner",
        "aantal",
        "Bedrijven die via het programma met een kennispartner (kennisinstelling, brancheorganisatie) zijn verbonden.",
        per_company=True,
    ),
    Indicator(
        "ken_sessies",
        "kennisnetwerken",
        "Kennissessies gehouden",
        "aantal",
        "Bijeenkomsten van het kennisnetwerk (kennissessies, werkbezoeken), cumulatief tot de peildatum.",
    ),
    Indicator(
        "ene_bereikt",
        "energiebesparing",
        "Bedrijven bereikt",
        "aantal",
        "Bedrijven die best practices over energiebesparing hebben ontvangen of een bijeenkomst bezochten.",
    ),
    Indicator(
        "ene_maatregelen",
        "energiebesparing",
        "Maatregelen gemeld",
        "aantal",
        "Energiebesparende maatregelen die bedrijven na deelname hebben gemeld, cumulatief tot de peildatum.",
    ),
    Indicator(
        "ene_besparing",
        "energiebesparing",
        "Geschatte besparing",
        "TJ/jaar",
        "Geschatte jaarlijkse energiebesparing van de gemelde maatregelen (opgave van de bedrijven).",
    ),
    Indicator(
        "fin_vragen",
        "financieel instrumentarium",
        "Financieringsvragen",
        "aantal",
        "Casussen met knelpunt 'financiering', aangemeld op of voor de peildatum.",
        computed=True,
    ),
    Indicator(
        "fin_knelpunten",
        "financieel instrumentarium",
        "Knelpunten in het instrumentarium benoemd",
        "aantal",
        "Knelpunten in bestaande financieringsinstrumenten die met RVO of Invest-NL zijn vastgesteld.",
    ),
    Indicator(
        "fin_aanpassingen",
        "financieel instrumentarium",
        "Aanpassingen in instrumenten",
        "aantal",
        "Wijzigingen in regelingen of nieuwe instrumenten die uit die knelpunten volgen.",
    ),
    Indicator(
        "maat_bedrijven",
        "maatwerk",
        "Bedrijven in een maatwerktraject",
        "aantal",
        "Bedrijven met een maatwerktraject, met de fase waarin het traject is (in de kolom detail).",
        per_company=True,
    ),
    Indicator(
        "maat_reductie",
        "maatwerk",
        "Verwachte reductie maatwerktrajecten",
        "t CO₂/jaar",
        "Som van de verwachte jaarlijkse CO₂-reductie van de maatwerktrajecten (opgave in het traject).",
        per_company=True,
    ),
)
INDICATOR_BY_ID = {i.indicator_id: i for i in INDICATORS}
LOADED_INDICATOR_IDS = tuple(i.indicator_id for i in INDICATORS if not i.computed)
COMPUTED_INDICATOR_IDS = tuple(i.indicator_id for i in INDICATORS if i.computed)
CASE_SOURCES = ("cases_public", "sample_cases")
COMPUTED_SOURCES = {
    "cas_aangemeld": CASE_SOURCES,
    "cas_opgelost": CASE_SOURCES,
    "cas_doorlooptijd": CASE_SOURCES,
    "fin_vragen": CASE_SOURCES,
    "reg_regios": ("eutl_recent", "coordinates"),
    "reg_bedrijven": ("eutl_recent", "coordinates"),
    "pil_subsidie": ("sample_subsidies",),
}
PILOT_INSTRUMENT = "Actieplan Cluster 6 - pilots energie-infrastructuur"
REGION_DISTANCE_KM = 5  # the map's default distance for the regioaanpak layer
