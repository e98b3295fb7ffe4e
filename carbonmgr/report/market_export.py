"""The debrief of a class market as an Excel workbook: the rounds (price, volume), each firm's
compliance and cost, and the least-cost outcome beside the class's. Headers in the reader's
language; money in CNY, quantities in tonnes."""
from __future__ import annotations

from pathlib import Path

from carbonmgr.common.i18n import translate
from carbonmgr.io.fileio import atomic_write

ROUND_COLS = ("round", "price", "volume", "orders")
FIRM_COLS = ("firm", "emissions", "allocation_final", "true_up", "held", "borrowed", "ccer_used", "surplus",
             "shortfall", "paid", "abatement_cost", "ccer_cost", "penalty_min", "penalty_max", "cost", "compliant")
LEAST_COLS = ("firm", "class_abated", "lc_abated", "lc_ccer", "lc_net_buy", "class_cost", "lc_cost")


def _h(key: str, lang: str) -> str:
    return translate(f"market.debrief.col.{key}", lang)


def write_debrief(debrief: dict, path: Path, *, lang: str = "zh") -> Path:
    """``debrief``: :func:`carbonmgr.facade.market.debrief_json`'s form (money in yuan)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    bold = Font(bold=True)
    ws = wb.active
    ws.title = translate("market.debrief.sheet.rounds", lang)
    ws.append([translate("market.debrief.title", lang, name=debrief["name"], year=debrief["year"])])
    ws.append([translate("market.debrief.reference_price", lang), debrief["reference_price"]])
    ws.append([])
    ws.append([_h(k, lang) for k in ROUND_COLS])
    for c in ws[4]:
        c.font = bold
    for r in debrief["rounds"]:
        ws.append([r["n"], r["price"], r["volume"], r["orders"]])
    if debrief["shocks"]:
        ws.append([])
        ws.append([translate("market.debrief.shocks", lang)])
        for s in debrief["shocks"]:
            ws.append([s["after_round"], translate(f"market.shock.name.{s['kind']}", lang),
                       ", ".join(f"{translate(f'market.shock.param.{k}', lang)} = {v}"
                                 for k, v in s["params"].items() if v is not None)])
    fs = wb.create_sheet(translate("market.debrief.sheet.firms", lang))
    fs.append([_h(k, lang) for k in FIRM_COLS])
    for c in fs[1]:
        c.font = bold
    yes, no = translate("market.debrief.yes", lang), translate("market.debrief.no", lang)
    for o in debrief["firms"]:
        fs.append([o[k] if k != "compliant" else (yes if o[k] else no) for k in FIRM_COLS])
    ls = wb.create_sheet(translate("market.debrief.sheet.least_cost", lang))
    lc = debrief["least_cost"]
    ls.append([translate("market.debrief.lc_price", lang), lc["price"]])
    ls.append([translate("market.debrief.lc_need", lang), lc["need"]])
    ls.append([translate("market.debrief.lc_system_cost", lang), lc["system_cost"]])
    ls.append([translate("market.debrief.class_cost", lang), debrief["class_cost"]])
    if not lc["reachable"]:
        ls.append([translate("market.debrief.lc_short", lang), lc["short"]])
    ls.append([])
    ls.append([_h(k, lang) for k in LEAST_COLS])
    for c in ls[ls.max_row]:
        c.font = bold
    by_firm = {o["firm"]: o for o in debrief["firms"]}
    for p in lc["firms"]:
        o = by_firm[p["firm"]]
        ls.append([p["firm"], o["abated"], p["abated"], p["ccer"], p["net_buy"], o["cost"], round(p["cost"], 2)])
    for sheet in (ws, fs, ls):
        for col in sheet.columns:
            width = max(len(str(c.value or "")) for c in col)
            sheet.column_dimensions[col[0].column_letter].width = min(40, max(10, width + 2))
    with atomic_write(path) as tmp:
        wb.save(tmp)
    return path
