"""Self-managed security models (HD 22/HD-BCA-V05) from Python: the registry's operations and their history,
the counts a province reports, errors naming the model, the JSON format with hostile documents, pandas, the
embedded Hải Dương graph, and the examples of docs/models.md."""

from __future__ import annotations

import doctest
import json
import pathlib
from typing import Any

import pytest

import antq
from antq.models import ACTIONS, STATUSES, ModelRegistry

DOCS = pathlib.Path(__file__).resolve().parents[3] / "docs"


def zero() -> dict[str, int]:
    return {"models": 0, "points": 0, "teams": 0}


def tally(models: int, points: int, teams: int) -> dict[str, int]:
    return {"models": models, "points": points, "teams": teams}


@pytest.fixture
def registry(tiny: antq.OrgGraph) -> ModelRegistry:
    """On the tiny graph (districts 288 and 296; communes 288-c01, 10945, 10951; village 10945-v01):
    three models, two replicated, one formal model eliminated."""
    r = ModelRegistry("thử")
    r.add("xlg", "Xóm liên gia tự quản về ANTT", "liên gia", "10951", tiny, "2024-01-10", teams=4)
    r.add("camera", "Camera an ninh", "camera", "10945.police", tiny, "2024-01-15", teams=2)
    r.add("keng", "Tiếng kẻng an ninh", "kẻng", "10945-v01", tiny, "2024-01-20", status="formal", teams=3)
    r.replicate("xlg", {"kind": "commune"}, tiny, "2024-02-01", "Đợt 1")
    r.replicate("camera", antq.Selector.kind("police") & antq.Selector.level("district"), tiny, "2024-02-05")
    r.set_teams("xlg", 10, "2024-02-15")
    r.set_status("camera", "formal", "2024-02-20", "ít hiệu quả")
    r.set_status("camera", "effective", "2024-03-05")
    r.eliminate("keng", "2024-03-01", "chỉ hình thức")
    return r


# ---- operations and history ------------------------------------------------------------------------------


def test_vocabulary() -> None:
    assert STATUSES == ("effective", "formal", "dissolved")
    assert ACTIONS == ("created", "replicated", "status_changed", "eliminated", "teams_changed")


def test_operations_keep_an_exact_history(registry: ModelRegistry) -> None:
    assert len(registry) == 3
    assert list(registry) == registry.ids() == ["xlg", "camera", "keng"]
    assert "xlg" in registry and "nope" not in registry and 3 not in registry
    assert registry.name == "thử"
    assert registry.get("xlg") == {
        "id": "xlg",
        "name": "Xóm liên gia tự quản về ANTT",
        "type": "liên gia",
        "origin": "10951",
        "status": "effective",
        "points": ["10951", "288-c01", "10945"],
        "teams": 10,
    }
    assert registry.history("xlg") == [
        {"date": "2024-01-10", "action": "created", "detail": "effective; 4 teams", "units": ["10951"]},
        {"date": "2024-02-01", "action": "replicated", "detail": "Đợt 1", "units": ["288-c01", "10945"]},
        {"date": "2024-02-15", "action": "teams_changed", "detail": "4 -> 10", "units": []},
    ]
    # The district police picked stand for their districts.
    assert registry.get("camera")["points"] == ["10945", "296"]
    assert [e["detail"] for e in registry.history("camera")] == [
        "effective; 2 teams",
        "",
        "effective -> formal: ít hiệu quả",
        "formal -> effective",
    ]
    keng = registry.get("keng")
    assert keng["status"] == "dissolved" and keng["points"] == ["10945-v01"] and keng["teams"] == 3
    assert registry.history("keng")[-1] == {
        "date": "2024-03-01",
        "action": "eliminated",
        "detail": "chỉ hình thức",
        "units": [],
    }


def test_replicate_returns_only_new_areas(tiny: antq.OrgGraph) -> None:
    r = ModelRegistry()
    assert r.add("m", "M", "t", "30.pc.head", tiny, "2024-01-01") == ["30"]
    assert r.replicate("m", antq.Selector.id("296.pc", "296.police", "10945-v01"), tiny, "2024-01-02") == [
        "296",
        "10945-v01",
    ]
    before = r.copy()
    assert r.replicate("m", {"id": ["296", "30.police"]}, tiny, "2024-01-03") == []
    assert r == before
    assert r.add("p", "P", "t", "10945.pc", tiny, "2024-01-01", points=("288-c01",)) == ["10945", "288-c01"]


def test_counts_follow_hd22(registry: ModelRegistry, tiny: antq.OrgGraph) -> None:
    c = registry.counts()
    assert c == {
        "models": 2,
        "points": 3 + 2,
        "teams": 10 + 2,
        "names": ["Xóm liên gia tự quản về ANTT", "Camera an ninh"],
        "by_status": {"effective": tally(2, 5, 12), "formal": zero(), "dissolved": tally(1, 1, 3)},
        "by_type": {"camera": tally(1, 2, 2), "liên gia": tally(1, 3, 10)},
        "spanning_models": 0,
        "spanning_teams": 0,
    }
    assert registry.counts_within(tiny, "30") == c
    # 296 holds 10951, 10945 (xlg) and 10945, 296 (camera): camera lies wholly inside, xlg does not.
    d296 = registry.counts_within(tiny, "296")
    assert (d296["models"], d296["points"], d296["teams"]) == (2, 4, 2)
    assert (d296["spanning_models"], d296["spanning_teams"]) == (1, 10)
    assert d296["by_status"]["dissolved"] == tally(1, 1, 3)
    d288 = registry.counts_within(tiny, "288")
    assert (d288["models"], d288["points"], d288["teams"]) == (1, 1, 0)
    assert d288["names"] == ["Xóm liên gia tự quản về ANTT"]
    assert d288["by_status"]["dissolved"] == zero()


def test_to_pandas(registry: ModelRegistry) -> None:
    pd = pytest.importorskip("pandas")
    frame = registry.to_pandas()
    assert list(frame.columns) == ["id", "name", "type", "origin", "status", "points", "teams"]
    assert frame["id"].tolist() == ["xlg", "camera", "keng"]
    assert frame["status"].tolist() == ["effective", "effective", "dissolved"]
    assert frame["points"].tolist() == [3, 2, 1]
    assert frame["teams"].tolist() == [10, 2, 3]
    in_force = frame[frame["status"] != "dissolved"]
    assert in_force["points"].sum() == registry.counts()["points"]
    assert ModelRegistry().to_pandas().shape == (0, 7)
    assert isinstance(frame, pd.DataFrame)


# ---- errors ----------------------------------------------------------------------------------------------


def check_error(error: pytest.ExceptionInfo[antq.Error], tag: str, fragment: str) -> None:
    assert error.value.tag == tag, str(error.value)
    assert fragment in str(error.value)


def test_refused_operations_name_the_model_and_change_nothing(registry: ModelRegistry, tiny: antq.OrgGraph) -> None:
    before = registry.dumps()
    cases: list[tuple[Any, type[antq.Error], str, str]] = [
        (lambda: registry.add("xlg", "X", "t", "10945", tiny, "2024-05-01"),
         antq.InvalidInputError, "duplicate_model", "model 'xlg'"),
        (lambda: registry.add("n", "N", "t", "ghost", tiny, "2024-05-01"),
         antq.NotFoundError, "unknown_unit", "ghost"),
        (lambda: registry.add("n", "N", "t", "10945", tiny, "2024-05-01", points=["10945.pc"]),
         antq.InvalidInputError, "not_a_territory", "model 'n'"),
        (lambda: registry.add("n", "N", "t", "10945", tiny, "2024-05-01", status="dissolved"),
         antq.InvalidInputError, "bad_status_change", "model 'n'"),
        (lambda: registry.add("n", "N", "t", "10945", tiny, "2024-05-01", status="good"),
         antq.InvalidInputError, "unknown_status", "good"),
        (lambda: registry.add("n", "N", "t", "10945", tiny, "2024-05-01", teams=-1),
         antq.InvalidInputError, "bad_teams", "model 'n'"),
        (lambda: registry.add("n", "N", "t", "10945", tiny, "1/5/2024"),
         antq.InvalidInputError, "bad_date", "1/5/2024"),
        (lambda: registry.replicate("nope", {"kind": "commune"}, tiny, "2024-05-01"),
         antq.NotFoundError, "unknown_model", "model 'nope'"),
        (lambda: registry.replicate("xlg", {"kind": "enterprise"}, tiny, "2024-05-01"),
         antq.InvalidInputError, "unmatched_selector", "model 'xlg'"),
        (lambda: registry.replicate("xlg", {"id": "ghost"}, tiny, "2024-05-01"),
         antq.NotFoundError, "unknown_unit", "model 'xlg'"),
        (lambda: registry.replicate("xlg", {"kind": "nothing"}, tiny, "2024-05-01"),
         antq.InvalidInputError, "unknown_kind", "nothing"),
        (lambda: registry.replicate("keng", {"kind": "commune"}, tiny, "2024-05-01"),
         antq.InvalidInputError, "model_dissolved", "keng"),
        (lambda: registry.eliminate("xlg", "2024-05-01"),
         antq.InvalidInputError, "bad_status_change", "model 'xlg'"),
        (lambda: registry.eliminate("keng", "2024-05-01"),
         antq.InvalidInputError, "bad_status_change", "model 'keng'"),
        (lambda: registry.set_status("xlg", "dissolved", "2024-05-01"),
         antq.InvalidInputError, "bad_status_change", "eliminat"),
        (lambda: registry.set_status("xlg", "effective", "2024-05-01"),
         antq.InvalidInputError, "bad_status_change", "already"),
        (lambda: registry.set_teams("xlg", 11, "2024-02-14"),
         antq.InvalidInputError, "bad_date", "model 'xlg'"),
        (lambda: registry.set_status("camera", "formal", "2024-03-04"),
         antq.InvalidInputError, "bad_date", "2024-03-05"),
        (lambda: registry.set_teams("keng", 1, "2024-05-01"),
         antq.InvalidInputError, "model_dissolved", "keng"),
        (lambda: registry.history("nope"),
         antq.NotFoundError, "unknown_model", "nope"),
        (lambda: registry.counts_within(tiny, "296.pc"),
         antq.InvalidInputError, "not_a_territory", "296.pc"),
    ]
    for call, error_type, tag, fragment in cases:
        with pytest.raises(error_type) as error:
            call()
        check_error(error, tag, fragment)
    assert registry.dumps() == before
    with pytest.raises(KeyError):  # NotFoundError is a KeyError
        registry.get("nope")


# ---- JSON ------------------------------------------------------------------------------------------------


def test_json_round_trip(registry: ModelRegistry, tiny: antq.OrgGraph, tmp_path: pathlib.Path) -> None:
    text = registry.dumps()
    back = ModelRegistry.loads(text, tiny, "m.json")
    assert back == registry
    assert back.dumps() == text
    doc = json.loads(text)
    assert (doc["format"], doc["version"], doc["name"]) == ("antq.models", 1, "thử")
    eliminated = {"date": "2024-03-01", "action": "eliminated", "detail": "chỉ hình thức"}
    assert doc["models"][2]["history"][1] == eliminated
    path = tmp_path / "models.json"
    registry.save(path)
    assert ModelRegistry.load(path, tiny) == registry
    assert ModelRegistry.load(str(path), tiny).history("keng") == registry.history("keng")
    with pytest.raises(antq.IoError) as error:
        ModelRegistry.load(tmp_path / "missing.json", tiny)
    check_error(error, "cannot_read", "missing.json")


def mutated(registry: ModelRegistry, change: Any) -> str:
    doc = json.loads(registry.dumps())
    change(doc)
    return json.dumps(doc, ensure_ascii=False)


def _set(path: list[Any], value: Any) -> Any:
    def change(doc: Any) -> None:
        for key in path[:-1]:
            doc = doc[key]
        doc[path[-1]] = value

    return change


HOSTILE = [
    ("malformed", None, "{\"format\": \"antq.models\",",
     antq.InvalidInputError, "malformed_json", "m.json:line 1"),
    ("not an object", None, "[1]",
     antq.InvalidInputError, "not_a_models_file", "m.json:/"),
    ("wrong format", _set(["format"], "antq.directive"), None,
     antq.InvalidInputError, "not_a_models_file", "m.json:/format"),
    ("wrong version", _set(["version"], 7), None,
     antq.InvalidInputError, "unsupported_version", "m.json:/version"),
    ("teams a string", _set(["models", 0, "teams"], "10"), None,
     antq.InvalidInputError, "wrong_type", "m.json:/models/0/teams"),
    ("points an object", _set(["models", 1, "points"], {}), None,
     antq.InvalidInputError, "wrong_type", "m.json:/models/1/points"),
    ("unknown status", _set(["models", 0, "status"], "tốt"), None,
     antq.InvalidInputError, "unknown_status", "m.json:/models/0/status"),
    ("unknown field", _set(["models", 0, "diem"], 3), None,
     antq.InvalidInputError, "unknown_field", "m.json:/models/0/diem"),
    ("unknown event field", _set(["models", 0, "history", 0, "who"], "x"), None,
     antq.InvalidInputError, "unknown_field", "m.json:/models/0/history/0/who"),
    ("duplicate model", _set(["models", 2, "id"], "xlg"), None,
     antq.InvalidInputError, "duplicate_model", "m.json:/models/2/id"),
    ("bad date", _set(["models", 0, "history", 1, "date"], "2024-02-30"), None,
     antq.InvalidInputError, "bad_date", "m.json:/models/0/history/1/date"),
    ("history out of order", _set(["models", 0, "history", 2, "date"], "2024-01-31"), None,
     antq.InvalidInputError, "bad_date", "m.json:/models/0/history/2/date"),
    ("points disagree with history", _set(["models", 0, "points"], ["10951", "10945", "288-c01"]), None,
     antq.InvalidInputError, "bad_history", "m.json:/models/0/points"),
    ("dissolved without elimination", _set(["models", 0, "status"], "dissolved"), None,
     antq.InvalidInputError, "bad_history", "m.json:/models/0/status"),
    ("unknown action", _set(["models", 1, "history", 1, "action"], "moved"), None,
     antq.InvalidInputError, "unknown_action", "m.json:/models/1/history/1/action"),
    ("negative teams", _set(["models", 1, "teams"], -2), None,
     antq.InvalidInputError, "bad_teams", "m.json:/models/1/teams"),
    ("unknown origin", _set(["models", 1, "origin"], "ghost"), None,
     antq.NotFoundError, "unknown_unit", "m.json:/models/1/origin"),
]


@pytest.mark.parametrize("case", HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_documents(case: tuple[Any, ...], registry: ModelRegistry, tiny: antq.OrgGraph) -> None:
    _, change, text, error_type, tag, fragment = case
    with pytest.raises(error_type) as error:
        ModelRegistry.loads(text if change is None else mutated(registry, change), tiny, "m.json")
    check_error(error, tag, fragment)


def test_loading_checks_the_graph(registry: ModelRegistry, tiny: antq.OrgGraph) -> None:
    # Every unit the registry names exists in the embedded graph too, with the same kind: it fits.
    other = antq.datasets.hai_duong_2024()
    assert ModelRegistry.loads(registry.dumps(), other) == registry
    small = antq.OrgGraph()
    with pytest.raises(antq.NotFoundError) as error:
        ModelRegistry.loads(registry.dumps(), small, "m.json")
    check_error(error, "unknown_unit", "m.json:/models/0/origin")
    with pytest.raises(antq.NotFoundError):
        registry.check(small)


# ---- the embedded dataset --------------------------------------------------------------------------------

DISTRICTS = ["288", "290", "291", "292", "293", "294", "295", "296", "297", "298", "299", "300"]
PILOTS = {"attribute": {"key": "pilot", "equals": "exemplary_commune_police_2021"}}


@pytest.fixture(scope="module")
def hai_duong_models(hai_duong: antq.OrgGraph) -> ModelRegistry:
    r = ModelRegistry("Mô hình tự quản về ANTT tỉnh Hải Dương (ví dụ)")
    r.add("xlg", "Xóm liên gia tự quản về ANTT", "liên gia", "10987", hai_duong, "2024-03-01", teams=40)
    r.replicate("xlg", {"kind": "commune", "within": "296"}, hai_duong, "2024-06-01", "nhân rộng toàn huyện")
    # Built by the security team of a Nhân Quyền village, replicated to the 12 pilot communes (their police).
    r.add("camera", "Camera an ninh", "camera", "10987-v01.team", hai_duong, "2024-03-15", teams=13)
    r.replicate("camera", PILOTS, hai_duong, "2024-07-01")
    r.add("keng", "Tiếng kẻng an ninh", "kẻng", "10549", hai_duong, "2024-02-01", status="formal", teams=19)
    r.replicate("keng", {"kind": "commune", "within": "290"}, hai_duong, "2024-02-15")
    r.eliminate("keng", "2024-11-30", "chỉ hình thức, không hiệu quả")
    return r


def test_hai_duong_registry(hai_duong_models: ModelRegistry, hai_duong: antq.OrgGraph) -> None:
    r = hai_duong_models
    assert len(r.get("xlg")["points"]) == 16
    assert r.get("xlg")["points"][0] == "10987"
    assert sorted(r.get("xlg")["points"]) == sorted(hai_duong.select({"kind": "commune", "within": "296"}))
    camera = r.get("camera")["points"]
    assert camera[0] == "10987-v01" and len(camera) == 13 and "10987" in camera
    c = r.counts()
    assert (c["models"], c["points"], c["teams"]) == (2, 16 + 13, 40 + 13)
    assert c["by_status"]["dissolved"] == tally(1, 19, 19)
    assert c["names"] == ["Xóm liên gia tự quản về ANTT", "Camera an ninh"]


def test_hai_duong_counts_per_district(hai_duong_models: ModelRegistry, hai_duong: antq.OrgGraph) -> None:
    per_district = {d: hai_duong_models.counts_within(hai_duong, d) for d in DISTRICTS}
    d296 = per_district["296"]
    # xlg wholly inside (16 points, 40 teams); camera has the village and the commune Nhân Quyền there.
    assert (d296["models"], d296["points"], d296["teams"]) == (2, 16 + 2, 40)
    assert (d296["spanning_models"], d296["spanning_teams"]) == (1, 13)
    assert d296["by_type"] == {"camera": tally(1, 2, 0), "liên gia": tally(1, 16, 40)}
    for d in DISTRICTS:
        if d == "296":
            continue
        counts = per_district[d]
        assert (counts["models"], counts["points"], counts["teams"]) == (1, 1, 0), d
        assert counts["names"] == ["Camera an ninh"]
        assert counts["by_status"]["dissolved"] == (tally(1, 19, 19) if d == "290" else zero()), d
    # Every point lies in some district: the districts add up to the province.
    assert sum(c["points"] for c in per_district.values()) == hai_duong_models.counts()["points"]
    assert hai_duong_models.counts_within(hai_duong, "30") == hai_duong_models.counts()


def test_hai_duong_round_trip(hai_duong_models: ModelRegistry, hai_duong: antq.OrgGraph) -> None:
    text = hai_duong_models.dumps()
    assert ModelRegistry.loads(text, hai_duong) == hai_duong_models
    assert "Xóm liên gia tự quản về ANTT" in text  # UTF-8 as is, not escaped


# ---- the guide -------------------------------------------------------------------------------------------


def test_docs_examples_run(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = doctest.testfile(
        str(DOCS / "models.md"), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in models.md"


def test_docs_json_example_loads(hai_duong: antq.OrgGraph) -> None:
    text = (DOCS / "models.md").read_text(encoding="utf-8")
    section = text[text.index("## JSON format"):]
    example = section[section.index("```json\n") + len("```json\n"):]
    example = example[: example.index("```")]
    r = ModelRegistry.loads(example, hai_duong, "models.md")
    assert r.get("keng")["status"] == "dissolved"
    assert r.counts()["by_status"]["dissolved"] == tally(1, 2, 2)
    assert ModelRegistry.loads(r.dumps(), hai_duong) == r


def test_example_registry_on_a_two_tier_graph():
    import json as _json

    units = [{"id": "01", "name": "Hà Nội", "kind": "province"}]
    ties = []
    for k in range(1, 6):
        units.append({"id": f"0000{k}", "name": f"Phường {k}", "kind": "commune"})
        ties.append({"source": "01", "target": f"0000{k}", "kind": "contains"})
    graph = antq.loads(_json.dumps({"format": "antq.orggraph", "version": 1, "name": "two-tier", "units": units, "ties": ties}))
    registry = antq.models.example_registry(graph, seed=3)
    assert len(registry) >= 2
    assert all(point.startswith("0000") for model in registry.ids() for point in registry.get(model)["points"])
    assert registry == antq.models.example_registry(graph, seed=3)


def test_operations_take_datetime_dates(tiny: antq.OrgGraph) -> None:
    import datetime

    by_date = ModelRegistry("ngày")
    by_text = ModelRegistry("ngày")
    for r, day in ((by_date, datetime.date), (by_text, lambda y, m, d: f"{y:04}-{m:02}-{d:02}")):
        r.add("xlg", "Xóm liên gia", "liên gia", "10951", tiny, day(2024, 1, 10), teams=4)
        r.replicate("xlg", {"kind": "commune"}, tiny, day(2024, 2, 1))
        r.set_teams("xlg", 10, day(2024, 2, 15))
        r.set_status("xlg", "formal", day(2024, 3, 1))
        r.eliminate("xlg", day(2024, 4, 1))
    assert by_date == by_text
    assert [e["date"] for e in by_date.history("xlg")] == ["2024-01-10", "2024-02-01", "2024-02-15", "2024-03-01",
                                                           "2024-04-01"]
