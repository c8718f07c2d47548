"""Who is looking, and what they may see. Every query of confidential data takes a Viewer.

Roles: 'ministerie' (everything), 'regisseur' (everything plus reports and uploads), 'bedrijf' (one
company: its own installations, cases and subsidies, plus anonymised aggregates).
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("ministerie", "regisseur", "bedrijf")
MIN_COMPANIES = 3  # statistical disclosure control: aggregates over fewer companies are suppressed
SUPPRESSED = "< 3 bedrijven"


@dataclass(frozen=True)
class Viewer:
    role: str
    company: str | None = None
    email: str | None = None

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"onbekende rol '{self.role}'")
        if self.role == "bedrijf" and not self.company:
            raise ValueError("de rol 'bedrijf' hoort bij precies één bedrijf")

    @property
    def sees_all(self) -> bool:
        return self.role in ("ministerie", "regisseur")

    def company_filter(self, column: str = "company") -> tuple[str, tuple]:
        """SQL condition and parameters limiting rows to what this viewer may see."""
        if self.sees_all:
            return "TRUE", ()
        return f"{column} = ?", (self.company,)


MINISTRY = Viewer("ministerie")
