"""The scale benchmark's browser figures (benchmarks/scale.py): a page and the trivial page are visited in
pairs, and the verdict is the median of the pairs' ratios. These tests need no browser: they check the
summary of given visits and the table printed from it."""

from __future__ import annotations

import pytest

from benchmarks import scale


def _visit(content_ms: float, cpu_ms: float = 300.0) -> dict:
    return {"browser_ms": content_ms, "drawn_ms": content_ms + 50, "main_cpu_ms": cpu_ms, "server_cpu_ms": 20.0, "bytes": 1000}


def test_the_verdict_is_the_median_of_each_pairs_ratio_not_a_ratio_of_unpaired_medians():
    # the machine slows down halfway: the trivial page and the page slow down together, as visited in turns
    pairs = [
        (_visit(500), _visit(700)),  # 1.4
        (_visit(520), _visit(780)),  # 1.5
        (_visit(900), _visit(1170)),  # 1.3: a slow moment hits both visits of the pair
        (_visit(950), _visit(1330)),  # 1.4
        (_visit(480), _visit(672)),  # 1.4
    ]
    summary = scale.summarise_pairs(pairs)
    assert summary["ratio"] == pytest.approx(1.4)
    assert (summary["ratio_q1"], summary["ratio_q3"]) == (pytest.approx(1.4), pytest.approx(1.4))
    assert summary["browser_ms"] == 780  # the page's own median visit
    assert summary["paired"]["browser_ms"] == 520  # the median of its trivial visits
    assert summary["browser_ms"] / summary["paired"]["browser_ms"] == pytest.approx(1.5)  # unpaired: worse than any pair
    assert summary["browser_spread_ms"] == 1330 - 672
    assert summary["drawn_ms"] == 830 and summary["bytes"] == 1000


def test_one_pair_is_its_own_median_and_quartiles():
    summary = scale.summarise_pairs([(_visit(500), _visit(600))])
    assert summary["ratio"] == summary["ratio_q1"] == summary["ratio_q3"] == pytest.approx(1.2)


def test_the_table_shows_the_paired_ratio_its_quartiles_and_the_other_figures_against_the_paired_visits():
    page = scale.summarise_pairs([(_visit(500, 300), _visit(800, 900)), (_visit(600, 300), _visit(780, 900))])
    web = {
        "NL, terugkerend bezoek": {
            scale.TRIVIAL: scale._medians([_visit(500, 300), _visit(600, 300)]) | {"url": scale.TRIVIAL},
            "overzicht": page | {"url": "http://127.0.0.1/"},
            "kaart": None,
        }
    }
    lines = scale.browser_table(web)
    [trivial] = [line for line in lines if line.startswith(scale.TRIVIAL)]
    [overzicht] = [line for line in lines if line.startswith("overzicht")]
    assert trivial.split()[2:5] == ["550", "1.00", "-"]  # its own reference, no pairs of its own
    cells = overzicht.split()
    assert cells[1:4] == ["790", "1.45", "1.38-1.53"]  # median of 1.6 and 1.3, and their quartiles (inclusive)
    assert cells[7] == "900" and cells[8] == "3.00"  # browser CPU against the paired trivial visits' median
    assert "kaart              niet gemeten" in lines
    assert any("doel <= 1,5" in line for line in lines)


def test_a_pages_bytes_count_the_map_files_it_fetches_and_nothing_else():
    class Response:
        def __init__(self, url: str, length: int):
            self.url, self.headers = url, {"content-length": str(length)}

    received = [1000]  # over the websocket
    for url, length in [
        ("http://127.0.0.1:8501/media/3c254f5f8100bee81ebb9552178bf5a1.json", 480_000),  # a map layer
        ("http://127.0.0.1:8501/static/media/SourceSansVF-Upright.woff2", 70_000),  # a font: Streamlit's own
        ("http://127.0.0.1:8501/_stcore/host-config", 500),
    ]:
        scale._count_map_file(Response(url, length), received)
    assert received == [481_000]
