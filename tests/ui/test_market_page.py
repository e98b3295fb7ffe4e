"""The app's class market page: a market of several firms over three rounds with a shock, to its
debrief (charts, Excel export), reopened after a restart, in both languages; a bad orders file shows
its located problems."""
from __future__ import annotations

import openpyxl


def _wait(qtbot, fut):
    assert fut is not None
    qtbot.waitUntil(fut.done, timeout=60_000)
    assert fut.exception() is None


def _files(tmp_path):
    (tmp_path / "firms.csv").write_text("firm,emissions,allocation,cash\nA,1000,900,100000\nB,1000,1050,100000\n"
                                        "C,500,500,50000\n", encoding="utf-8")
    (tmp_path / "measures.csv").write_text("firm,measure,tonnes,cost_per_t\nA,A1,100,30\nA,A2,100,80\nB,B1,50,20\n"
                                           "C,C1,100,60\n", encoding="utf-8")
    (tmp_path / "r1.csv").write_text("firm,side,quantity,limit_price\nA,buy,100,60\nB,sell,50,45\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("side,quantity,limit_price\nbuy,50,50\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("方向,数量,限价\n卖,50,40\n", encoding="utf-8")


def test_market_over_three_rounds_with_a_shock_to_its_debrief(win, qtbot, tmp_path):
    from carbonmgr.ui import i18n

    _files(tmp_path)
    page = win.market
    win.tabs.setCurrentWidget(page)
    assert win.tabs.tabText(win.tabs.indexOf(page)) == "Class market"
    _wait(qtbot, page.create_market(tmp_path / "m.cmmkt", tmp_path / "firms.csv",
                                    measures_file=tmp_path / "measures.csv", start_price=5000))
    assert page.firms.rowCount() == 3 and page.firms.item(0, 0).text() == "A"
    # round 1 (the hand-worked market of tests/test_market.py): 50 t at 52.50
    _wait(qtbot, page.load_orders(tmp_path / "r1.csv"))
    assert page.pending.rowCount() == 2
    _wait(qtbot, page.clear_round())
    assert page.last_message == "Round 1: 50 t at 52.50 CNY/t"
    assert page.rounds.item(0, 1).text() == "52.50" and page.pending.rowCount() == 0
    assert page.firms.item(0, 3).text() == "950"  # A holds 900 + 50
    # the shock: C's output -20 %: its emissions 400, final allocation 400
    _wait(qtbot, page.shock("output", firm="C", change=-0.2))
    assert (page.firms.item(2, 1).text(), page.firms.item(2, 2).text()) == ("400", "400")
    # round 2: each firm's own file: 50 t at 45.00
    _wait(qtbot, page.load_orders(tmp_path / "a.csv", firm="A"))
    _wait(qtbot, page.load_orders(tmp_path / "c.csv", firm="C"))
    _wait(qtbot, page.clear_round())
    assert page.rounds.item(1, 1).text() == "45.00"
    # round 3: orders entered at the instructor's PC, no cross
    _wait(qtbot, page.add_order("A", "buy", 10, 3000))
    _wait(qtbot, page.add_order("B", "sell", 10, 6000))
    _wait(qtbot, page.clear_round())
    assert page.last_message == "Round 3: no trade" and page.rounds.rowCount() == 3
    _wait(qtbot, page.abate("B", "B1"))
    _wait(qtbot, page.end_market())
    assert not page.btn_clear.isEnabled()
    text = page.debrief_text.text()
    assert "48.75" in text and "20.00" in text and "13,187.50" in text and "1,000.00" in text
    rows = {page.debrief_table.item(r, 0).text(): [page.debrief_table.item(r, c).text() for c in range(6)]
            for r in range(page.debrief_table.rowCount())}
    assert rows["C"][2:] == ["-50", "12,187.50", "9,937.50", "0.00"]
    assert rows["A"][4:] == ["4,875.00", "2,000.00"]
    assert len(page.canvases) == 2  # price per round, cost per firm
    page.macc.firm.setCurrentIndex(page.macc.firm.findData("A"))
    assert page.macc.canvas is not None and "A1" in [s.name for s in page.macc.steps]
    # the debrief in Excel
    _wait(qtbot, page.export_debrief(tmp_path / "d.xlsx"))
    assert openpyxl.load_workbook(tmp_path / "d.xlsx").sheetnames == ["Rounds", "Firms", "Least cost"]
    # a restart: the market file alone brings the page back where it was
    win.market.snapshot = None
    _wait(qtbot, page.open_market(tmp_path / "m.cmmkt"))
    assert page.rounds.rowCount() == 3 and "ended" in page.title.text()
    # Chinese
    i18n.set_language("zh")
    qtbot.waitUntil(lambda: win.tabs.tabText(win.tabs.indexOf(page)) == "课堂市场", timeout=10_000)
    assert page.rounds.horizontalHeaderItem(0).text() == "轮次"
    assert "已结束" in page.title.text()


def test_bad_orders_file_shows_located_problems(win, qtbot, tmp_path):
    _files(tmp_path)
    page = win.market
    _wait(qtbot, page.create_market(tmp_path / "m.cmmkt", tmp_path / "firms.csv", start_price=5000))
    (tmp_path / "bad.csv").write_text("firm,side,quantity,limit_price\nA,hold,10,50\nQ,buy,5,50\n", encoding="utf-8")
    fut = page.load_orders(tmp_path / "bad.csv")
    qtbot.waitUntil(fut.done, timeout=60_000)
    assert win.problem_model.rowCount() >= 1
    assert page.pending.rowCount() == 0 and page.btn_clear.isEnabled()


def test_a_market_drawn_from_a_case_workbook(win, qtbot, tmp_path):
    from carbonmgr.ui import i18n
    from tests.trading.test_market_start import case_file

    i18n.set_language("en")
    page = win.market
    win.tabs.setCurrentWidget(page)
    case = case_file(tmp_path)
    win.answers["path:market_case"] = str(case)
    win.answers["path:market_new"] = str(tmp_path / "drawn")
    page.firm_count.setValue(4)
    page.seed.setValue(11)
    assert page.btn_from_case.text() == "New market from a case …"
    page.btn_from_case.click()
    qtbot.waitUntil(lambda: page.snapshot is not None and not page.busy, timeout=60_000)
    assert page.path == tmp_path / "drawn.cmmkt"
    assert page.firms.rowCount() == 4
    assert [page.firms.item(r, 0).text() for r in range(4)] == ["Firm 1", "Firm 2", "Firm 3", "Firm 4"]
    # the same case, seed and count on the command line's path give the same firms
    from carbonmgr.facade import market as mk

    store, info = mk.start_from_case(case, tmp_path / "cli.cmmkt", firms=4, seed=11, spread=0.1, lang="en")
    store.close()
    assert [page.firms.item(r, 2).text() for r in range(4)] == [f"{f['allocation']:,}" for f in info["firms"]]
    # the firms trade: a round clears between two of them
    _wait(qtbot, page.add_order("Firm 1", "buy", 100, 9000))
    _wait(qtbot, page.add_order("Firm 2", "sell", 100, 6000))
    _wait(qtbot, page.clear_round())
    assert page.last_message == "Round 1: 100 t at 75.00 CNY/t"


def test_the_firms_table_shows_allowances_borrowed(win, qtbot, tmp_path):
    """A market drawn from a 2021 case that borrowed 70 000 t (tests/trading/test_market_borrowing.py):
    the firms table itemises them and counts them in the position, in both languages."""
    from carbonmgr.facade import market as mk
    from carbonmgr.ui import i18n
    from tests.trading.test_market_borrowing import case_file

    store, _ = mk.start_from_case(case_file(tmp_path), tmp_path / "b.cmmkt", firms=2, seed=1, spread=0,
                                  start_price=5500)
    store.close()
    page = win.market
    win.tabs.setCurrentWidget(page)
    for lang, header in (("en", "Borrowed (t)"), ("zh", "预支配额（吨）")):
        i18n.set_language(lang)
        _wait(qtbot, page.open_market(tmp_path / "b.cmmkt"))
        headers = [page.firms.horizontalHeaderItem(c).text() for c in range(page.firms.columnCount())]
        col = headers.index(header)
        assert [page.firms.item(r, col).text() for r in range(2)] == ["70,000", "70,000"]
        # position = 851 000 held + 70 000 borrowed − 1 000 000 due
        assert page.firms.item(0, len(headers) - 1).text() == "-79,000"


def test_a_round_another_window_cleared_is_not_cleared_again(win, qtbot, tmp_path):
    """Two windows on one market file: the second clears the round the first shows; the first's
    click says so (its language) and shows the round now open, instead of clearing an empty round."""
    from carbonmgr.facade import market as mk
    from carbonmgr.ui import i18n

    i18n.set_language("zh")
    _files(tmp_path)
    page = win.market
    win.tabs.setCurrentWidget(page)
    _wait(qtbot, page.create_market(tmp_path / "m.cmmkt", tmp_path / "firms.csv", start_price=5000))
    _wait(qtbot, page.load_orders(tmp_path / "r1.csv"))
    with mk.open_market(tmp_path / "m.cmmkt") as other:  # the other window
        assert other.clear_round(round_no=1).volume == 50
    fut = page.clear_round()
    qtbot.waitUntil(fut.done, timeout=60_000)
    assert "第 1 轮已经撮合" in page.last_message
    _wait(qtbot, page.reloaded)
    assert page.snapshot["info"]["round"] == 2 and page.rounds.rowCount() == 1
    with mk.open_market(tmp_path / "m.cmmkt") as check:
        assert [r["n"] for r in check.rounds()] == [1]
