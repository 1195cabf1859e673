"""The render server: opt-in, and a command handed to it behaves as the same command run directly.

Most tests share one server, started as a user starts it (``briefgen server start``) in
a private runtime folder; tests that stop or break a server start their own.
"""

from __future__ import annotations

import contextlib
import os
import resource
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

import small
from briefgen.serve import client, protocol
from briefgen.serve.loaded import Loaded
from docxread import read
from helpers import PACKAGE, edit
from small import AGENDA, GA

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the server runs on Linux")


@pytest.fixture(scope="module")
def script(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The ``briefgen`` script as pip writes it: its folder, not the project, leads the import path."""
    folder = tmp_path_factory.mktemp("bin")
    launcher = folder / "briefgen"
    launcher.write_text(
        "import sys\nfrom briefgen.__main__ import main\nsys.exit(main())\n", encoding="utf-8"
    )
    (folder / "socket-path").write_text(
        "from briefgen.serve.client import server_socket\nprint(server_socket(create=True))\n",
        encoding="utf-8",
    )  # where the script's server listens: the same import path, so the same name
    return [sys.executable, str(launcher)]


@contextlib.contextmanager
def runtime_folder() -> Iterator[Path]:
    """A private runtime folder, short enough for socket paths; its servers are stopped afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="bg-", dir="/tmp"))
    try:
        yield folder
    finally:
        client.stop_servers(str(folder))
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def runtime() -> Iterator[Path]:
    with runtime_folder() as folder:
        yield folder


def environment(runtime: Path, **env: str) -> dict[str, str]:
    """A command's environment: the user's runtime folder, no server setting unless given."""
    base = {k: v for k, v in os.environ.items() if k != protocol.SETTING}
    return {**base, "BRIEFGEN_RUNTIME_DIR": str(runtime), **env}


def run(
    script: list[str], project: Path, runtime: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*script, *args], cwd=project, env=environment(runtime, **env), capture_output=True, text=True, timeout=120
    )  # fmt: skip


def start(script: list[str], project: Path, runtime: Path, **env: str) -> int:
    """``briefgen server start``: the server's pid."""
    result = run(script, project, runtime, "server", "start", **env)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split("pid ")[1].split(",")[0])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project with every document of a package, safe to break."""
    return small.project(tmp_path / "small", letter=True, nota=True, verslag=True)


@pytest.fixture(scope="module")
def server(script: list[str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One server for the tests that leave it running: its runtime folder."""
    project = small.project(tmp_path_factory.mktemp("geheim-dossier"))
    with runtime_folder() as folder:
        start(script, project, folder, BRIEFGEN_SERVER_REQUEST_SECONDS="0.5")
        yield folder


def log(runtime: Path) -> list[str]:
    return [line for path in runtime.glob("*.log") for line in path.read_text().splitlines()]


def eventually(condition: Callable[[], bool]) -> bool:
    for _ in range(200):
        if condition():
            return True
        time.sleep(0.05)
    return False


def ran(runtime: Path, pattern: str) -> int:
    return sum(pattern in line for line in log(runtime))


def test_commands_run_on_their_own_unless_a_server_was_started(
    script: list[str], project: Path, tmp_path: Path
) -> None:
    runtime = tmp_path / "run"
    result = run(script, project, runtime, "render", AGENDA)
    assert result.returncode == 0, result.stderr
    assert (project / GA).exists()
    assert not runtime.exists()  # not even the runtime folder was made


def test_setting_starts_a_server_on_the_first_command(
    script: list[str], project: Path, runtime: Path
) -> None:
    first = run(script, project, runtime, "check", BRIEFGEN_SERVER="1")
    assert first.returncode == 0, first.stderr
    assert eventually(lambda: bool(client.running_servers(str(runtime))))
    assert run(script, project, runtime, "check", BRIEFGEN_SERVER="1").returncode == 0
    assert eventually(lambda: ran(runtime, "check: exit 0") == 1)


def test_setting_off_runs_here_with_a_server_running(script: list[str], project: Path, server: Path) -> None:
    before = len(log(server))
    assert run(script, project, server, "check", "--no-such-option", BRIEFGEN_SERVER="0").returncode == 2
    assert len(log(server)) == before  # not even asked


def test_served_render_writes_the_same_bytes_as_a_direct_one(
    script: list[str], project: Path, server: Path
) -> None:
    served = run(script, project, server, "render", AGENDA, "-o", "served")
    direct = run(script, project, server, "render", AGENDA, "-o", "direct", BRIEFGEN_SERVER="0")
    assert served.returncode == direct.returncode == 0
    assert eventually(lambda: ran(server, "render: exit 0") >= 1)
    assert served.stdout.replace("served", "direct") == direct.stdout
    for name in (*PACKAGE, "manifest.json"):
        assert (project / "served" / name).read_bytes() == (project / "direct" / name).read_bytes(), name


@pytest.mark.parametrize(
    ("path", "old", "new", "place"),
    [
        (AGENDA, "raad:", "rad:", f"{AGENDA}:"),
        ("templates/geannoteerde-agenda.md.j2", "{% for", "{% if %}{% for", "templates/geannoteerde-agenda.md.j2:"),
    ],
)  # fmt: skip
def test_served_command_reports_bad_input_as_a_direct_one(
    script: list[str], project: Path, server: Path, path: str, old: str, new: str, place: str
) -> None:
    edit(project, path, old, new)
    served = run(script, project, server, "render", AGENDA)
    direct = run(script, project, server, "render", AGENDA, BRIEFGEN_SERVER="0")
    assert served.returncode == direct.returncode == 1
    assert served.stderr == direct.stderr
    assert served.stderr.startswith(place)


def test_served_command_gets_the_callers_environment(
    script: list[str], project: Path, server: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run(script, project, server, "render", AGENDA, "--pdf", PATH=str(empty))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith(f"{GA}: --pdf needs LibreOffice")
    assert eventually(lambda: ran(server, "render: exit 1") >= 1)


def test_template_saved_with_the_same_size_and_time_is_used(
    script: list[str], project: Path, runtime: Path
) -> None:
    os.utime(project / AGENDA)  # the latest agenda: the server's warm-up compiles its templates
    start(script, project, runtime)
    template = project / "templates" / "geannoteerde-agenda.md.j2"
    text = template.read_text(encoding="utf-8")
    before = template.stat()
    replacement = "# Nieuwe kop\n\n{#  #}\n"
    replacement = replacement.replace("#  #", "# " + "x" * (len(text.encode()) - len(replacement)) + " #")
    template.write_text(replacement, encoding="utf-8")
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert template.stat().st_size == before.st_size
    assert run(script, project, runtime, "render", AGENDA).returncode == 0
    assert ran(runtime, "render: exit 0") == 1
    assert "Nieuwe kop" in [p.text for p in read(project / GA).paragraphs]


@pytest.mark.parametrize(
    ("limit", "what"),
    [
        (lambda: os.nice(1), "nice"),
        (lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 30, 1 << 30)), "limits"),
        (lambda: os.setgroups([*os.getgroups(), 4242]), "Groups"),
    ],
    ids=["nice", "ulimit-f", "groups"],
)
def test_caller_with_other_rights_or_limits_runs_its_command_itself(
    script: list[str], project: Path, server: Path, limit: Callable[[], None], what: str
) -> None:
    if what == "Groups" and os.geteuid() != 0:
        pytest.skip("changing groups needs root")
    result = subprocess.run(
        [*script, "check", "--no-such-option"], cwd=project, env=environment(server),
        capture_output=True, text=True, timeout=120, preexec_fn=limit,
    )  # fmt: skip
    assert result.returncode == 2  # click's usage error, from the client's own process
    assert eventually(lambda: any(f"runs in its client: {what} differ" in line for line in log(server)))


@contextlib.contextmanager
def watching(
    script: list[str], project: Path, runtime: Path, before: Callable[[], None] | None = None
) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """``render --watch`` handed to the server, once it watches: the client and the served command's pid."""
    forks = ran(runtime, "command in pid")
    watcher = subprocess.Popen(
        [*script, "render", AGENDA, "--watch"], cwd=project, env=environment(runtime),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=before,
        process_group=0,  # a group of its own, whose parent is in another: Ctrl-Z can stop it
    )  # fmt: skip
    try:
        assert watcher.stderr is not None
        for line in watcher.stderr:
            if line.startswith("watching"):
                break
        assert eventually(lambda: ran(runtime, "command in pid") > forks)
        child = int([line for line in log(runtime) if "command in pid" in line][-1].rsplit(" ", 1)[1])
        yield watcher, child
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.communicate(timeout=30)


def state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return "gone"


def ignored(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return int(line.split()[1], 16)
    return 0


def test_ctrl_c_reaches_the_served_command(script: list[str], project: Path, server: Path) -> None:
    with watching(script, project, server) as (watcher, _):
        watcher.send_signal(signal.SIGINT)
        _, rest = watcher.communicate(timeout=30)
    assert "stopped" in rest
    assert watcher.returncode == 0


def test_kill_of_the_client_ends_the_served_command_the_same_way(
    script: list[str], project: Path, server: Path
) -> None:
    with watching(script, project, server) as (watcher, child):
        watcher.send_signal(signal.SIGTERM)
        watcher.communicate(timeout=30)
    assert watcher.returncode == 128 + signal.SIGTERM
    assert eventually(lambda: state(child) == "gone")


@pytest.mark.parametrize("stopped", [False, True], ids=["running", "stopped-by-ctrl-z"])
def test_served_command_ends_when_its_client_vanishes(
    script: list[str], project: Path, server: Path, stopped: bool
) -> None:
    with watching(script, project, server) as (watcher, child):
        if stopped:
            watcher.send_signal(signal.SIGTSTP)
            assert eventually(lambda: state(child) == "T")
        watcher.kill()
        watcher.communicate(timeout=30)
    assert eventually(lambda: state(child) == "gone")


def test_ctrl_z_stops_the_served_command_and_fg_continues_it(
    script: list[str], project: Path, server: Path
) -> None:
    with watching(script, project, server) as (watcher, child):
        watcher.send_signal(signal.SIGTSTP)
        assert eventually(lambda: state(child) == "T" and state(watcher.pid) == "T")
        watcher.send_signal(signal.SIGCONT)
        assert eventually(lambda: state(child) != "T")
        watcher.send_signal(signal.SIGINT)
        watcher.communicate(timeout=30)
    assert watcher.returncode == 0


def test_nohup_holds_for_the_served_command(script: list[str], project: Path, server: Path) -> None:
    hangup = 1 << (signal.SIGHUP - 1)
    with watching(script, project, server, lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN)) as (
        watcher,
        child,
    ):
        assert ignored(child) & hangup
        watcher.send_signal(signal.SIGHUP)
        time.sleep(0.3)
        assert watcher.poll() is None and state(child) not in {"gone", "Z"}
    with watching(script, project, server) as (_, child):
        assert not ignored(child) & hangup


@pytest.mark.parametrize("sent", [b"", b"ru"], ids=["nothing", "half-header"])
def test_silent_client_is_dropped(server: Path, sent: bytes) -> None:
    (path,) = server.glob("*.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(str(path))
        connection.sendall(sent)
        connection.settimeout(30)
        assert connection.recv(1) == b""  # the server's child closed it and ended


def test_no_folder_or_argument_shows_in_the_servers_command_line(server: Path) -> None:
    ((pid, _),) = client.running_servers(str(server))
    command_line = Path(f"/proc/{pid}/cmdline").read_bytes()
    assert b"geheim-dossier" not in command_line
    assert b"--root" not in command_line


def test_stop_finds_servers_by_their_socket_not_a_pid_file(server: Path) -> None:
    bystander = subprocess.Popen(["sleep", "30"])
    try:
        (server / "0000000000000000.pid").write_text(f"{bystander.pid}\n", encoding="ascii")
        (server / "0000000000000000.sock").write_bytes(b"")
        assert [pid for pid, _ in client.running_servers(str(server))] != [bystander.pid]
        with runtime_folder() as other:
            (other / "0000000000000000.pid").write_text(f"{bystander.pid}\n", encoding="ascii")
            assert client.stop_servers(str(other)) == []
        assert bystander.poll() is None
    finally:
        bystander.kill()
        bystander.wait()


def socket_path(script: list[str], runtime: Path) -> str:
    """Where the script's server listens in ``runtime``: asked with the script's own import path."""
    return subprocess.run(
        [sys.executable, str(Path(script[1]).with_name("socket-path"))],
        env=environment(runtime), capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip


def test_socket_left_by_a_killed_server_does_not_stop_a_command(
    script: list[str], project: Path, runtime: Path, server: Path
) -> None:
    assert socket_path(script, server) in [path for _, path in client.running_servers(str(server))]
    runtime.chmod(0o700)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(socket_path(script, runtime))  # a socket no one listens on, as a killed server leaves it
    result = run(script, project, runtime, "render", AGENDA)
    assert result.returncode == 0, result.stderr
    assert (project / GA).exists()


def test_server_stops_when_idle(script: list[str], project: Path, runtime: Path) -> None:
    start(script, project, runtime, BRIEFGEN_SERVER_IDLE="0.5")
    assert eventually(lambda: ran(runtime, "stopped: idle") == 1)
    assert client.running_servers(str(runtime)) == []


def test_shared_runtime_folder_is_not_trusted(script: list[str], project: Path, runtime: Path) -> None:
    runtime.chmod(0o777)
    started = run(script, project, runtime, "server", "start")
    assert started.returncode == 1
    assert "no private runtime folder" in started.stderr
    assert run(script, project, runtime, "check", BRIEFGEN_SERVER="1").returncode == 0
    assert list(runtime.glob("*.sock")) == []


@pytest.fixture
def module_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """Two folders in front of the import path; a module ``bg_probe`` imported from the second."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (second / "bg_probe.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    import bg_probe  # noqa: F401

    yield first, second
    sys.modules.pop("bg_probe", None)


def test_loaded_code_edited_with_the_same_size_and_time_is_a_change(module_folder: tuple[Path, Path]) -> None:
    module = module_folder[1] / "bg_probe.py"
    loaded = Loaded()
    before = module.stat()
    module.write_text("VALUE = 2\n", encoding="utf-8")
    os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert loaded.changed()


def test_loaded_code_saved_unchanged_is_no_change(module_folder: tuple[Path, Path]) -> None:
    module = module_folder[1] / "bg_probe.py"
    loaded = Loaded()
    module.write_text("VALUE = 1\n", encoding="utf-8")
    assert not loaded.changed()


def test_module_installed_in_front_of_a_loaded_one_is_a_change(module_folder: tuple[Path, Path]) -> None:
    loaded = Loaded()
    (module_folder[0] / "bg_probe.py").write_text("VALUE = 1\n", encoding="utf-8")
    assert loaded.changed()
