"""``carbonmgr market clear``: orders files as untrusted input, run as a user would (a subprocess)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import openpyxl
import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.io.orders import MAX_FILE_BYTES, read_orders


def run(*args, cwd=None):
    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="", CARBONMGR_LANG="")
    return subprocess.run([sys.executable, "-m", "carbonmgr", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


ROUND = "firm,side,quantity,limit_price\nA,buy,100,60\nB,buy,100,55\nC,buy,100,50\nD,sell,150,40\n"


def test_clear_json(tmp_path):
    f = tmp_path / "orders.csv"
    f.write_text(ROUND, encoding="utf-8")
    r = run("market", "clear", str(f), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    # the round of test_auction.test_price_priority_and_the_marginal_buy_level, by hand: 47.50, 150 t
    assert out["price"] == 47.5 and out["volume"] == 150
    assert [(x["firm"], x["side"], x["quantity"]) for x in out["fills"]] == [
        ("A", "buy", 100), ("B", "buy", 50), ("D", "sell", 150)]
    assert out["trace"]["interval"] == ["40.00", "55.00"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_clear_text_in_both_languages(tmp_path, lang):
    f = tmp_path / "orders.csv"
    f.write_text(ROUND, encoding="utf-8")
    r = run("--lang", lang, "market", "clear", str(f))
    assert r.returncode == 0, r.stderr
    assert "47.50" in r.stdout and "150" in r.stdout
    assert ("成交价" in r.stdout) == (lang == "zh")
    assert "market." not in r.stdout  # no message id shown


def test_chinese_headers_sides_and_gbk(tmp_path):
    text = "企业,方向,数量（吨）,限价（元/吨）\n甲公司,买,1000,52.50\n乙公司,卖出,\"1,500\",¥50\n"
    f = tmp_path / "报单.csv"
    f.write_bytes(text.encode("gb18030"))  # Excel on a Chinese Windows saves CSV in GBK
    r = run("--lang", "zh", "market", "clear", str(f), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    # one buy 1000 @ 52.50, one sell 1500 @ 50: volume 1000 on [50, 52.50]: 51.25
    assert (out["price"], out["volume"]) == (51.25, 1000)
    assert {(x["firm"], x["side"], x["quantity"]) for x in out["fills"]} == {("甲公司", "buy", 1000),
                                                                          ("乙公司", "sell", 1000)}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_cells_are_located_exit_2(tmp_path, lang):
    f = tmp_path / "bad.csv"
    f.write_text("firm,side,quantity,limit_price\nA,hold,10,50\nB,buy,2.5,50\nC,sell,10,50.001\n,buy,10,50\n",
                 encoding="utf-8")
    r = run("--lang", lang, "market", "clear", str(f))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    if lang == "en":
        assert lines[0].startswith("bad.csv, row 2, column B: side \"hold\"") and "buy or sell" in lines[0]
        assert lines[1].startswith("bad.csv, row 3, column C:") and "whole tonnes" in lines[1]
        assert lines[2].startswith("bad.csv, row 4, column D:") and "two decimals" in lines[2]
        assert lines[3].startswith("bad.csv, row 5, column A:") and "required" in lines[3]
    else:
        assert lines[0].startswith("bad.csv 第 2 行第 B 列：方向“hold”")
        assert lines[1].startswith("bad.csv 第 3 行第 C 列：") and "整吨" in lines[1]
        assert lines[2].startswith("bad.csv 第 4 行第 D 列：") and "两位小数" in lines[2]
        assert lines[3].startswith("bad.csv 第 5 行第 A 列：")
    assert "market." not in r.stderr


def test_missing_columns_and_other_files(tmp_path):
    f = tmp_path / "cols.csv"
    f.write_text("who,side\nA,buy\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        read_orders(f)
    text = err.value.render("en")
    assert 'no column "quantity"' in text and 'no column "limit_price"' in text and 'no column "firm"' in text
    wb = tmp_path / "orders.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["firm", "side", "quantity", "limit_price"])
    book.save(wb)
    r = run("market", "clear", str(wb))
    assert r.returncode == 2 and "Excel workbook" in r.stderr and "CSV" in r.stderr
    big = tmp_path / "big.csv"
    big.write_bytes(b"firm,side,quantity,limit_price\n" + b"A,buy,1,1\n" * (MAX_FILE_BYTES // 10 + 1))
    r = run("market", "clear", str(big))
    assert r.returncode == 2 and "too large" in r.stderr
    r = run("market", "clear", str(tmp_path / "none.csv"))
    assert r.returncode == 2 and "does not exist" in r.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("firm,side,quantity,limit_price\n", encoding="utf-8")
    r = run("market", "clear", str(empty))
    assert r.returncode == 2 and "no orders" in r.stderr
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\x00\x01\x02garbage")
    r = run("market", "clear", str(binary))
    assert r.returncode == 2 and "CSV" in r.stderr


def test_own_file_of_a_firm(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("side,quantity,limit_price\nbuy,10,50\nsell,5,70\n", encoding="utf-8-sig")
    orders = read_orders(f, firm="A")
    assert [(x["firm"], x["side"], x["quantity"], x["limit"], x["row"]) for x in orders] == [
        ("A", "buy", 10, 5000, 2), ("A", "sell", 5, 7000, 3)]
    g = tmp_path / "b.csv"
    g.write_text("firm,side,quantity,limit_price\nB,buy,10,50\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        read_orders(g, firm="A")
    assert "row 2, column A" in err.value.render("en") and '"A"' in err.value.render("en")


def test_floor_ceiling_options(tmp_path):
    f = tmp_path / "orders.csv"
    f.write_text("firm,side,quantity,limit_price\nA,buy,10,45\nB,buy,10,60\nS,sell,20,40\n", encoding="utf-8")
    out = json.loads(run("market", "clear", str(f), "--json", "--floor", "48").stdout)
    assert (out["price"], out["volume"]) == (54.0, 10)
    r = run("market", "clear", str(f), "--floor", "abc")
    assert r.returncode == 2 and "Traceback" not in r.stderr
