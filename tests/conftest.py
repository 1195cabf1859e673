from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from briefgen.data import private_cache
from helpers import AGENDA, GA, LVVN, briefgen, copy_example

SLOW_MODULES = {
    "test_bench.py",  # the benchmark, end to end
    "test_faults.py",  # a command killed at every disk step, the disk filled at every write
}
"""Modules whose every test is in the slow lane."""
SLOW_FIXTURES = {"pdf_text", "pdfs"}
"""Fixtures that run LibreOffice: a test using one is in the slow lane."""
SLOW_REASONS = ("LibreOffice", "soffice", "pdftotext")
"""A test skipped when one of these is missing drives it, so it is in the slow lane."""
SLOW_TESTS = {
    "test_absorb_roundtrip.py::test_random_edits_round_trip",
    "test_absorb_roundtrip.py::test_random_edits_round_trip_after_libreoffice",
    "test_absorb_roundtrip.py::test_random_nota_edits_round_trip",
    "test_absorb_text.py::test_a_link_to_another_kind_of_address_comes_back_as_text",
    "test_absorb_text.py::test_typed_text_renders_as_typed_after_absorb",
    "test_bounds.py::test_a_position_that_is_not_a_file_is_refused",
    "test_bounds.py::test_an_agenda_that_is_a_fifo_is_refused_without_waiting",
    "test_bounds.py::test_many_values_without_aliases_are_not_called_aliases",
    "test_bounds.py::test_new_copies_a_vertical_tab_that_render_accepts",
    "test_bounds.py::test_values_nested_tens_of_thousands_deep_are_refused_before_parsing",
    "test_configurations.py::test_documents_are_schema_valid",
    "test_configurations.py::test_render_agendas_renders_every_example",
    "test_diff.py::test_accept_and_reject_reproduce_both_texts",
    "test_diff.py::test_footnotes_both_versions_share_stay_single",
    "test_diff.py::test_libreoffice_keeps_the_tracked_changes",
    "test_docx_bounds.py::test_nested_tables_are_read_cell_by_cell_in_order",
    "test_errors.py::test_bad_input_leaves_earlier_build_byte_for_byte",
    "test_errors.py::test_values_nested_without_end_are_refused",
    "test_formations.py::test_formation_documents_pass_the_schema_check",
    "test_import.py::test_known_dossiers_get_a_new_entry_and_keep_every_byte",
    "test_import_property.py::test_any_ga_renders_again_to_its_own_paragraphs",
    "test_import_styles.py::test_every_shipped_formation_imports_back_to_the_same_text",
    "test_package.py::test_pdf_numbers_page_one_and_follow_on_pages",
    "test_pdf.py::test_two_agendas_pdfs_read_as_their_own_docx",
    "test_rebuild.py::test_new_agenda_checks_and_renders",
    "test_redline.py::test_readings_are_exact_whatever_the_word_budget",
    "test_round.py::test_libreoffice_answers_that_disagree_name_their_authors",
    "test_round.py::test_the_lost_update_with_answers_saved_by_libreoffice",
    "test_round_property.py::test_no_colleagues_edit_is_lost",
    "test_round_property.py::test_no_colleagues_edit_is_lost_through_libreoffice",
    "test_safety_templates.py::test_a_broken_reference_docx_gives_the_documented_message",
    "test_safety_templates.py::test_a_fifo_as_reference_docx_is_refused_without_waiting",
    "test_safety_templates.py::test_a_fifo_as_template_is_refused_without_waiting",
    "test_safety_templates.py::test_a_hostile_template_is_a_template_error_at_its_line",
    "test_safety_templates.py::test_any_template_renders_or_is_a_template_error_at_its_place",
    "test_safety_templates.py::test_pdf_never_uses_a_profile_folder_someone_prepared",
    "test_schema.py::test_example_files_are_valid_against_their_schema",
    "test_schema.py::test_pre_commit_hook_runs_briefgen_check",
    "test_sentences_are_data.py::test_new_fields_read_back_exactly",
    "test_sources.py::test_every_shipped_agenda_composes_alike_with_and_without_its_source_map",
    "test_startup.py::test_rendering_loads_no_plugin_discovery",
    "test_template_methods.py::test_encode_piece_by_piece_makes_what_python_makes",
    "test_text_is_data.py::test_letter_and_nota_texts_read_back_exactly",
    "test_text_is_data.py::test_lists_headings_and_quotes_in_texts_and_footnotes_keep_paragraphs_well_formed",
    "test_text_is_data.py::test_lists_headings_and_quotes_in_the_letter_and_nota_keep_paragraphs_well_formed",
    "test_text_is_data.py::test_mutated_yaml_gives_a_result_or_a_user_error",
    "test_text_is_data.py::test_one_line_values_stay_text_in_table_cells_and_signatures",
    "test_text_is_data.py::test_random_footnote_text_reads_back_exactly",
    "test_text_is_data.py::test_random_text_reads_back_exactly",
    "test_verslag.py::test_random_verslag_text_reads_back_exactly",
    "test_yaml_paths.py::test_random_scalars_read_the_same",
}
"""Tests (``module.py::name``, all their parameters) that took 2.5 s or more together in
a full run: LibreOffice round trips, long property runs, a subprocess per case. Measured with
``pytest --all --durations=0``; the fast lane keeps about a fifth of the suite's time."""


os.environ["LANGUAGE"] = "en"
"""Messages in English whatever the machine's locale: tests assert on the English texts
(LANGUAGE comes first of the locale variables; a test of the Dutch ones sets its own)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--all", action="store_true", help="run the slow lane too (every test)")


def pytest_configure(config: pytest.Config) -> None:
    """Template code is cached in a folder of this run's own, never in the user's ~/.cache.

    The default lane leaves out the tests marked ``slow`` (pyproject's ``addopts``);
    ``--all`` runs every test, ``-m slow`` the slow ones alone."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="briefgen-test-cache-")
    if config.getoption("--all"):
        config.option.markexpr = ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow lane: LibreOffice, kill and fault loops, the benchmark, long property runs."""
    for item in items:
        module = item.path.name
        name = f"{module}::{getattr(item, 'originalname', item.name)}"
        if module in SLOW_MODULES or name in SLOW_TESTS or _slow_by_need(item):
            item.add_marker(pytest.mark.slow)


def pytest_deselected(items: list[pytest.Item]) -> None:
    _LEFT_OUT.extend(item for item in items if item.get_closest_marker("slow"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say that the slow lane was left out, and how to run it."""
    if _LEFT_OUT:
        terminalreporter.write_line(
            f"{len(_LEFT_OUT)} slow tests left out (the fast lane): run them with `pytest -m slow` or `pytest --all`"
        )


_LEFT_OUT: list[pytest.Item] = []


def _slow_by_need(item: pytest.Item) -> bool:
    if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    return any(
        any(word in str(mark.kwargs.get("reason", "")) for word in SLOW_REASONS)
        for mark in item.iter_markers("skipif")
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.get("XDG_CACHE_HOME", ""), ignore_errors=True)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh home for the caches of compiled code; the cache folder is ``<home>/briefgen``."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(private_cache.SETTING, raising=False)
    return home / "briefgen"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project, safe to break."""
    return copy_example(tmp_path)


@pytest.fixture(scope="session")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example Milieuraad package with a KGG review copy, and the LVVN example; read only."""
    root = copy_example(tmp_path_factory.mktemp("package"))
    assert briefgen(root, "render", AGENDA, "--arcering", "KGG").exit_code == 0
    assert briefgen(root, "render", LVVN, "--arcering", "lvvn").exit_code == 0
    return root


@pytest.fixture(scope="session")
def rendered(package: Path) -> Path:
    """The example GA (the one for Parliament, without shading); read only."""
    return package / GA
