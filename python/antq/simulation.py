"""Simulations on an OrgGraph: the directive cascade and incident escalation (Monte Carlo, C++ threads, the GIL
released).

``cascade`` sends a document from its issuers along ``forwards`` ties; each hop's delay, each unit's processing
capacity and its probability of failing to forward are data, set by selectors. ``escalation`` lets incidents arise
in communes and villages, queue at the responsible body and go up the chain of command; rates, handling times,
servers, escalation probabilities and thresholds are data, set by selectors. The models' assumptions, and what they
are not, are in docs/simulation.md.
"""

from __future__ import annotations

import copy
import itertools
import json
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence, Union

from . import _core
from ._core import Selector
from ._frames import frame
from .errors import Error, _bad_input, _wrong_type

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import numpy.typing as npt
    import pandas

__all__ = ["cascade", "Cascade", "escalation", "Escalation", "Scenario", "Run", "run", "compare", "sweep", "ASSUMED"]

#: Printed beside every figure a scenario run gives: nothing measured stands behind the parameters.
ASSUMED = (
    "The delays, rates, capacities and probabilities of this run are assumptions (no measured delays exist for "
    "Hải Dương): every figure shows how the structure responds to them, not how long real work takes."
)

SelectorLike = Union[Selector, Mapping[str, Any], str]
DEFAULT_MAX_MEMORY_BYTES = 2**31


def _selector(value: SelectorLike) -> Selector:
    if isinstance(value, Selector):
        return value
    return Selector.from_json(dict(value) if isinstance(value, Mapping) else value)


def _rules(rules: Iterable[Mapping[str, Any]] | None, name: str, field: str) -> list[tuple[Selector, Any]]:
    """``[{"select": selector, field: value}, ...]`` as (Selector, value) pairs, each place named on error."""
    out: list[tuple[Selector, Any]] = []
    for i, rule in enumerate(rules or []):
        where = f"{name}[{i}]"
        if not isinstance(rule, Mapping):
            raise _wrong_type(where, f'expected a dict {{"select": ..., "{field}": ...}}')
        unknown = set(rule) - {"select", field}
        if unknown:
            raise _bad_input("unknown_field", f"{where}.{sorted(unknown)[0]}", f"a rule has 'select' and '{field}'")
        for key in ("select", field):
            if key not in rule:
                raise _bad_input("missing_field", f"{where}.{key}", "every rule needs it")
        try:
            selector = _selector(rule["select"])
        except Error as error:  # say which rule's selector
            raise type(error)(f"{where}.select: {error.args[0]}", error.tag, f"{where}.select") from error
        out.append((selector, rule[field]))
    return out


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _wrong_type(where, f"expected a number, found {type(value).__name__}")
    return float(value)


class Cascade:
    """The arrival times of a cascade run: ``arrivals`` (replications × units, days, NaN where the document never
    arrived), the ``units`` (ids of every unit the document can reach, the columns) and ``to_pandas()``."""

    def __init__(self, core: _core.CascadeResult) -> None:
        self._core = core

    @property
    def reps(self) -> int:
        return self._core.reps

    @property
    def units(self) -> list[str]:
        return self._core.units

    @property
    def arrivals(self) -> "npt.NDArray[np.float64]":
        return self._core.arrivals

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per replication and unit: ``rep``, ``unit`` (categorical ids), ``arrival`` (days; NaN: never)."""
        return frame(self._core._columns())

    def __repr__(self) -> str:
        return f"<antq.simulation.Cascade of {self.reps} replications over {len(self.units)} units>"


def _run_options(reps: Any, seed: Any, threads: Any, max_memory_bytes: Any) -> None:
    for name, value in (("reps", reps), ("seed", seed), ("threads", threads), ("max_memory_bytes", max_memory_bytes)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong_type(name, f"expected an int, found {type(value).__name__}")
    if seed < 0 or seed >= 2**63:
        raise _bad_input("bad_value", "seed", "expected an int in [0, 2**63)")


def _number_rules(rules: Iterable[Mapping[str, Any]] | None, name: str, field: str) -> list[tuple[Selector, float]]:
    return [(s, _number(v, f"{name}[{i}].{field}")) for i, (s, v) in enumerate(_rules(rules, name, field))]


def cascade(
    graph: _core.OrgGraph,
    sources: Sequence[str],
    delay: Mapping[str, Any],
    *,
    delays: Iterable[Mapping[str, Any]] | None = None,
    capacity: float = math.inf,
    capacities: Iterable[Mapping[str, Any]] | None = None,
    failure: float = 0.0,
    failures: Iterable[Mapping[str, Any]] | None = None,
    reps: int = 1,
    seed: int = 0,
    threads: int = 1,
    max_memory_bytes: int = DEFAULT_MAX_MEMORY_BYTES,
) -> Cascade:
    """Simulates ``reps`` replications of a directive cascade from ``sources`` (unit ids) along ``forwards`` ties.

    ``delay`` is every hop's delay in days: ``{"dist": "constant", "value": v}``, ``{"dist": "exponential",
    "mean": m}``, ``{"dist": "lognormal", "mu": m, "sigma": s}`` (of the delay's logarithm) or ``{"dist":
    "empirical", "samples": [...]}``. ``delays``, ``capacities`` and ``failures`` are rules
    ``{"select": selector, "delay" | "per_day" | "p": value}`` for the units picked (a tie's delay is its
    target's; a later rule wins). ``capacity`` is documents processed per day (FIFO; infinity: no wait),
    ``failure`` the probability that a unit does not forward. Replication r draws from its own stream (seed, r):
    the results are the same whatever ``threads``. A run whose results would exceed ``max_memory_bytes`` is
    refused before it starts. Errors name the field (``delays[1].delay.mean``).
    """
    if graph is None:
        raise _wrong_type("graph", "expected an antq.OrgGraph, found None")
    if isinstance(sources, str) or not all(isinstance(s, str) for s in sources):
        raise _wrong_type("sources", "expected a list of unit ids")
    _run_options(reps, seed, threads, max_memory_bytes)
    capacity_rules = _number_rules(capacities, "capacities", "per_day")
    failure_rules = _number_rules(failures, "failures", "p")
    core = _core._cascade(
        graph,
        list(sources),
        delay,
        _rules(delays, "delays", "delay"),
        _number(capacity, "capacity"),
        capacity_rules,
        _number(failure, "failure"),
        failure_rules,
        reps,
        seed,
        threads,
        max_memory_bytes,
    )
    return Cascade(core)


class Escalation:
    """The figures of an escalation run: ``to_pandas()`` (one row per incident), ``backlog_frame()`` (incidents at
    each level over time), ``per_level()`` (each replication's figures per level) and ``summary()`` (means over
    replications with 95% confidence intervals). ``levels`` are the levels of the bodies simulated, lowest first;
    ``backlog`` is the same as an array (replications × sample_times × levels)."""

    def __init__(self, core: _core.EscalationResult) -> None:
        self._core = core

    @property
    def reps(self) -> int:
        return self._core.reps

    @property
    def levels(self) -> list[str]:
        return self._core.levels

    @property
    def stations(self) -> list[str]:
        """Ids of the bodies simulated: the responsible bodies and the chain of command above them."""
        return self._core.stations

    @property
    def sample_times(self) -> "npt.NDArray[np.float64]":
        return self._core.sample_times

    @property
    def backlog(self) -> "npt.NDArray[np.uint32]":
        return self._core.backlog

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per incident that arose after the warm-up: ``rep``, ``territory`` (where it arose), ``handler``
        (the last body it reached), ``escalations`` (times passed up), ``arrival`` (day it arose), ``response``
        (days to resolution; NaN: still open at the horizon)."""
        return frame(self._core._incidents())

    def backlog_frame(self) -> "pandas.DataFrame":
        """One row per replication, sample time and level: ``rep``, ``time``, ``level``, ``backlog`` (incidents
        waiting or in handling at the level's bodies)."""
        return frame(self._core._backlog())

    def per_level(self) -> "pandas.DataFrame":
        """One row per replication and level: ``served``, ``decision_wait`` (mean days before handling began),
        ``sojourn`` (mean days at the level), ``utilisation`` (busy share of server time), ``escalated``."""
        return frame(self._core._figures())

    def summary(self) -> "pandas.DataFrame":
        """Per level and measure of ``per_level()``, and the response time over all levels: ``mean`` over
        replications, ``ci_low`` and ``ci_high`` (95%, Student's t), ``reps`` (replications with a value)."""
        return frame(self._core._summary())

    def __repr__(self) -> str:
        return f"<antq.simulation.Escalation of {self.reps} replications over levels {', '.join(self.levels)}>"


def escalation(
    graph: _core.OrgGraph,
    rates: Iterable[Mapping[str, Any]],
    service: Mapping[str, Any],
    *,
    responsible: str = "police",
    services: Iterable[Mapping[str, Any]] | None = None,
    servers: int = 1,
    staffing: Iterable[Mapping[str, Any]] | None = None,
    escalation: float = 0.0,
    escalations: Iterable[Mapping[str, Any]] | None = None,
    threshold: float = math.inf,
    thresholds: Iterable[Mapping[str, Any]] | None = None,
    horizon: float = 365.0,
    warm_up: float = 0.0,
    step: float = 1.0,
    reps: int = 1,
    seed: int = 0,
    threads: int = 1,
    max_memory_bytes: int = DEFAULT_MAX_MEMORY_BYTES,
) -> Escalation:
    """Simulates ``reps`` replications of incident escalation over ``horizon`` days.

    ``rates`` are rules ``{"select": selector, "per_day": r}``: incidents arise at the communes and villages picked
    as a Poisson process of rate r a day (other units picked are ignored; a later rule wins). Each goes to its
    responsible body: the body of kind ``responsible`` serving the territory, else the one serving the nearest
    territory above it. A body handles ``servers`` incidents at once (``staffing`` rules ``{"servers": c}``), first
    come first served, each for a time from ``service`` (a distribution as in ``cascade``; ``services`` rules
    ``{"service": ...}``). A handled incident goes up the chain of command (the body's superior of the same kind
    along ``directs``) with probability ``escalation`` (``escalations`` rules ``{"p": p}``); one arriving while
    ``threshold`` or more wait goes up at once (``thresholds`` rules ``{"waiting": n}``). What happens before
    ``warm_up`` is not counted; backlog is sampled every ``step`` days. Replication r draws from its own stream
    (seed, r): the results are the same whatever ``threads``. A run whose results would exceed ``max_memory_bytes``
    is refused before it starts. Errors name the field (``staffing[0].servers``, ``horizon``).
    """
    if graph is None:
        raise _wrong_type("graph", "expected an antq.OrgGraph, found None")
    if rates is None or isinstance(rates, (str, Mapping)):
        raise _wrong_type("rates", 'expected a list of rules {"select": ..., "per_day": ...}')
    if not isinstance(responsible, str):
        raise _wrong_type("responsible", "expected a kind of body such as 'police'")
    _run_options(reps, seed, threads, max_memory_bytes)
    core = _core._escalation(
        graph,
        _number_rules(rates, "rates", "per_day"),
        responsible,
        service,
        _rules(services, "services", "service"),
        _number(servers, "servers"),
        _number_rules(staffing, "staffing", "servers"),
        _number(escalation, "escalation"),
        _number_rules(escalations, "escalations", "p"),
        _number(threshold, "threshold"),
        _number_rules(thresholds, "thresholds", "waiting"),
        _number(horizon, "horizon"),
        _number(warm_up, "warm_up"),
        _number(step, "step"),
        reps,
        seed,
        threads,
        max_memory_bytes,
    )
    return Escalation(core)


class Scenario:
    """A simulation written down (format ``antq.scenario``, docs/simulation.md): the graph (``"default"``, the embedded
    Hải Dương dataset, or a graph file), optionally without a level (``remove_level``) and compared with the graph
    without another (``compare``), the model (``"cascade"`` or ``"escalation"``) with the keyword arguments of
    ``cascade()`` or ``escalation()`` as ``parameters`` (plus ``deadline`` for a cascade), a seed and replications.

    The C++ reader checks every field when the scenario is made, loaded or read, and errors name the field by its JSON
    pointer (``/parameters/rates/0/per_day``). A relative graph path is read from the scenario file's folder (the
    current folder for a scenario made in code).
    """

    def __init__(
        self,
        model: str,
        parameters: Mapping[str, Any],
        *,
        graph: str = "default",
        remove_level: str | None = None,
        compare: str | None = None,
        seed: int = 0,
        reps: int = 100,
        name: str = "",
        source: str = "",
        base: str | os.PathLike[str] | None = None,
    ) -> None:
        doc: dict[str, Any] = {"format": "antq.scenario", "version": 1}
        if name:
            doc["name"] = name
        if source:
            doc["source"] = source
        doc["graph"] = {"path": graph, "remove_level": remove_level} if remove_level is not None else graph
        if compare is not None:
            doc["compare"] = {"remove_level": compare}
        doc.update({"model": model, "parameters": dict(parameters), "seed": seed, "reps": reps})
        self._init(doc, "<scenario>", base)

    def _init(self, doc: Any, source: str, base: str | os.PathLike[str] | None) -> None:
        try:
            text = json.dumps(doc, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise _wrong_type(source, f"a scenario is JSON: {error}") from error
        self._hold(_core._parse_scenario(text, source), base)

    def _hold(self, text: str, base: str | os.PathLike[str] | None) -> None:
        """Keeps the scenario as the core wrote it, its parsed form, and the folder its relative paths start from."""
        self._text: str = text
        self._doc: dict[str, Any] = json.loads(text)
        self._base = Path(base) if base is not None else Path.cwd()

    @classmethod
    def from_json(cls, text: str, *, source: str = "<string>", base: str | os.PathLike[str] | None = None) -> "Scenario":
        """A scenario from its JSON text."""
        if not isinstance(text, str):
            raise _wrong_type(source, f"expected JSON text, found {type(text).__name__}")
        out = cls.__new__(cls)
        out._hold(_core._parse_scenario(text, source), base)
        return out

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, max_bytes: int = 2**30) -> "Scenario":
        """Reads a scenario file as every antq reader does: regular files only (a pipe or a device is
        ``cannot_read``), at most ``max_bytes`` (1 GiB by default; larger is ``too_large``). Relative graph paths in
        it are read from the file's folder."""
        p = Path(path)
        out = cls.__new__(cls)
        out._hold(_core._load_scenario(os.fspath(p), max_bytes), p.parent)
        return out

    def to_json(self) -> str:
        """The scenario as the C++ writer writes it (2-space indented); ``from_json`` reads it back equal."""
        return self._text

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the scenario as every antq writer does: through a new temporary file renamed over the target, which
        must be a regular file if it exists (``cannot_write`` otherwise)."""
        _core._save_scenario(self._text, os.fspath(path))

    def to_dict(self) -> dict[str, Any]:
        """A copy of the scenario as JSON-like data."""
        return copy.deepcopy(self._doc)

    def replace(self, **parameters: Any) -> "Scenario":
        """The same scenario with some parameters changed; ``seed`` and ``reps`` change the run, a dotted name
        (``"delay.mean"``) a field inside a parameter."""
        doc = self.to_dict()
        for key, value in parameters.items():
            if key in ("seed", "reps"):
                doc[key] = value
                continue
            *path, last = key.split(".")
            place = doc["parameters"]
            for part in path:
                if not isinstance(place.get(part), dict):
                    raise _bad_input("missing_field", f"/parameters/{'/'.join(path)}", f"no object to set '{key}' in")
                place = place[part]
            place[last] = value
        out = Scenario.__new__(Scenario)
        out._init(doc, "<scenario>", self._base)
        return out

    @property
    def model(self) -> str:
        return str(self._doc["model"])

    @property
    def parameters(self) -> dict[str, Any]:
        return copy.deepcopy(self._doc["parameters"])

    @property
    def seed(self) -> int:
        return int(self._doc["seed"])

    @property
    def reps(self) -> int:
        return int(self._doc["reps"])

    @property
    def compare(self) -> str | None:
        """The level the compared structure lacks, if the scenario compares two structures."""
        c = self._doc.get("compare")
        return None if c is None else str(c["remove_level"])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scenario) and self._text == other._text

    def __repr__(self) -> str:
        graph = self._doc["graph"]
        where = graph if isinstance(graph, str) else f"{graph['path']} without {graph['remove_level']}"
        versus = f", compared without {self.compare}" if self.compare else ""
        return f"<antq.simulation.Scenario {self.model} on {where}{versus}, {self.reps} replications, seed {self.seed}>"


class Run:
    """The results of a scenario run: one result per structure (``structures``; ``"as_given"``, and
    ``"without_<level>"`` when the scenario compares), each a ``Cascade`` or ``Escalation`` (``results``) on its
    graph (``graphs``). ``to_pandas()`` and
    ``summary()`` put the structures side by side in a ``structure`` column; ``side_by_side()`` puts each
    structure's means in its own column. Every figure rests on assumed parameters (``ASSUMED``)."""

    assumed = ASSUMED

    def __init__(self, scenario: Scenario, results: list[tuple[str, _core.OrgGraph, Cascade | Escalation]]) -> None:
        self.scenario = scenario
        self.graphs: dict[str, _core.OrgGraph] = {label: graph for label, graph, _ in results}
        self.results: dict[str, Cascade | Escalation] = {label: result for label, _, result in results}

    @property
    def structures(self) -> list[str]:
        return list(self.results)

    def _frames(self, make: Any) -> "pandas.DataFrame":
        import pandas

        frames = []
        for label, result in self.results.items():
            f = make(result)
            f.insert(0, "structure", label)
            frames.append(f)
        out = pandas.concat(frames, ignore_index=True)
        out["structure"] = pandas.Categorical(out["structure"], categories=self.structures)
        return out

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per structure, replication and unit (cascade: ``rep``, ``unit``, ``arrival``) or level
        (escalation: ``per_level()``'s columns)."""
        return self._frames(lambda r: r.to_pandas() if isinstance(r, Cascade) else r.per_level())

    def summary(self) -> "pandas.DataFrame":
        """Per structure, level and measure: ``mean`` over replications, ``ci_low``, ``ci_high`` (95%, Student's t),
        ``reps``. A cascade's measures are ``arrival`` (mean days to the units reached), ``reached`` (share of the
        level's units) and, with a deadline, ``on_time`` (share reached by it)."""
        deadline = self.scenario.parameters.get("deadline")
        return self._frames(lambda r: frame(_core._cascade_summary(r._core, deadline)) if isinstance(r, Cascade) else r.summary())

    def side_by_side(self) -> "pandas.DataFrame":
        """The summary's means, one column per structure, indexed by level and measure."""
        s = self.summary()
        return s.pivot_table(index=["level", "measure"], columns="structure", values="mean", observed=True, sort=False)

    def __repr__(self) -> str:
        return f"<antq.simulation.Run of {self.scenario.model} on {', '.join(self.structures)} (assumed parameters)>"


def run(
    scenario: Scenario,
    *,
    reps: int | None = None,
    seed: int | None = None,
    threads: int = 1,
    max_memory_bytes: int = DEFAULT_MAX_MEMORY_BYTES,
) -> Run:
    """Runs ``scenario`` (its ``reps`` and ``seed`` unless given here) on ``threads`` C++ threads, the GIL released.
    Results are identical for a seed whatever ``threads``. A run whose results would exceed ``max_memory_bytes``
    (both structures together, when the scenario compares) is refused before it starts, with ``too_large``."""
    if not isinstance(scenario, Scenario):
        raise _wrong_type("scenario", f"expected an antq.simulation.Scenario, found {type(scenario).__name__}")
    reps = scenario.reps if reps is None else reps
    seed = scenario.seed if seed is None else seed
    _run_options(reps, seed, threads, max_memory_bytes)
    results = _core._run_scenario(scenario.to_json(), "<scenario>", str(scenario._base), reps, seed, threads, max_memory_bytes)
    return Run(scenario, [(label, graph, Cascade(r) if isinstance(r, _core.CascadeResult) else Escalation(r))
                          for label, graph, r in results])


def compare(scenario: Scenario, remove_level: str = "district", **options: Any) -> Run:
    """Runs ``scenario`` on its graph as given and on the graph without ``remove_level`` (three tiers against two,
    for the district), with the same seed, and returns both side by side. ``options`` are those of ``run()``."""
    doc = scenario.to_dict()
    doc["compare"] = {"remove_level": remove_level}
    both = Scenario.__new__(Scenario)
    both._init(doc, "<scenario>", scenario._base)
    return run(both, **options)


def _grid_points(grid: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    if not isinstance(grid, Mapping) or not grid:
        raise _wrong_type("grid", 'expected a dict of parameter name to values, e.g. {"failure": [0, 0.1]}')
    for key, values in grid.items():
        if isinstance(values, (str, Mapping)) or not isinstance(values, Sequence) or not values:
            raise _wrong_type(f"grid.{key}", "expected a non-empty list of values")
    keys = list(grid)
    return [dict(zip(keys, point)) for point in itertools.product(*(grid[k] for k in keys))]


def _sweep_point(text: str, base: str, point: Mapping[str, Any], reps: int, threads: int) -> "pandas.DataFrame":
    scenario = Scenario.from_json(text, base=base).replace(**point)
    summary = run(scenario, reps=reps, threads=threads).summary()
    for i, (key, value) in enumerate(point.items()):
        summary.insert(i, key, json.dumps(value) if isinstance(value, (list, dict)) else value)
    return summary


def sweep(
    scenario: Scenario,
    grid: Mapping[str, Sequence[Any]],
    reps: int | None = None,
    client: Any = None,
    *,
    threads: int = 1,
) -> "pandas.DataFrame":
    """Runs ``scenario`` at every point of ``grid`` (parameter name, dotted for a field inside one such as
    ``"delay.mean"``, to a list of values; every combination) and returns the summaries, one block per point, with
    the point's values as leading columns. Every point runs with the scenario's seed, so a point's figures are the
    same locally and on a Dask cluster: with ``client`` (a ``distributed.Client``, e.g.
    ``Client("tcp://scheduler:8786")``) each point is a task on the cluster, whose workers need antq installed.
    Each point is checked before anything runs."""
    import pandas

    if not isinstance(scenario, Scenario):
        raise _wrong_type("scenario", f"expected an antq.simulation.Scenario, found {type(scenario).__name__}")
    points = _grid_points(grid)
    for i, point in enumerate(points):  # refuse a bad point before any runs, naming it
        try:
            scenario.replace(**point)
        except Error as error:
            raise type(error)(f"grid point {i} {point}: {error.args[0]}", error.tag, f"grid[{i}]") from error
    reps = scenario.reps if reps is None else reps
    _run_options(reps, scenario.seed, threads, DEFAULT_MAX_MEMORY_BYTES)
    args = (scenario.to_json(), str(scenario._base))
    if client is None:
        frames = [_sweep_point(*args, point, reps, threads) for point in points]
    else:
        futures = client.map(_sweep_point, [args[0]] * len(points), [args[1]] * len(points), points,
                             [reps] * len(points), [threads] * len(points), pure=False)
        frames = client.gather(futures)
    return pandas.concat(frames, ignore_index=True)
