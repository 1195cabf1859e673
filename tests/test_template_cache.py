"""The template code cache: compiled template code kept in the caller's own folder, and used
only from a folder and files that only the caller could have written."""

from __future__ import annotations

import hashlib
import marshal
import os
import types
from pathlib import Path

import pytest

from briefgen.compose import codecache
from briefgen.compose.templates import Templates
from briefgen.data import private_cache
from briefgen.errors import UserError

NAME = "groet.md.j2"
SOURCE = "Goedendag {{ naam }}.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    templates = tmp_path / "project" / "templates"
    templates.mkdir(parents=True)
    (templates / NAME).write_text(SOURCE, encoding="utf-8")
    return templates


def rendered(folder: Path) -> str:
    return Templates(folder, "Milieuraad").render(NAME, naam="Jan")


def entry(folder: Path) -> str:
    """The name of the entry for the test template, as the cache computes it."""
    env = Templates(folder, "Milieuraad").env
    return codecache.entry_name(codecache.settings(env), NAME, SOURCE)


def plant(cache: Path, key: str, code: types.CodeType, *, valid_hash: bool = True) -> Path:
    """An entry with ``code`` for ``key``; with ``valid_hash=False`` its recorded hash is wrong."""
    body = marshal.dumps(code)
    digest = hashlib.sha256(body if valid_hash else body + b"#").hexdigest()
    path = cache / key
    path.write_bytes(b"# %s\n# %s\n# %s\n" % (codecache.FORMAT, key.encode(), digest.encode()) + body)
    path.chmod(0o600)
    return path


def planted_code(folder: Path) -> types.CodeType:
    """What the test template compiles to, with its text replaced by ``PLANTED``."""
    env = Templates(folder, "Milieuraad").env
    source = env.compile(SOURCE, NAME, str(folder / NAME), raw=True)
    assert "'Goedendag '" in source
    return compile(source.replace("'Goedendag '", "'PLANTED '"), str(folder / NAME), "exec")


def test_a_render_leaves_one_private_entry_per_template(cache: Path, folder: Path) -> None:
    assert rendered(folder) == "Goedendag Jan.\n"
    assert cache.stat().st_mode & 0o777 == 0o700
    entries = sorted(path.name for path in cache.iterdir())
    assert entries == [entry(folder)]
    assert (cache / entries[0]).stat().st_mode & 0o777 == 0o600


def test_an_entry_is_a_code_object_under_its_name_and_hash(cache: Path, folder: Path) -> None:
    rendered(folder)
    data = (cache / entry(folder)).read_bytes()
    first, name, digest, body = data.split(b"\n", 3)
    assert first == b"# " + codecache.FORMAT
    assert name == b"# " + entry(folder).encode()
    assert digest == b"# " + hashlib.sha256(body).hexdigest().encode()
    code = marshal.loads(body)
    assert "root" in code.co_names or any(getattr(c, "co_name", "") == "root" for c in code.co_consts)


def test_a_trusted_entry_is_used(cache: Path, folder: Path) -> None:
    """The control for the tests below: an entry the caller wrote is the code that runs."""
    rendered(folder)
    plant(cache, entry(folder), planted_code(folder))
    assert rendered(folder) == "PLANTED Jan.\n"


def test_an_altered_entry_is_ignored_and_replaced(cache: Path, folder: Path) -> None:
    rendered(folder)
    plant(cache, entry(folder), planted_code(folder), valid_hash=False)
    assert rendered(folder) == "Goedendag Jan.\n"
    assert b"PLANTED" not in (cache / entry(folder)).read_bytes()


def test_an_entry_under_another_name_is_ignored(cache: Path, folder: Path) -> None:
    rendered(folder)
    path = plant(cache, entry(folder), planted_code(folder))
    data = path.read_bytes().replace(entry(folder).encode(), b"0" * 64 + b".py", 1)
    path.write_bytes(data)
    assert rendered(folder) == "Goedendag Jan.\n"


def test_an_entry_others_may_write_is_ignored(cache: Path, folder: Path) -> None:
    rendered(folder)
    plant(cache, entry(folder), planted_code(folder)).chmod(0o666)
    assert rendered(folder) == "Goedendag Jan.\n"


def test_a_linked_entry_is_ignored(cache: Path, folder: Path, tmp_path: Path) -> None:
    rendered(folder)
    elsewhere = plant(tmp_path, entry(folder), planted_code(folder))
    (cache / entry(folder)).unlink()
    (cache / entry(folder)).symlink_to(elsewhere)
    assert rendered(folder) == "Goedendag Jan.\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_owned_by_another_user_is_ignored(cache: Path, folder: Path) -> None:
    rendered(folder)
    os.chown(plant(cache, entry(folder), planted_code(folder)), 12345, 12345)
    assert rendered(folder) == "Goedendag Jan.\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_cache_folder_owned_by_another_user_is_not_used(cache: Path, folder: Path) -> None:
    rendered(folder)
    plant(cache, entry(folder), planted_code(folder))
    os.chown(cache, 12345, 12345)
    assert rendered(folder) == "Goedendag Jan.\n"


def test_a_cache_folder_others_can_open_is_not_used(cache: Path, folder: Path) -> None:
    rendered(folder)
    plant(cache, entry(folder), planted_code(folder))
    cache.chmod(0o755)
    assert rendered(folder) == "Goedendag Jan.\n"


def test_a_cache_folder_that_is_a_link_is_not_used(cache: Path, folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache.parent.mkdir()
    cache.symlink_to(elsewhere)
    rendered(folder)
    assert list(elsewhere.iterdir()) == []
    plant(elsewhere, entry(folder), planted_code(folder))
    assert rendered(folder) == "Goedendag Jan.\n"


def test_an_entry_serves_the_same_template_in_another_folder(
    cache: Path, folder: Path, tmp_path: Path
) -> None:
    """The code read back names the template file it renders, not the one it was first compiled from."""
    rendered(folder)
    other = tmp_path / "other" / "templates"
    other.mkdir(parents=True)
    (other / NAME).write_text(SOURCE, encoding="utf-8")
    template = Templates(other, "Milieuraad").env.get_template(NAME)
    assert template.render(naam="Jan") == "Goedendag Jan.\n"
    assert len(list(cache.iterdir())) == 1
    assert template.root_render_func.__code__.co_filename == str(other / NAME)


def test_a_changed_template_gets_its_own_entry(cache: Path, folder: Path) -> None:
    rendered(folder)
    (folder / NAME).write_text("Dag {{ naam }}.\n", encoding="utf-8")
    assert rendered(folder) == "Dag Jan.\n"
    assert len(list(cache.iterdir())) == 2


def test_other_sandbox_settings_get_other_entries(folder: Path) -> None:
    env = Templates(folder, "Milieuraad").env
    before = codecache.entry_name(codecache.settings(env), NAME, SOURCE)
    env.trim_blocks = False
    assert codecache.entry_name(codecache.settings(env), NAME, SOURCE) != before


def test_the_cache_can_be_turned_off(cache: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(private_cache.SETTING, "0")
    assert rendered(folder) == "Goedendag Jan.\n"
    assert not cache.exists()


def test_an_error_in_a_macro_read_from_an_entry_is_placed_in_the_template_used(
    cache: Path, tmp_path: Path
) -> None:
    """The code of a macro, inside the entry's code, names the template file it renders too."""
    source = "{% macro deel(n) %}\n{{ 1 // n }}\n{% endmacro %}{{ deel(0) }}\n"
    places = []
    for name in ("een", "twee"):
        templates = tmp_path / name / "templates"
        templates.mkdir(parents=True)
        (templates / NAME).write_text(source, encoding="utf-8")
        with pytest.raises(UserError) as raised:
            Templates(templates, "Milieuraad").render(NAME)
        places.append(str(raised.value.problems[0].location))
    assert len(list(cache.iterdir())) == 1
    assert places == [f"templates/{NAME}:2:1"] * 2
