"""Who is looking, and what they may see. Every query of confidential data takes a Viewer.

Roles: 'ministerie' (everything), 'regisseur' (everything plus uploads), 'bedrijf' (one
company: its own installations, cases and subsidies, plus anonymised aggregates).
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("ministerie", "regisseur", "bedrijf")
PUBLIC = "publiek"  # visitors of the public view (C6_PUBLIC=1, monitor.public); never a role in the roles file
MIN_COMPANIES = 3  # statistical disclosure control: aggregates over fewer companies are suppressed
SUPPRESSED = "< 3 bedrijven"


@dataclass(frozen=True)
class Viewer:
    role: str
    company: str | None = None
    email: str | None = None

    def __post_init__(self):
        if self.role not in (*ROLES, PUBLIC):
            raise ValueError(f"onbekende rol '{self.role}'")
        if self.role == "bedrijf" and not self.company:
            raise ValueError("de rol 'bedrijf' hoort bij precies één bedrijf")

    @property
    def sees_all(self) -> bool:
        return self.role in ("ministerie", "regisseur")

    @property
    def is_public(self) -> bool:
        """The public view: no case, subsidy, sample or contact data at all (monitor.public)."""
        return self.role == PUBLIC

    @property
    def records_letters(self) -> bool:
        """Only the clusterregisseur records a progress letter as sent (Rapportage, report_snapshots)."""
        return self.role == "regisseur"

    @property
    def may_upload(self) -> bool:
        """Only the clusterregisseur loads files (README: roles); the ministry reads everything."""
        return self.role == "regisseur"

    def scope(self) -> tuple[bool, str | None]:
        """Parameters for the scope condition every confidential query carries, written literally as
        `(? OR company = ?)`: true for roles that see everything, else only this viewer's company."""
        return (self.sees_all, self.company)


MINISTRY = Viewer("ministerie")
PUBLIC_VIEWER = Viewer(PUBLIC)  # scope (False, None): confidential queries return no rows


def suppress_small(frame, viewer: Viewer, companies_column: str = "companies", value_columns: tuple[str, ...] = ()):
    """Statistical disclosure control: for a viewer who does not see everything, blank every value
    column of rows aggregating fewer than MIN_COMPANIES companies and mark them SUPPRESSED.

    Returns a copy; the value columns become text ('< 3 bedrijven') where suppressed. Applied to what
    is shown and to what is downloaded alike.
    """
    out = frame.copy()
    if viewer.sees_all or out.empty:
        return out
    small = out[companies_column] < MIN_COMPANIES
    for column in value_columns:
        out[column] = out[column].astype(object)
        out.loc[small, column] = SUPPRESSED
    out[companies_column] = out[companies_column].astype(object)
    out.loc[small, companies_column] = SUPPRESSED
    return out


def denied_notice(requested: str | None, role: str, pages) -> str | None:
    """What to tell a viewer whose URL asked for a page its role may not see (e.g. a company opening
    /casussen), or None. `pages`: items with url_path, title and roles (dashboard.PageSpec)."""
    if not requested:
        return None
    for page in pages:
        if page.url_path == requested.strip("/") and role not in page.roles:
            allowed = " en ".join(page.roles)
            roles = "de rol" if len(page.roles) == 1 else "de rollen"
            return f"De pagina '{page.title}' is alleen te zien voor {roles} {allowed}; u heeft er geen toegang toe."
    return None


def no_access_page() -> None:
    """The page behind the address of a page this viewer's role may not see (hidden in the navigation):
    the frame's notice (denied_notice) says which page and why; this offers the way on."""
    import streamlit as st

    st.title("Geen toegang")
    st.page_link("pages/overzicht.py", label="Naar het overzicht", icon=":material/dashboard:")
