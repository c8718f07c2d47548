-- Cluster 6 Monitor database: a contract for everyone who opens data/cluster6.duckdb with the DuckDB CLI.
-- Units are in the column names (_t_co2 = tonnes CO2-equivalent, _eur = euro) and in the comments.
-- Built by `python -m etl` from data/; never edited by hand.

CREATE TABLE installations (
    installation_id   VARCHAR PRIMARY KEY, -- EUTL key 'NL_<registry id>', e.g. NL_144
    name              VARCHAR NOT NULL,    -- installation name in the registry (newest version)
    company           VARCHAR NOT NULL,    -- operator / account holder (newest version)
    city              VARCHAR,             -- registry city of the installation address
    postcode          VARCHAR,             -- registry postcode
    municipality      VARCHAR,             -- CBS 2025 municipality (gemeente) name; NULL if offshore or unplaced
    municipality_code VARCHAR,             -- CBS code GMxxxx
    province          VARCHAR,             -- province name; NULL if offshore or unplaced
    location_source   VARCHAR NOT NULL,    -- 'coordinates' (point in polygon), 'registry city', 'offshore', 'override', 'unplaced'
    offshore          BOOLEAN NOT NULL,    -- true for North Sea platforms (registered at an office onshore)
    lat               DOUBLE,              -- WGS84 latitude, degrees (geocoded registry address); NULL offshore
    lon               DOUBLE,              -- WGS84 longitude, degrees
    eu_activity       INTEGER,             -- EUTL main activity type code (phase 1-2: 1-10, 99; phase 3+: 20-47)
    eu_activity_label VARCHAR,             -- EUTL label of eu_activity
    nace              VARCHAR,             -- NACE Rev.2 code (nace_2020, else nace_2015); NULL if unknown
    sector            VARCHAR NOT NULL,    -- one of the ten Cluster 6 branches, 'overig', 'energie' or 'glastuinbouw'
    sector_source     VARCHAR NOT NULL,    -- 'nace', 'eu_activity', 'name' (data/reference/sector_name_rules.csv), 'override' or 'unmapped'
    sector_note       VARCHAR NOT NULL,    -- why this sector (Dutch): the code, the name rule that matched, or the override's reason
    cluster           VARCHAR,             -- one of the five big clusters if a rule puts the installation in one (area, partner or municipality fallback)
    cluster_area      VARCHAR,             -- industrial area of that cluster (data/reference/cluster_areas.csv), if the area rules decided
    location_basis    VARCHAR NOT NULL,    -- point the area rules used: 'coordinates', 'postcode' (those of an installation with the same postcode), 'registry city' (no point: city only), 'offshore', 'unplaced'
    membership_rule   VARCHAR NOT NULL,    -- rule that decided in_cluster6: 'sector', 'area', 'area name', 'partner', 'municipality fallback', 'outside clusters', 'offshore', 'unplaced', 'override'
    in_cluster6       BOOLEAN NOT NULL,    -- true = counted as Cluster 6
    reason            VARCHAR NOT NULL,    -- why in_cluster6 is what it is (Dutch, shown to users)
    needs_review      BOOLEAN NOT NULL,    -- true = membership rests on a fallback, a borderline area, a name rule or an override: listed for the clusterregisseur
    review_note       VARCHAR,             -- what to check (Dutch); NULL when needs_review is false
    account_status    VARCHAR,             -- 'open' or 'closed' in the registry
    first_year        INTEGER,             -- first year with verified emissions > 0
    last_year         INTEGER,             -- last year with verified emissions > 0
    permit_id         VARCHAR              -- emissions permit (vergunning) id in the EUTL registry export; NULL if not in the 2005-2022 file
);

CREATE TABLE emissions (
    installation_id   VARCHAR NOT NULL,    -- -> installations
    year              INTEGER NOT NULL,    -- reporting year
    verified_t_co2    DOUBLE,              -- verified emissions, t CO2-eq; NULL = not reported / excluded (never 0)
    free_allocation_t DOUBLE,              -- free allocation, allowances (= t CO2-eq); NULL = not in the source
    status            VARCHAR NOT NULL,    -- 'reported', 'not reported', 'excluded', 'not calculated'
    source            VARCHAR NOT NULL,    -- source file the value comes from
    PRIMARY KEY (installation_id, year)
);

CREATE TABLE cases (
    case_id                  VARCHAR PRIMARY KEY, -- case code
    company                  VARCHAR NOT NULL,    -- company (as in installations.company)
    installation_id          VARCHAR,             -- installation concerned, if one
    province                 VARCHAR NOT NULL,    -- province
    sector                   VARCHAR NOT NULL,    -- sector
    route                    VARCHAR NOT NULL,    -- decarbonisation route
    bottleneck               VARCHAR NOT NULL,    -- bottleneck category (knelpunt)
    status                   VARCHAR NOT NULL,    -- current status
    opened_on                DATE NOT NULL,       -- date registered (aangemeld)
    closed_on                DATE,                -- date closed; NULL = open
    expected_reduction_t_co2 DOUBLE,              -- expected reduction, t CO2 per year
    description              VARCHAR,             -- case text (confidential)
    project_type             VARCHAR NOT NULL,    -- Actieplan 2.0 line: 'casusaanpak', 'regioaanpak', 'pilots energie-infrastructuur' or 'maatwerk' (file without it: casusaanpak)
    is_sample                BOOLEAN NOT NULL,    -- true = sample data (voorbeelddata), not a real case
    source                   VARCHAR NOT NULL     -- source file or publication
);

CREATE TABLE case_events (
    case_id    VARCHAR NOT NULL, -- -> cases
    event_date DATE NOT NULL,    -- date of the status change
    status     VARCHAR NOT NULL, -- status from that date on
    note       VARCHAR,          -- note (confidential)
    date_estimated BOOLEAN NOT NULL, -- true = the date is an assumption; such cases are left out of lead times
    is_sample  BOOLEAN NOT NULL, -- true = sample data
    source     VARCHAR NOT NULL  -- source file or publication
);

CREATE TABLE subsidies (
    grant_id                 VARCHAR NOT NULL, -- grant (beschikking) code
    year                     INTEGER NOT NULL, -- calendar year of the amounts
    company                  VARCHAR NOT NULL, -- recipient company
    installation_id          VARCHAR,          -- installation, if known
    instrument               VARCHAR NOT NULL, -- subsidy instrument
    route                    VARCHAR NOT NULL, -- decarbonisation route of the project
    province                 VARCHAR NOT NULL, -- province
    sector                   VARCHAR NOT NULL, -- sector
    project                  VARCHAR,          -- project description (confidential)
    granted_eur              DOUBLE NOT NULL,  -- amount granted (committed) in this year, euro
    paid_eur                 DOUBLE NOT NULL,  -- amount paid out in this year, euro
    expected_reduction_t_co2 DOUBLE,           -- expected reduction of the project, t CO2 per year
    is_sample                BOOLEAN NOT NULL, -- true = sample data
    source                   VARCHAR NOT NULL, -- source file
    PRIMARY KEY (grant_id, year)
);

CREATE TABLE targets (
    target_id   VARCHAR NOT NULL, -- target series code
    target_name VARCHAR NOT NULL, -- name shown to users
    kind        VARCHAR NOT NULL, -- 'annual_reduction' (fraction of baseline per year) or 'milestone_reduction' (fraction below baseline by year)
    year        INTEGER NOT NULL, -- year the value applies to
    value       DOUBLE NOT NULL,  -- fraction (0-1)
    source      VARCHAR NOT NULL, -- legal or policy source of the value
    PRIMARY KEY (target_id, year)
);

CREATE TABLE budgets (
    budget_id    VARCHAR PRIMARY KEY, -- budget line code
    budget_name  VARCHAR NOT NULL,    -- name shown to users
    amount_eur   DOUBLE NOT NULL,     -- budget, euro
    period_start INTEGER NOT NULL,    -- first year
    period_end   INTEGER NOT NULL,    -- last year
    source       VARCHAR NOT NULL     -- publication
);

CREATE TABLE eu_peers (
    eu_activity   INTEGER NOT NULL, -- EUTL main activity type code (as installations.eu_activity)
    measure       VARCHAR NOT NULL, -- 'index' = verified t CO2 in year / in baseline_year (both > 0); 'ratio' = verified t CO2 / free allocation (allocation > 0)
    baseline_year INTEGER,          -- base year of 'index'; NULL for 'ratio'
    year          INTEGER NOT NULL, -- reporting year (2005-2022)
    installations INTEGER NOT NULL, -- stationary installations outside NL in the distribution
    companies     INTEGER NOT NULL, -- distinct account holders among them (groups < 3 are not shipped)
    p10           DOUBLE NOT NULL,  -- 10th percentile of the measure (dimensionless ratio)
    p25           DOUBLE NOT NULL,  -- 25th percentile
    p50           DOUBLE NOT NULL,  -- median
    p75           DOUBLE NOT NULL,  -- 75th percentile
    p90           DOUBLE NOT NULL   -- 90th percentile
);

CREATE TABLE cluster_municipalities (
    cluster      VARCHAR NOT NULL,    -- one of the five big industrial clusters
    municipality VARCHAR PRIMARY KEY, -- CBS 2025 municipality name
    reasoning    VARCHAR NOT NULL     -- why this municipality belongs to the cluster
);

CREATE TABLE cluster_areas (
    cluster      VARCHAR NOT NULL,  -- one of the five big industrial clusters
    area         VARCHAR PRIMARY KEY, -- name of the industrial area (core site)
    lat          DOUBLE NOT NULL,   -- WGS84 latitude of the area's core, degrees
    lon          DOUBLE NOT NULL,   -- WGS84 longitude of the area's core, degrees
    radius_km    DOUBLE NOT NULL,   -- installations within this distance of the core belong to the area, km
    name_pattern VARCHAR,           -- regular expression (case-insensitive): an installation name that matches names this area
    city_pattern VARCHAR,           -- regular expression: a registry city (port district) that matches lies in this area
    borderline   BOOLEAN NOT NULL,  -- true = the area's membership is a judgement call; its installations are listed for review
    reasoning    VARCHAR NOT NULL,  -- why the area belongs to the cluster (Dutch)
    source       VARCHAR NOT NULL   -- public source(s) for that
);

CREATE TABLE cluster_partners (
    cluster         VARCHAR NOT NULL, -- cluster whose own programme this is
    programme       VARCHAR NOT NULL, -- programme (e.g. Smart Delta Resources)
    company_pattern VARCHAR NOT NULL, -- regular expression on installation name and operator: the programme's partners
    region          VARCHAR NOT NULL, -- '|'-separated provinces and municipalities where a partner's site belongs to the cluster
    reasoning       VARCHAR NOT NULL, -- why (Dutch)
    source          VARCHAR NOT NULL  -- public source(s) naming the partners
);

CREATE TABLE delimitation_decisions (
    question VARCHAR PRIMARY KEY, -- an open question about the delimitation (a municipality, a class of installations)
    decision VARCHAR NOT NULL,    -- what the rules do (Dutch)
    reason   VARCHAR NOT NULL,    -- why, or that the public record does not settle it (Dutch)
    source   VARCHAR NOT NULL     -- public source(s)
);

CREATE TABLE province_contacts (
    province     VARCHAR PRIMARY KEY, -- province name (as installations.province)
    role         VARCHAR NOT NULL,    -- role of the Cluster 6 contact point (aanspreekpunt)
    organisation VARCHAR NOT NULL,    -- organisation that holds the role
    contact      VARCHAR,             -- person, or 'niet openbaar'
    is_sample    BOOLEAN NOT NULL,    -- true = sample (voorbeeld): no public name or organisation
    source       VARCHAR NOT NULL     -- publication the row rests on
);

CREATE TABLE grid_congestion (
    province  VARCHAR PRIMARY KEY, -- province name
    offtake   VARCHAR NOT NULL,    -- congestion for new offtake (afname): 'geen', 'beperkt', 'wachtlijst', 'onbekend'
    feed_in   VARCHAR NOT NULL,    -- congestion for feed-in (teruglevering): same levels
    note      VARCHAR,             -- explanation (Dutch)
    source    VARCHAR NOT NULL,    -- publication, or 'VOORBEELD ...' for sample values
    as_of     VARCHAR NOT NULL,    -- date the status applies to (yyyy-mm)
    is_sample BOOLEAN NOT NULL     -- true = sample value, no public figure per province
);

CREATE TABLE grid_congestion_history (
    province  VARCHAR NOT NULL,    -- province name
    as_of     VARCHAR NOT NULL,    -- date the earlier status applied to (yyyy-mm); the current status is in grid_congestion
    offtake   VARCHAR NOT NULL,    -- congestion for new offtake then: 'geen', 'beperkt', 'wachtlijst', 'onbekend'
    feed_in   VARCHAR NOT NULL,    -- congestion for feed-in then: same levels
    note      VARCHAR,             -- explanation (Dutch)
    source    VARCHAR NOT NULL,    -- publication, or 'VOORBEELD ...' for sample values
    is_sample BOOLEAN NOT NULL,    -- true = sample value, no public figure per province
    PRIMARY KEY (province, as_of)
);

CREATE TABLE signal_norms (
    rule          VARCHAR NOT NULL, -- signal rule: 'status_days', 'emission_rise', 'reporting', 'grant_unpaid', 'paid_share'
    parameter     VARCHAR NOT NULL, -- parameter of the rule (for status_days: the case status the norm applies to)
    value         DOUBLE NOT NULL,  -- the norm or threshold, in `unit`
    unit          VARCHAR NOT NULL, -- 'dagen', 'maanden', 'jaren', 'fractie' (0-1) or 't CO2'
    is_assumption BOOLEAN NOT NULL, -- true = assumed by the monitor (no public norm); shown as such on the page
    reason        VARCHAR NOT NULL, -- source or stated reason (Dutch, shown on the page)
    PRIMARY KEY (rule, parameter)
);

CREATE TABLE sources (
    source_id   VARCHAR PRIMARY KEY, -- short name of the source
    file        VARCHAR NOT NULL,    -- file under data/ it was loaded from
    title       VARCHAR NOT NULL,    -- what it is, in Dutch
    origin      VARCHAR NOT NULL,    -- publisher / upstream
    vintage     VARCHAR NOT NULL,    -- extract or publication date of the data
    licence     VARCHAR,             -- licence as stated by the origin
    is_sample   BOOLEAN NOT NULL     -- true = sample data
);

CREATE TABLE data_quality (
    installation_id VARCHAR,          -- installation concerned, if one
    issue           VARCHAR NOT NULL, -- short code: 'sector unmapped', 'no coordinates', 'city differs', ...
    detail          VARCHAR NOT NULL  -- explanation in Dutch
);

CREATE TABLE load_log (
    load_id     INTEGER NOT NULL,     -- sequence number of the load
    kind        VARCHAR NOT NULL,     -- 'build' or the kind loaded (emissions, cases, ...)
    source_file VARCHAR NOT NULL,     -- file name
    sha256      VARCHAR NOT NULL,     -- hash of the file's bytes
    rows        INTEGER NOT NULL,     -- rows loaded from the file
    duration_s  DOUBLE NOT NULL,      -- seconds the load took
    loaded_at   TIMESTAMP NOT NULL,   -- when (UTC)
    outcome     VARCHAR NOT NULL,     -- 'ok' (failed loads leave the database untouched and are logged to <database>.failed.jsonl)
    loaded_by   VARCHAR NOT NULL      -- who loaded it: the signed-in person (upload page) or the OS user (command line)
);

CREATE TABLE action_progress (
    action_line VARCHAR NOT NULL, -- action line of Actieplan 2.0: casusaanpak, regioaanpak, pilots, kennisnetwerken, energiebesparing, financieel instrumentarium, maatwerk
    item_type   VARCHAR NOT NULL, -- 'mijlpaal' (milestone) or 'indicator' (indicator value)
    item_id     VARCHAR NOT NULL, -- milestone code (free) or indicator code (fixed list in monitor/action_lines.py)
    label       VARCHAR NOT NULL, -- name as shown (Dutch)
    as_of       DATE NOT NULL,    -- date the row's status or value applies to (peildatum)
    planned_on  DATE,             -- milestone: planned date (may lie in the future); NULL for indicators
    actual_on   DATE,             -- milestone: date reached; NULL = not (yet) reached
    status      VARCHAR,          -- milestone: 'gepland', 'gestart', 'afgerond', 'vertraagd' as reported on as_of
    value       DOUBLE,           -- indicator: value on as_of (cumulative), in the indicator's unit (count, t CO2 per year, TJ per year)
    company     VARCHAR,          -- participating company (as installations.company), if the row is about one (confidential)
    subject     VARCHAR,          -- what the row is about if not a company: pilot, region or agreement name
    detail      VARCHAR,          -- theme (pilots), phase (maatwerk) or kind of solution (regioaanpak)
    partners    VARCHAR,          -- partners (confidential)
    note        VARCHAR,          -- note (confidential)
    is_sample   BOOLEAN NOT NULL, -- true = sample data (voorbeelddata)
    source      VARCHAR NOT NULL  -- source file or publication
);

-- Progress letters as sent ("Vastleggen als verzonden" on Rapportage, role regisseur): what was actually
-- reported, so the next letter compares against it and shows which figures new data has since revised.
-- Written by etl/snapshots.py through the same locked copy-and-swap as every load, and kept as JSON in
-- user/report_snapshots/ beside the database so a rebuild loads them again.
CREATE TABLE report_snapshots (
    snapshot_id   INTEGER PRIMARY KEY, -- sequence number of the recorded letter
    sent_on       DATE NOT NULL,       -- date of the letter
    recorded_at   TIMESTAMP NOT NULL,  -- when it was recorded (UTC)
    recorded_by   VARCHAR NOT NULL,    -- who recorded it: the signed-in person, or the OS user
    title         VARCHAR NOT NULL,    -- title of the letter
    year          INTEGER NOT NULL,    -- reporting year of the letter
    baseline_year INTEGER NOT NULL,    -- baseline year of the letter
    target_id     VARCHAR NOT NULL,    -- target path of the letter (-> targets.target_id)
    selection     VARCHAR NOT NULL,    -- sidebar selection in words ('heel Cluster 6 ...' = none)
    load_id       INTEGER,             -- data version: the newest load_log.load_id the figures came from
    fingerprint   VARCHAR NOT NULL,    -- data version: fingerprint over the sha256 of every loaded file
    letter_text   VARCHAR NOT NULL     -- the letter's text as sent (after the regisseur's edits)
);

CREATE TABLE report_snapshot_figures (
    snapshot_id INTEGER NOT NULL,  -- -> report_snapshots
    position    INTEGER NOT NULL,  -- order of the figure in the letter (1 = first)
    figure_key  VARCHAR NOT NULL,  -- the label with its years and dates as placeholders ({jaar}, {basis}, {datum}, ...): with group_name it matches letters of other years
    group_name  VARCHAR NOT NULL,  -- section of the key figures (Uitstoot, Casusaanpak, ...)
    label       VARCHAR NOT NULL,  -- label as printed
    value       DOUBLE,            -- exact value in `unit`; NULL = not available
    text        VARCHAR NOT NULL,  -- value as printed (Dutch formatting)
    unit        VARCHAR NOT NULL,  -- unit of value: 't CO₂-eq', '%', '€', 'aantal', ...
    is_sample   BOOLEAN NOT NULL,  -- true = the figure rested on sample data (voorbeelddata)
    PRIMARY KEY (snapshot_id, group_name, figure_key)
);

CREATE TABLE source_owners (
    table_name VARCHAR NOT NULL,      -- table whose rows carry this source (cases, case_events, subsidies, targets, emissions)
    source     VARCHAR NOT NULL,      -- a value of that table's source column
    file       VARCHAR NOT NULL       -- the file (as loaded) that owns those rows: only a load of that file replaces them
);
