"""A template's macro called by the sandbox as Jinja's Context.call calls it, without Jinja's
per-call safety look (a macro is always safe to call), and still counted and checked."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import jinja2
import pytest

from briefgen.compose import quota
from briefgen.compose.quota import CALL_STEPS, LimitExceeded
from briefgen.compose.sandbox import Sandbox
from briefgen.document.dutch import FILTERS

MACROS = (
    "{% macro kop(tekst, niveau=2, caller=none) %}{{ '#' * niveau }} {{ tekst }}"
    "{% if caller %} {{ caller() }}{% endif %}{% endmacro %}"
    "{% for punt in punten %}{{ kop(punt, niveau=loop.index) }}\n{% endfor %}"
    "{% call kop('slot') %}binnen{% endcall %}"
)


def _rendered(source: str, **view: Any) -> tuple[str, quota.Budget]:
    env = Sandbox(jinja2.DictLoader({"t.md.j2": source}), FILTERS)

    def render() -> tuple[str, quota.Budget]:
        return env.get_template("t.md.j2").render(**view), quota.budget()

    result: tuple[str, quota.Budget] = env.run(render)
    return result


def test_a_macro_is_called_with_its_arguments_without_the_safety_look(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    looked: list[object] = []
    monkeypatch.setattr(
        jinja2.sandbox.SandboxedEnvironment, "is_safe_callable", lambda self, obj: looked.append(obj) or True
    )
    text, used = _rendered(MACROS, punten=["a", "b"])
    assert text == "# a\n## b\n## slot binnen"
    assert not any(isinstance(obj, jinja2.runtime.Macro) for obj in looked)
    assert used.steps >= 3 * CALL_STEPS  # each macro call still a call's steps


def test_what_a_macro_makes_counts_against_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quota, "MAX_MADE", 5_000)
    source = (
        "{% macro veel() %}{{ 'x' * 1000 }}{% endmacro %}{% for _ in range(10) %}{{ veel() }}{% endfor %}"
    )
    with pytest.raises(LimitExceeded, match="more than 5,000 bytes"):
        _rendered(source)


def test_a_wide_text_counts_four_bytes_a_character(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quota, "MAX_MADE", 10_000)
    quota.with_fresh_budget(lambda: quota.checked("x" * 3_000))
    with pytest.raises(LimitExceeded):
        quota.with_fresh_budget(lambda: quota.checked("é" * 3_000))


WITHOUT_PRIVATE_NAMES = """
import sys, types
import jinja2, jinja2.compiler, jinja2.runtime, jinja2.sandbox, jinja2.utils, jinja2.visitor
utils = types.ModuleType("jinja2.utils")  # a later Jinja may rename what is not its API
utils.__dict__.update({name: value for name, value in vars(jinja2.utils).items() if name != "_PassArg"})
sys.modules["jinja2.utils"] = utils
from briefgen.compose import sandbox
from briefgen.document.dutch import FILTERS
env = sandbox.Sandbox(jinja2.DictLoader({"t": SOURCE}), FILTERS)
print(sandbox._MACRO_TAKES_EVAL_CONTEXT, env.run(lambda: env.get_template("t").render(punten=["a", "b"])))
"""


def test_the_sandbox_needs_no_private_name_of_jinja_to_call_a_macro() -> None:
    """How a macro is called is found from ``pass_eval_context``, Jinja's public decorator:
    with Jinja's private marker class gone from ``jinja2.utils``, the sandbox still loads and
    takes its shortcut."""
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_PRIVATE_NAMES.replace("SOURCE", repr(MACROS))],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == "True # a\n## b\n## slot binnen\n"
