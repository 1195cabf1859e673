"""The Windows path of briefgen/data/platform.py, exercised on Linux: ``platform.WINDOWS`` is
set and ``msvcrt`` is a fake that locks bytes as Windows does (a second lock on a locked
byte is refused, whoever asks)."""

from __future__ import annotations

import ast
import errno
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import small
from briefgen.compose.codecache import CodeCache
from briefgen.data import confine, platform
from briefgen.data.files import read_bytes
from briefgen.errors import Location, UserError
from briefgen.output import disk, recovery
from briefgen.output.manifest import Manifest
from briefgen.output.render import render
from helpers import REPO, briefgen, edit


class FakeMsvcrt:
    """``msvcrt.locking`` over the bytes of files, shared by every descriptor in this process."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = range(5)

    def __init__(self) -> None:
        self.held: dict[tuple[int, int, int], int] = {}
        self.guard = threading.Lock()
        self.refused = threading.Event()
        self.calls: list[tuple[int, int]] = []

    def locking(self, descriptor: int, mode: int, length: int) -> None:
        info = os.fstat(descriptor)
        byte = (info.st_dev, info.st_ino, os.lseek(descriptor, 0, os.SEEK_CUR))
        with self.guard:
            self.calls.append((mode, length))
            if mode == self.LK_UNLCK:
                if self.held.get(byte) != descriptor:
                    raise OSError(errno.EACCES, "not locked by this descriptor")
                del self.held[byte]
                return
            if byte in self.held:
                self.refused.set()
                raise OSError(errno.EACCES, "Permission denied")
            self.held[byte] = descriptor


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMsvcrt]:
    """The Windows path, with a fake msvcrt."""
    fake = FakeMsvcrt()
    monkeypatch.setattr(platform, "WINDOWS", True)
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    yield fake


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return small.project(tmp_path / "small", 2, letter=True)


def outputs(root: Path) -> dict[str, str] | None:
    manifest = Manifest.read(root / small.OUT)
    return None if manifest is None else manifest.outputs


def hidden(root: Path) -> list[str]:
    """Staged or moved-aside build folders beside the build."""
    return sorted(path.name for path in (root / "build").glob(".*.briefgen-*"))


def killed_at(step: str, action: object) -> int:
    """Run ``action`` in a forked child that SIGKILLs itself at the disk step ``step``; its status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns

        def at(name: str) -> None:
            if name == step:
                os.kill(os.getpid(), signal.SIGKILL)

        disk.checkpoint = at
        try:
            action()  # type: ignore[operator]
        finally:
            os._exit(0)
    return os.waitpid(pid, 0)[1]


def test_the_windows_path_never_exchanges_folders(windows: FakeMsvcrt, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert platform.exchange(tmp_path / "a", tmp_path / "b") is False


def test_the_windows_path_switches_a_build_by_renames(windows: FakeMsvcrt, root: Path) -> None:
    render(root, root / small.AGENDA, None, ())
    first = outputs(root)
    edit(root, "positions/bodem.yaml", "Inzet van bodem.", "Inzet van de bodem.")
    render(root, root / small.AGENDA, None, ())
    second = outputs(root)
    assert first is not None and second is not None
    assert first["geannoteerde-agenda.docx"] != second["geannoteerde-agenda.docx"]
    assert hidden(root) == []
    assert windows.calls  # the folder's writers took turns through msvcrt


def test_a_kill_between_the_two_renames_leaves_the_old_build_for_the_next_render(
    windows: FakeMsvcrt, root: Path
) -> None:
    render(root, root / small.AGENDA, None, ())
    old = outputs(root)
    edit(root, "positions/bodem.yaml", "Inzet van bodem.", "Inzet van de bodem.")
    assert killed_at("move the new build in", lambda: render(root, root / small.AGENDA, None, ())) != 0
    assert not (root / small.OUT).exists()
    assert sorted(re.match(recovery.STAGED, name)["state"] for name in hidden(root)) == ["new", "old"]  # type: ignore[index]
    recovery.recover(root / small.OUT)
    assert outputs(root) == old
    assert hidden(root) == []


def test_a_render_after_a_kill_mid_switch_writes_the_new_build(windows: FakeMsvcrt, root: Path) -> None:
    render(root, root / small.AGENDA, None, ())
    edit(root, "positions/bodem.yaml", "Inzet van bodem.", "Inzet van de bodem.")
    assert killed_at("move the new build in", lambda: render(root, root / small.AGENDA, None, ())) != 0
    render(root, root / small.AGENDA, None, ())
    new = outputs(root)
    assert new is not None and Manifest.read(root / small.OUT) is not None
    assert hidden(root) == []


def test_a_failed_move_in_puts_the_old_build_back_at_once(
    windows: FakeMsvcrt, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to rename a folder while a file in it is open: the old build stays."""
    render(root, root / small.AGENDA, None, ())
    old = outputs(root)
    edit(root, "positions/bodem.yaml", "Inzet van bodem.", "Inzet van de bodem.")
    real_replace = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if ".briefgen-new-" in Path(source).name:
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(source))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(UserError, match="cannot replace the build folder"):
        render(root, root / small.AGENDA, None, ())
    assert outputs(root) == old
    assert hidden(root) == []


def test_the_windows_lock_makes_a_second_writer_wait(windows: FakeMsvcrt, tmp_path: Path) -> None:
    order: list[str] = []
    entered = threading.Event()
    release = threading.Event()

    def first() -> None:
        with disk.locked(tmp_path):
            order.append("first in")
            entered.set()
            release.wait(600)
            order.append("first out")

    def second() -> None:
        with disk.locked(tmp_path):
            order.append("second in")

    one = threading.Thread(target=first)
    one.start()
    assert entered.wait(600)
    two = threading.Thread(target=second)
    two.start()
    assert windows.refused.wait(600)  # the second writer found the lock taken (a guard against hanging)
    assert order == ["first in"]
    release.set()
    one.join()
    two.join()
    assert order == ["first in", "first out", "second in"]
    assert (tmp_path / platform.LOCK_FILE).is_file()
    assert windows.held == {}


def test_the_windows_lock_is_released_when_the_holder_fails(windows: FakeMsvcrt, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), disk.locked(tmp_path):
        raise RuntimeError
    assert windows.held == {}
    with disk.locked(tmp_path):
        assert len(windows.held) == 1


def test_the_windows_path_refuses_a_link_where_posix_says_nofollow(
    windows: FakeMsvcrt, tmp_path: Path
) -> None:
    (tmp_path / "real").write_bytes(b"data")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(OSError) as refused:
        platform.open_file(tmp_path / "link", os.O_RDONLY, follow_links=False)
    assert refused.value.errno == errno.ELOOP
    descriptor = platform.open_file(tmp_path / "link", os.O_RDONLY)
    try:
        assert os.read(descriptor, 10) == b"data"
    finally:
        os.close(descriptor)


def test_the_windows_path_opens_without_posix_flags(
    windows: FakeMsvcrt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int] = []
    real_open = os.open

    def spy(path: str | Path, flags: int, mode: int = 0o777) -> int:
        opened.append(flags)
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", spy)
    (tmp_path / "a.yaml").write_text("id: a\n", encoding="utf-8")
    assert read_bytes(tmp_path / "a.yaml", "a.yaml") == b"id: a\n"
    posix_only = os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NOCTTY
    assert opened and not any(flags & posix_only for flags in opened)


def test_the_windows_path_does_not_check_owners(windows: FakeMsvcrt, tmp_path: Path) -> None:
    (tmp_path / "journal.json").write_text("{}", encoding="utf-8")
    someone_else = os.stat_result((0o100644, 0, 0, 1, os.geteuid() + 1, 0, 2, 0, 0, 0))
    assert confine.owners(tmp_path) is None
    confine.check_owner(tmp_path, someone_else, Location("journal.json"), "the journal")
    assert platform.owned_by_caller(someone_else)


def test_the_windows_path_has_no_template_code_cache(windows: FakeMsvcrt, tmp_path: Path) -> None:
    cache = CodeCache(tmp_path / "cache")
    cache.put("key", "code")
    assert cache.get("key") is None
    assert not (tmp_path / "cache").exists()


def test_several_agendas_render_one_after_the_other_on_the_windows_path(
    windows: FakeMsvcrt, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = "raad-2030-03-13"
    agenda = (root / small.AGENDA).read_text(encoding="utf-8").replace(small.ID, other)
    (root / "agendas" / f"{other}.yaml").write_text(
        agenda.replace("2030-03-12", "2030-03-13"), encoding="utf-8"
    )
    for position in (root / "positions").glob("[a-z]*.yaml"):
        with position.open("a", encoding="utf-8") as file:
            file.write(f"  - raad: {other}\n    inzet: Inzet.\n")
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked on the Windows path"))
    result = briefgen(root, "render", "agendas", "-j", "2")
    assert result.exit_code == 0, result.output
    assert Manifest.read(root / "build" / other) is not None
    assert Manifest.read(root / small.OUT) is not None


def test_the_windows_path_renders_the_same_bytes(
    windows: FakeMsvcrt, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    render(root, root / small.AGENDA, None, ())
    on_windows = {p.name: p.read_bytes() for p in (root / small.OUT).iterdir()}
    monkeypatch.setattr(platform, "WINDOWS", False)
    posix = small.project(tmp_path / "posix", 2, letter=True)
    render(posix, posix / small.AGENDA, None, ())
    assert on_windows == {p.name: p.read_bytes() for p in (posix / small.OUT).iterdir()}


POSIX_ONLY = """
import importlib, os, pkgutil, sys

class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name in {"fcntl", "pwd", "grp", "termios", "resource", "posix"}:
            raise ImportError(f"{name} is POSIX-only")
        return None

sys.meta_path.insert(0, Refuse())
for name in ("O_NONBLOCK", "O_NOFOLLOW", "O_CLOEXEC", "O_DIRECTORY", "O_NOCTTY", "O_TMPFILE", "geteuid", "getuid", "chown"):
    if hasattr(os, name):
        delattr(os, name)
import briefgen
for module in pkgutil.walk_packages(briefgen.__path__, "briefgen."):
    importlib.import_module(module.name)
print("imported")
"""


def test_every_module_imports_without_posix_only_names() -> None:
    """What Windows lacks (fcntl, pwd, O_NONBLOCK, O_NOFOLLOW, geteuid, ...) is touched by no
    module at import time."""
    result = subprocess.run(
        [sys.executable, "-c", POSIX_ONLY], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "imported", result.stderr


def test_dossier_new_never_replaces_a_file_on_the_windows_path(
    windows: FakeMsvcrt, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without hard links (FAT, some shares), as a rename that never replaces a file."""

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "no hard links on this drive")

    monkeypatch.setattr(os, "link", no_links)
    assert briefgen(root, "dossier", "new", "zeeen").exit_code == 0
    written = (root / "positions" / "zeeen.yaml").read_bytes()
    again = briefgen(root, "dossier", "new", "zeeen")
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert (root / "positions" / "zeeen.yaml").read_bytes() == written
    assert sorted(p.name for p in (root / "positions").iterdir() if p.name.startswith(".")) == []


def test_verslag_writes_through_the_journal_on_the_windows_path(
    windows: FakeMsvcrt, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert briefgen(root, "verslag", small.ID).exit_code == 0
    assert (root / "agendas" / platform.LOCK_FILE).is_file()  # the journal's writers took turns
    assert windows.held == {}
    monkeypatch.setattr(platform, "WINDOWS", False)
    posix = small.project(tmp_path / "posix", 2, letter=True)
    assert briefgen(posix, "verslag", small.ID).exit_code == 0
    assert (root / small.AGENDA).read_bytes() == (posix / small.AGENDA).read_bytes()
    assert "\nverslag:" in (root / small.AGENDA).read_text(encoding="utf-8")


POSIX_NAMES = {
    "O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC", "O_DIRECTORY", "O_NOCTTY", "O_TMPFILE",
    "geteuid", "getuid", "getegid", "getgid", "chown", "fchown", "lchown", "fork", "mkfifo",
}  # fmt: skip
POSIX_MODULES = {"fcntl", "pwd", "grp", "termios", "resource", "msvcrt", "ctypes"}
CODE_CACHE = "data/private_cache.py"
"""Opens files relative to its folder's descriptor (the template and dataclass code caches);
runs only where platform.private_folders() says."""


def posix_only_uses(path: Path) -> list[str]:
    """``os.<name>`` of a POSIX-only name, and imports of POSIX-only modules, in one file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
            if node.attr in POSIX_NAMES:
                found.append(f"os.{node.attr}")
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name in POSIX_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module in POSIX_MODULES:
            found.append(node.module)
    return found


def test_posix_only_calls_live_in_the_platform_module() -> None:
    package = REPO / "briefgen"
    uses = {
        str(path.relative_to(package)): posix_only_uses(path)
        for path in sorted(package.rglob("*.py"))
        if path.relative_to(package).as_posix() not in ("data/platform.py", CODE_CACHE)
    }
    assert {name: found for name, found in uses.items() if found} == {}
    assert posix_only_uses(package / "data" / "platform.py")  # the scan sees what it looks for


@pytest.mark.parametrize(
    "named", ["agendas/con.yaml", "agendas/NUL.yaml", "positions/com1.x.yaml", "positions/bodem.yaml:x.yaml"]
)
def test_a_windows_device_or_stream_named_in_a_file_is_refused(
    windows: FakeMsvcrt, root: Path, named: str
) -> None:
    with pytest.raises(UserError, match="not a file in"):
        confine.confined(root, named, Location("agendas/.journal.json"))


def test_a_windows_device_name_is_an_ordinary_name_on_posix(root: Path) -> None:
    assert confine.confined(root, "agendas/con.yaml", Location("agendas/.journal.json")).name == "con.yaml"
    assert confine.plain_name("nul.yaml", Location("build/x/manifest.json"), "the file") == "nul.yaml"


def test_a_plain_name_that_is_a_windows_device_is_refused(windows: FakeMsvcrt) -> None:
    with pytest.raises(UserError, match="is not a file name in this folder"):
        confine.plain_name("nul.yaml", Location("build/x/manifest.json"), "the file")
    assert confine.plain_name("bodem.yaml", Location("build/x/manifest.json"), "the file") == "bodem.yaml"
