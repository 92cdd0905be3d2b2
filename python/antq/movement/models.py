"""Self-managed security models (mô hình tự quản, tự phòng ngừa, tự bảo vệ ANTT) under HD 22/HD-BCA-V05.

A registry of models with their points ("điểm": the areas a model has been replicated to), their teams
("tổ") and a dated history; replication (nhân rộng), review and elimination (thanh loại) of formal models;
the figures a province reports. The work is done in C++ (``antq._core.ModelRegistry``). Guide: docs/models.md.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Iterable

from .. import _core
from .._core import Selector
from .._json import iso_date
from ..graph import OrgGraph

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["ModelRegistry", "example_registry", "STATUSES", "ACTIONS"]

#: A model's statuses, in report order (antq.model.model_statuses).
STATUSES: tuple[str, ...] = _core.model_statuses
#: The actions a history records (antq.model.model_actions).
ACTIONS: tuple[str, ...] = _core.model_actions

_COLUMNS = ("id", "name", "type", "origin", "status", "points", "teams")


def _selector(value: Selector | dict[str, Any] | str) -> Selector:
    return value if isinstance(value, Selector) else Selector.from_json(value)


class ModelRegistry:
    """A province's self-managed security models and their history.

    Operations that read unit ids take the graph as an argument. Every successful operation appends one
    event to the model's history (``replicate`` that finds no new area records nothing); dates are
    ``"YYYY-MM-DD"`` or ``datetime.date``, and never earlier than the model's last event. A failed operation changes nothing.
    """

    def __init__(self, name: str = "") -> None:
        self._core = _core.ModelRegistry()
        if name:
            self._core.name = name

    @classmethod
    def _adopt(cls, core: _core.ModelRegistry) -> "ModelRegistry":
        registry = cls.__new__(cls)
        registry._core = core
        return registry

    # ---- files -----------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | os.PathLike[str], graph: OrgGraph, *, max_bytes: int = 2**30) -> "ModelRegistry":
        """Reads an ``antq.models`` file and checks its unit ids against ``graph``; a file larger than
        ``max_bytes`` is ``too_large``."""
        return cls._adopt(_core.ModelRegistry.load(os.fspath(path), graph, max_bytes=max_bytes))

    @classmethod
    def loads(cls, text: str, graph: OrgGraph, source: str = "<string>") -> "ModelRegistry":
        """Parses an ``antq.models`` document and checks its unit ids against ``graph``."""
        return cls._adopt(_core.ModelRegistry.loads(text, graph, source))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the registry as JSON (through a temporary file)."""
        self._core.save(os.fspath(path))

    def dumps(self) -> str:
        """The registry as JSON text; ``loads`` gives it back equal."""
        return self._core.dumps()

    def check(self, graph: OrgGraph) -> None:
        """Checks every origin and point against ``graph`` (e.g. after the graph was edited)."""
        self._core.check(graph)

    # ---- the models ------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._core.name

    @name.setter
    def name(self, value: str) -> None:
        self._core.name = value

    def __len__(self) -> int:
        return len(self._core)

    def __contains__(self, id: object) -> bool:  # noqa: A002 - the domain's word
        return isinstance(id, str) and id in self._core

    def __iter__(self) -> Iterator[str]:
        return iter(self._core.ids())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ModelRegistry) and self._core == other._core

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._core)

    def copy(self) -> "ModelRegistry":
        return self._adopt(self._core.copy())

    def ids(self) -> list[str]:
        """Model ids, in the order the models were added."""
        return self._core.ids()

    def get(self, id: str) -> dict[str, Any]:  # noqa: A002
        """One model: id, name, type, origin, status, points (list of territory ids), teams."""
        return self._core.get(id)

    def history(self, id: str) -> list[dict[str, Any]]:  # noqa: A002
        """A model's events, oldest first: dicts with date, action, detail, units."""
        return self._core.history(id)

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per model: id, name, type, origin, status, points (their number), teams."""
        import pandas as pd

        return pd.DataFrame(self._core._columns(), columns=list(_COLUMNS))

    # ---- operations ------------------------------------------------------------------------------

    def add(
        self,
        id: str,  # noqa: A002
        name: str,
        type: str,  # noqa: A002
        origin: str,
        graph: OrgGraph,
        date: "str | datetime.date",
        *,
        status: str = "effective",
        teams: int = 0,
        points: Iterable[str] | None = None,
    ) -> list[str]:
        """Adds a model built at unit ``origin`` (a territory, or a body / post standing for its territory).

        ``points`` lists areas it already runs in; the origin's area is put first when missing. Returns the
        model's points.
        """
        return self._core.add(
            id, name, type, origin, graph, iso_date(date), status=status, teams=teams,
            points=None if points is None else list(points),
        )

    def replicate(
        self,
        id: str,  # noqa: A002
        selector: Selector | dict[str, Any] | str,
        graph: OrgGraph,
        date: "str | datetime.date",
        note: str = "",
    ) -> list[str]:
        """Replicates a model (nhân rộng) to the areas the selector picks (a Selector or its JSON form, e.g.
        ``{"kind": "commune", "within": "296"}``); bodies and posts stand for the territory they serve.
        Returns the new points; a selector that picks no unit is an error naming the model."""
        return self._core.replicate(id, _selector(selector), graph, iso_date(date), note)

    def set_status(self, id: str, status: str, date: "str | datetime.date", reason: str = "") -> None:  # noqa: A002
        """Moves a model between ``"effective"`` and ``"formal"`` after a review."""
        self._core.set_status(id, status, iso_date(date), reason)

    def eliminate(self, id: str, date: "str | datetime.date", reason: str = "") -> None:  # noqa: A002
        """Eliminates (thanh loại) a formal model: it becomes dissolved, keeps its history, stops counting."""
        self._core.eliminate(id, iso_date(date), reason)

    def set_teams(self, id: str, teams: int, date: "str | datetime.date") -> None:  # noqa: A002
        """Sets the number of teams (tổ) implementing a model."""
        self._core.set_teams(id, teams, iso_date(date))

    # ---- the figures -----------------------------------------------------------------------------

    def counts(self) -> dict[str, Any]:
        """The HD 22 figures: ``models``, ``points``, ``teams`` and ``names`` of the models in force
        (effective or formal), ``by_status`` (dissolved included) and ``by_type``, each a dict of
        models / points / teams; ``spanning_models`` and ``spanning_teams`` are 0 here."""
        return self._core.counts()

    def counts_within(self, graph: OrgGraph, territory: str) -> dict[str, Any]:
        """The figures for the points inside ``territory``. A model's teams count only when all its points lie
        inside; the others are tallied in ``spanning_models`` / ``spanning_teams``."""
        return self._core.counts_within(graph, territory)


# Model types (type, name pattern) as reported: in Hải Dương, liên gia, dòng họ, kẻng and cụm liên kết (2017 results,
# cand.com.vn …481258) and the veterans' "Hội CCB an toàn về ANTT" (Thanh Hà 2022, baohaiduong.vn/print/132558.html);
# in Lâm Đồng, camera models and "Tổ nhân dân tự quản về ANTT" (baolamdong.vn).
_EXAMPLE_TYPES = (
    ("liên gia", "Xóm liên gia tự quản về ANTT {place}"),
    ("dòng họ", "Dòng họ hiếu học, an toàn về ANTT {place}"),
    ("kẻng", "Tiếng kẻng an ninh {place}"),
    ("cụm liên kết", "Cụm liên kết về ANTT {place}"),
    ("đoàn thể", "Hội Cựu chiến binh an toàn về ANTT {place}"),
    ("camera", "Camera an ninh {place}"),
    ("tự quản", "Tổ nhân dân tự quản về ANTT {place}"),
)


def example_registry(graph: OrgGraph, year: int = 2024, seed: int = 2024) -> ModelRegistry:
    """A clearly synthetic year of self-managed models for ``graph``: two to four models built in communes of each
    district (of each province, in the two-tier structure) in the first quarter, most replicated to a few other
    communes of the same district mid-year, about one in eight found formal at the autumn review and half of those
    eliminated in December. Seeded: the same graph and seed give the same registry."""
    import random

    rng = random.Random(seed)
    registry = ModelRegistry(f"Mô hình tự quản về ANTT (synthetic example, {year})")
    units, ties = graph.to_pandas()
    contains = ties[ties["kind"] == "contains"]
    kinds = units.set_index("id")["kind"]
    communes_of: dict[str, list[str]] = {}  # by the territory containing them
    for source, target in zip(contains["source"], contains["target"]):
        if kinds[target] == "commune":
            communes_of.setdefault(source, []).append(target)
    number = 0
    for container in sorted(communes_of):
        communes = communes_of[container]
        for _ in range(rng.randint(2, 4)):
            number += 1
            origin = rng.choice(communes)
            kind, pattern = rng.choice(_EXAMPLE_TYPES)
            model = f"m{number:03d}"
            created = f"{year}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
            registry.add(model, pattern.format(place=graph.unit(origin).name), kind, origin, graph, created,
                         teams=rng.randint(1, 6))
            others = [c for c in communes if c != origin]
            if others and rng.random() < 0.7:
                targets = rng.sample(others, min(len(others), rng.randint(1, 5)))
                registry.replicate(model, {"id": targets}, graph, f"{year}-{rng.randint(5, 8):02d}-{rng.randint(1, 28):02d}",
                                   "nhân rộng (synthetic)")
                registry.set_teams(model, len(targets) + 1 + rng.randint(0, 2 * len(targets)), f"{year}-09-01")
            if rng.random() < 0.125:
                registry.set_status(model, "formal", f"{year}-10-{rng.randint(1, 28):02d}", "hoạt động hình thức (synthetic)")
                if rng.random() < 0.5:
                    registry.eliminate(model, f"{year}-12-{rng.randint(1, 20):02d}", "thanh loại (synthetic)")
    return registry
