"""The DataFrames antq hands out: columns of repeated values are categoricals whose categories the core makes
distinct (namesakes share one); a column naming about one unit per row is plain strings."""

from __future__ import annotations

import pandas as pd
import pytest

import antq
from antq import evaluation as ev
from antq import restructure


def categorical_columns(table: pd.DataFrame) -> list[str]:
    return [name for name, dtype in table.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)]


def assert_categories_distinct(table: pd.DataFrame, what: str) -> int:
    columns = categorical_columns(table)
    for name in columns:
        categories = table[name].cat.categories
        assert categories.is_unique, f"{what}: column {name!r} repeats a category"
        # pandas' checked constructor accepts them and makes the same dtype.
        assert pd.CategoricalDtype(pd.Index(categories, dtype=object)) == table[name].dtype, f"{what}: {name!r}"
    return len(columns)


@pytest.fixture(scope="module")
def graph() -> antq.OrgGraph:
    return antq.datasets.hai_duong_2024()


def test_every_table_of_an_evaluation_has_distinct_categories(graph):
    year = ev.evaluate(graph, ev.example_assessments(graph, seed=11))
    results = year.results
    # Names repeat across units (namesakes share a category): the case that needs the core's care.
    assert results["name"].nunique() < len(results)
    checked = 0
    for what, table in [("results", results), ("roll_ups", year.roll_ups()), ("heads", year.heads),
                        ("commendations", year.commendations), ("summary", year.summary())]:
        checked += assert_categories_distinct(table, what)
    assert checked >= 10


def test_columns_naming_about_one_unit_per_row_are_plain_strings(graph):
    year = ev.evaluate(graph, ev.example_assessments(graph, seed=11))
    plain = {"results": ["unit", "name"], "roll_ups": ["territory", "name"], "heads": ["post", "post_name", "body"],
             "commendations": ["unit", "name"]}
    tables = {"results": year.results, "roll_ups": year.roll_ups(), "heads": year.heads,
              "commendations": year.commendations}
    for what, columns in plain.items():
        table = tables[what]
        assert len(table) > 0, what
        for column in columns:
            assert table[column].dtype == object, f"{what}.{column}"
            assert all(isinstance(v, str) for v in table[column]), f"{what}.{column}"
    # The same text as the graph's, row by row.
    units = graph.to_pandas()[0].set_index("id")["name"]
    roll_ups = tables["roll_ups"]
    assert (roll_ups["name"].to_numpy() == units.loc[roll_ups["territory"]].to_numpy()).all()
    heads = tables["heads"]
    assert (heads["post_name"].to_numpy() == units.loc[heads["post"]].to_numpy()).all()
    # Each territory counts once per subject.
    assert not roll_ups.duplicated(["territory", "subject"]).any()


def test_a_diff_and_a_cascade_have_distinct_categories(graph):
    from antq import simulation

    changes = restructure.diff(graph, restructure.remove_level(graph, "district").graph)
    arrivals = simulation.cascade(graph, sources=["30.pc"], delay={"dist": "constant", "value": 1.0}, reps=2,
                                  seed=1).to_pandas()
    checked = sum(assert_categories_distinct(t, w) for w, t in
                  [("diff", changes), ("cascade", arrivals)])
    assert checked == 4  # the diff's change, kind and level; the cascade's unit


def test_what_a_caller_changes_in_a_table_stays_in_the_callers_frame(graph):
    year = ev.evaluate(graph, ev.example_assessments(graph, seed=11))
    table = antq.compile(antq.datasets.directive_2024(), graph)
    follow_up = ev.follow_up(table, ev.example_progress(table, "2024-12-31", seed=1), "2024-12-31")
    for read in (lambda: year.results, lambda: year.roll_ups(), lambda: year.heads, lambda: year.commendations,
                 lambda: year.summary(), lambda: follow_up.duties, lambda: year.roll_ups(level="district"),
                 lambda: year.dossiers("late")):
        before = read()
        mine = read()
        columns = list(mine.columns)
        mine["share_of_mine"] = 1
        numbers = [c for c in columns if mine[c].dtype.kind == "f"]
        mine.fillna({c: 0 for c in numbers}, inplace=True)  # writes into the number blocks (NaN points, shares)
        mine.iloc[0, 0] = mine.iloc[1, 0]
        mine.index.name = "row"
        mine.drop(columns=columns[0], inplace=True)
        again = read()
        assert again is not mine and list(again.columns) == columns and again.index.name is None
        pd.testing.assert_frame_equal(again, before)


def test_measure_tables_name_their_one_unit_per_row_as_plain_strings(graph):
    from antq import measures

    s = measures.structure(graph)
    cuts = measures.cuts(graph, ["contains", "serves"])
    workload = measures.workload(antq.compile(antq.datasets.directive_2024(), graph))
    cut_off = measures.cuts_from(graph, "30.pc")
    tables = {"bodies": s.bodies, "territories": s.territories, "heads": s.heads,
              "articulation points": cuts.articulation_points, "workload": workload, "cuts_from": cut_off.units}
    for what, table in tables.items():
        assert len(table) > 0, what
        assert table["unit"].dtype == object and table["unit"].is_unique, what
        assert_categories_distinct(table, what)
    # A bridge's ends repeat: categoricals, their categories distinct.
    assert isinstance(cuts.bridges["source"].dtype, pd.CategoricalDtype)
    assert_categories_distinct(cuts.bridges, "bridges")
