"""The benchmark runs end to end at tiny sizes; it reports figures and asserts no times."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import REPO

KEYS = {
    "cold_package_s",
    "cold_package_ratio",
    "cold_ga_s",
    "cold_ga_ratio",
    "cold_package_uncached_s",
    "cold_package_cpu_s",
    "cold_ga_cpu_s",
    "batch_j2_cpu_ms_per_agenda",
    "check_dossiers_per_cpu_s",
    "pandoc_ga_s",
    "warm_ga_ms",
    "batch_j1_agendas_per_s",
    "batch_j2_agendas_per_s",
    "check_dossiers_per_s",
    "check_j1_dossiers_per_s",
    "check_j1_dossiers_per_cpu_s",
    "items_3_package_s",
    "items_3_ratio",
    "items_3_status_s",
    "peak_rss_mib",
    "help_s",
    "long_paragraph_update_s",
    "long_paragraph_rss_mib",
}
PANDOC = {"pandoc_ga_s", "cold_package_ratio", "cold_ga_ratio", "items_3_ratio"}


def test_benchmark_reports_every_figure() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--json", "--runs", "1", "--agendas", "2", "--dossiers", "3",
         "--items", "3", "--paragraph", "20000"],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    figures = json.loads(result.stdout)
    assert set(figures) >= KEYS
    for name in KEYS - PANDOC:
        assert figures[name] > 0, name
