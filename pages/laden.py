"""Bestand laden: upload a CSV/XLSX, recognise its kind, preview it, see every problem, confirm, load.

Only 'regisseur' (the navigation hides this page for the other roles; the guard below also
stops a direct visit). The load goes through etl.load.load_file, the same path as `python -m etl load`.
"""

import streamlit as st

from etl import upload
from monitor import config, db, formatting, session, ui
from monitor.queries import meta

st.title("Bestand laden")

# 1. Who may load
viewer = session.viewer()
if not viewer.may_upload:
    st.error("Alleen de clusterregisseur kan bestanden laden.", icon=":material/lock:")
    st.stop()
st.caption(
    "Laad een eigen CSV- of Excel-bestand (emissies, casussen, statusgeschiedenis, subsidies of doelpaden). "
    "U ziet eerst een voorbeeld en alle fouten; pas na uw bevestiging wordt het geladen. Een bestand vervangt "
    "de rijen uit dezelfde bron (dezelfde bestandsnaam), dus hetzelfde bestand twee keer laden verandert niets."
)
database = config.db_path()

# 2. The result of the load just confirmed (the page reran to read the new database)
done = st.session_state.pop("upload_done", None)
if done:
    st.success(
        f"**{done['file']}** geladen als '{upload.KIND_LABELS[done['kind']]}': {formatting.number(done['rows'])} rijen. "
        "Het dashboard toont de nieuwe gegevens.",
        icon=":material/check_circle:",
    )
    for warning in done["warnings"]:
        st.warning(warning)
    entry = meta.load_log().head(1)
    st.caption("De nieuwe regel in de laadgeschiedenis (load_log):")
    ui.table(entry)
    ui.download(entry, "laadregel.csv", key="dl_entry")

# 3. Choose a file
nonce = st.session_state.setdefault("upload_nonce", 0)
st.caption(
    "Sleep uw bestand in het vak hieronder, of klik in het vak op de knop om een bestand te kiezen. "
    "De tekst in het vak komt van Streamlit en is Engels: ‘Upload’ betekent bestand kiezen, "
    "‘50MB per file’ betekent hoogstens 50 MB per bestand."
)
uploaded = st.file_uploader(
    "CSV- of Excel-bestand (.csv, .txt, .xlsx)", type=["csv", "txt", "xlsx"], key=f"upload_file_{nonce}", max_upload_size=50
)
if uploaded is None:
    kind = st.selectbox("Welke kolommen verwacht de lader?", list(upload.KIND_LABELS), format_func=upload.KIND_LABELS.get)
    ui.table(upload.contract_table(kind))
    st.caption(
        "Scheidingsteken `;` of `,`, decimale komma of punt, duizendtallen met punt, UTF-8 of Windows-1252; "
        "in Excel mag de kopregel lager staan dan rij 1. Datums als dd-mm-jjjj, jjjj-mm-dd of Excel-datum."
    )
    kept = upload.kept_files(database)
    if not kept.empty:
        st.subheader("Eerder geladen eigen bestanden")
        st.caption("Deze bestanden worden bij het opnieuw bouwen van de database (`python -m etl`) opnieuw geladen.")
        ui.table(kept)
    failed = upload.failed_loads(database)
    if not failed.empty:
        with st.expander(f"Geweigerde laadpogingen (laatste {len(failed)})"):
            ui.table(failed)
    st.stop()

# 4. Which kind of data: recognised from the columns, or chosen
path = upload.save_upload(uploaded.getvalue(), uploaded.name, upload.staging_dir(database))
try:
    frame = upload.preview(path, uploaded.name)
    guess = upload.recognise(list(frame.columns))
except Exception:  # noqa: BLE001 - an unreadable file: the check below reports why, in the loader's format
    frame, guess = None, None
kinds = list(upload.KIND_LABELS)
kind = st.selectbox(
    "Soort gegevens",
    kinds,
    index=kinds.index(guess) if guess else 0,
    format_func=upload.KIND_LABELS.get,
    key=f"upload_kind_{path.parent.name}",
)
if guess:
    st.caption(f"Herkend aan de kolommen: {upload.KIND_LABELS[guess]}.")
else:
    st.caption("De soort is niet herkend aan de kolommen: kies hem zelf. De controle hieronder zegt welke kolommen ontbreken.")

# 5. Dry run: exactly the checks of a real load, nothing changed (cached per file, kind and database version)
checks = st.session_state.setdefault("upload_checks", {})
check_key = (path.parent.name, kind, db.data_version(database))
if check_key not in checks:
    checks.clear()
    checks[check_key] = upload.check(kind, path, uploaded.name, database)
result = checks[check_key]

st.subheader("Voorbeeld")
if result.preview is not None:
    st.caption(
        f"{formatting.number(len(result.preview))} rijen, de eerste 20 hieronder; 'rij' is het rijnummer in uw bestand. "
        "Cellen met een fout zijn rood gemarkeerd en beginnen met ⚠."
    )
    shown, marks = upload.marked_preview(result)
    as_in_file = {name: formatting.Column(str(name)) for name in shown.columns if name != "rij"}  # the file's own headers
    ui.table(shown, as_in_file | {"rij": formatting.Column("rij", "int")}, marks=marks, label="Voorbeeld van uw bestand")
else:
    st.caption("Het bestand kon niet als tabel worden gelezen.")

st.subheader("Controle")
for warning in result.warnings:
    st.warning(warning, icon=":material/warning:")
if not result.ok:
    st.error(
        f"**{formatting.number(len(result.report))} fout(en) — niets geladen.** Verbeter het bestand en laad het opnieuw; "
        "de database is niet gewijzigd.",
        icon=":material/block:",
    )
    ui.table(result.report)
    ui.download(result.report, "controlerapport.csv", key="dl_report")
    st.stop()
st.success(
    f"Geen fouten: {formatting.number(result.rows)} rijen klaar om te laden als '{upload.KIND_LABELS[kind]}'.",
    icon=":material/check:",
)

# 6. Confirm and load (build-then-swap: readers see the old or the new database, never a mix)
if st.button("Laden in de database", type="primary", icon=":material/upload:"):
    try:
        report = upload.load(kind, path, uploaded.name, database, upload.loader_name(viewer.email, viewer.role))
    except Exception as error:  # the database may have changed since the check; show why, nothing was loaded
        st.error("Laden geweigerd; de database is niet gewijzigd.", icon=":material/block:")
        ui.table(upload.report_of(error, uploaded.name))
        st.stop()
    upload.discard_upload(path)
    st.session_state["upload_done"] = {"file": report.file, "kind": kind, "rows": report.rows, "warnings": report.warnings}
    st.session_state["upload_nonce"] = nonce + 1  # empty the uploader
    checks.clear()
    st.rerun()
st.caption(
    "Een kopie van het bestand wordt bewaard (map user/ naast de database), zodat het opnieuw bouwen van de "
    "database het weer laadt."
)
