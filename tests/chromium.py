"""Headless Chromium driven over the DevTools protocol on a pipe, with the standard library only.

Chromium started with ``--remote-debugging-pipe`` reads commands from its file descriptor 3
and writes answers and events to 4, each a JSON message ended by a NUL byte. This drives one
page: load a URL, evaluate an expression, and collect what the page logged (console messages,
uncaught exceptions, and the browser's own log entries: a Content-Security-Policy violation, a
resource that failed to load).
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
)
WAIT = 60.0
"""Seconds to wait for one answer before the browser is taken to hang (not a timing assertion)."""


def find() -> str | None:
    """The Chromium program, if installed (Debian: /usr/bin/chromium)."""
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@dataclass
class Page:
    """One browser tab, attached with its own session."""

    browser: Browser
    session: str
    logged: list[str] = field(default_factory=list)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def load(self, url: str) -> None:
        """Navigate to ``url`` and wait until its load event."""
        answer = self.send("Page.navigate", url=url)
        if "errorText" in answer:
            raise AssertionError(f"{url}: {answer['errorText']}")
        self.browser.wait_for("Page.loadEventFired", self.session)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (DevTools runs it; the page's own
        Content-Security-Policy, which allows no script, does not apply)."""
        answer = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in answer:
            raise AssertionError(answer["exceptionDetails"])
        return answer["result"].get("value")


class Browser:
    def __init__(self, process: subprocess.Popen[bytes], commands: int, answers: int):
        self.process = process
        self.commands = commands
        self.answers = answers
        self.buffer = b""
        self.next_id = 0
        self.pages: dict[str, Page] = {}

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode("utf-8") + b"\0")
        while True:
            received = self._receive()
            if received.get("id") == self.next_id:
                if "error" in received:
                    raise AssertionError(f"{method}: {received['error']}")
                result: dict[str, Any] = received.get("result", {})
                return result

    def wait_for(self, event: str, session: str) -> dict[str, Any]:
        while True:
            received = self._receive()
            if received.get("method") == event and received.get("sessionId") == session:
                params: dict[str, Any] = received.get("params", {})
                return params

    def new_page(self) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        self.pages[session] = page
        for domain in ("Page", "Runtime", "Log"):
            page.send(f"{domain}.enable")
        return page

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.answers], [], [], WAIT)
            if not ready:
                raise AssertionError(f"chromium sent nothing for {WAIT:.0f} s")
            chunk = os.read(self.answers, 1 << 16)
            if not chunk:
                raise AssertionError("chromium closed the pipe")
            self.buffer += chunk
        raw, _, self.buffer = self.buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        self._note(message)
        return message

    def _note(self, message: dict[str, Any]) -> None:
        """Keep what a page logged: every console message, exception and log entry."""
        page = self.pages.get(message.get("sessionId", ""))
        method = message.get("method")
        if page is None or method is None:
            return
        params = message.get("params", {})
        if method == "Runtime.consoleAPICalled":
            texts = " ".join(
                str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])
            )
            page.logged.append(f"console.{params.get('type')}: {texts}")
        elif method == "Runtime.exceptionThrown":
            page.logged.append(f"exception: {params.get('exceptionDetails', {}).get('text')}")
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            page.logged.append(f"{entry.get('level')} ({entry.get('source')}): {entry.get('text')}")


@contextmanager
def browser(program: str) -> Iterator[Browser]:
    """A headless Chromium with a profile of its own, closed (and its profile removed) afterwards."""
    commands_read, commands_write = os.pipe()
    answers_read, answers_write = os.pipe()

    def pipes_as_3_and_4() -> None:
        """In the child: its ends of the pipes as descriptors 3 and 4, kept across exec (copied
        high first, so that neither overwrites the other)."""
        high = [fcntl.fcntl(end, fcntl.F_DUPFD, 10) for end in (commands_read, answers_write)]
        for number, end in zip((3, 4), high, strict=True):
            os.dup2(end, number, inheritable=True)

    with tempfile.TemporaryDirectory(prefix="briefgen-chromium-") as profile:
        process = subprocess.Popen(
            [program, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=pipes_as_3_and_4,
            close_fds=False,
        )
        os.close(commands_read)
        os.close(answers_write)
        try:
            yield Browser(process, commands_write, answers_read)
        finally:
            try:
                os.write(commands_write, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
                process.wait(timeout=WAIT)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
            os.close(commands_write)
            os.close(answers_read)
