"""One place that turns errors about the type of an argument into :class:`antq.WrongTypeError`.

Tag ``wrong_type``, where the call (``OrgGraph.rename_unit``), the Python signature and the types given. Two layers,
each wrapped once at import:

- :func:`install` wraps every callable of :mod:`antq._core`. When no overload takes the arguments given, pybind11
  raises a bare ``TypeError`` ("incompatible function arguments ... Invoked with: ...") that prints the core's
  signature, or a ``RuntimeError`` ("Unable to cast Python instance ..."); these, and only these, are translated.
- :func:`install_python` wraps the public functions and methods of antq's Python modules: a ``TypeError`` raised in
  such a function's own frame or by a call it made with one of the arguments, or an ``AttributeError`` on one of the
  arguments (a number where a graph is expected), is translated; a ``TypeError`` from deeper down, in a call given
  none of the arguments, is a defect and passes through unchanged. When the core
  refused what such a function handed it, the error is named again after the function the user called, with that
  function's signature (``measures.betweenness``, not the core's ``betweenness`` and its ``ties: List[str]``).

Every other error passes through untouched; antq errors are never rewrapped.
"""

from __future__ import annotations

import functools
import inspect
import re
import sys
import types
import typing
from types import FunctionType, ModuleType
from typing import Any, Callable

from .errors import Error, WrongTypeError

_RAW = ("incompatible function arguments", "incompatible constructor arguments", "Unable to cast Python instance")
_SIGNATURE = re.compile(r"^\s*\d+\. (\(.*\)(?: -> .*)?)$", re.M)
# The methods Python calls on its own (creation, attribute access, hashing) are left as pybind11 made them.
_LEFT_ALONE = frozenset({"__new__", "__getattribute__", "__getattr__", "__setattr__", "__delattr__", "__dir__",
                         "__hash__", "__init_subclass__", "__subclasshook__", "__class_getitem__", "_pybind11_conduit_v1_"})


def _python_signature(name: str, raw: str, bound: bool) -> str:
    """The accepted calls as a Python user writes them: ``rename_unit(id: str, name: str)``."""
    calls = []
    for found in _SIGNATURE.findall(raw):
        found = found.replace("antq._core.", "antq.")
        if bound:  # drop "self: antq.OrgGraph" (or pybind11's "arg0: antq.OrgGraph" of a property setter)
            found = re.sub(r"^\((?:self|arg0): [\w.]+(?:, )?", "(", found)
        calls.append(name + found)
    return " or ".join(re.sub(r" -> .*$", "", c) for c in calls) or name + "(...)"


def _given(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    parts = [type(a).__name__ for a in args] + [f"{k}={type(v).__name__}" for k, v in kwargs.items()]
    return "(" + ", ".join(parts) + ")"


def _translating(function: Callable[..., Any], where: str, name: str, bound: bool,
                 setter: bool = False) -> Callable[..., Any]:
    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (TypeError, RuntimeError) as error:
            raw = str(error)
            if isinstance(error, WrongTypeError) or not any(text in raw for text in _RAW):
                raise
            given = _given(args[1:] if bound else args, kwargs)
            value = re.search(r"\(arg0: [\w.]+, arg1: (.+)\) -> None", raw) if setter else None
            if value:  # a property setter: "OrgGraph.name = str"
                message = f"wrong_type: {where}: expected {name} = {value.group(1)}, found {given[1:-1]}"
            else:
                message = f"wrong_type: {where}: expected {_python_signature(name, raw, bound)}, found {given}"
            translated = WrongTypeError(message, "wrong_type", where)
            translated.__antq_from_core__ = True  # type: ignore[attr-defined]
            raise translated from None

    call.__antq_translated__ = True  # type: ignore[attr-defined]
    return call


def _is_compiled(value: Any) -> bool:
    return type(value).__name__ in ("builtin_function_or_method", "instancemethod")


def _wrap_class(cls: type) -> None:
    for name, value in list(vars(cls).items()):
        if name in _LEFT_ALONE:
            continue
        where = f"{cls.__name__}.{name}"
        if isinstance(value, (staticmethod, classmethod)) and _is_compiled(value.__func__):
            setattr(cls, name, type(value)(_translating(value.__func__, where, name, isinstance(value, classmethod))))
        elif _is_compiled(value):
            setattr(cls, name, _translating(getattr(value, "__func__", value), where, name, True))
        elif isinstance(value, property) and value.fset is not None and _is_compiled(value.fset):
            setter = _translating(value.fset, where, name, True, setter=True)
            setattr(cls, name, property(value.fget, setter, value.fdel, value.__doc__))


def install(core: ModuleType) -> None:
    """Wraps the module's functions and the methods, static methods and property setters of its classes. Runs once:
    a second call finds only wrapped (Python) functions and changes nothing."""
    for name, value in list(vars(core).items()):
        if isinstance(value, type) and value.__module__ == core.__name__:
            _wrap_class(value)
        elif _is_compiled(value) and not name.startswith("__"):
            setattr(core, name, _translating(value, name, name, False))


def _annotation(annotation: Any) -> str:
    """A parameter's type as the user writes it: ``antq.OrgGraph | antq.FrozenGraph``, ``Iterable[str] | None``."""
    if isinstance(annotation, str):
        return annotation.strip("'\"")
    if isinstance(annotation, typing.ForwardRef):
        return annotation.__forward_arg__
    if annotation is type(None):
        return "None"
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_annotation(a) for a in typing.get_args(annotation))
    if origin is not None:
        name = getattr(origin, "__name__", str(origin).replace("typing.", ""))
        if getattr(origin, "__module__", "builtins") not in ("builtins", "typing", "collections.abc"):
            name = f"{origin.__module__}.{name}"
        return f"{name}[{', '.join(_annotation(a) for a in typing.get_args(annotation))}]"
    if isinstance(annotation, type):
        module = annotation.__module__
        if module.startswith("antq"):
            return f"antq.{annotation.__name__}"
        return annotation.__name__ if module in ("builtins", "typing") else f"{module}.{annotation.__qualname__}"
    return str(annotation).replace("typing.", "")


def _annotated_signature(function: Callable[..., Any]) -> str:
    """``betweenness(graph: antq.OrgGraph | antq.FrozenGraph, ties: str | Iterable[str] = ('forwards',), *, ...)``:
    the call as the user writes it, types as the source declares them (without the return type)."""
    try:
        signature = inspect.signature(function, eval_str=True)
    except Exception:  # noqa: BLE001 - a name only known to type checkers: show the annotations as written
        try:
            signature = inspect.signature(function)
        except (TypeError, ValueError):
            return f"{function.__name__}(...)"
    parts: list[str] = []
    keyword_only = False
    for p in signature.parameters.values():
        if p.name in ("self", "cls"):
            continue
        if p.kind is p.KEYWORD_ONLY and not keyword_only:
            parts.append("*")
            keyword_only = True
        stars = "*" if p.kind is p.VAR_POSITIONAL else "**" if p.kind is p.VAR_KEYWORD else ""
        name = stars + p.name
        keyword_only = keyword_only or p.kind is p.VAR_POSITIONAL
        text = name if p.annotation is p.empty else f"{name}: {_annotation(p.annotation)}"
        parts.append(text if p.default is p.empty else f"{text} = {p.default!r}")
    return f"{function.__name__}({', '.join(parts)})"


def _about_the_arguments(error: TypeError, given: tuple[Any, ...]) -> bool:
    """Whether a TypeError that left a wrapped function concerns the call's arguments: raised in the function's own
    frame (``len(x)``, ``x + 1``, a builtin refusing ``x``, the function's own ``raise TypeError``), or in a call the
    function made with one of the arguments (``_expect(..., x, ...)``, ``pandas.DataFrame(x)``, the core's wrapper).
    One raised further down a call that was handed none of them (an internal helper, pandas working on what the
    function built) is a defect, not the caller's wrong type."""
    frames = error.__traceback__
    function_frame = frames.tb_next if frames is not None else None  # the first is the wrapper's own frame
    called = function_frame.tb_next if function_frame is not None else None
    if called is None:
        return True
    # Identity, not equality; None and the booleans are everywhere and name nothing.
    shown = [a for a in given if a is not None and a is not True and a is not False]
    for value in called.tb_frame.f_locals.values():
        inner = value if type(value) is tuple else (value,)  # a wrapper's *args
        if type(value) is dict:  # and its **kwargs
            inner = (*inner, *value.values())
        if any(v is a for v in inner for a in shown):
            return True
    return False


def _checking(function: Callable[..., Any], where: str, bound: bool) -> Callable[..., Any]:
    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except WrongTypeError as error:
            if not getattr(error, "__antq_from_core__", False):
                raise
            # The core refused what this function handed it: the user called this function, show its signature.
            types_given = _given(args[1:] if bound else args, kwargs)
            message = f"wrong_type: {where}: expected {_annotated_signature(function)}, found {types_given}"
            raise WrongTypeError(message, "wrong_type", where) from None
        except Error:
            raise
        except (TypeError, AttributeError) as error:
            given = (*(args[1:] if bound else args), *kwargs.values())
            if isinstance(error, AttributeError) and not any(error.obj is a for a in given):
                raise  # not about an argument: a defect to see as it is
            if isinstance(error, TypeError) and not _about_the_arguments(error, given):
                raise  # raised deep inside, by a call on none of the arguments: a defect to see as it is
            raw = str(error)
            signature = _annotated_signature(function)
            shown = raw if raw.startswith(signature.split("(")[0] + "(") else (
                f"{signature} does not take {_given(args[1:] if bound else args, kwargs)}: {raw}")
            raise WrongTypeError(f"wrong_type: {where}: {shown}", "wrong_type", where) from error

    call.__antq_translated__ = True  # type: ignore[attr-defined]
    return call


def _own(value: Any, package: str) -> bool:
    """Defined in the package's Python modules (the compiled core has its own layer) and not wrapped yet."""
    module = getattr(value, "__module__", "")
    return (module.startswith(package + ".") and module != package + "._core"
            and not getattr(value, "__antq_translated__", False))


def install_python(package: str) -> None:
    """Wraps the public functions (``__all__``) and the public methods and constructors of the public classes of the
    package's modules imported so far, and points every module's name for a wrapped function at its wrapper."""
    modules = [m for name, m in list(sys.modules.items())
               if (name == package or name.startswith(package + ".")) and m is not None and not name.endswith("_core")]
    wrapped: dict[FunctionType, Callable[..., Any]] = {}
    for module in modules:
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name, None)
            if isinstance(value, FunctionType) and _own(value, package) and value not in wrapped:
                wrapped[value] = _checking(value, f"{value.__module__.removeprefix(package + '.')}.{name}", False)
            elif isinstance(value, type) and _own(value, package):
                _check_class(value)
    for module in modules:  # `from .directive import compile` elsewhere took the function itself: point it along
        for name, value in list(vars(module).items()):
            if isinstance(value, FunctionType) and value in wrapped:
                setattr(module, name, wrapped[value])


def _check_class(cls: type) -> None:
    for name, value in list(vars(cls).items()):
        if name.startswith("_") and name != "__init__":
            continue
        where = f"{cls.__name__}.{name}"
        if isinstance(value, (staticmethod, classmethod)) and isinstance(value.__func__, FunctionType):
            setattr(cls, name, type(value)(_checking(value.__func__, where, isinstance(value, classmethod))))
        elif isinstance(value, FunctionType) and not getattr(value, "__antq_translated__", False):
            setattr(cls, name, _checking(value, where, True))
