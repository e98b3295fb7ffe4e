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
    # a floor above the ceiling is refused, as the market's shocks refuse it (it cleared as "no trade")
    r = run("--lang", "zh", "market", "clear", str(f), "--floor", "60", "--ceiling", "50")
    assert r.returncode == 2 and "价格下限将高于价格上限" in r.stderr and r.stdout == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_numbers_that_are_not_amounts_are_located_exit_2(tmp_path, lang):
    # an exponent beyond what decimal arithmetic holds (1E999999 × 100 overflowed: an internal error, exit 1),
    # NaN, infinity, negative, zero, a price below a fen
    f = tmp_path / "nums.csv"
    f.write_text("firm,side,quantity,limit_price\nA,buy,1,1E999999\nB,sell,1e999999,50\nC,buy,NaN,60\n"
                 "D,sell,inf,50\nE,buy,-5,60\nF,sell,0,50\nG,buy,10,-1\nH,buy,10,1e-999999\nI,buy,1E+999999,60\n",
                 encoding="utf-8")
    r = run("--lang", lang, "market", "clear", str(f))
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr and "market." not in r.stderr
    lines = r.stderr.strip().splitlines()
    where = [("D" if n in (2, 8, 9) else "C") for n in range(2, 11)]
    located = [ln for ln in lines if ln.startswith("nums.csv")]
    assert len(located) == 9
    for n, (line, col) in enumerate(zip(located, where), start=2):
        if lang == "en":
            assert line.startswith(f"nums.csv, row {n}, column {col}:"), line
        else:
            assert line.startswith(f"nums.csv 第 {n} 行第 {col} 列："), line


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unquoted_thousands_comma_is_refused_not_read_as_another_order(tmp_path, lang):
    # "1,500" unquoted splits into 1 | 500: read as it was, row 2 became a buy of 1 t at ¥500
    f = tmp_path / "comma.csv"
    f.write_text("firm,side,quantity,limit_price\nA,buy,1,500,60\nB,sell,1500,50,\n", encoding="utf-8")
    r = run("--lang", lang, "market", "clear", str(f), "--json")
    assert r.returncode == 2 and r.stdout == "", r.stdout
    (line, *_) = r.stderr.strip().splitlines()
    if lang == "en":
        assert line.startswith("comma.csv, row 2, column E: the row has 1 filled cell(s) beyond") and '"1,500"' in line
    else:
        assert line.startswith("comma.csv 第 2 行第 E 列：该行在表头各列之外还有 1 个非空单元格")
    assert "row 3" not in r.stderr and "第 3 行" not in r.stderr  # a trailing empty cell (Excel) is fine
    assert "Traceback" not in r.stderr and "market." not in r.stderr


def test_a_semicolon_file_reads_the_comma_as_the_decimal_sign(tmp_path):
    """Excel where the comma is the decimal sign saves CSV with semicolons: 60,5 is ¥60.50 and
    1.234,50 is ¥1,234.50 there (it was read as 605 and refused or misread before)."""
    f = tmp_path / "eu.csv"
    f.write_text("firm;side;quantity;limit_price\r\nA;buy;100;60,5\r\nB;sell;80;55\r\nC;sell;1000;1.234,50\r\n",
                 encoding="utf-8")
    out = json.loads(run("market", "clear", str(f), "--json").stdout)
    # buy 100 @ 60.50; sells 80 @ 55 and 1000 @ 1234.50: volume 80 on [55, 60.50] -> 57.75
    assert (out["price"], out["volume"]) == (57.75, 80)
    assert {(x["firm"], x["quantity"]) for x in out["fills"]} == {("A", 80), ("B", 80)}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_comma_that_is_neither_a_thousands_group_nor_a_decimal_sign_is_refused(tmp_path, lang):
    """In a comma file a quoted "60,5" is not a thousands group (read as 605 before): refused at
    its cell; "1,500" still is 1 500 t. In a semicolon file 1.500 (1.5 or 1 500?) is refused."""
    f = tmp_path / "c.csv"
    f.write_text('firm,side,quantity,limit_price\nA,buy,"1,500","60,5"\nB,sell,"1,500",55\n', encoding="utf-8")
    r = run("--lang", lang, "market", "clear", str(f))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    [line] = [ln for ln in r.stderr.splitlines() if "c.csv" in ln]
    assert line.startswith("c.csv, row 2, column D:" if lang == "en" else "c.csv 第 2 行第 D 列：") and "60,5" in line
    g = tmp_path / "s.csv"
    g.write_text("firm;side;quantity;limit_price\nA;buy;1.500;60\nB;sell;1500;55\n", encoding="utf-8")
    r = run("--lang", lang, "market", "clear", str(g))
    assert r.returncode == 2
    [line] = [ln for ln in r.stderr.splitlines() if "s.csv" in ln]
    assert line.startswith("s.csv, row 2, column C:" if lang == "en" else "s.csv 第 2 行第 C 列：") and "1.500" in line


def test_a_runaway_cell_is_located_in_the_users_language(tmp_path):
    f = tmp_path / "long.csv"
    f.write_text("firm,side,quantity,limit_price\n" + "A" * 150_000 + ",buy,1,1\n", encoding="utf-8")
    r = run("--lang", "zh", "market", "clear", str(f))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("long.csv 第 2 行：有单元格超过 131,072 个字符")
    assert "field limit" not in r.stderr  # Python's own words were shown in Chinese output


@pytest.mark.parametrize("lang, text, floor, said", [
    ("en", "A,buy,10,60\nB,BUY,5,50\n", None, "no trade: there is no sell order"),
    ("zh", "A,sell,10,60\n", None, "未成交：没有买单（未申报或均被拒绝）"),
    ("en", "A,buy,10,40\nB,sell,5,50\n", None, "no trade: no buy order's limit reaches a sell order's limit"),
    ("zh", "A,buy,10,60\nB,sell,5,50\n", "70", "未成交：买卖限价仅在现行价格下限 / 上限之外相交"),
])
def test_no_trade_says_why(tmp_path, lang, text, floor, said):
    f = tmp_path / "o.csv"
    f.write_text("firm,side,quantity,limit_price\n" + text, encoding="utf-8")
    r = run("--lang", lang, "market", "clear", str(f), *(("--floor", floor) if floor else ()))
    assert r.returncode == 0 and r.stdout.startswith(said), r.stdout + r.stderr
    r = run("market", "clear", str(f), "--json", *(("--floor", floor) if floor else ()))
    out = json.loads(r.stdout)
    assert (out["price"], out["volume"], out["fills"]) == (None, 0, [])
