#!/usr/bin/env python3
"""Check data/directive_2024.json against data/hai_duong_2024.json and the directive's own text, with antq.

Usage (a Python that imports antq: the project's .venv, or PYTHONPATH=python beside a built ``_core``):

    python data/tools/check_directive_2024.py [--text FILE] [directive.json [graph.json]]

antq does the reading and the selecting: ``antq.Directive.load`` and ``antq.load`` read the two files, so a field,
type or date they reject is reported with antq's error, which names the file and the JSON pointer; ``antq.compile``
expands every selector on the graph and rejects an unknown issuer, a signer who does not head it, and a selector
that matches nothing. Every set of units printed or compared comes from the compiled table
(``Responsibilities.units_of``, ``targets``, ``recipients``, ``flags``) or from ``OrgGraph.select``.

What the checker adds for this one directive:

- every clause of the text (1 to 6 and the closing assignment) is a task, and no assignment is flagged
  (``Responsibilities.flags()``: a role on a unit that cannot hold it, a target within an assignee that picks
  nothing in its territory);
- no commune People's Committee is a recipient: the recipients list (nơi nhận) does not name them;
- each obligation of ``OBLIGATIONS`` (every clause read sentence by sentence) is one assignment of its clause and
  role whose ``note`` quotes its ``phrase``, held by exactly every unit of the kinds and levels it lists (and, with
  a ``target``, exercised on exactly those), with the ``deadline`` and ``window`` it gives, if it gives them (``None``:
  none), so dropping, narrowing or redating one fails;
- each obligation's ``text`` is, word for word, in its clause of the directive's text
  (``../shared/domain/000_d9258373e77a5406.txt`` beside the repository, or ``--text FILE``), and so is what every
  assignment's ``note`` quotes: each passage between double quotes (``"..."``; an ellipsis ``...`` leaves words
  out) is in the text, and at least one is in the assignment's own clause, so every assignment names the sentence
  it follows; when the text is not there, the checker says so and skips these checks.

It prints the units each recipient, role, target and obligation picks, by kind and level, then "ok", and exits 0;
1 on any problem (each listed with where it is); 2 if a file cannot be read (``antq.IoError``) or antq cannot be
imported.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
ROOT = DATA.parent
TEXT = ROOT.parent / "shared" / "domain" / "000_d9258373e77a5406.txt"

CLAUSES = ["1", "2", "3", "4", "5", "6", "closing"]
ALL = ["province", "district", "commune"]
_GRASSROOTS = {"village": ["village"], "agency": ["district"], "enterprise": ["district"], "school": ["district", "commune"]}

# Obligations of every clause read sentence by sentence. Each is found by the Vietnamese `phrase` its assignment quotes
# in its note; `text` is the words of the sentence it follows, as its clause of the directive writes them. `units`
# (and `target`) give the kinds and, for each, the levels whose units the assignment must pick, and nothing else:
# every unit of that kind at that level of data/hai_duong_2024.json; or, under "id", the units themselves (the
# Bình Giang pilot is led by the unit's two superiors, not by the unit piloted, which is its target). `deadline`
# and `window`, where given, are the assignment's own (None: it has none), as the text dates the sentence.
OBLIGATIONS = [
    {"clause": "1", "role": "lead", "phrase": "quyết liệt của ... chính quyền",
     "text": "tăng cường sự lãnh đạo, chỉ đạo sâu sát, quyết liệt của các cấp ủy đảng, chính quyền",
     "units": {"peoples_committee": ALL}},
    {"clause": "1", "role": "lead", "phrase": "chính quyền, Ban Chỉ đạo 138, Thủ trưởng",
     "text": "các cấp ủy đảng, chính quyền, Ban Chỉ đạo 138, Thủ trưởng các ban, ngành",
     "units": {"steering_committee": ALL}},
    {"clause": "1", "role": "lead", "phrase": "của các cấp ủy đảng",
     "text": "tăng cường sự lãnh đạo, chỉ đạo sâu sát, quyết liệt của các cấp ủy đảng",
     "units": {"party_committee": ALL}},
    {"clause": "1", "role": "lead", "phrase": "Thủ trưởng các ban, ngành, đoàn thể, cơ quan, đơn vị",
     "text": "Thủ trưởng các ban, ngành, đoàn thể, cơ quan, đơn vị đối với phong trào toàn dân bảo vệ ANTT",
     "units": {"department": ["province"], "mass_organisation": ALL, "agency": ["district"]}},
    {"clause": "1", "role": "lead", "phrase": "các cơ quan, doanh nghiệp trên địa bàn",
     "text": "để đánh giá mức độ hoàn thành nhiệm vụ của Người đứng đầu cơ quan, đơn vị, địa phương",
     "units": {"enterprise": ["district"], "school": ["district", "commune"]}},
    {"clause": "1", "role": "lead", "phrase": "đề nghị Ủy ban Mặt trận Tổ quốc, các đoàn thể",
     "text": "Thủ trưởng các ban, ngành, đoàn thể", "units": {"front_committee": ALL}},
    {"clause": "1", "role": "lead", "phrase": "ngành Công an",
     "text": "Thủ trưởng các ban, ngành, đoàn thể, cơ quan, đơn vị", "units": {"police": ALL}},
    {"clause": "1", "role": "lead", "phrase": "phát huy vai trò của các tổ chức đoàn thể, người có uy tín",
     "text": "tại cơ sở, trong đó phát huy vai trò của các tổ chức đoàn thể, người có uy tín trong cộng đồng dân cư, tôn giáo",
     "units": {"mass_organisation": ["commune"]}},
    {"clause": "2", "role": "lead", "phrase": "phát huy mạnh mẽ thế trận “lòng dân”",
     "text": "phát huy mạnh mẽ thế trận “lòng dân” trong chiến lược xây dựng thế trận an ninh nhân dân",
     "units": {"peoples_committee": ALL, "department": ["province"], "mass_organisation": ALL}},
    {"clause": "2", "role": "lead", "phrase": "nâng cao nhận thức cho cán bộ, đảng viên, đoàn viên, hội viên",
     "text": "Đẩy mạnh công tác tuyên truyền, nâng cao nhận thức cho cán bộ, đảng viên, đoàn viên, hội viên và Nhân dân",
     "units": {"front_committee": ALL}},
    {"clause": "2", "role": "lead", "phrase": "cao điểm trấn áp mạnh mẽ tội phạm",
     "text": "Lực lượng Công an các cấp thường xuyên tổ chức các đợt cao điểm trấn áp mạnh mẽ tội phạm",
     "units": {"police": ALL}},
    {"clause": "2", "role": "lead", "phrase": "các cơ quan, doanh nghiệp trên địa bàn",
     "text": "Chú trọng tuyên truyền đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước, các quy định "
             "của địa phương, đơn vị về bảo đảm ANTT",
     "units": {"agency": ["district"], "enterprise": ["district"], "school": ["district", "commune"]}},
    {"clause": "3", "role": "inform", "phrase": "đề nghị Bộ Công an, Ban Chỉ đạo 138 tỉnh ghi nhận",
     "text": "đề nghị Bộ Công an, Ban Chỉ đạo 138 tỉnh ghi nhận các mô hình hoạt động hiệu quả để nhân rộng",
     "units": {"ministry": ["nation"], "steering_committee": ["province"]}},
    {"clause": "3", "role": "lead", "phrase": "Tái hòa nhập cộng đồng",
     "text": "xây dựng và phát huy hiệu quả hoạt động của mô hình “Tái hòa nhập cộng đồng” gắn với thực hiện Quyết định "
             "số 22/2023/QĐ-TTg",
     "units": {"peoples_committee": ALL}},
    {"clause": "3", "role": "lead", "phrase": "Công an xã, phường, thị trấn điển hình, kiểu mẫu",
     "text": "“Công an xã, phường, thị trấn điển hình, kiểu mẫu về ANTT và văn minh đô thị”",
     "units": {"police": ["province", "district"]}, "target": {"police": ["commune"]}},
    {"clause": "3", "role": "lead", "phrase": "thí điểm thành công “Công an huyện Bình Giang",
     "text": "tập trung nguồn lực xây dựng thí điểm thành công “Công an huyện Bình Giang điển hình, kiểu mẫu về ANTT”",
     "units": {"id": ["30.police", "296.pc"]}, "target": {"id": ["296.police"]}},
    {"clause": "4", "role": "lead", "phrase": "phối hợp với lực lượng Công an các cấp tổ chức quán triệt",
     "text": "Ủy ban Mặt trận Tổ quốc và các tổ chức thành viên phối hợp với lực lượng Công an các cấp tổ chức quán triệt",
     "units": {"front_committee": ALL, "mass_organisation": ALL}},
    {"clause": "4", "role": "coordinate", "phrase": "thực hiện có hiệu quả công tác phối hợp liên ngành",
     "text": "thực hiện có hiệu quả công tác phối hợp liên ngành giữa ngành Công an với các ngành, đoàn thể",
     "units": {"police": ALL}, "target": {"mass_organisation": ALL, "department": ["province"]}},
    {"clause": "4", "role": "lead", "phrase": "Ngày hội của nhân dân",
     "text": "Tổ chức các hoạt động “Ngày hội toàn dân bảo vệ ANTT” (19/8/2024) thực sự là Ngày hội của nhân dân",
     "units": {"peoples_committee": ["district", "commune"]}, "target": _GRASSROOTS, "deadline": "2024-08-19"},
    {"clause": "4", "role": "monitor", "phrase": "trực tiếp xuống dự, chỉ đạo, động viên cơ sở",
     "text": "có sự quan tâm của cấp ủy, chính quyền, Ban Chỉ đạo 138 các cấp trực tiếp xuống dự, chỉ đạo, động viên cơ sở",
     "units": {"party_committee": ALL, "peoples_committee": ALL, "steering_committee": ALL}, "target": _GRASSROOTS,
     "deadline": "2024-08-19"},
    {"clause": "5", "role": "lead", "phrase": "theo hướng tinh gọn, hiệu lực, hiệu quả",
     "text": "Quan tâm kiện toàn, củng cố hoạt động của các tổ chức Đảng, chính quyền từ tỉnh đến cơ sở theo hướng tinh "
             "gọn, hiệu lực, hiệu quả",
     "units": {"peoples_committee": ALL}, "deadline": None, "window": None},
    {"clause": "5", "role": "lead", "phrase": "Công an thật sự trong sạch, vững mạnh",
     "text": "xây dựng lực lượng Công an thật sự trong sạch, vững mạnh, chính quy, tinh nhuệ, hiện đại",
     "units": {"police": ALL}},
    {"clause": "5", "role": "lead", "phrase": "giai đoạn 2021 - 2025",
     "text": "Tiếp tục tập trung nguồn lực thực hiện Đề án của UBND tỉnh “Xây dựng trụ sở làm việc cho lực lượng Công an "
             "cấp xã trên địa bàn tỉnh, giai đoạn 2021 - 2025”",
     "units": {"peoples_committee": ALL}, "window": ("2021-01-01", "2025-12-31")},
    {"clause": "5", "role": "lead", "phrase": "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
     "text": "Tổ chức quán triệt, triển khai thực hiện Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở, có hiệu lực "
             "từ ngày 01/7/2024",
     "units": {"peoples_committee": ALL, "police": ALL}, "deadline": None},
    {"clause": "6", "role": "lead", "phrase": "tổ chức sơ kết, tổng kết chuyên đề",
     "text": "Ban Chỉ đạo 138 các cấp tăng cường chỉ đạo, kiểm tra, đôn đốc, hướng dẫn và tổ chức sơ kết, tổng kết chuyên "
             "đề, đánh giá, phân loại phong trào toàn dân bảo vệ ANTQ",
     "units": {"steering_committee": ALL}},
    {"clause": "6", "role": "lead", "phrase": "Bảo đảm kinh phí",
     "text": "Bảo đảm kinh phí phục vụ công tác xây dựng phong trào toàn dân bảo vệ ANTQ trên địa bàn tỉnh",
     "units": {"id": ["30.pc"]}},
    {"clause": "closing", "role": "monitor", "phrase": "Giao Công an tỉnh theo dõi",
     "text": "Giao Công an tỉnh theo dõi, hướng dẫn, đôn đốc, kiểm tra các sở, ngành, UBND các cấp trong việc tổ chức triển "
             "khai thực hiện Chỉ thị này",
     "units": {"id": ["30.police"]},
     "target": {"department": ["province"], "peoples_committee": ["district", "commune"]}},
    {"clause": "closing", "role": "advise", "phrase": "tham mưu, đề xuất những biện pháp",
     "text": "tham mưu, đề xuất những biện pháp cần tập trung chỉ đạo",
     "units": {"id": ["30.police"]}, "target": {"id": ["30.pc.head"]}},
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def spaced(text: str) -> str:
    """NFC, with every run of white space one space: a sentence reads the same across a line or page break."""
    return " ".join(nfc(text).split())


def quoted_passages(note: str) -> list[str]:
    """The passages a note quotes: each run of text between straight double quotes. Curly quotes (“”) inside a
    passage are the text's own."""
    return [p for p in re.findall(r'"([^"]*)"', nfc(note)) if p.strip()]


def found_in(passage: str, text: str) -> bool:
    """True if the passage is in the text word for word; an ellipsis ("..." or "…") stands for words left out, so each
    part between ellipses must be there, in order."""
    at = 0
    for part in re.split(r"\.\.\.|…", spaced(passage)):
        part = part.strip(" ,;")
        if not part:
            continue
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def clauses_of_text(text: str) -> dict[str, str]:
    """The directive's text cut into its clauses: "preamble", "1" to "6" (each a paragraph opening with its number),
    "closing" (from "Giao Công an tỉnh" to the recipients). A page break inside a clause stays in it."""
    parts: dict[str, list[str]] = defaultdict(list)
    current = "preamble"
    for line in nfc(text).splitlines():
        opening = re.match(r"^([1-9])\. ", line)
        if opening:
            current = opening.group(1)
        elif line.startswith("Giao Công an tỉnh"):
            current = "closing"
        elif line.startswith("Nơi nhận"):
            current = "recipients"
        parts[current].append(line)
    return {clause: spaced(" ".join(lines)) for clause, lines in parts.items()}


class Checker:
    def __init__(self, antq, directive_path: Path, graph_path: Path, text_path: Path | None) -> None:
        self.antq = antq
        self.directive_path = directive_path
        self.graph_path = graph_path
        self.text_path = text_path
        self.problems: list[str] = []
        self.units = None  # id -> (kind, level), from the graph

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    # ---- printing sets of units, by kind and level, in the core's vocabulary order

    def by_kind_and_level(self, ids) -> list[str]:
        """'kind: level n, level n' lines for a set of unit ids, kinds and levels in antq's order."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for u in ids:
            kind, level = self.units[u]
            counts[kind][level] += 1
        kinds = list(self.antq.unit_kinds)
        return [f"{kind}: " + ", ".join(f"{lv} {counts[kind][lv]}" for lv in sorted(counts[kind], key=self.level_order))
                for kind in sorted(counts, key=kinds.index)]

    def level_order(self, level: str) -> int:
        levels = list(self.antq.levels)
        return levels.index(level) if level in levels else len(levels)

    def kinds_and_levels(self, ids) -> dict[str, list[str]]:
        out: dict[str, set] = defaultdict(set)
        for u in ids:
            kind, level = self.units[u]
            out[kind].add(level)
        return {k: sorted(v, key=self.level_order) for k, v in out.items()}

    def every_unit_of(self, graph, spec: dict[str, list[str]]) -> set[str]:
        """Every unit of the kinds and levels of an OBLIGATIONS spec, as OrgGraph.select picks them."""
        return {u for kind, values in spec.items()
                for u in graph.select({"id": values} if kind == "id" else {"kind": kind, "level": values})}

    # ---- the run

    def run(self) -> int:
        antq = self.antq
        try:
            directive = antq.Directive.load(self.directive_path)
            graph = antq.load(self.graph_path)
        except antq.IoError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        except antq.Error as e:  # the file's content: antq's message names the file and the JSON pointer
            self.problems.append(str(e))
            return self.report()
        frame, _ = graph.to_pandas()
        self.units = dict(zip(frame["id"], zip(frame["kind"], frame["level"].fillna("?"))))
        try:
            table = antq.compile(directive, graph)
        except antq.Error as e:  # issuer, signer, a selector matching nothing: antq says which and where
            self.problems.append(str(e))
            return self.report()

        self.recipients(directive, graph, table)
        self.tasks(directive, table)
        self.obligations(directive, graph, table)
        self.sentences(directive)
        return self.report()

    def recipients(self, directive, graph, table) -> None:
        print("recipients")
        outside = {r["label"] for r in table.recipients_outside()}
        for i, r in enumerate(directive.recipients):
            if r.label in outside or r.units is None:
                print(f"  {r.label}: outside the graph")
                continue
            picked = graph.select(r.units)
            print(f"  {r.label}: {len(picked)} -> " + "; ".join(self.by_kind_and_level(picked)))
        communes = [u for u in table.recipients() if self.units[u] == ("peoples_committee", "commune")]
        if communes:
            self.problem(f"{self.directive_path}:/recipients",
                         f"{len(communes)} commune People's Committees are recipients; the text does not list them")

    def tasks(self, directive, table) -> None:
        """The units each role and each target of a clause picks. The rows the recipients list adds (inform, of every
        clause; assignment -1) are printed once, under the recipients."""
        print("tasks")
        rows = table.to_pandas()
        rows = rows[rows["assignment"] >= 0]
        for task in directive.tasks:
            for role in self.antq.model.roles:
                holders = rows.loc[(rows["task"] == task.clause) & (rows["role"] == role), "unit"]
                targets = {u for i, a in enumerate(task.assignments) if a.role == role
                           for u in table.targets(task.clause, i)}
                for line in self.by_kind_and_level(holders):
                    print(f"  {task.clause} {role} {line}")
                for line in self.by_kind_and_level(targets):
                    print(f"  {task.clause} {role} target {line}")
        present = [t.clause for t in directive.tasks]
        for clause in CLAUSES:
            if clause not in present:
                self.problem(f"{self.directive_path}:/tasks", f"clause {clause!r} of the text is missing")
        for flag in table.flags():
            self.problem(f"{self.directive_path}: clause {flag['task']}, assignment {flag['assignment']}",
                         f"{flag['unit']}: {flag['reason']}")

    def obligations(self, directive, graph, table) -> None:
        """Each entry of OBLIGATIONS is one assignment of its clause and role quoting its phrase, picking its holders
        (OrgGraph.select of its units, each of which the compiled table gives the role) and its targets
        (Responsibilities.targets)."""
        print("obligations")
        task_index = {t.clause: i for i, t in enumerate(directive.tasks)}
        for ob in OBLIGATIONS:
            label = f"{ob['clause']} {ob['role']} \"{ob['phrase']}\""
            task = directive.tasks[task_index[ob["clause"]]] if ob["clause"] in task_index else None
            found = [] if task is None else [i for i, a in enumerate(task.assignments)
                                             if a.role == ob["role"] and nfc(ob["phrase"]) in a.note]
            if len(found) != 1:
                self.problem(f"{self.directive_path}:/tasks",
                             f"obligation {label}: expected one assignment quoting it, found {len(found)}")
                continue
            i = found[0]
            where = f"{self.directive_path}:/tasks/{task_index[ob['clause']]}/assignments/{i}"
            holders = set(graph.select(task.assignments[i].units))
            if not holders <= set(table.units_of(ob["clause"], ob["role"])):
                self.problem(f"{where}/units", f"obligation {label}: the compiled table does not give every unit "
                                               f"the assignment picks the role {ob['role']}")
            wanted = self.every_unit_of(graph, ob["units"])
            if holders != wanted:
                self.problem(f"{where}/units", f"obligation {label}: picks {self.kinds_and_levels(holders)}, "
                                               f"expected {ob['units']}")
            targets = set(table.targets(ob["clause"], i))
            wanted_targets = self.every_unit_of(graph, ob.get("target", {}))
            if targets != wanted_targets:
                self.problem(f"{where}/target", f"obligation {label}: targets {self.kinds_and_levels(targets)}, "
                                                f"expected {ob.get('target', 'none')}")
            self.dates(where, label, ob, task.assignments[i])
            print(f"  {label}: " + "; ".join(self.by_kind_and_level(holders)))

    def dates(self, where: str, label: str, ob: dict, assignment) -> None:
        """An obligation's deadline and window, where it gives them, are the assignment's (None: it has none)."""
        if "deadline" in ob and (assignment.deadline or None) != ob["deadline"]:
            self.problem(f"{where}/deadline", f"obligation {label}: deadline {assignment.deadline or 'none'}, "
                                              f"expected {ob['deadline'] or 'none'}")
        if "window" in ob and assignment.window != ob["window"]:
            self.problem(f"{where}/window", f"obligation {label}: window {assignment.window or 'none'}, "
                                            f"expected {ob['window'] or 'none'}")

    def sentences(self, directive) -> None:
        """Each obligation's text is in its clause of the directive's text, word for word, and so is what every
        assignment's note quotes."""
        path = self.text_path or TEXT
        if not path.is_file():
            if self.text_path is not None:
                self.problem(str(path), "the directive's text cannot be read")
            else:
                print(f"text: {path} not found; the obligations' sentences and the notes' quotes are not checked "
                      f"against it")
            return
        clauses = clauses_of_text(path.read_text(encoding="utf-8"))
        for ob in OBLIGATIONS:
            if spaced(ob["text"]) not in clauses.get(ob["clause"], ""):
                self.problem(str(path), f"obligation {ob['clause']} {ob['role']} \"{ob['phrase']}\": its text "
                                        f"\"{ob['text']}\" is not in clause {ob['clause']}")
        print(f"text: {len(OBLIGATIONS)} obligations' sentences found in their clauses of {path.name}")
        self.quotes(directive, clauses, path)

    def quotes(self, directive, clauses: dict[str, str], path: Path) -> None:
        """Every passage an assignment's note quotes is in the text, and one at least is in the assignment's clause:
        an assignment says which sentence it follows, and quotes it as written."""
        whole = " ".join(clauses.values())
        quoted = 0
        for t, task in enumerate(directive.tasks):
            own = clauses.get(task.clause, "")
            for i, assignment in enumerate(task.assignments):
                where = f"{self.directive_path}:/tasks/{t}/assignments/{i}/note"
                passages = quoted_passages(assignment.note)
                missing = [p for p in passages if not found_in(p, whole)]
                for p in missing:
                    self.problem(where, f"quotes \"{p}\", which is not in {path.name}")
                if not any(found_in(p, own) for p in passages):
                    self.problem(where, f"quotes no sentence of clause {task.clause} of {path.name}")
                quoted += not missing and bool(passages)
        print(f"text: the notes of {quoted} assignments quote the text as it is written")

    def report(self) -> int:
        if self.problems:
            print(f"\n{len(self.problems)} problem(s):")
            for p in self.problems:
                print(f"  {p}")
            return 1
        print("\nok")
        return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directive", nargs="?", type=Path, default=DATA / "directive_2024.json")
    parser.add_argument("graph", nargs="?", type=Path, default=DATA / "hai_duong_2024.json")
    parser.add_argument("--text", type=Path, default=None,
                        help=f"the directive's text (default: {TEXT}, skipped when absent)")
    args = parser.parse_args(argv[1:])
    try:
        import antq
    except ImportError as e:
        print(f"error: antq cannot be imported ({e}); run with the project's Python or PYTHONPATH=python",
              file=sys.stderr)
        return 2
    return Checker(antq, args.directive, args.graph, args.text).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
