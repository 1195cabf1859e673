"""The benchmark runs end to end at tiny sizes; it reports figures and asserts no times."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import REPO

KEYS = {
    "cold_render_s",
    "pandoc_ga_s",
    "cold_ratio",
    "warm_ga_ms",
    "batch_agendas_per_s",
    "check_dossiers_per_s",
    "peak_rss_mib",
    "help_s",
    "long_paragraph_update_s",
    "long_paragraph_rss_mib",
}


def test_benchmark_reports_every_figure() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--json", "--runs", "1", "--agendas", "2", "--dossiers", "3",
         "--paragraph", "20000"],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    figures = json.loads(result.stdout)
    assert set(figures) >= KEYS
    for name in KEYS - {"pandoc_ga_s", "cold_ratio"}:
        assert figures[name] > 0, name
