"""The template code cache: compiled template code kept in the caller's own folder, and used
only from a folder and files that only the caller could have written; attacked as a colleague
on the same machine, a kill or a named pipe would: a named pipe under an entry's name is not
waited on, a write killed halfway leaves the entry it was replacing whole, a relative cache
home puts no cache in the working folder, and documents rendered with the cache cold, warm
after an edit, or off are the same bytes."""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import signal
import subprocess
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import small
from briefgen.compose import codecache
from briefgen.compose.templates import Templates
from briefgen.data import private_cache
from briefgen.errors import UserError
from helpers import edit

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


class Waited(Exception):
    """Raised by the alarm: the code under test waited."""


@contextmanager
def without_waiting(seconds: int = 10) -> Iterator[None]:
    """Fail, instead of hanging, when the block waits ``seconds`` or more."""

    def ring(signum: int, frame: object) -> None:
        raise Waited(f"waited {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_named_pipe_under_an_entry_s_name_is_ignored_without_waiting(cache: Path, folder: Path) -> None:
    rendered(folder)
    (cache / entry(folder)).unlink()
    os.mkfifo(cache / entry(folder), 0o600)
    with without_waiting():
        assert rendered(folder) == "Goedendag Jan.\n"


def test_a_write_killed_halfway_leaves_the_entry_it_replaces_whole(cache: Path, folder: Path) -> None:
    """A kill -9 while an entry is written: the entry read next is the one written before."""
    rendered(folder)
    before = (cache / entry(folder)).read_bytes()
    descriptor = private_cache.open_folder(cache, create=False)
    assert descriptor is not None
    child = os.fork()
    if child == 0:  # pragma: no cover - the child is killed
        write = os.write

        def killed_halfway(handle: int, data: bytes) -> int:
            write(handle, bytes(data[: len(data) // 2]))
            os.kill(os.getpid(), signal.SIGKILL)
            return 0

        os.write = killed_halfway
        private_cache.write_entry(descriptor, entry(folder), codecache.FORMAT, b"\0" * 4096)
        os._exit(0)
    os.close(descriptor)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status)
    assert (cache / entry(folder)).read_bytes() == before
    assert rendered(folder) == "Goedendag Jan.\n"


@pytest.mark.parametrize("home", ["", "relative/home"])
def test_a_relative_cache_home_puts_no_cache_in_the_working_folder(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, home: str
) -> None:
    """A relative ``XDG_CACHE_HOME`` is not used (the XDG rule), nor a relative ``HOME``:
    either would put code that runs in whatever folder the command was started from."""
    working = tmp_path / "working"
    working.mkdir()
    monkeypatch.chdir(working)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", home)
    monkeypatch.delenv(private_cache.SETTING, raising=False)
    assert rendered(folder) == "Goedendag Jan.\n"
    assert list(working.iterdir()) == []


def test_a_relative_cache_home_falls_back_on_an_absolute_home(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv(private_cache.SETTING, raising=False)
    rendered(folder)
    assert [path.name for path in (tmp_path / "home" / ".cache" / "briefgen").iterdir()] == [entry(folder)]
    assert not (tmp_path / "relative").exists()


def test_a_cache_home_whose_parent_is_missing_is_not_made(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache's own folder and the one holding it are made, no chain of folders above:
    a cache home set to a path that is not there (or leads through another user's link)
    makes no folders wherever it points."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "missing" / "deeper" / "cache"))
    monkeypatch.delenv(private_cache.SETTING, raising=False)
    assert rendered(folder) == "Goedendag Jan.\n"
    assert not (tmp_path / "missing").exists()


def test_an_interrupted_write_leaves_no_temporary_behind(
    cache: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while an entry is written: the interrupt goes on, and no temporary file is left."""
    descriptor = private_cache.open_folder(cache, create=True)
    assert descriptor is not None

    def interrupted(handle: int, data: bytes) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    try:
        with pytest.raises(KeyboardInterrupt):
            private_cache.write_entry(descriptor, entry(folder), codecache.FORMAT, b"\0" * 64)
    finally:
        os.close(descriptor)
    assert list(cache.iterdir()) == []


def test_a_folder_replaced_by_a_link_after_its_check_is_not_read_through(
    cache: Path, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is swapped between its check and the entry's open: the entry is read from
    the folder that was checked, not from where the link now points."""
    rendered(folder)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    plant(elsewhere, entry(folder), planted_code(folder))
    checked = private_cache.open_folder

    def swapped_after_check(path: Path | None, create: bool) -> int | None:
        descriptor = checked(path, create)
        if path == cache and not cache.is_symlink():
            cache.rename(tmp_path / "aside")
            cache.symlink_to(elsewhere)
        return descriptor

    monkeypatch.setattr(private_cache, "open_folder", swapped_after_check)
    assert rendered(folder) == "Goedendag Jan.\n"


def build(root: Path, home: Path, *settings: str) -> dict[str, bytes]:
    """The agenda's documents, rendered by a new ``briefgen`` process with the cache home
    ``home`` and the environment ``settings`` (``NAME=value``)."""
    shutil.rmtree(root / "build", ignore_errors=True)
    environment = {**os.environ, "XDG_CACHE_HOME": str(home)}
    environment.pop(private_cache.SETTING, None)
    environment.update(setting.split("=", 1) for setting in settings)
    command = [sys.executable, "-m", "briefgen", "render", small.AGENDA]
    done = subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / small.OUT).rglob("*"))
        if path.is_file()
    }


def test_documents_are_the_same_bytes_with_the_cache_cold_warm_after_an_edit_or_off(tmp_path: Path) -> None:
    root, home = small.project(tmp_path / "p", 2, letter=True), tmp_path / "home"
    cold = build(root, home)
    assert build(root, home) == cold
    assert any((home / "briefgen").glob("*.py"))
    edit(root, "templates/_voetnoot.md.j2", "{{ voetnoot }}", "{{ voetnoot }} (n)")
    warm = build(root, home)
    assert warm != cold
    assert warm == build(root, home, f"{private_cache.SETTING}=0")


def test_past_its_bound_the_cache_keeps_the_newest_entries(
    cache: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each template edit leaves an entry behind: past ``MAX_ENTRIES`` a new entry's write
    removes the oldest written, and leaves another cache's entries alone."""
    monkeypatch.setattr(codecache, "MAX_ENTRIES", 5)
    cache.mkdir(parents=True, mode=0o700)
    old = [f"{n:064x}.py" for n in range(8)]
    for age, name in enumerate(old):
        (cache / name).write_bytes(b"")
        os.utime(cache / name, ns=(1_000_000_000 * age, 1_000_000_000 * age))
    (cache / "dataclasses-other").write_bytes(b"")
    rendered(folder)
    assert sorted(path.name for path in cache.iterdir()) == sorted(
        [*old[4:], entry(folder), "dataclasses-other"]
    )
