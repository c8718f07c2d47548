"""Every SQL statement the app runs, one module per subject; parameterized, cached per data version.

Each function documents the columns it returns. Pages call these; they hold no SQL themselves.
Functions over confidential tables (cases, case_events, subsidies) take a Viewer (monitor.access).
"""
