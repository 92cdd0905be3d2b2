"""The exception classes: what they derive from, and what tag / where / str() carry."""

from __future__ import annotations

import pickle

import pytest

import antq
import antq.errors


@pytest.mark.parametrize(
    "cls, builtin",
    [
        (antq.NotFoundError, KeyError),
        (antq.InvalidInputError, ValueError),
        (antq.HierarchyError, ValueError),
        (antq.StaleViewError, RuntimeError),
        (antq.IoError, OSError),
        (antq.GraphInUseError, RuntimeError),
    ],
)
def test_bases(cls, builtin):
    assert issubclass(cls, antq.Error)
    assert issubclass(cls, builtin)
    assert issubclass(antq.Error, Exception)


def test_hierarchy_error_is_invalid_input():
    assert issubclass(antq.HierarchyError, antq.InvalidInputError)
    assert not issubclass(antq.InvalidInputError, antq.HierarchyError)
    assert not issubclass(antq.NotFoundError, ValueError)


def test_classes_are_the_same_objects_everywhere():
    for name in ("Error", "NotFoundError", "InvalidInputError", "HierarchyError", "StaleViewError", "IoError",
                 "GraphInUseError"):
        assert getattr(antq, name) is getattr(antq.errors, name)


def test_not_found_from_the_core(tiny):
    with pytest.raises(KeyError) as info:  # caught as the builtin a Python user expects
        tiny.unit("297")
    error = info.value
    assert type(error) is antq.NotFoundError
    assert error.tag == "unknown_unit"
    assert error.where == "'297'"
    # KeyError would print repr(message) in quotes; antq errors read as plain text.
    assert str(error) == "unknown_unit: '297': no unit has this id"
    assert not str(error).startswith(('"', "'"))


def test_invalid_input_from_a_file(tiny_doc):
    import json

    tiny_doc["ties"][3]["target"] = "289"
    with pytest.raises(ValueError) as info:
        antq.loads(json.dumps(tiny_doc), "g.json")
    error = info.value
    assert type(error) is antq.InvalidInputError
    assert (error.tag, error.where) == ("dangling_reference", "g.json:/ties/3/target")
    assert str(error) == "dangling_reference: g.json:/ties/3/target: no unit has id '289'"


def test_hierarchy_error_from_a_mutation(tiny):
    with pytest.raises(antq.HierarchyError) as info:
        tiny.add_tie("296.police", "296.pc", "directs")
    assert info.value.tag == "cycle"
    assert info.value.where == "'296.police' -directs-> '296.pc'"
    assert str(info.value).startswith("cycle: '296.police' -directs-> '296.pc': ")


def test_stale_view_error(tiny):
    units = tiny.units
    tiny.rename_unit("30", "Tỉnh Hải Dương")
    with pytest.raises(RuntimeError) as info:
        len(units)
    assert type(info.value) is antq.StaleViewError
    assert info.value.tag == "stale_view" and info.value.where == ""
    assert str(info.value).startswith("stale_view: ")


def test_io_error(tmp_path):
    path = tmp_path / "missing.json"
    with pytest.raises(OSError) as info:
        antq.load(path)
    error = info.value
    assert type(error) is antq.IoError
    assert (error.tag, error.where) == ("cannot_read", str(path))
    assert str(error) == f"cannot_read: {path}: No such file or directory"


def test_errors_raised_from_python_code_have_tag_and_where():
    # from_pandas validates its frames in Python before reaching the core.
    pd = pytest.importorskip("pandas")
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_pandas(pd.DataFrame({"id": ["30"], "name": ["Hải Dương"]}))
    assert (info.value.tag, info.value.where) == ("missing_field", "units")
    assert str(info.value) == "missing_field: units: the units frame needs a 'kind' column"


def test_constructed_directly():
    error = antq.NotFoundError("unknown_unit: 'x': no unit has this id", "unknown_unit", "'x'")
    assert (error.tag, error.where) == ("unknown_unit", "'x'")
    assert str(error) == "unknown_unit: 'x': no unit has this id"
    bare = antq.Error("just text")
    assert (bare.tag, bare.where, str(bare)) == ("", "", "just text")


def test_catching_the_base_catches_all(tiny):
    caught = []
    for call in (lambda: tiny.unit("297"), lambda: tiny.add_unit("296", "x", "district"),
                 lambda: tiny.add_tie("10945", "10951", "contains"), lambda: antq.load("/nonexistent/x.json")):
        try:
            call()
        except antq.Error as error:
            caught.append(type(error).__name__)
    assert caught == ["NotFoundError", "InvalidInputError", "HierarchyError", "IoError"]


def test_errors_survive_pickling(tiny):
    # Errors cross process boundaries (multiprocessing, concurrent.futures); tag and where must come along.
    with pytest.raises(antq.InvalidInputError) as info:
        tiny.add_unit("296", "x", "district")
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is antq.InvalidInputError
    assert (back.tag, back.where, str(back)) == (info.value.tag, info.value.where, str(info.value))
