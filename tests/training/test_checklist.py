"""The registry checklist exercise: the bundled checklist, grading an answer (one finding per wrong
step, naming its procedure and its source document), answer files and ``carbonmgr grade``."""
from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.training.checklist import bundled_path, grade_answer, grade_files, read_answer, read_checklist

RIGHT = ["C", "F", "A", "J", "I", "B", "E", "G", "L", "M"]  # the registry steps in order (by label)


@pytest.fixture(scope="module")
def checklist():
    return read_checklist()


def test_the_bundled_checklist(checklist):
    assert [s.label for s in checklist.procedure] == RIGHT
    assert {s.label for s in checklist.steps if s.order is None} == {"D", "H", "K"}
    assert checklist.title_in("zh") != checklist.title_in("en")
    for s in checklist.steps:  # every step cites an official document by its title
        assert s.source.title.startswith("《") and s.text["zh"] and s.text["en"] and s.why["en"]


def test_the_right_steps_score_100(checklist):
    result = grade_answer(checklist, RIGHT)
    assert result.findings == [] and result.score == 100.0
    ids = [checklist.step(x).id for x in RIGHT]
    assert grade_answer(checklist, [i.upper() for i in ids]).score == 100.0  # ids, any case


@pytest.mark.parametrize("answer, kind, label, source", [
    (RIGHT[:1] + ["D"] + RIGHT[1:], "extra_step", "D", "《碳排放权登记管理规则（试行）》"),
    (RIGHT[:3] + ["H"] + RIGHT[3:], "extra_step", "H", "《碳排放权交易管理办法（试行）》"),
    ([x for x in RIGHT if x != "L"], "missing_step", "L", "《关于全国碳排放权交易市场2021、2022年度碳排放配额清缴相关工作的通知》"),
    ([x for x in RIGHT if x != "J"], "missing_step", "J", "《温室气体自愿减排交易管理办法（试行）》"),
    (["C", "F", "A", "J", "B", "I", "E", "G", "L", "M"], "wrong_order", "B", "《关于全国碳排放权交易市场2021、2022年度"),
    (["M"] + RIGHT[:-1], "wrong_order", "M", "《2023、2024年度全国碳排放权交易发电行业配额总量和分配方案》"),
    (RIGHT + ["Z"], "wrong_step", "Z", None),
    (RIGHT + ["C"], "wrong_step", "C", None),
])
def test_one_wrong_step_one_finding(checklist, answer, kind, label, source):
    result = grade_answer(checklist, answer, "zh")
    assert [(f.kind, f.item) for f in result.findings] == [(kind, label)]
    f = result.findings[0]
    if source:
        assert source in f.text("zh") and source in f.text("en")
        step = checklist.step(label)
        assert step.procedure["en"] in f.text("en") and step.procedure["zh"] in f.text("zh")
    expected = {"missing_step": 90.0, "wrong_order": 95.0, "extra_step": 95.0, "wrong_step": 95.0}[kind]
    assert result.score == expected
    d = f.to_dict("en")
    assert d["sheet"] == "Checklist" and set(d) >= {"kind", "key_row", "rows", "facility", "item", "points", "message"}


def test_the_order_is_judged_by_the_longest_run_in_order(checklist):
    backwards = list(reversed(RIGHT))
    result = grade_answer(checklist, backwards)
    assert [f.kind for f in result.findings] == ["wrong_order"] * 9  # one step stays; nine move
    empty = grade_answer(checklist, [])
    assert [f.kind for f in empty.findings] == ["missing_step"] * 10 and empty.score == 0.0


def test_answer_files_json_and_workbook(checklist, tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"trainee": "李华", "steps": RIGHT}, ensure_ascii=False), "utf-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws.append(["顺序", "步骤"])
    for n, x in enumerate([s for s in RIGHT if s != "I"], start=1):
        ws.append([n, x])
    wb.save(tmp_path / "b.xlsx")
    (tmp_path / "c.json").write_text("{not json", "utf-8")
    (tmp_path / "d.json").write_text(json.dumps({"steps": "C F A"}), "utf-8")
    a, b, c, d = grade_files(checklist, [tmp_path / n for n in ("a.json", "b.xlsx", "c.json", "d.json")], "en")
    assert a.score == 100.0 and a.trainee == "李华"
    assert [(f.kind, f.item) for f in b.findings] == [("missing_step", "I")]
    assert c.score is None and "c.json" in c.problem_text("en") and "JSON" in c.problem_text("en")
    assert d.score is None and "steps" in d.problem_text("zh")
    assert read_answer(tmp_path / "a.json").steps == RIGHT


def test_a_broken_checklist_names_the_step(tmp_path):
    data = json.loads(bundled_path().read_text("utf-8"))
    data["steps"][1]["source"] = "nowhere"
    data["steps"][2]["text"] = {"zh": "只有中文"}
    (tmp_path / "bad.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with pytest.raises(ValidationFailed) as exc:
        read_checklist(tmp_path / "bad.json")
    text = [p.render("en") for p in exc.value.problems]
    assert any("bind_accounts" in t and "source" in t for t in text)
    assert any("open_registry" in t and "text" in t for t in text)


def test_grade_command_with_the_registry_key(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"trainee": "S01", "steps": RIGHT[:1] + ["D"] + RIGHT[1:]}), "utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"steps": RIGHT}), "utf-8")
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key", "registry", str(tmp_path / "a.json"),
                          str(tmp_path / "b.json"), "--json", "--lang", "zh"], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    a, b = json.loads(out.stdout)
    assert a["trainee"] == "S01" and a["seal"] == "none" and a["score"] == 95.0
    [f] = a["findings"]
    assert f["kind"] == "extra_step" and f["item"] == "D" and "《碳排放权登记管理规则（试行）》" in f["message"]
    assert b["score"] == 100.0 and b["findings"] == []
    text = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key", str(bundled_path()),
                           str(tmp_path / "a.json"), "--lang", "en"], capture_output=True, text=True, timeout=300)
    assert text.returncode == 0 and "95" in text.stdout and "does not belong" in text.stdout
    bad = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key", str(tmp_path / "b.json"),
                          str(tmp_path / "a.json")], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
