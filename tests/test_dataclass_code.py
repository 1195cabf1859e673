"""The cache of the methods dataclasses compiles (``data/dataclass_code.py``): a class made with
it is the class made without it, and the bundle is read only from where the caller alone
could have written it."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import marshal
import operator
import os
import re
import subprocess
import sys
import types
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import KW_ONLY, InitVar, dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import small
from briefgen.data import dataclass_code, platform, private_cache
from briefgen.data.dataclass_code import CompiledMethods

served = pytest.mark.skipif(
    not dataclass_code.supported(dataclasses),
    reason="this Python's dataclasses has no _create_fn to serve (3.13 and later)",
)


@contextmanager
def serving(bundle: CompiledMethods) -> Iterator[CompiledMethods]:
    """``dataclasses`` compiling through ``bundle`` while the block runs, as once installed."""
    dataclasses.exec = bundle.exec  # type: ignore[attr-defined]
    try:
        yield bundle
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]


def read_back(bundle: CompiledMethods) -> CompiledMethods:
    """A new bundle holding what ``bundle`` compiled, through marshal as the file holds it."""
    return CompiledMethods(marshal.loads(marshal.dumps(bundle.kept)))


# Classes to compare: made from one description each time, sharing every object a generated
# method may close over (annotations, defaults, factories), so that only the class differs.

ANNOTATIONS: dict[str, Any] = {
    "int": int,
    "str": str,
    "list": list[int],
    "optional": "int | None",
    "classvar": ClassVar[int],
    "initvar": InitVar[int],
}
SEEN: list[tuple[Any, ...]] = []
"""The arguments each ``__post_init__`` got, in order."""


def factory() -> list[int]:
    return [1, 2]


def post_init(self: object, *values: Any) -> None:
    SEEN.append(values)


@dataclass(frozen=True)
class FieldSpec:
    """One field: its name, annotation (a key of ANNOTATIONS, or ``kw_only`` for the marker),
    its default, and the options given to ``field()``."""

    name: str
    kind: str = "int"
    default: str = "none"  # none, value, factory, field
    options: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class ClassSpec:
    """One class: its fields, the decorator's options, whether it has ``__post_init__``."""

    name: str
    fields: tuple[FieldSpec, ...]
    options: tuple[tuple[str, bool], ...] = ()
    post_init: bool = False


def namespace(spec: ClassSpec) -> dict[str, Any]:
    space: dict[str, Any] = {"__module__": __name__, "__qualname__": spec.name, "__annotations__": {}}
    for each in spec.fields:
        if each.kind == "kw_only":
            space["__annotations__"][each.name] = KW_ONLY
            continue
        space["__annotations__"][each.name] = ANNOTATIONS[each.kind]
        options = dict(each.options)
        if each.default == "value":
            space[each.name] = 7 if each.kind != "str" else "zeven"
        elif each.default == "factory":
            space[each.name] = field(default_factory=factory, **options)
        elif each.default == "field" or options:
            space[each.name] = field(default=7, **options) if each.default == "field" else field(**options)
    if spec.post_init:
        space["__post_init__"] = post_init
    return space


def make(spec: ClassSpec, base: type | None = None) -> type | str:
    """The class ``spec`` describes, or the error making it raised."""
    try:
        made = type(spec.name, (base,) if base else (), namespace(spec))
        return dataclass(**dict(spec.options))(made)
    except (TypeError, ValueError, AttributeError) as error:
        return f"{type(error).__name__}: {error}"


def family(specs: tuple[ClassSpec, ...]) -> list[type | str]:
    """Each class of ``specs`` made, each derived from the one before (when that was made)."""
    made: list[type | str] = []
    for spec in specs:
        base = made[-1] if made and isinstance(made[-1], type) else None
        made.append(make(spec, base))
    return made


# What a class is: its attributes, its generated functions down to their code, and what its
# instances do.


def code_shape(code: types.CodeType) -> tuple[Any, ...]:
    consts = tuple(code_shape(c) if isinstance(c, types.CodeType) else (type(c), c) for c in code.co_consts)
    return (
        code.co_name, code.co_qualname, code.co_filename, code.co_firstlineno, code.co_flags,
        code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount, code.co_nlocals,
        code.co_stacksize, code.co_code, consts, code.co_names, code.co_varnames,
        code.co_freevars, code.co_cellvars, code.co_linetable, code.co_exceptiontable,
    )  # fmt: skip


def same(value: Any, cls: type) -> Any:
    """``value`` as compared: a class made here by its name (with slots, the methods close over
    the class before ``__slots__`` was added), anything else itself (shared objects)."""
    if isinstance(value, type) and value.__module__ == __name__:
        return f"<class {value.__qualname__}>"
    if isinstance(value, tuple):
        return tuple(same(v, cls) for v in value)
    if isinstance(value, dict):
        return {k: same(v, cls) for k, v in value.items()}
    return value


def function_shape(function: Any, cls: type) -> tuple[Any, ...]:
    """A function down to its code; what it closes over compared as itself (a function by its shape)."""
    cells = tuple(
        function_shape(cell.cell_contents, cls)
        if isinstance(cell.cell_contents, types.FunctionType)
        else same(cell.cell_contents, cls)
        for cell in function.__closure__ or ()
    )
    wrapped = getattr(function, "__wrapped__", None)
    return (
        function.__name__, function.__qualname__, function.__module__, function.__doc__,
        same(function.__annotations__, cls), same(function.__defaults__, cls),
        same(function.__kwdefaults__, cls), cells, code_shape(function.__code__),
        function_shape(wrapped, cls) if wrapped is not None else None,
    )  # fmt: skip


def without_addresses(text: str) -> str:
    return re.sub(r" at 0x[0-9a-f]+", " at 0x", text)


def shape(cls: type | str) -> Any:
    """Every attribute of ``cls``: functions to their code, the rest by its text."""
    if isinstance(cls, str):
        return cls
    found = {}
    for name, value in vars(cls).items():
        if isinstance(value, types.FunctionType):
            found[name] = function_shape(value, cls)
        else:
            found[name] = without_addresses(repr(value))
    return found


def outcome(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """What ``action(*args, **kwargs)`` gives, or the error it raises, as text without addresses."""
    try:
        return ("value", without_addresses(repr(action(*args, **kwargs))))
    except Exception as error:
        return ("error", type(error).__name__, without_addresses(str(error)))


def uses(first: Any, second: Any, names: list[str]) -> list[Any]:
    """Two equal instances compared, hashed, shown as a dictionary, changed."""
    return [
        outcome(operator.eq, first, second),
        outcome(operator.ne, first, second),
        outcome(operator.lt, first, second),
        outcome(operator.ge, first, second),
        outcome(lambda: hash(first) == hash(second)),
        outcome(dataclasses.asdict, first),
        outcome(setattr, first, "extra", 1),
        outcome(setattr, first, names[0], 5) if names else None,
        outcome(delattr, first, names[0]) if names else None,
        outcome(vars, first),
    ]


def behaviour(cls: type | str) -> list[Any]:
    """What ``cls``'s instances do: made with various arguments, shown, compared, hashed, changed."""
    if isinstance(cls, str):
        return [cls]
    SEEN.clear()
    fields = getattr(cls, "__dataclass_fields__", {})
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    names += [name for name, f in fields.items() if f._field_type is dataclasses._FIELD_INITVAR]  # type: ignore[attr-defined]
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((), {}),
        ((1,), {}),
        ((1, 2, 3), {}),
        ((), {name: index for index, name in enumerate(names)}),
        ((), {name: [index] for index, name in enumerate(names)}),
    ]
    seen = []
    for args, kwargs in calls:
        made = outcome(cls, *args, **kwargs)
        seen.append(made)
        if made[0] == "value":
            seen += uses(cls(*args, **kwargs), cls(*args, **kwargs), names)
    return [*seen, list(SEEN), outcome(getattr, cls, "__match_args__", None)]


def compared(specs: tuple[ClassSpec, ...]) -> None:
    """The classes of ``specs`` made without the bundle, through it while it compiles, and from
    what it compiled read back: the same attributes, code and behaviour."""
    plain = family(specs)
    with serving(CompiledMethods({})) as filling:
        filled = family(specs)
    with serving(read_back(filling)) as reading:
        kept = family(specs)
    assert reading.compiled == 0
    for made in (filled, kept):
        assert [shape(c) for c in made] == [shape(c) for c in plain]
        assert [behaviour(c) for c in made] == [behaviour(c) for c in plain]


def spec(name: str, *fields: FieldSpec, post_init: bool = False, **options: bool) -> ClassSpec:
    return ClassSpec(name, fields, tuple(options.items()), post_init)


A, B, C = FieldSpec("a"), FieldSpec("b", "str", "value"), FieldSpec("c", "list", "factory")
REPRESENTATIVE = {
    "plain": (spec("Plain", A, B),),
    "defaults and factory": (spec("Defaults", A, B, C),),
    "frozen": (spec("Frozen", A, B, frozen=True),),
    "slots": (spec("Slots", A, B, C, slots=True),),
    "frozen slots": (spec("FrozenSlots", A, B, frozen=True, slots=True),),
    "kw_only": (spec("KwOnly", B, A, kw_only=True),),
    "kw_only marker": (spec("Marker", A, FieldSpec("_", "kw_only"), FieldSpec("k", "str")),),
    "kw_only field": (spec("KwField", FieldSpec("k", options=(("kw_only", True),)), A),),
    "InitVar": (spec("WithInitVar", A, FieldSpec("i", "initvar"), post_init=True),),
    "ClassVar": (spec("WithClassVar", A, FieldSpec("v", "classvar", "value")),),
    "order": (spec("Ordered", A, B, order=True),),
    "unsafe_hash": (spec("Hashed", A, FieldSpec("h", "str", "value", (("hash", False),)), unsafe_hash=True),),
    "eq without hash": (spec("Unhashable", A, eq=True),),
    "no init, repr, eq": (spec("Bare", A, init=False, repr=False, eq=False),),
    "field options": (
        spec("Options", FieldSpec("r", default="field", options=(("repr", False), ("compare", False))), B),
    ),
    "no init field": (spec("NoInit", A, FieldSpec("n", "int", "field", (("init", False),))),),
    "string annotation": (spec("Stringly", FieldSpec("o", "optional", "value")),),
    "inheritance": (spec("Base", A, B), spec("Derived", C, FieldSpec("d", "str", "value"))),
    "frozen inheritance": (spec("FrozenBase", A, frozen=True), spec("FrozenDerived", B, frozen=True)),
    "frozen over unfrozen": (spec("Thawed", A), spec("Frozen2", B, frozen=True)),
    "no default after default": (spec("Wrong", B, A),),
    "mutable default": (spec("Mutable", FieldSpec("m", "list", "value")),),
    "weakref slot": (spec("Weak", A, slots=True, weakref_slot=True),),
    "no match_args": (spec("NoMatch", A, match_args=False),),
}


@served
@pytest.mark.parametrize("specs", REPRESENTATIVE.values(), ids=REPRESENTATIVE.keys())
def test_a_class_made_through_the_bundle_is_the_class_made_without_it(specs: tuple[ClassSpec, ...]) -> None:
    compared(specs)


def test_the_comparison_sees_a_difference_in_generated_code() -> None:
    """The control for the comparisons: classes that differ in one option do not compare equal."""
    assert shape(make(spec("X", A, B))) != shape(make(spec("X", A, B, frozen=True)))
    assert shape(make(spec("X", A, B))) != shape(make(spec("X", B, A)))
    assert behaviour(make(spec("X", A, B))) != behaviour(make(spec("X", A, B, order=True)))


NAMES = st.sampled_from(["a", "b", "c", "x_1", "value", "self_", "_private"])
FIELD_OPTIONS = st.lists(
    st.tuples(st.sampled_from(["init", "repr", "compare", "kw_only"]), st.booleans()),
    max_size=2,
    unique_by=lambda o: o[0],
).map(tuple) | st.just((("hash", True),))
FIELDS = st.builds(
    FieldSpec,
    name=NAMES,
    kind=st.sampled_from([*ANNOTATIONS, "kw_only"]),
    default=st.sampled_from(["none", "value", "factory", "field"]),
    options=FIELD_OPTIONS,
)
CLASS_OPTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["init", "repr", "eq", "order", "unsafe_hash", "frozen", "match_args", "kw_only", "slots"]
        ),
        st.booleans(),
    ),
    max_size=4,
    unique_by=lambda o: o[0],
).map(tuple)
CLASSES = st.builds(
    ClassSpec,
    name=st.sampled_from(["Made", "Other"]),
    fields=st.lists(FIELDS, max_size=5, unique_by=lambda f: f.name).map(tuple),
    options=CLASS_OPTIONS,
    post_init=st.booleans(),
)


@served
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CLASSES, min_size=1, max_size=3).map(tuple))
def test_any_class_made_through_the_bundle_is_the_class_made_without_it(specs: tuple[ClassSpec, ...]) -> None:
    """Any fields, options and chain of subclasses: the same class, or the same error."""
    compared(specs)


@served
def test_a_source_is_compiled_once_per_process() -> None:
    """Two classes alike but for their name get the same methods' sources: compiled once."""
    with serving(CompiledMethods({})) as bundle:
        make(spec("One", A, B))
        once = bundle.compiled
        make(spec("Two", A, B))
    assert once == bundle.compiled == len(bundle.used) > 0


@served
def test_exec_of_code_or_without_namespaces_is_exec() -> None:
    namespace: dict[str, Any] = {}
    with serving(CompiledMethods({})) as bundle:
        bundle.exec(compile("x = 1", "<test>", "exec"), namespace)
        here = 0
        bundle.exec("here = __name__")
    assert namespace["x"] == 1
    assert bundle.compiled == 1
    assert here == 0  # as with exec: a function's own variables are a copy


# The bundle in the caller's cache folder.


@pytest.fixture
def name() -> str:
    found = dataclass_code.bundle_name(dataclasses)
    assert found is not None
    return found


def filled(cache: Path, name: str) -> CompiledMethods:
    """A bundle that compiled the test classes and was saved, as at the end of a command."""
    with serving(CompiledMethods({})) as bundle:
        make(spec("Shown", A, B))
    bundle.save(cache, name, os.getpid())
    return bundle


def repr_source(bundle: CompiledMethods) -> str:
    (source,) = [s for s in bundle.used if "def __repr__" in s]
    return source


def plant(cache: Path, name: str, kept: dict[Any, Any], *, valid_hash: bool = True) -> Path:
    """A bundle file holding ``kept``; with ``valid_hash=False`` its recorded hash is wrong."""
    body = zlib.compress(marshal.dumps(kept))
    digest = hashlib.sha256(body if valid_hash else body + b"#").hexdigest()
    path = cache / name
    path.write_bytes(b"# %s\n# %s\n# %s\n" % (dataclass_code.FORMAT, name.encode(), digest.encode()) + body)
    path.chmod(0o600)
    return path


def planted(bundle: CompiledMethods) -> dict[str, types.CodeType]:
    """The test class's ``__repr__`` source with other code: it shows ``PLANTED``."""
    source = repr_source(bundle)
    assert "self.__class__.__qualname__" in source
    return {source: compile(source.replace("self.__class__.__qualname__", "'PLANTED'"), "<string>", "exec")}


def shown(cache: Path, name: str) -> str:
    """How an instance of the test class shows, made through the bundle read from ``cache``."""
    with serving(CompiledMethods(dataclass_code.load(cache, name))):
        made = make(spec("Shown", A, B))
    assert isinstance(made, type)
    return repr(made(1))


@served
def test_a_bundle_is_kept_privately_and_read_back(cache: Path, name: str) -> None:
    bundle = filled(cache, name)
    assert cache.stat().st_mode & 0o777 == 0o700
    assert [path.name for path in cache.iterdir()] == [name]
    assert (cache / name).stat().st_mode & 0o777 == 0o600
    first, key, digest, body = (cache / name).read_bytes().split(b"\n", 3)
    assert (first, key) == (b"# " + dataclass_code.FORMAT, b"# " + name.encode())
    assert digest == b"# " + hashlib.sha256(body).hexdigest().encode()
    kept = dataclass_code.load(cache, name)
    assert kept.keys() == bundle.used.keys()
    assert all(kept[source] == code for source, code in bundle.used.items())


@served
def test_a_trusted_bundle_is_used(cache: Path, name: str) -> None:
    """The control for the tests below: a bundle the caller wrote is the code that runs."""
    plant(cache, name, planted(filled(cache, name)))
    assert shown(cache, name) == "PLANTED(a=1, b='zeven')"


@served
def test_an_altered_bundle_is_ignored(cache: Path, name: str) -> None:
    plant(cache, name, planted(filled(cache, name)), valid_hash=False)
    assert shown(cache, name) == "Shown(a=1, b='zeven')"


@served
def test_a_bundle_under_another_name_is_ignored(cache: Path, name: str) -> None:
    path = plant(cache, name, planted(filled(cache, name)))
    path.write_bytes(path.read_bytes().replace(name.encode(), b"dataclasses-" + b"0" * 64, 1))
    assert shown(cache, name) == "Shown(a=1, b='zeven')"


@served
def test_a_bundle_of_another_format_is_ignored(cache: Path, name: str) -> None:
    path = plant(cache, name, planted(filled(cache, name)))
    path.write_bytes(path.read_bytes().replace(dataclass_code.FORMAT, b"briefgen template code 2", 1))
    assert shown(cache, name) == "Shown(a=1, b='zeven')"


@served
def test_a_bundle_others_may_write_is_ignored(cache: Path, name: str) -> None:
    plant(cache, name, planted(filled(cache, name))).chmod(0o620)
    assert shown(cache, name) == "Shown(a=1, b='zeven')"


@served
def test_a_linked_bundle_is_ignored(cache: Path, name: str, tmp_path: Path) -> None:
    elsewhere = plant(tmp_path, name, planted(filled(cache, name)))
    (cache / name).unlink()
    (cache / name).symlink_to(elsewhere)
    assert shown(cache, name) == "Shown(a=1, b='zeven')"


@served
@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_bundle_owned_by_another_user_is_ignored(cache: Path, name: str) -> None:
    os.chown(plant(cache, name, planted(filled(cache, name))), 12345, 12345)
    assert shown(cache, name) == "Shown(a=1, b='zeven')"


@served
def test_a_bundle_in_a_folder_others_can_open_is_ignored(cache: Path, name: str) -> None:
    plant(cache, name, planted(filled(cache, name)))
    cache.chmod(0o750)
    assert shown(cache, name) == "Shown(a=1, b='zeven')"


@served
def test_a_bundle_that_is_not_a_dictionary_of_code_is_ignored(cache: Path, name: str) -> None:
    source = repr_source(filled(cache, name))
    plant(cache, name, {source: "not code"})
    assert shown(cache, name) == "Shown(a=1, b='zeven')"
    plant(cache, name, [source])  # type: ignore[arg-type]
    assert dataclass_code.load(cache, name) == {}


@served
def test_a_bundle_that_inflates_past_its_bound_is_ignored(
    cache: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plant(cache, name, planted(filled(cache, name)))
    monkeypatch.setattr(dataclass_code, "MAX_BYTES", 200)
    assert dataclass_code.load(cache, name) == {}


@served
def test_a_bundle_past_its_bounds_starts_over_with_what_the_process_used(
    cache: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = {f"# an old source {n}": compile("pass", "<string>", "exec") for n in range(5)}
    with serving(CompiledMethods(dict(old))) as bundle:
        make(spec("Shown", A, B))
    monkeypatch.setattr(dataclass_code, "MAX_ENTRIES", len(bundle.used) + 2)
    bundle.save(cache, name, os.getpid())
    assert dataclass_code.load(cache, name).keys() == bundle.used.keys()
    monkeypatch.setattr(dataclass_code, "MAX_ENTRIES", len(bundle.used) - 1)
    (cache / name).unlink()
    bundle.save(cache, name, os.getpid())
    assert not (cache / name).exists()


@served
def test_writing_a_bundle_keeps_the_newest_bundles_of_other_pythons(cache: Path, name: str) -> None:
    """Each Python or ``dataclasses`` upgrade leaves its bundle behind: past ``KEPT_BUNDLES``
    writing one removes the oldest written; the template cache's entries are left alone."""
    cache.mkdir(parents=True, mode=0o700)
    others = [f"dataclasses-{n:064x}" for n in range(6)]
    for age, other in enumerate([*others, f"{0:064x}.py"]):
        (cache / other).write_bytes(b"")
        os.utime(cache / other, ns=(1_000_000_000 * age, 1_000_000_000 * age))
    filled(cache, name)
    kept = dataclass_code.KEPT_BUNDLES
    assert sorted(path.name for path in cache.iterdir()) == sorted(
        [*others[len(others) - kept + 1 :], name, f"{0:064x}.py"]
    )


@served
def test_a_bundle_is_written_only_when_a_source_was_compiled(cache: Path, name: str) -> None:
    filled(cache, name)
    before = (cache / name).stat()
    with serving(CompiledMethods(dataclass_code.load(cache, name))) as bundle:
        make(spec("Shown", A, B))
    assert bundle.used and bundle.compiled == 0
    bundle.save(cache, name, os.getpid())
    after = (cache / name).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


@served
def test_a_forked_child_writes_no_bundle(cache: Path, name: str) -> None:
    with serving(CompiledMethods({})) as bundle:
        make(spec("Shown", A, B))
    bundle.save(cache, name, os.getpid() + 1)
    assert not cache.exists()


@served
def test_a_full_disk_is_no_error_and_leaves_no_file(
    cache: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.mkdir(parents=True, mode=0o700)

    def full(descriptor: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    with serving(CompiledMethods({})) as bundle:
        make(spec("Shown", A, B))
    monkeypatch.setattr(os, "write", full)
    bundle.save(cache, name, os.getpid())
    monkeypatch.undo()
    assert list(cache.iterdir()) == []


@served
def test_a_cache_home_that_cannot_be_made_is_no_error(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file" / "cache"))
    folder = private_cache.cache_folder()
    assert folder is not None
    with serving(CompiledMethods(dataclass_code.load(folder, name))) as bundle:
        make(spec("Shown", A, B))
    bundle.save(folder, name, os.getpid())
    assert bundle.compiled


@served
def test_a_process_reads_the_bundle_once(cache: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    filled(cache, name)
    reads = []
    read = private_cache.read_entry
    monkeypatch.setattr(private_cache, "read_entry", lambda *args: reads.append(args) or read(*args))
    monkeypatch.setattr(dataclass_code.atexit, "register", lambda *args: None)
    bundle = dataclass_code.install()
    try:
        assert bundle is not None
        for n in range(3):
            make(spec(f"Class{n}", A, B, frozen=bool(n)))
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]
    assert len(reads) == 1
    assert bundle.used and bundle.compiled < len(bundle.used)


# Where it is not installed.


def test_the_cache_turned_off_installs_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(private_cache.SETTING, "0")
    assert dataclass_code.install() is None
    assert "exec" not in vars(dataclasses)


def test_the_windows_path_installs_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform, "WINDOWS", True)
    assert dataclass_code.install() is None
    assert "exec" not in vars(dataclasses)


def test_a_dataclasses_without_create_fn_runs_without_the_bundle(cache: Path) -> None:
    """Python 3.13 compiles all of a class's methods at once; nothing is installed there."""
    module = types.ModuleType("dataclasses", "as in Python 3.13")
    module.__file__ = dataclasses.__file__
    assert dataclass_code.install(module) is None
    assert "exec" not in vars(module)


def made_with(source: str) -> types.ModuleType:
    module = types.ModuleType("dataclasses")
    module.__file__ = dataclasses.__file__
    exec(compile(source, "<dataclasses>", "exec", dont_inherit=True), vars(module))
    return module


BODY = "    exec(txt, globals, ns)\n"
OTHER_CREATE_FNS = {
    "another parameter": "def _create_fn(name, args, body, *, globals=None, locals=None, return_type=None, x=1):\n"
    + BODY,
    "positional globals": "def _create_fn(name, args, body, globals=None, locals=None, return_type=None):\n"
    + BODY,
    "other names": "def _create_fn(name, params, body, *, globals=None, locals=None, return_type=None):\n"
    + BODY,
    "no exec": "def _create_fn(name, args, body, *, globals=None, locals=None, return_type=None):\n    eval(txt)\n",
    "future annotations": "from __future__ import annotations\n"
    "def _create_fn(name, args, body, *, globals=None, locals=None, return_type=None):\n" + BODY,
}


@pytest.mark.parametrize("source", OTHER_CREATE_FNS.values(), ids=OTHER_CREATE_FNS.keys())
def test_a_create_fn_of_another_shape_runs_without_the_bundle(cache: Path, source: str) -> None:
    module = made_with(source)
    assert dataclass_code.install(module) is None
    assert "exec" not in vars(module)


def test_the_create_fn_this_was_written_against_is_supported() -> None:
    """The control: the stand-in of the right shape is served."""
    source = "def _create_fn(name, args, body, *, globals=None, locals=None, return_type=None):\n" + BODY
    assert dataclass_code.supported(made_with(source))


@served
def test_installed_twice_is_installed_once(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataclass_code.atexit, "register", lambda *args: None)
    try:
        assert dataclass_code.install() is not None
        assert dataclass_code.install() is None
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]


def test_another_python_or_dataclasses_gets_another_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    here = dataclass_code.bundle_name(dataclasses)
    other = tmp_path / "dataclasses.py"
    other.write_bytes(Path(dataclasses.__file__).read_bytes() + b"\n")
    module = types.ModuleType("dataclasses")
    module.__file__ = str(other)
    assert dataclass_code.bundle_name(module) not in (None, here)
    monkeypatch.setattr(sys, "version", sys.version + " (other build)")
    assert dataclass_code.bundle_name(dataclasses) != here


# The script.


def run(root: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "XDG_CACHE_HOME": str(home)}
    environment.pop(private_cache.SETTING, None)
    command = [sys.executable, "-m", "briefgen", *args]
    return subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, check=False)


@served
def test_the_script_keeps_the_bundle_and_reads_it_the_next_time(tmp_path: Path) -> None:
    root, home = small.project(tmp_path / "p", 1), tmp_path / "home"
    assert run(root, home, "check").returncode == 0
    (bundle,) = (home / "briefgen").glob("dataclasses-*")
    before = bundle.stat()
    kept = dataclass_code.load(home / "briefgen", bundle.name)
    assert any("def __init__(self" in source for source in kept)
    assert all(isinstance(code, types.CodeType) for code in kept.values())
    assert run(root, home, "check").returncode == 0
    after = bundle.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_the_list_of_commands_reads_no_bundle(tmp_path: Path) -> None:
    assert run(tmp_path, tmp_path / "home", "--help").returncode == 0
    assert not list((tmp_path / "home").glob("briefgen/dataclasses-*"))


@served
def test_a_command_whose_cache_home_cannot_be_made_runs_as_without_it(tmp_path: Path) -> None:
    root = small.project(tmp_path / "p", 1)
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    done = run(root, tmp_path / "a-file" / "home", "check")
    assert done.returncode == 0
    assert done.stderr == run(root, tmp_path / "home", "check").stderr
