"""The render server: a command handed to it behaves as the same command run directly."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefgen import client
from conftest import AGENDA, GA, PACKAGE
from docxread import read

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the server runs on Linux")

SCRIPT = Path(sys.executable).with_name("briefgen")


@pytest.fixture
def runtime() -> Iterator[Path]:
    """A private runtime folder, short enough for socket paths; its servers are stopped after the test."""
    folder = Path(tempfile.mkdtemp(prefix="bg-", dir="/tmp"))
    yield folder
    client.stop_servers(str(folder))
    shutil.rmtree(folder, ignore_errors=True)


COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "briefgen"]


def served(runtime: Path, **env: str) -> dict[str, str]:
    """The environment of a command that may use the server in ``runtime``."""
    return {**os.environ, "BRIEFGEN_SERVER": "1", "BRIEFGEN_RUNTIME_DIR": str(runtime), **env}


def run(project: Path, runtime: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = served(runtime, **env)
    return subprocess.run(
        [*COMMAND, *args], cwd=project, env=environment, capture_output=True, text=True, timeout=120
    )


def wait_for_server(runtime: Path) -> Path:
    for _ in range(400):
        for path in runtime.glob("*.sock"):
            probe = socket.socket(socket.AF_UNIX)
            try:
                probe.connect(str(path))
                return path
            except OSError:
                pass
            finally:
                probe.close()
        time.sleep(0.05)
    raise AssertionError("no render server started")


def eventually(condition: Callable[[], bool]) -> bool:
    for _ in range(200):
        if condition():
            return True
        time.sleep(0.05)
    return False


def forks(runtime: Path) -> list[str]:
    return [
        line
        for log in runtime.glob("*.log")
        for line in log.read_text().splitlines()
        if "command in pid" in line
    ]


def served_commands(runtime: Path) -> list[str]:
    return [
        line for log in runtime.glob("*.log") for line in log.read_text().splitlines() if ": exit " in line
    ]


@pytest.fixture
def server(project: Path, runtime: Path) -> Path:
    """A running server, started as a user starts it: by a first command."""
    assert run(project, runtime, "check").returncode == 0
    wait_for_server(runtime)
    return runtime


def test_first_command_runs_here_and_starts_a_server(project: Path, runtime: Path) -> None:
    result = run(project, runtime, "render", AGENDA)
    assert result.returncode == 0, result.stderr
    assert (project / GA).exists()
    wait_for_server(runtime)
    assert served_commands(runtime) == []


def test_served_render_writes_the_same_bytes_as_a_direct_one(project: Path, server: Path) -> None:
    served = run(project, server, "render", AGENDA, "-o", "served")
    direct = run(project, server, "render", AGENDA, "-o", "direct", BRIEFGEN_SERVER="0")
    assert served.returncode == direct.returncode == 0
    assert any("render: exit 0" in line for line in served_commands(server))
    assert served.stdout.replace("served", "direct") == direct.stdout
    for name in (*PACKAGE, "manifest.json"):
        assert (project / "served" / name).read_bytes() == (project / "direct" / name).read_bytes(), name


def test_served_command_reports_bad_input_as_a_direct_one(project: Path, server: Path) -> None:
    agenda = project / AGENDA
    agenda.write_text(agenda.read_text(encoding="utf-8").replace("raad:", "rad:", 1), encoding="utf-8")
    served = run(project, server, "render", AGENDA)
    direct = run(project, server, "render", AGENDA, BRIEFGEN_SERVER="0")
    assert served.returncode == direct.returncode == 1
    assert served.stderr == direct.stderr
    assert "agendas/milieuraad-2026-03-17.yaml:" in served.stderr
    assert "Traceback" not in served.stderr


def test_served_template_error_names_the_same_place(project: Path, server: Path) -> None:
    template = project / "templates" / "geannoteerde-agenda.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")
    served = run(project, server, "render", AGENDA)
    direct = run(project, server, "render", AGENDA, BRIEFGEN_SERVER="0")
    assert served.returncode == direct.returncode == 1
    assert served.stderr == direct.stderr
    assert served.stderr.startswith("templates/geannoteerde-agenda.md.j2:")


def test_served_command_gets_the_callers_environment(project: Path, server: Path, tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run(project, server, "render", AGENDA, "--pdf", PATH=str(empty))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("briefgen: --pdf needs LibreOffice")
    assert any("render: exit 1" in line for line in served_commands(server))


def test_template_saved_between_served_renders_is_used(project: Path, server: Path) -> None:
    assert run(project, server, "render", AGENDA).returncode == 0
    template = project / "templates" / "geannoteerde-agenda.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nNieuwe slotzin uit de template.\n", "utf-8")
    assert run(project, server, "render", AGENDA).returncode == 0
    assert "Nieuwe slotzin uit de template." in [p.text for p in read(project / GA).paragraphs]


@contextlib.contextmanager
def watching(project: Path, runtime: Path) -> Iterator[subprocess.Popen[str]]:
    """``render --watch`` through the server, once it is watching; killed if a test leaves it running."""
    environment = served(runtime)
    watcher = subprocess.Popen(
        [*COMMAND, "render", AGENDA, "--watch"],
        cwd=project, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert watcher.stderr is not None
        for line in watcher.stderr:
            if line.startswith("watching"):
                break
        yield watcher
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.communicate(timeout=30)


def test_ctrl_c_reaches_the_served_command(project: Path, server: Path) -> None:
    with watching(project, server) as watcher:
        assert eventually(lambda: bool(forks(server)))
        watcher.send_signal(signal.SIGINT)
        _, rest = watcher.communicate(timeout=30)
    assert "stopped" in rest
    assert watcher.returncode == 0


def test_kill_of_the_client_ends_the_served_command_the_same_way(project: Path, server: Path) -> None:
    with watching(project, server) as watcher:
        assert eventually(lambda: bool(forks(server)))
        child = int(forks(server)[-1].rsplit(" ", 1)[1])
        watcher.send_signal(signal.SIGTERM)
        watcher.communicate(timeout=30)
    assert watcher.returncode == 128 + signal.SIGTERM
    assert eventually(lambda: not Path(f"/proc/{child}").exists())


def test_pid_file_left_by_a_dead_server_is_not_a_server(runtime: Path) -> None:
    (runtime / "0000000000000000.pid").write_text(f"{os.getpid()}\n", encoding="ascii")
    assert client.running_servers(str(runtime)) == []
    assert client.stop_servers(str(runtime)) == []


def test_server_stops_when_idle(project: Path, runtime: Path) -> None:
    run(project, runtime, "check", BRIEFGEN_SERVER_IDLE="0.5")
    wait_for_server(runtime)
    assert eventually(lambda: not list(runtime.glob("*.sock")))
    assert any("stopped: idle" in log.read_text() for log in runtime.glob("*.log"))


def test_server_stops_when_what_it_loaded_changes(project: Path, runtime: Path, tmp_path: Path) -> None:
    imports = tmp_path / "imports"
    imports.mkdir()
    run(project, runtime, "check", PYTHONPATH=str(imports))
    wait_for_server(runtime)
    (imports / "newly_installed.py").write_text("", encoding="utf-8")
    assert eventually(
        lambda: any("stopped: briefgen changed" in log.read_text() for log in runtime.glob("*.log"))
    )


def test_long_running_command_does_not_hold_back_the_next_server(project: Path, runtime: Path) -> None:
    run(project, runtime, "check", BRIEFGEN_SERVER_IDLE="1")
    wait_for_server(runtime)
    with watching(project, runtime):
        assert eventually(lambda: any("stopped: idle" in log.read_text() for log in runtime.glob("*.log")))
        assert run(project, runtime, "check").returncode == 0
        wait_for_server(runtime)


def test_socket_left_by_a_killed_server_does_not_stop_a_command(project: Path, server: Path) -> None:
    (pid_file,) = server.glob("*.pid")
    os.kill(int(pid_file.read_text()), signal.SIGKILL)
    time.sleep(0.2)
    assert list(server.glob("*.sock"))
    result = run(project, server, "render", AGENDA)
    assert result.returncode == 0, result.stderr
    assert (project / GA).exists()
    wait_for_server(server)


def test_shared_runtime_folder_is_not_trusted(project: Path, runtime: Path) -> None:
    runtime.chmod(0o777)
    result = run(project, runtime, "render", AGENDA)
    assert result.returncode == 0
    time.sleep(0.5)
    assert list(runtime.glob("*.sock")) == []


def test_new_package_in_an_import_folder_changes_the_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(folder)])
    before = client.fingerprint()
    time.sleep(0.01)
    (folder / "new_package").mkdir()
    assert client.fingerprint() != before
