"""The pages and roles the browser tests visit, read from dashboard.py's PageSpec table (no import: that
would run the Streamlit frame)."""

from __future__ import annotations

import ast

from monitor.access import PUBLIC, ROLES
from tests.e2e.harness import ROOT

# A company in the fixture database, for the role 'bedrijf'.
COMPANY = "O-I Netherlands B.V."
OTHER_COMPANY = "Nobian Chemicals B.V."


# dashboard.py's names for role tuples (a PageSpec's roles may be one of them, not a literal)
NAMED = {"ROLES": ROLES, "OPEN": (*ROLES, PUBLIC)}


def _value(node: ast.expr):
    return NAMED[node.id] if isinstance(node, ast.Name) else ast.literal_eval(node)


def page_specs() -> list[dict]:
    """[{path, title, url_path, roles, default}] as in dashboard.PAGES."""
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    specs = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "PageSpec":
            fields = ["path", "title", "icon", "url_path", "section", "roles"]
            spec = {name: _value(arg) for name, arg in zip(fields, node.args, strict=False)}
            spec.update({kw.arg: _value(kw.value) for kw in node.keywords})
            spec.setdefault("roles", ROLES)
            spec.setdefault("default", False)
            specs.append(spec)
    return specs


def address(url_path: str) -> str:
    """Where a page is served: the default page at '/', which Streamlit does not serve at its url_path once a
    session's pages are known (it shows a 'Page not found' dialog over the default page, and that dialog makes
    the rest of the page inert: no clicks, and axe checks nothing behind it)."""
    defaults = {spec["url_path"] for spec in page_specs() if spec["default"]}
    return "" if url_path in defaults else url_path


def visits() -> list[tuple[str, str]]:
    """(role, url_path) for every page every role may open."""
    return [(role, spec["url_path"]) for role in ROLES for spec in page_specs() if role in spec["roles"]]
