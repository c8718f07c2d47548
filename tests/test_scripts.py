"""The scripts Streamlit runs (dashboard.py and pages/) do not rely on "magic", which .streamlit/config.toml
turns off: magic would write a bare expression on its own line to the page, and AppTest runs with it on, so
a script that relied on it would pass its tests and show less in the app."""

from __future__ import annotations

import ast
import tomllib

import pytest
from streamlit.runtime.scriptrunner import magic

from tests.conftest import ROOT

SCRIPTS = ["dashboard.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]


def test_magic_is_off():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False


@pytest.mark.parametrize("script", SCRIPTS)
def test_magic_would_add_nothing(script):
    source = (ROOT / script).read_text(encoding="utf-8")
    rewritten = magic.add_magic(source, script)
    rewritten.body = [  # magic's own import, which every script gets
        node for node in rewritten.body if not (isinstance(node, ast.Import) and node.names[0].name.endswith("magic_funcs"))
    ]
    assert ast.dump(rewritten) == ast.dump(ast.parse(source)), f"{script}: a bare expression that magic would show"
