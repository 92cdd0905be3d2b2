"""Every public call given arguments of a type it does not take answers with an antq error, never pybind11's.

The sweep walks the public API (the modules' ``__all__`` and the public methods of one object of each class) and
calls everything with an argument nobody accepts. What it must never see: pybind11's "incompatible function
arguments" (which prints the core's signature) or "Unable to cast Python instance", nor an AttributeError from deep
inside. What it accepts: an :class:`antq.Error` subclass, or a ``TypeError`` that names the call (the project's
signature errors, such as ``evaluate(graph, assessments, rules=None): ...``).
"""

from __future__ import annotations

import inspect
import re
from typing import Any, Callable, Iterator

import pytest

import antq
from antq import evaluation as ev

RAW = ("incompatible function arguments", "incompatible constructor arguments", "Unable to cast")
MODULES = (antq, antq.analysis, antq.datasets, antq.directive, antq.evaluation, antq.grassroots, antq.io, antq.measures,
           antq.model, antq.models, antq.restructure, antq.simulation)


class Alien:
    """A type no antq call takes."""

    def __repr__(self) -> str:
        return "<alien>"


def parameters(function: Callable[..., Any]) -> tuple[int, list[str]] | None:
    """(required positional count, optional names) from the Python signature or pybind11's docstring; None for
    a call without parameters."""
    try:
        signature = inspect.signature(function)
        params = [p for p in signature.parameters.values() if p.name not in ("self", "cls")]
        required = sum(1 for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
        optional = [p.name for p in params if p.default is not p.empty]
        if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params) and not required:
            required = 1
    except (TypeError, ValueError):
        first = (function.__doc__ or "").splitlines()[0] if function.__doc__ else ""
        match = re.match(r"^[\w.]*\((.*)\)", first)
        if not match:
            return None
        args = [a.strip() for a in re.split(r", (?=\w+:)", match.group(1)) if a.strip()]
        args = [a for a in args if not a.startswith(("self:", "*"))]
        required = sum(1 for a in args if "=" not in a)
        optional = [a.split(":")[0] for a in args if "=" in a]
    if required == 0 and not optional:
        return None
    return required, optional


def calls(owner: str, function: Callable[..., Any]) -> Iterator[tuple[str, Callable[[], Any]]]:
    shape = parameters(function)
    if shape is None:
        return
    required, optional = shape
    yield f"{owner}({required} aliens)", lambda: function(*[Alien()] * required)
    if required:  # the first argument right-ish (a str), the rest wrong: the type of a later argument is checked too
        yield f"{owner}('30', aliens)", lambda: function("30", *[Alien()] * (required - 1))
    for name in optional:
        yield f"{owner}({name}=alien)", lambda name=name: function(*[Alien()] * required, **{name: Alien()})


def public_methods(obj: Any) -> Iterator[tuple[str, Callable[..., Any]]]:
    """The methods antq defines for the object's class (not those a result inherits from dict or list), and the
    class itself as its constructor."""
    cls = type(obj)
    yield f"{cls.__name__}()", cls
    for name in sorted(dir(cls)):
        if name.startswith("_") and name not in ("__getitem__", "__contains__"):
            continue
        owner = next((c for c in cls.__mro__ if name in vars(c)), object)
        static = vars(owner).get(name)
        if not owner.__module__.startswith("antq") or isinstance(static, property):
            continue
        attribute = getattr(obj, name)
        if callable(attribute) and not inspect.isclass(attribute):
            yield f"{cls.__name__}.{name}", attribute


@pytest.fixture(scope="module")
def objects(tiny_module, hai_duong, compiled) -> list[Any]:
    g = tiny_module
    rules = ev.default_rules()
    records = ev.example_assessments(hai_duong, rules)
    plan = antq.grassroots.plan_teams(g)
    return [
        g, g.unit("30"), g.units, g.ties, next(iter(g.ties)), antq.Selector.kind("police"), g.freeze(), g.structure,
        compiled, compiled.directive, compiled.reach(), compiled.load(), compiled.coordination(), compiled.oversight(),
        compiled.accountability("10987.police"), rules, records, ev.evaluate(hai_duong, records, rules),
        antq.grassroots.default_rule(), plan, antq.models.example_registry(g),
        antq.restructure.remove_level(g.copy(), "district"), antq.restructure.reform_2025(),
        antq.directive.follow_up(compiled, antq.directive.example_progress(compiled, "2024-12-31"), "2024-12-31"),
    ]


@pytest.fixture(scope="module")
def tiny_module():
    from conftest import TINY_JSON

    return antq.loads(TINY_JSON, "tiny.json")


def sweep(objects: list[Any]) -> Iterator[tuple[str, Callable[[], Any]]]:
    for module in MODULES:
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isfunction(value) or inspect.isbuiltin(value):
                yield from calls(f"{module.__name__}.{name}", value)
    for obj in objects:
        for owner, method in public_methods(obj):
            yield from calls(owner, method)


def verdict(call: Callable[[], Any]) -> str | None:
    """Why the call's answer is wrong, or None when it is a clean error (or the call accepted the alien)."""
    try:
        call()
    except antq.Error as error:
        return next((f"raw text in antq error: {error}" for raw in RAW if raw in str(error)), None)
    except TypeError as error:
        text = str(error)
        if any(raw in text for raw in RAW):
            return f"raw pybind11 error: {text.splitlines()[0]}"
        if "(" not in text:
            return f"TypeError without the call: {text}"
        return None
    except Exception as error:  # noqa: BLE001 - anything else is what the sweep is for
        return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    return None


def test_no_public_call_answers_a_wrong_type_with_a_raw_binding_error(objects, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a call given "30" for a path writes a file called 30
    tried = 0
    found = []
    for label, call in sweep(objects):
        tried += 1
        why = verdict(call)
        if why:
            found.append(f"{label}: {why}")
    assert tried > 300
    assert not found, f"{len(found)} of {tried}:\n" + "\n".join(found)


@pytest.mark.parametrize("call, where, expected", [
    (lambda g: g.rename_unit("30", 5), "OrgGraph.rename_unit", "rename_unit(id: str, name: str), found (str, int)"),
    (lambda g: g.parents("30", 5), "OrgGraph.parents", "parents(id: str, kind: str = 'contains'), found (str, int)"),
    (lambda g: g.children("30", kind=5), "OrgGraph.children", "found (str, kind=int)"),
    # A Python function whose core refuses what it was handed: the user called the Python function, and its
    # signature (ties may be one string, and has a default) is what helps, not the core's "ties: List[str]".
    (lambda g: antq.measures.betweenness(42), "measures.betweenness",
     "expected betweenness(graph: antq.OrgGraph | antq.FrozenGraph, ties: str | Iterable[str] = ('forwards',), *,"),
    (lambda g: antq.evaluation.for_structure(g, "two_tier"), "evaluation.for_structure",
     "expected for_structure(rules: antq.EvaluationRules, structure: str), found (OrgGraph, str)"),
    (lambda g: antq.datasets.vietnam(2025), "datasets.vietnam",
     "expected vietnam(as_of: str, with_bodies: bool = False), found (int)"),
    (lambda g: antq.load(42), "io.load", "load(path: str | os.PathLike[str], *, max_bytes: int = 1073741824) does not"),
], ids=["rename_unit", "parents", "children kind=", "betweenness", "for_structure", "vietnam", "load"])
def test_a_wrong_type_names_the_call_and_shows_the_python_signature(tiny, call, where, expected):
    with pytest.raises(antq.WrongTypeError) as info:
        call(tiny)
    assert (info.value.tag, info.value.where) == ("wrong_type", where)
    assert expected in str(info.value)
    assert "antq._core" not in str(info.value) and "self" not in str(info.value) and "List[" not in str(info.value)
    assert isinstance(info.value, TypeError) and isinstance(info.value, antq.InvalidInputError)


def test_a_property_of_the_wrong_type_says_what_it_takes(tiny):
    with pytest.raises(antq.WrongTypeError) as info:
        tiny.name = 5  # type: ignore[assignment]
    assert (info.value.tag, info.value.where) == ("wrong_type", "OrgGraph.name")
    assert "expected name = str, found int" in str(info.value)
    assert tiny.name == "tiny"


def test_other_errors_pass_through_unchanged(tiny):
    with pytest.raises(antq.NotFoundError):
        tiny.parents("no-such-unit")
    with pytest.raises(ZeroDivisionError):
        tiny.select(antq.Selector.kind("police")) and 1 / 0


@pytest.mark.parametrize("call", [
    lambda g: g.unit(296),
    lambda g: g.select(None),
    lambda g: antq.compile(None, g),
    lambda g: antq.measures.betweenness(None),
    lambda g: antq.measures.workload(42),
    lambda g: antq.measures.betweenness(g, ties=None),
], ids=["unit(int)", "select(None)", "compile(None)", "betweenness(None)", "workload(int)", "ties=None"])
def test_every_error_tagged_wrong_type_is_a_wrong_type_error(tiny, call):
    # Whether the core or the Python layer finds it: `except TypeError` catches every wrong type.
    with pytest.raises(antq.WrongTypeError) as info:
        call(tiny)
    assert info.value.tag == "wrong_type"
    assert isinstance(info.value, TypeError) and isinstance(info.value, antq.InvalidInputError)


def test_a_value_of_the_wrong_type_in_a_dataframe_is_bad_data_not_a_wrong_type():
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({"id": ["30"], "name": ["Hải Dương"], "kind": ["province"], "level": ["province"],
                          "founded": [pd.Timestamp("1968-01-01")]})
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_pandas(units)
    assert info.value.tag == "wrong_type" and info.value.where == "units row 0 attributes/founded"
    assert not isinstance(info.value, TypeError)
    # The same value given to a call is the caller's wrong type.
    g = antq.OrgGraph.from_pandas(units.drop(columns="founded"))
    with pytest.raises(antq.WrongTypeError):
        g.set_unit_attribute("30", "founded", pd.Timestamp("1968-01-01"))


def test_pickling_a_class_without_pickle_support_is_a_type_error_at_every_protocol():
    # At protocols 0 and 1 pickle went through copyreg to pybind11's constructor, which aborted the interpreter:
    # run in a child, so that a regression fails this test rather than the whole run.
    import subprocess
    import sys

    code = """
import pickle, antq
for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
    for value in (antq.Selector.kind("village"), antq.evaluation.default_rules(), antq.restructure.reform_2025()):
        try:
            pickle.dumps(value, protocol=protocol)
        except TypeError as error:
            assert str(error) == f"cannot pickle 'antq.{type(value).__name__}' object", error
        else:
            raise AssertionError(f"{type(value).__name__} pickled at protocol {protocol}")
    graph = antq.OrgGraph(name="g")
    assert pickle.loads(pickle.dumps(graph, protocol=protocol)).same_content(graph)
print("done")
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.strip() == "done", run.stderr[-2000:]


class Defect(TypeError):
    """A TypeError raised deep inside, about nothing the caller gave."""


def _raise_defect(*args: Any, **kwargs: Any) -> Any:
    raise Defect("unsupported operand type(s) for +: 'int' and 'NoneType'")


def test_a_type_error_deep_inside_a_function_is_a_defect_not_the_callers_wrong_type(hai_duong, monkeypatch):
    rules = ev.default_rules()
    records = ev.example_assessments(hai_duong, rules)
    # An internal helper, handed what the function worked out (the graph's structure id), not an argument.
    monkeypatch.setattr(ev, "default_rules", _raise_defect)
    with pytest.raises(Defect) as info:
        ev.evaluate(hai_duong, records)
    assert not isinstance(info.value, antq.Error)
    assert str(info.value) == "unsupported operand type(s) for +: 'int' and 'NoneType'"


def test_a_type_error_deep_inside_a_method_is_a_defect_not_the_callers_wrong_type(hai_duong, monkeypatch):
    rules = ev.default_rules()
    year = ev.evaluate(hai_duong, ev.example_assessments(hai_duong, rules), rules)
    monkeypatch.setattr(ev, "frame", _raise_defect)  # the table maker _table calls, given the core's columns
    with pytest.raises(Defect) as info:
        year.roll_ups(level="district")
    assert not isinstance(info.value, antq.Error)


def test_a_type_error_about_an_argument_is_still_the_callers(hai_duong):
    rules = ev.default_rules()
    with pytest.raises(antq.WrongTypeError):  # refused by a helper given the argument itself
        ev.evaluate(hai_duong, ev.example_assessments(hai_duong, rules), rules=42)  # type: ignore[arg-type]
    with pytest.raises(antq.WrongTypeError):  # refused in the function's own frame
        ev.assessments_from_records(2024, 42)  # type: ignore[arg-type]
