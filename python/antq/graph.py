"""OrgGraph: the compiled graph plus the Python conveniences analysts expect (pandas, NetworkX, Jupyter)."""

from __future__ import annotations

import html
import json
import math
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from . import _core
from .errors import _bad_input

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import pandas

__all__ = ["OrgGraph"]

_UNIT_COLUMNS = ("id", "name", "kind", "level")
_TIE_COLUMNS = ("source", "target", "kind")


class _Attributes(dict[str, Any]):
    """A row's free attributes in a DataFrame cell: a dict that prints as JSON text, so ``DataFrame.to_csv`` writes
    JSON and :meth:`OrgGraph.from_pandas` reads the cell back after ``pandas.read_csv``."""

    def __str__(self) -> str:
        return json.dumps(self, ensure_ascii=False)


def _attribute_cell(value: Any, table: str, row: int) -> dict[str, Any]:
    """An ``attributes`` cell as a dict: a dict as it is, another mapping copied, JSON text (from a CSV file) parsed.
    The place (``units row 17 attributes``) is written only for an error."""
    if isinstance(value, dict):
        return value
    if isinstance(value, Mapping):
        return dict(value)
    where = f"{table} row {row} attributes"
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError) as error:
            raise _bad_input("bad_json", where, f"expected a JSON object, {error}") from None
        if isinstance(parsed, dict):
            return parsed
        raise _bad_input("wrong_type", where, f"expected a JSON object, found {type(parsed).__name__}")
    raise _bad_input("wrong_type", where, f"expected a dict or a JSON object as text, found {type(value).__name__}")


def _column_values(column: "pandas.Series") -> list[Any]:
    """A column's values; a float column with gaps (NaN) whose other values are all whole numbers is an int column
    as pandas reads one with empty cells, so it gives ints again. Without gaps, floats stay floats."""
    values: list[Any] = column.tolist()
    if column.dtype.kind == "f":  # NumPy floats (NaN for a gap) and pandas' nullable Float64 (pandas.NA)
        gaps = column.isna().tolist()
        present = [v for v, gap in zip(values, gaps) if not gap]
        if len(present) < len(values) and all(math.isfinite(v) and v == int(v) for v in present):
            return [None if gap else int(v) for v, gap in zip(values, gaps)]
    return values


def _optional_cells(column: "pandas.Series") -> list[Any]:
    """The column's values as a list, None where a cell is empty (None, NaN, pandas.NA, NaT), found at once."""
    import pandas as pd

    values = column.to_numpy(dtype=object, copy=True)
    values[pd.isna(values)] = None
    cells: list[Any] = values.tolist()
    return cells


def _attribute_rows(frame: "pandas.DataFrame", reserved: Iterable[str], table: str) -> list[dict[str, Any] | None] | None:
    """Per-row attribute dicts: the ``attributes`` column merged with every column that is not reserved. Empty cells
    (None, NaN, pandas.NA, NaT) are found a column at a time; a row without extra columns passes its dict as it is
    (the core copies it)."""
    extra = [c for c in frame.columns if c not in reserved and c != "attributes"]
    has_column = "attributes" in frame.columns
    if not extra and not has_column:
        return None
    base = _optional_cells(frame["attributes"]) if has_column else [None] * len(frame)
    # An empty text is an empty cell too: read_csv(keep_default_na=False) gives "" where the CSV has nothing.
    rows = [None if given is None or (isinstance(given, str) and given == "") else _attribute_cell(given, table, i)
            for i, given in enumerate(base)]
    if not extra:
        return rows
    columns = [(str(c), _column_values(frame[c]), frame[c].isna().tolist()) for c in extra]
    merged: list[dict[str, Any] | None] = []
    for i, given in enumerate(rows):
        row = dict(given) if given else {}
        for name, values, missing in columns:
            if not missing[i]:
                row[name] = values[i]
        merged.append(row or None)
    return merged


class OrgGraph(_core.OrgGraph):
    """The typed organisational graph: territories, the bodies serving them, the posts heading those bodies.

    Units are addressed by persistent string id (a GSO code for administrative units). Ties are typed and
    directed (see ``antq.tie_kinds``). Mutations keep the structure valid or raise and change nothing.

    Every graph follows an administrative structure (``structure``: ``"either"`` by default, ``"three_tier"`` or
    ``"two_tier"``; see :mod:`antq.model`): which level may contain which, how wide GSO codes are.

    Thread safety: read-only calls may run from several threads; a mutation must not overlap any other
    call on the same graph. Loading and building new graphs release the GIL.
    """

    @classmethod
    def _adopt(cls, core: _core.OrgGraph) -> "OrgGraph":
        return cls(adopt=core)

    # ---- pandas ----------------------------------------------------------------------------------

    def to_pandas(self) -> tuple["pandas.DataFrame", "pandas.DataFrame"]:
        """The graph as two DataFrames: units (id, name, kind, level, attributes) and ties
        (source, target, kind, attributes). ``attributes`` holds a dict or None; ``DataFrame.to_csv`` writes it as
        JSON text, which :meth:`from_pandas` reads back (docs/data-format.md, "CSV")."""
        import pandas as pd

        units, ties = self._columns()
        for columns in (units, ties):
            columns["attributes"] = [None if a is None else _Attributes(a) for a in columns["attributes"]]
        return pd.DataFrame(units, columns=[*_UNIT_COLUMNS, "attributes"]), pd.DataFrame(
            ties, columns=[*_TIE_COLUMNS, "attributes"]
        )

    @classmethod
    def from_pandas(
        cls,
        units: "pandas.DataFrame",
        ties: "pandas.DataFrame | None" = None,
        name: str = "",
        attributes: Mapping[str, Any] | None = None,
        structure: str = "either",
    ) -> "OrgGraph":
        """Builds a graph from a units DataFrame and a ties DataFrame.

        Units need ``id``, ``name``, ``kind``; ``level`` may be missing for territories, for bodies with a
        ``serves`` tie and for posts with a ``heads`` tie. Ties need ``source``, ``target``, ``kind``. An
        ``attributes`` column of dicts (or of JSON objects as text, as a CSV file holds them), and every other
        column, become free attributes (missing values are skipped; a float column with gaps and otherwise whole
        numbers, an int column with empty cells as pandas reads it, gives ints). ``name``, ``attributes`` and ``structure`` (an administrative
        structure's id) describe the graph itself. Errors name the row (counted from 0) and column:
        ``units row 17 attributes``.
        """
        for column in ("id", "name", "kind"):
            if column not in units.columns:
                raise _bad_input("missing_field", "units", f"the units frame needs a '{column}' column")
        levels = _optional_cells(units["level"]) if "level" in units.columns else [None] * len(units)
        if ties is None:
            sources: list[Any] = []
            targets: list[Any] = []
            kinds: list[Any] = []
            tie_rows = None
        else:
            for column in _TIE_COLUMNS:
                if column not in ties.columns:
                    raise _bad_input("missing_field", "ties", f"the ties frame needs a '{column}' column")
            sources = ties["source"].tolist()
            targets = ties["target"].tolist()
            kinds = ties["kind"].tolist()
            tie_rows = _attribute_rows(ties, _TIE_COLUMNS, "ties")
        core = _core.OrgGraph._from_columns(
            name,
            structure,
            units["id"].tolist(),
            units["name"].tolist(),
            units["kind"].tolist(),
            levels,
            _attribute_rows(units, _UNIT_COLUMNS, "units"),
            sources,
            targets,
            kinds,
            tie_rows,
        )
        graph = cls._adopt(core)
        _core._release_free_memory()  # the column copies made for the build are freed by now
        if attributes:
            graph.attributes = dict(attributes)
        return graph

    # ---- NetworkX --------------------------------------------------------------------------------

    def to_networkx(self) -> "networkx.MultiDiGraph":
        """A NetworkX MultiDiGraph keyed by unit id; node data name, kind, level and the free attributes,
        edge data kind and the free attributes (key = tie kind)."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        graph.graph.update(self.attributes)
        graph.graph["name"] = self.name
        units, ties = self._columns()
        # Data dicts are built first: a free attribute may be called "name", "kind" or "key" itself.
        graph.add_nodes_from(
            (uid, {**(attrs or {}), "name": name, "kind": kind, "level": level})
            for uid, name, kind, level, attrs in zip(
                units["id"], units["name"], units["kind"], units["level"], units["attributes"]
            )
        )
        graph.add_edges_from(
            (source, target, kind, {**(attrs or {}), "kind": kind})
            for source, target, kind, attrs in zip(ties["source"], ties["target"], ties["kind"], ties["attributes"])
        )
        return graph

    @classmethod
    def from_networkx(cls, graph: "networkx.Graph", structure: str = "either") -> "OrgGraph":
        """The graph :meth:`to_networkx` describes, built back (through :meth:`from_pandas`, so errors name the row
        and column: ``units row 3 kind`` for the fourth node, ``ties row 0 kind`` for the first edge).

        Node data: ``name``, ``kind``, ``level`` (optional where it can be derived) and the free attributes; edge
        data: ``kind`` (else the edge key of a multigraph) and the free attributes; ``graph.graph``: ``name`` and
        the graph's attributes. Node ids are unit ids (str). A graph NetworkX read from antq's GraphML
        (``nx.read_graphml``) comes back whole: its ``antq_format`` and ``antq_version`` are dropped, ``structure`` is
        applied and ``<attribute>.json`` values are decoded (docs/data-format.md, "GraphML")."""
        import pandas as pd

        unit_fields = ("name", "kind", "level")
        units = pd.DataFrame(
            [(node, data.get("name"), data.get("kind"), data.get("level"),
              {k: v for k, v in data.items() if k not in unit_fields} or None)
             for node, data in graph.nodes(data=True)],
            columns=[*_UNIT_COLUMNS, "attributes"])
        edges = (graph.edges(keys=True, data=True) if graph.is_multigraph()
                 else ((s, t, None, data) for s, t, data in graph.edges(data=True)))
        ties = pd.DataFrame(
            [(s, t, data.get("kind", key), {k: v for k, v in data.items() if k != "kind"} or None)
             for s, t, key, data in edges],
            columns=[*_TIE_COLUMNS, "attributes"])
        attributes = {k: v for k, v in graph.graph.items() if k != "name"}
        built = cls.from_pandas(units, ties, name=str(graph.graph.get("name", "")), attributes=attributes,
                                structure=structure)
        _core._restore_graphml_attributes(built)  # a graph NetworkX read from antq's GraphML (docs/data-format.md)
        return built

    # ---- copies and display ----------------------------------------------------------------------

    def copy(self) -> "OrgGraph":
        """An independent copy."""
        return self._adopt(_core.OrgGraph.copy(self))

    def __copy__(self) -> "OrgGraph":
        return self.copy()

    def __deepcopy__(self, memo: Mapping[int, Any]) -> "OrgGraph":
        return self.copy()

    def __reduce__(self) -> tuple[Any, ...]:
        from .io import loads

        return (loads, (self.dumps(),))

    def _repr_html_(self) -> str:
        summary = self.summary()
        levels = [lvl for lvl in _core.levels if lvl in summary["units"]]
        kinds = sorted({k for per_level in summary["units"].values() for k in per_level})
        head = "".join(f"<th>{html.escape(lvl)}</th>" for lvl in levels)
        rows = "".join(
            "<tr><th style='text-align:left'>{}</th>{}</tr>".format(
                html.escape(kind),
                "".join(f"<td>{summary['units'][lvl].get(kind, '')}</td>" for lvl in levels),
            )
            for kind in kinds
        )
        ties = ", ".join(f"{html.escape(k)} {n}" for k, n in sorted(summary["ties"].items()))
        title = html.escape(self.name or "OrgGraph")
        return (
            f"<div class='antq-orggraph'><strong>{title}</strong>: {len(self)} units, "
            f"{self.number_of_ties()} ties<table><thead><tr><th>kind \\ level</th>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table><div>ties: {ties}</div></div>"
        )
