"""Builds the bundled demo case workbooks (a Wuhan manufacturing firm, zh and en).

Run ``python resources/demo/make_demo.py`` after changing this file; a test checks
that the committed workbooks hold exactly what this script writes.

The firm is fictional; every factor it uses comes from the factor library.  The
source documents (fuel ledger, power bills, refrigerant log) add up to the activity
lines, as a trainee would check.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from carbonmgr.inventory.model import (Activity, ActivityTable, CaseData, CaseInfo, Equipment, Facility,  # noqa: E402
                             Instrument)

MONTHS_GAS = [5.2, 4.9, 4.1, 3.2, 2.6, 2.3, 2.2, 2.3, 2.6, 3.3, 4.2, 5.1]  # 10^4 Nm3 natural gas
MONTHS_KWH = [1_020_000, 910_000, 1_050_000, 1_080_000, 1_120_000, 1_190_000,
              1_260_000, 1_270_000, 1_150_000, 1_090_000, 1_040_000, 1_020_000]  # kWh, plant F1
MONTHS_STEAM = [620, 580, 450, 300, 210, 180, 170, 175, 220, 320, 470, 605]  # GJ purchased steam


def build(lang: str) -> CaseData:
    zh = lang == "zh"
    info = CaseInfo(
        title="武汉江城汽车零部件制造有限公司 2023 年度温室气体排放核算" if zh else
        "Wuhan Jiangcheng Auto Parts Co., Ltd. — 2023 GHG inventory",
        standard="gbt32150", gwp="SAR", reporting_year=2023, consolidation="operational_control",
        extra={
            "company": "武汉江城汽车零部件制造有限公司" if zh else "Wuhan Jiangcheng Auto Parts Manufacturing Co., Ltd.",
            "credit_code": "91420100MA4KDEMO01",
            "industry": "汽车零部件及配件制造（C3670）" if zh else "Auto parts manufacturing (C3670)",
            "address": "湖北省武汉市蔡甸区常福工业园" if zh else "Changfu Industrial Park, Caidian District, Wuhan, Hubei",
            "legal_representative": "张明" if zh else "Zhang Ming",
            "contact": "李晓华（能源管理部）" if zh else "Li Xiaohua (energy management)",
            "description": (
                "公司生产汽车底盘冲压件和焊接总成，主要排放源为天然气锅炉和热处理炉、叉车和公务车、"
                "CO2 保护焊、废水处理用石灰石、空调制冷剂泄漏，以及外购电力和蒸汽；屋顶光伏余电上网。"
                "控股子公司孝感涂装厂纳入核算；参股的长沙仓储公司不由本公司运营，不纳入。"
            ) if zh else (
                "The firm makes stamped chassis parts and welded assemblies. Its sources are natural-gas boilers "
                "and heat-treatment furnaces, forklifts and company cars, CO2 shielded welding, limestone for "
                "wastewater neutralisation, refrigerant leaks from air conditioning, and purchased electricity "
                "and steam; surplus rooftop solar power is exported. The Xiaogan coating plant (a subsidiary) is "
                "in the boundary; the Changsha warehouse (a minority stake, not operated by the firm) is not."
            ),
            "grid_year": 2023,
        },
    )
    facilities = [
        Facility("F1", "武汉总厂" if zh else "Wuhan main plant", "湖北" if zh else "Hubei", 1.0, "yes", True),
        Facility("F2", "孝感涂装厂" if zh else "Xiaogan coating plant", "湖北" if zh else "Hubei", 0.6, "yes", True),
        Facility("F3", "长沙仓储中心" if zh else "Changsha warehouse", "湖南" if zh else "Hunan", 0.3, "no", False),
    ]
    src = {
        "sc": "固定燃烧" if zh else "stationary_combustion",
        "mc": "移动燃烧" if zh else "mobile_combustion",
        "pr": "过程排放" if zh else "process",
        "fu": "逸散排放" if zh else "fugitive",
        "pe": "购入电力" if zh else "purchased_electricity",
        "ph": "购入热力" if zh else "purchased_heat",
        "xe": "输出电力" if zh else "exported_electricity",
        "s3": "范围三" if zh else "scope3",
    }
    gas = round(sum(MONTHS_GAS), 2)
    kwh = sum(MONTHS_KWH)
    steam = sum(MONTHS_STEAM)
    ev = {
        "ledger": "燃料台账" if zh else "Fuel ledger",
        "bills": "电费单" if zh else "Power bills",
        "refrig": "制冷剂记录" if zh else "Refrigerant log",
    }
    lines = [
        ("F1", "sc", "天然气" if zh else "Natural gas", gas, "万Nm3" if zh else "10^4 Nm3",
         {"evidence": ev["ledger"], "uncertainty": 3.0, "note": "锅炉和热处理炉" if zh else "boilers and furnaces"}),
        ("F1", "mc", "柴油" if zh else "Diesel", 18.6, "t", {"evidence": ev["ledger"], "uncertainty": 5.0,
                                                            "note": "厂内叉车" if zh else "forklifts"}),
        ("F1", "mc", "汽油" if zh else "Gasoline", 7.9, "t", {"evidence": ev["ledger"], "uncertainty": 5.0,
                                                             "note": "公务车" if zh else "company cars"}),
        ("F1", "pr", "CO2", 12.4, "t", {"evidence": "气瓶采购记录" if zh else "gas cylinder purchases",
                                         "note": "CO2 保护焊" if zh else "CO2 shielded welding"}),
        ("F1", "pr", "石灰石" if zh else "Limestone", 86.0, "t", {"purity": 0.92, "evidence": "化验单" if zh else
                                                                 "lab report", "note": "废水中和" if zh else
                                                                 "wastewater neutralisation"}),
        ("F1", "fu", "R-410A", 35.0, "kg", {"evidence": ev["refrig"], "note": "空调补充加注量" if zh else
                                             "air-conditioning top-ups"}),
        ("F1", "pe", "", kwh, "kWh", {"evidence": ev["bills"], "uncertainty": 2.0}),
        ("F1", "ph", "", steam, "GJ", {"evidence": "蒸汽结算单" if zh else "steam invoices", "uncertainty": 5.0}),
        ("F1", "xe", "", 86.5, "MWh", {"evidence": "上网电量结算单" if zh else "grid export statement",
                                        "note": "屋顶光伏余电" if zh else "rooftop solar surplus"}),
        ("F2", "sc", "天然气" if zh else "Natural gas", 9.8, "万Nm3" if zh else "10^4 Nm3",
         {"evidence": ev["ledger"], "uncertainty": 3.0, "note": "烘干炉" if zh else "drying ovens"}),
        ("F2", "pe", "", 2_140.0, "MWh", {"evidence": ev["bills"], "uncertainty": 2.0}),
        ("F3", "pe", "", 380.0, "MWh", {"evidence": ev["bills"], "note": "非运营控制，不纳入" if zh else
                                         "not operated: outside the boundary"}),
        ("F1", "s3", "travel_air_medium_haul", 126_000,
         "人·英里" if zh else "passenger-mile",
         {"scope3_category": 6, "evidence": "差旅系统" if zh else "travel system", "note":
          "美国航线乘客英里数（EPA 因子）" if zh else "flights, passenger-miles (EPA factor)"}),
        ("F1", "s3", "hotel_stay", 420, "间·夜" if zh else "room-night",
         {"scope3_category": 6, "factor_set": "desnz2024", "evidence": "差旅系统" if zh else "travel system"}),
    ]
    acts = ActivityTable()
    for n, (fac, s, item, qty, unit, opts) in enumerate(lines):
        acts.append(Activity(n + 2, fac, src[s], item, qty, unit, dict(opts)))
    instruments = [Instrument("F1", "green_certificate", 1500.0, 0.0, row=2,
                              extra={"note": "绿证（GEC）" if zh else "green electricity certificates (GEC)"})]
    equipment = [Equipment("F2", "screening", "R-410A", "chillers",
                           {"new_charge": 0.0, "operating_capacity": 120.0, "disposed_capacity": 0.0}, row=2)]
    month = [f"2023-{m:02d}" for m in range(1, 13)]
    documents = {
        ev["ledger"]: [["月份" if zh else "month", "天然气 (万Nm3)" if zh else "natural gas (10^4 Nm3)",
                        "柴油 (t)" if zh else "diesel (t)", "汽油 (t)" if zh else "gasoline (t)"]]
        + [[m, g, round(18.6 / 12, 4), round(7.9 / 12, 4)] for m, g in zip(month, MONTHS_GAS)]
        + [["合计" if zh else "total", gas, 18.6, 7.9]],
        ev["bills"]: [["月份" if zh else "month", "武汉总厂 (kWh)" if zh else "main plant (kWh)",
                       "蒸汽 (GJ)" if zh else "steam (GJ)"]]
        + [[m, k, s] for m, k, s in zip(month, MONTHS_KWH, MONTHS_STEAM)]
        + [["合计" if zh else "total", kwh, steam]],
        ev["refrig"]: [["日期" if zh else "date", "设备" if zh else "unit", "制冷剂" if zh else "refrigerant",
                        "补充量 (kg)" if zh else "top-up (kg)"],
                       ["2023-03-14", "办公楼多联机" if zh else "office VRF", "R-410A", 12.0],
                       ["2023-07-02", "车间空调 2#" if zh else "workshop AC #2", "R-410A", 15.5],
                       ["2023-08-21", "车间空调 5#" if zh else "workshop AC #5", "R-410A", 7.5],
                       ["合计" if zh else "total", "", "", 35.0]],
    }
    return CaseData(info=info, facilities=facilities, activities=acts, instruments=instruments,
                    equipment=equipment, documents=documents)


def as_typed(lang: str) -> CaseData:
    """The demo case as a user would type it: names in the workbook's language where the case holds
    ids (items, instrument and equipment types, methods), as the Excel export writes them."""
    from carbonmgr.report.export import _case_for_export

    return _case_for_export(build(lang), lang)


def main() -> None:
    from carbonmgr.io.workbook import write_case

    for lang in ("zh", "en"):
        write_case(as_typed(lang), HERE / f"demo_wuhan_{lang}.xlsx", lang=lang)


if __name__ == "__main__":
    main()
