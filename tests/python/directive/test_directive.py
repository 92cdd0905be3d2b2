"""Directives from Python: the embedded 2024 directive, reading and writing, compiling onto a graph, staleness,
and errors naming the file, the JSON pointer or the clause. The analyses over the table: tests/python/analysis."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Callable

import pytest

import antq

CLAUSES = ["1", "2", "3", "4", "5", "6", "closing"]

# Rows per (clause, role) of the 2024 directive on the embedded graph, from the counts of docs/directive-format.md:
# People's Committees, steering committees 138, police, Front and Party committees 1 + 12 + 235 each, mass
# organisations 5 + 60 + 940, 18 departments, 12 agencies (district-level agencies; the NA delegation is left out),
# 12 enterprises, 12 + 235 schools.
PCS = SC = POLICE = FRONT = PARTY = 248
MASS = 1005
ENTERPRISES, SCHOOLS = 12, 247
CLAUSE_ROLE_ROWS = {
    # "các cấp ủy đảng", "đoàn thể", "ngành"; "cơ quan, đơn vị" read to include the enterprises and schools
    ("1", "lead"): PCS + SC + 18 + MASS + 12 + PARTY + FRONT + POLICE + ENTERPRISES + SCHOOLS,
    # The clause names no holder: its addressees, the agencies and enterprises among them; the schools as "đơn vị"
    ("2", "lead"): PCS + 18 + MASS + POLICE + FRONT + 12 + ENTERPRISES + SCHOOLS,
    # + the provincial police, which builds the Bình Giang pilot with 296.pc, and the district police, which build
    # the exemplary commune police with it
    ("3", "lead"): PCS + 1 + 12,
    ("3", "coordinate"): POLICE,
    # The Front and its members; the district and commune People's Committees hold the Ngày hội at the grassroots.
    ("4", "lead"): FRONT + MASS + 12 + 235,
    ("4", "coordinate"): POLICE,
    ("4", "monitor"): PARTY + PCS + SC,  # attend the Ngày hội: "trực tiếp xuống dự, chỉ đạo, động viên cơ sở"
    ("5", "lead"): PCS + POLICE,
    ("6", "lead"): SC + 1,  # + 30.pc
    ("6", "monitor"): SC,  # "chỉ đạo, kiểm tra, đôn đốc, hướng dẫn" at their level and below
    ("closing", "monitor"): 1,
    ("closing", "advise"): 1,
    # The recipients list: 44 units of the graph, informed of every clause.
    **{(clause, "inform"): 44 for clause in ["1", "2", "3", "4", "5", "6", "closing"]},
}


@pytest.fixture
def directive_doc() -> dict[str, Any]:
    return json.loads(antq._core.directive_2024_json())


def small_directive(tasks: list[dict[str, Any]], recipients: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "format": "antq.directive",
        "version": 1,
        "id": "small",
        "kind": "chỉ thị",
        "number": "",
        "date": "",
        "year": 2024,
        "title": "Thử",
        "issuer": "30.pc",
        "signer": "30.pc.head",
        "theme": "ANTT",
        "references": [],
        "events": [],
        "recipients": recipients if recipients is not None else [{"label": "UBND tỉnh", "selector": {"id": "30.pc"}}],
        "tasks": tasks,
    }


# --- the directive as data -------------------------------------------------------------------------------------


def test_directive_2024_fields(directive):
    d = directive
    assert d.id == "hai_duong_2024_movement"
    assert d.kind == "chỉ thị"
    assert d.title == "Đẩy mạnh thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2024"
    assert d.issuer == "30.pc"
    assert d.signer == "30.pc.head"
    assert d.number == "" and d.date == ""
    assert d.year == 2024
    assert d.theme.startswith("Toàn dân đoàn kết")
    assert [t.clause for t in d.tasks] == CLAUSES
    assert [r.label for r in d.recipients] == [
        "Văn phòng Chính phủ",
        "Bộ Công an",
        "Thường trực Tỉnh ủy",
        "Thường trực HĐND tỉnh",
        "Đoàn ĐBQH tỉnh",
        "Lãnh đạo UBND tỉnh",
        "Các sở, ban, ngành, đoàn thể tỉnh",
        "UBND các huyện, thị xã, thành phố",
        "Lưu: VT, NC-KSTTHC",
    ]
    assert d.recipients[1].units == antq.Selector.id("vn.mps")
    assert [r.number for r in d.references] == [
        "44-KL/TW",
        "09-CT/TW",
        "",
        "",
        "22/2023/QĐ-TTg",
        "07/CTrPH-BCA-MTTW",
        "30/2023/QH15",
        "",
        "124/2021/TT-BCA",
        "510/QĐ-BCA-V05",
        "22/HD-BCA-V05",
    ]
    assert (d.references[0].kind, d.references[0].date) == ("kết luận", "2019-01-22")
    assert [e.date for e in d.events] == [
        "2024-07-01",
        "2024-08-19",
        "2024-10-31",
        "2024-11-15",
        "2024-11-20",
        "2024-11-30",
        "2024-12-15",
    ]
    assert d.events[1].title == "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"  # as QĐ 521/2005/QĐ-TTg names it


def test_directive_2024_assignments(directive):
    tasks = {t.clause: t for t in directive.tasks}
    assert [a.role for a in tasks["closing"].assignments] == ["monitor", "advise"]
    advise = tasks["closing"].assignments[1]
    assert advise.units == antq.Selector.id("30.police")
    assert advise.target == antq.Selector.id("30.pc.head")
    assert tasks["1"].assignments[0].target is None
    assert tasks["4"].assignments[1].deadline == "2024-08-19"
    assert tasks["4"].assignments[0].deadline == ""
    assert tasks["5"].assignments[0].window == ("2021-01-01", "2025-12-31")
    assert tasks["5"].assignments[1].window is None
    assert tasks["3"].assignments[2].units == antq.Selector.id(["30.police", "296.pc"])
    assert tasks["3"].assignments[2].target == antq.Selector.id("296.police")
    assert all(a.role in antq.directive.ROLES for t in directive.tasks for a in t.assignments)
    assert antq.directive.ROLES == ("lead", "coordinate", "advise", "monitor", "inform")


def test_round_trip_through_text_and_file(directive, tmp_path):
    text = directive.dumps()
    doc = json.loads(text)
    assert doc["format"] == "antq.directive" and doc["version"] == 1
    again = antq.Directive.loads(text)
    assert again == directive
    assert again.dumps() == text
    path = tmp_path / "d.json"
    directive.save(path)
    assert antq.Directive.load(path) == directive
    assert antq.Directive.load(str(path)) == directive
    # Equality sees a change.
    doc["tasks"][6]["assignments"][1]["target"] = {"id": "30.pc"}
    assert antq.Directive.loads(json.dumps(doc, ensure_ascii=False)) != directive
    doc = json.loads(text)
    doc["title"] = "Khác"
    assert antq.Directive.loads(json.dumps(doc)) != directive


def test_embedded_text_parses_to_the_dataset(directive):
    assert antq.Directive.loads(antq._core.directive_2024_json(), "embedded") == directive


# --- compiling ---------------------------------------------------------------------------------------------------


def test_to_pandas_columns_and_counts(compiled):
    df = compiled.to_pandas()
    assert list(df.columns[:3]) == ["task", "unit", "role"]
    assert {"title", "assignment", "assignments", "unit_name", "unit_kind", "unit_level"} <= set(df.columns)
    assert len(df) == len(compiled) == sum(CLAUSE_ROLE_ROWS.values())
    assert set(df["role"]) <= {"lead", "coordinate", "advise", "monitor", "inform"}
    assert set(df["task"]) == set(CLAUSES)
    counts = {key: int(n) for key, n in df.groupby(["task", "role"]).size().items()}
    assert counts == CLAUSE_ROLE_ROWS
    # A unit appears once per (task, role).
    assert not df.duplicated(["task", "unit", "role"]).any()
    closing = df[(df["task"] == "closing") & (df["role"] != "inform")]
    assert closing[["unit", "role"]].values.tolist() == [["30.police", "monitor"], ["30.police", "advise"]]
    pilot = df[(df["task"] == "3") & (df["unit"] == "296.police")]
    # The unit piloted does not lead its own pilot; it leads clause 3 as a district police that builds the
    # exemplary commune police (the target of that assignment).
    assert pilot["role"].tolist() == ["coordinate", "lead"]
    plan = compiled.directive.tasks[2].assignments[int(pilot["assignment"].iloc[1])]
    assert "Công an xã, phường, thị trấn điển hình" in plan.note
    assert "296.police" not in compiled.directive.tasks[2].assignments[2].units.select(compiled.graph)
    assert compiled.directive.tasks[2].assignments[2].target.select(compiled.graph) == ["296.police"]
    builders = df[(df["task"] == "3") & (df["assignment"] == 2)]
    assert builders["unit"].tolist() == ["30.police"]  # 296.pc already leads clause 3 as a People's Committee
    assert (pilot["unit_kind"].iloc[0], pilot["unit_level"].iloc[0]) == ("police", "district")


def test_to_csv_reads_back(compiled, tmp_path):
    import pandas as pd

    path = tmp_path / "responsibilities.csv"
    compiled.to_csv(path)
    read = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    expected = compiled.to_pandas()
    expected["assignments"] = [" ".join(map(str, a)) for a in expected["assignments"]]  # "1 2"; "" for none
    expected["recipients"] = [" | ".join(labels) for labels in expected["recipients"]]
    expected = expected.fillna("").astype(str)  # a missing recipient is an empty cell
    pd.testing.assert_frame_equal(read, expected)
    assert set(read["assignments"]) >= {"", "0", "1 2"}
    assert "Ủy ban nhân dân" in path.read_text(encoding="utf-8")


def test_units_of_by_kind_and_level(compiled, hai_duong):
    def census(ids: list[str]) -> Counter:
        return Counter((hai_duong.unit(u).kind, hai_duong.unit(u).level) for u in ids)

    lead1 = census(compiled.units_of("1", "lead"))
    assert lead1[("peoples_committee", "province")] == 1
    assert lead1[("peoples_committee", "district")] == 12
    assert lead1[("peoples_committee", "commune")] == 235
    # "các cấp ủy đảng": named by clause 1, a reading (the directive does not address them).
    assert lead1[("party_committee", "province")] == 1 and lead1[("party_committee", "commune")] == 235
    # "Thủ trưởng ... cơ quan, đơn vị", "Người đứng đầu cơ quan, đơn vị, địa phương": the enterprises and schools too
    # (the directive orders "các cơ quan, doanh nghiệp trên địa bàn"), a reading.
    assert lead1[("enterprise", "district")] == 12
    assert lead1[("school", "district")] == 12 and lead1[("school", "commune")] == 235
    coordinate4 = census(compiled.units_of("4", "coordinate"))
    assert coordinate4 == Counter({("police", "province"): 1, ("police", "district"): 12, ("police", "commune"): 235})
    assert compiled.units_of("closing", "monitor") == ["30.police"]
    assert compiled.units_of("closing", "advise") == ["30.police"]
    assert compiled.units_of("closing", "lead") == []
    assert compiled.flags() == []
    # The provincial police are on the recipients list ("các sở, ban, ngành"): informed of every clause.
    assert compiled.duties_of("30.police") == [
        ("1", "lead"),  # "Thủ trưởng các ban, ngành": the police are a sector ("ngành Công an", clause 4)
        ("1", "inform"),
        ("2", "lead"),
        ("2", "inform"),
        ("3", "coordinate"),
        ("3", "lead"),  # builds the Bình Giang pilot
        ("3", "inform"),
        ("4", "coordinate"),
        ("4", "inform"),
        ("5", "lead"),
        ("5", "inform"),
        ("6", "inform"),
        ("closing", "monitor"),
        ("closing", "advise"),
        ("closing", "inform"),
    ]
    with pytest.raises(antq.InvalidInputError) as info:
        compiled.units_of("1", "chair")
    assert info.value.tag == "unknown_role"
    with pytest.raises(antq.NotFoundError) as info:
        compiled.units_of("9", "lead")
    assert info.value.tag == "unknown_clause"


def test_recipients_and_bound_units(compiled, hai_duong):
    recipients = compiled.recipients()
    assert len(recipients) == len(set(recipients)) == 44
    assert "vn.mps" in recipients and "296.pc" in recipients and "30.pc" in recipients
    assert not any(
        hai_duong.unit(u).kind == "peoples_committee" and hai_duong.unit(u).level == "commune" for u in recipients
    )
    df = compiled.to_pandas()
    assert set(compiled.bound_units()) == set(df.loc[df["role"] != "inform", "unit"])
    assert compiled.directive == antq.datasets.directive_2024()
    assert compiled.graph is hai_duong


# --- staleness ---------------------------------------------------------------------------------------------------

ANALYSES: list[tuple[str, Callable[[antq.Responsibilities], Any]]] = [
    ("reach", lambda r: r.reach()),
    ("load", lambda r: r.load()),
    ("coordination", lambda r: r.coordination()),
    ("accountability", lambda r: r.accountability("10987.police")),
    ("task_accountability", lambda r: r.task_accountability("1")),
    ("oversight", lambda r: r.oversight()),
    ("units_of", lambda r: r.units_of("1", "lead")),
    ("duties_of", lambda r: r.duties_of("30.police")),
    ("flags", lambda r: r.flags()),
    ("to_pandas", lambda r: r.to_pandas()),
]


@pytest.fixture(scope="module")
def stale() -> antq.Responsibilities:
    g = antq.datasets.hai_duong_2024()
    r = antq.compile(antq.datasets.directive_2024(), g)
    for _, call in ANALYSES:
        call(r)  # all fine before the change
    g.add_unit("30.new_body", "Ban mới", "agency", "province", area="30")
    return r


@pytest.mark.parametrize("name,call", ANALYSES, ids=[n for n, _ in ANALYSES])
def test_analyses_refuse_a_changed_graph(stale, name, call):
    with pytest.raises(antq.StaleViewError) as info:
        call(stale)
    assert info.value.tag == "stale_result"
    assert isinstance(info.value, RuntimeError)


def test_compiling_again_after_a_change_works():
    g = antq.datasets.hai_duong_2024()
    d = antq.datasets.directive_2024()
    r = antq.compile(d, g)
    g.add_unit("30.new_body", "Ban mới", "agency", "province", area="30")
    with pytest.raises(antq.StaleViewError):
        r.reach()
    again = antq.compile(d, g)
    # The new provincial agency is a lead of clause 1 ("cơ quan, đơn vị") and of clause 2 (an addressee, "các cơ
    # quan"), but nobody forwards the text to it.
    assert again.duties_of("30.new_body") == [("1", "lead"), ("2", "lead")]
    assert len(again) == len(r) + 2
    assert again.reach()["unreached"] == ["30.new_body"]
    g.add_tie("30.pc", "30.new_body", "forwards")
    assert antq.compile(d, g).reach()["paths"]["30.new_body"] == ["30.pc", "30.new_body"]


def test_recipients_refuse_a_changed_graph():
    g = antq.datasets.hai_duong_2024()
    r = antq.compile(antq.datasets.directive_2024(), g)
    g.remove_unit("30.na_delegation")
    with pytest.raises(antq.StaleViewError):
        r.recipients()
    with pytest.raises(antq.StaleViewError):
        r.bound_units()


# --- errors ------------------------------------------------------------------------------------------------------


def _set(doc: dict[str, Any], pointer: str, value: Any) -> None:
    parts = pointer.strip("/").split("/")
    node: Any = doc
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node[p]
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


BAD_DOCUMENTS = [
    # (name, pointer to change, new value, tag, pointer in where)
    ("unknown_role", "/tasks/0/assignments/0/role", "chair", "unknown_role", "/tasks/0/assignments/0/role"),
    ("unknown_kind", "/tasks/0/assignments/1/units", {"kind": "polce"}, "unknown_kind", "/tasks/0/assignments/1/units/kind"),
    ("bad_selector", "/recipients/0/selector", {"idd": "vn.mps"}, "bad_selector", "/recipients/0/selector/idd"),
    ("duplicate_clause", "/tasks/1/clause", "1", "duplicate_clause", "/tasks/1/clause"),
    ("wrong_type", "/title", 7, "wrong_type", "/title"),
    ("wrong_type_year", "/year", "2024", "wrong_type", "/year"),
    ("unknown_field", "/signed", "x", "unknown_field", "/signed"),
    ("unknown_field_nested", "/tasks/2/assignments/0/priority", 1, "unknown_field", "/tasks/2/assignments/0/priority"),
    ("bad_date", "/date", "2024-02-30", "bad_date", "/date"),
    ("bad_deadline", "/tasks/3/assignments/1/deadline", "2024-8-19", "bad_date", "/tasks/3/assignments/1/deadline"),
    ("version", "/version", 2, "unsupported_version", "/version"),
    ("format", "/format", "antq.orggraph", "not_a_directive", "/format"),
    # clause 6's commune committees watch within their own commune; no other scope, and none without a target
    ("unknown_target_within", "/tasks/5/assignments/14/target_within", "district", "unknown_target_within",
     "/tasks/5/assignments/14/target_within"),
    ("target_within_without_target", "/tasks/0/assignments/0/target_within", "assignee", "missing_field",
     "/tasks/0/assignments/0/target"),
]


@pytest.mark.parametrize("name,pointer,value,tag,where", BAD_DOCUMENTS, ids=[b[0] for b in BAD_DOCUMENTS])
def test_bad_directive_files(directive_doc, write_doc, name, pointer, value, tag, where):
    _set(directive_doc, pointer, value)
    path = write_doc(directive_doc, "directive.json")
    with pytest.raises(antq.InvalidInputError) as info:
        antq.Directive.load(path)
    assert info.value.tag == tag
    assert info.value.where == f"{path}:{where}"
    assert str(path) in str(info.value)
    # The same text from a string names the given source.
    with pytest.raises(antq.InvalidInputError) as info:
        antq.Directive.loads(path.read_text(encoding="utf-8"), "mine")
    assert (info.value.tag, info.value.where) == (tag, f"mine:{where}")


def test_missing_field_and_malformed_files(directive_doc, write_doc, tmp_path):
    del directive_doc["tasks"][0]["assignments"][0]["units"]
    path = write_doc(directive_doc, "missing.json")
    with pytest.raises(antq.InvalidInputError) as info:
        antq.Directive.load(path)
    assert info.value.tag == "missing_field"
    assert info.value.where == f"{path}:/tasks/0/assignments/0"
    assert "'units'" in str(info.value)

    path = write_doc('{"format": "antq.directive",\n "version": 1,,}', "malformed.json")
    with pytest.raises(antq.InvalidInputError) as info:
        antq.Directive.load(path)
    assert info.value.tag == "malformed_json"
    assert info.value.where.startswith(f"{path}:line 2")

    path = write_doc("[" * 5000 + "]" * 5000, "deep.json")
    with pytest.raises(antq.InvalidInputError) as info:
        antq.Directive.load(path)
    assert info.value.tag == "too_deep"

    with pytest.raises(antq.IoError) as io:
        antq.Directive.load(tmp_path / "absent.json")
    assert io.value.tag == "cannot_read"


def test_compile_names_the_clause_of_a_missing_unit():
    g = antq.datasets.hai_duong_2024()
    g.remove_unit("296.police")  # clause 3 names it: the Bình Giang pilot
    with pytest.raises(antq.Error) as info:
        antq.compile(antq.datasets.directive_2024(), g)
    assert isinstance(info.value, antq.NotFoundError)
    assert info.value.tag == "unknown_unit"
    assert "clause 3" in str(info.value)
    assert info.value.where.startswith("directive_2024: clause 3, assignment 2 target")  # the directive named first
    assert "296.police" in str(info.value)


def test_compile_small_directive_on_tiny_graph(tiny):
    doc = small_directive(
        [
            {"clause": "1", "title": "Lead", "assignments": [
                {"role": "lead", "units": {"kind": "peoples_committee"}},
                {"role": "coordinate", "units": {"kind": "police", "level": "district"}},
                {"role": "lead", "units": {"id": "10945-v01"}},
            ]},
            {"clause": "closing", "title": "Watch", "assignments": [
                {"role": "monitor", "units": {"id": "30.police"}, "target": {"kind": "peoples_committee", "level": "district"}},
            ]},
        ]
    )
    r = antq.compile(antq.Directive.loads(json.dumps(doc)), tiny)
    assert r.units_of("1", "lead") == ["10945-v01", "30.pc", "296.pc", "10945.pc"]  # index order
    assert r.units_of("1", "coordinate") == ["296.police"]
    flags = r.flags()
    assert len(flags) == 1
    assert (flags[0]["task"], flags[0]["assignment"], flags[0]["unit"]) == ("1", 2, "10945-v01")
    assert "territory" in flags[0]["reason"]
    assert r.oversight() == {"monitors": {"30.police": ["296.pc"]}, "unmonitored": ["10945-v01", "30.pc", "296.police", "10945.pc"]}

    doc["tasks"][0]["assignments"][1]["units"] = {"kind": "village", "within": "288"}
    with pytest.raises(antq.InvalidInputError) as info:
        antq.compile(antq.Directive.loads(json.dumps(doc)), tiny)
    assert info.value.tag == "unmatched_selector"
    assert info.value.where == "<string>: clause 1, assignment 1 units"  # the directive's source, then the place


def test_a_row_given_by_two_assignments_lists_both(tiny):
    doc = small_directive([
        {"clause": "1", "title": "Lead", "assignments": [
            {"role": "lead", "units": {"kind": "peoples_committee", "level": "district"}},
            {"role": "coordinate", "units": {"id": "296.police"}},
            {"role": "lead", "units": {"any": [{"id": "296.pc"}, {"id": "296.police"}]}},
        ]},
    ])
    table = antq.compile(antq.Directive.loads(json.dumps(doc)), tiny).to_pandas()
    rows = {(row.unit, row.role): (row.assignment, row.assignments) for row in table.itertuples()}
    assert rows[("296.pc", "lead")] == (0, (0, 2))  # one row, both sentences behind it
    assert rows[("296.police", "coordinate")] == (1, (1,))
    assert rows[("296.police", "lead")] == (2, (2,))
    assert rows[("30.pc", "inform")] == (-1, ())  # from the recipients list: no assignment
    exploded = table.explode("assignments")
    behind = exploded[(exploded["unit"] == "296.pc") & (exploded["role"] == "lead")]["assignments"].tolist()
    assert behind == [0, 2]


def test_an_inform_row_lists_every_entry_of_the_recipients_list_naming_its_unit(tiny, tmp_path):
    import pandas as pd

    doc = small_directive(
        [{"clause": "1", "title": "Lead", "assignments": [
            {"role": "lead", "units": {"id": "296.pc"}},
            {"role": "inform", "units": {"id": "296.police"}},
        ]}],
        recipients=[
            {"label": "UBND tỉnh", "selector": {"id": "30.pc"}},
            {"label": "Lãnh đạo UBND tỉnh", "selector": {"id": "30.pc"}},
            {"label": "Công an huyện", "selector": {"kind": "police", "level": "district"}},
        ])
    compiled = antq.compile(antq.Directive.loads(json.dumps(doc)), tiny)
    table = compiled.to_pandas()
    rows = {(row.unit, row.role): (row.recipient, row.recipients) for row in table.itertuples()}
    assert rows[("30.pc", "inform")] == ("UBND tỉnh", ("UBND tỉnh", "Lãnh đạo UBND tỉnh"))
    # The row an assignment gives names no entry, but keeps the one that also names its unit.
    assert rows[("296.police", "inform")] == (None, ("Công an huyện",))
    assert rows[("296.pc", "lead")] == (None, ())
    path = tmp_path / "r.csv"
    compiled.to_csv(path)
    read = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    assert read.loc[read["unit"] == "30.pc", "recipients"].tolist() == ["UBND tỉnh | Lãnh đạo UBND tỉnh"]


def test_rows_of_the_2024_directive_carry_every_assignment_behind_them(compiled):
    df = compiled.to_pandas()
    own = df[df["assignment"] >= 0]
    assert all(a[0] == first for a, first in zip(own["assignments"], own["assignment"]))
    assert (df.loc[df["assignment"] < 0, "assignments"].map(len) == 0).all()
    # Clause 5: the police build their own force (assignment 1) and carry out Law 30 (assignment 2).
    police = df[(df["task"] == "5") & (df["unit"] == "296.police")]
    assert police["assignments"].tolist() == [(1, 2)]
    # Each assignment's units hold a row of its clause and role that lists it.
    for task in compiled.directive.tasks:
        rows = df[df["task"] == task.clause]
        for i, a in enumerate(task.assignments):
            listed = rows[(rows["role"] == a.role) & rows["assignments"].map(lambda behind: i in behind)]
            assert set(listed["unit"]) == set(a.units.select(compiled.graph)), (task.clause, i)


# --- the issuer and the signer (docs/directive-format.md) ------------------------------------------------------


@pytest.mark.parametrize(
    "issuer, signer, exc, tag, where, says",
    [
        ("30", "30.pc.head", antq.InvalidInputError, "bad_issuer", "d.json:/issuer", "not a territory"),
        ("30.pc.head", "30.pc.head", antq.InvalidInputError, "bad_issuer", "d.json:/issuer", "not a post"),
        ("99.pc", "30.pc.head", antq.NotFoundError, "unknown_unit", "d.json:/issuer", "'99.pc'"),
        ("30.pc", "99.head", antq.NotFoundError, "unknown_unit", "d.json:/signer", "'99.head'"),
        ("30.police", "30.pc.head", antq.InvalidInputError, "bad_signer", "d.json:/signer", "heading the issuer"),
    ],
    ids=["territory", "post", "unknown issuer", "unknown signer", "signer not the head"],
)
def test_compile_checks_the_issuer_and_the_signer(tiny, issuer, signer, exc, tag, where, says):
    doc = small_directive([{"clause": "1", "title": "T", "assignments": [{"role": "lead", "units": {"id": "30.pc"}}]}])
    doc["issuer"], doc["signer"] = issuer, signer
    directive = antq.Directive.loads(json.dumps(doc), "d.json")
    with pytest.raises(exc) as info:
        antq.compile(directive, tiny)
    assert (info.value.tag, info.value.where) == (tag, where)
    assert says in str(info.value)


def test_compile_errors_name_the_directive_file(tiny, write_doc):
    doc = small_directive([{"clause": "1", "title": "T", "assignments": [
        {"role": "lead", "units": {"kind": "village", "within": "288"}}]}])
    path = write_doc(doc, "small.json")
    with pytest.raises(antq.InvalidInputError) as info:
        antq.compile(antq.Directive.load(path), tiny)
    assert info.value.tag == "unmatched_selector"
    assert info.value.where == f"{path}: clause 1, assignment 0 units"


def test_example_progress_and_follow_up_take_dates_and_refuse_bad_seeds(compiled):
    import datetime

    by_text = antq.directive.example_progress(compiled, "2024-09-30", seed=3)
    by_date = antq.directive.example_progress(compiled, datetime.date(2024, 9, 30), seed=3)
    assert by_text.dumps() == by_date.dumps()
    assert len(antq.directive.follow_up(compiled, by_date, datetime.date(2024, 9, 30))) > 0
    for seed in (-1, 2**70):
        with pytest.raises(antq.InvalidInputError) as info:
            antq.directive.example_progress(compiled, "2024-09-30", seed=seed)
        assert (info.value.tag, info.value.where) == ("number_out_of_range", "seed")
    with pytest.raises(antq.InvalidInputError) as info:
        antq.directive.example_progress(compiled, datetime.datetime(2024, 9, 30, 12), seed=3)
    assert (info.value.tag, info.value.where) == ("wrong_type", "as_of")


def test_recipients_are_inform_rows_of_every_clause_and_entries_outside_the_graph_are_listed():
    d = antq.datasets.directive_2024()
    r = antq.compile(d, antq.datasets.hai_duong_2024())
    table = r.to_pandas()
    informed = table[table["role"] == "inform"]
    assert set(informed["task"]) == {t.clause for t in d.tasks}
    for clause in informed["task"].unique():
        assert sorted(informed.loc[informed["task"] == clause, "unit"]) == sorted(r.recipients())
    # Clause 3 proposes effective models to Bộ Công an and Ban Chỉ đạo 138 tỉnh: their inform rows there come from
    # that assignment; every other inform row comes from the recipients list.
    proposal = (informed["task"] == "3") & informed["unit"].isin(["vn.mps", "30.sc138"])
    assert (informed.loc[proposal, "assignment"] == 3).all() and proposal.sum() == 2
    assert (informed.loc[~proposal, "assignment"] == -1).all()
    assert informed.loc[(informed["unit"] == "vn.mps") & ~proposal, "recipient"].unique().tolist() == ["Bộ Công an"]
    assert table.loc[table["role"] != "inform", "recipient"].isna().all()
    assert (table.loc[table["role"] != "inform", "recipients"].map(len) == 0).all()
    # Every inform row names the entries behind its unit: a list row its own first, the proposal rows theirs too.
    listed = informed[~proposal]
    assert all(labels[0] == own for labels, own in zip(listed["recipients"], listed["recipient"]))
    assert informed.loc[proposal & (informed["unit"] == "vn.mps"), "recipients"].tolist() == [("Bộ Công an",)]
    assert informed.loc[proposal & (informed["unit"] == "30.sc138"), "recipients"].tolist() == [
        ("Các sở, ban, ngành, đoàn thể tỉnh",)]
    assert ("1", "inform") in r.duties_of("296.pc")
    assert "vn.mps" not in r.bound_units()
    outside = r.recipients_outside()
    assert [o["label"] for o in outside] == ["Lưu: VT, NC-KSTTHC"]
    assert "NC-KSTTHC" in outside[0]["note"] and d.recipients[-1].units is None


def test_references_the_text_does_not_cite_are_context_and_undated_duties_are_due_on_a_labelled_assumption():
    d = antq.datasets.directive_2024()
    assert [r.number for r in d.references if not r.cited] == ["124/2021/TT-BCA", "510/QĐ-BCA-V05", "22/HD-BCA-V05"]
    assert all("Not cited by the directive" in r.note for r in d.references if not r.cited)
    date, why = d.undated_due
    assert date == "2024-12-15" and "not the directive's" in why
    # The law's entry into force is an event, not a deadline of clause 5.
    assert all(a.deadline != "2024-07-01" for t in d.tasks for a in t.assignments)
    assert "2024-07-01" in [e.date for e in d.events]
    table = antq.compile(d, antq.datasets.hai_duong_2024())
    reports = antq.evaluation.example_progress(table, "2024-12-31", seed=1, undated_due=date)
    duties = antq.evaluation.follow_up(table, reports, "2024-12-31", undated_due=date).duties
    assert duties.loc[duties["due_assumed"], "due"].eq(date).all()
    assert not duties.loc[duties["clause"] == "4", "due_assumed"].all()  # the Ngày hội has its own date
    assert duties["due_assumed"].any()


# --- targets within the assignee ---------------------------------------------------------------------------------


def _within_assignee(directive: antq.Directive, clause: str) -> int:
    """The index of the clause's one assignment whose target lies within each assignee."""
    task = next(t for t in directive.tasks if t.clause == clause)
    [index] = [i for i, a in enumerate(task.assignments) if a.target_within == "assignee"]
    return index


def test_commune_committees_watch_the_units_of_their_own_commune(compiled, hai_duong):
    six = _within_assignee(compiled.directive, "6")
    committees = hai_duong.select({"kind": "steering_committee", "level": "commune"})
    assert len(committees) == 235
    everyone: set[str] = set()
    for committee in committees:
        commune = hai_duong.area(committee)
        watched = compiled.targets("6", six, committee)
        assert watched, committee
        assert set(watched) <= set(hai_duong.select({"within": commune})), committee
        assert committee not in watched and f"{commune}.pc" not in watched  # not itself, nor its People's Committee
        assert f"{commune}.police" in watched
        everyone |= set(watched)
    # The assignment's own list is every unit some commune committee watches.
    assert set(compiled.targets("6", six)) == everyone
    # The oversight analysis counts them as watched by their commune's committee.
    monitors = compiled.oversight()["monitors"]
    for committee in committees[:5]:
        assert set(compiled.targets("6", six, committee)) <= set(monitors[committee])
    with pytest.raises(antq.NotFoundError) as info:
        compiled.targets("6", six, "30.police")
    assert info.value.tag == "not_an_assignee" and "'30.police'" in str(info.value)


def test_the_ngay_hoi_is_attended_at_the_grassroots_of_each_level(compiled, hai_duong):
    four = _within_assignee(compiled.directive, "4")
    attending = hai_duong.select({"kind": ["party_committee", "peoples_committee", "steering_committee"],
                                  "level": ["province", "district", "commune"]})
    assert len(attending) == 3 * 248
    for body in attending:
        grassroots = compiled.targets("4", four, body)
        assert grassroots, body
        assert set(grassroots) <= set(hai_duong.select({"within": hai_duong.area(body)})), body
        assert {hai_duong.unit(u).kind for u in grassroots} <= {"village", "agency", "enterprise", "school"}
    # The province's bodies attend everywhere; a commune's only its own villages and schools.
    assert compiled.targets("4", four, "30.pc") == compiled.targets("4", four)
    villages = [u for u in compiled.targets("4", four, "10945.pc") if hai_duong.unit(u).kind == "village"]
    assert villages and all(hai_duong.parent(v) == "10945" for v in villages)
    # An absolute target is the same for every assignee.
    lead = next(i for i, a in enumerate(compiled.directive.tasks[3].assignments) if a.role == "lead" and a.target is not None)
    assert compiled.targets("4", lead, "296.pc") == compiled.targets("4", lead)
