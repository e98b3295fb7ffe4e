"""Builds the bundled exercise workbooks in resources/exercises/ (openpyxl).

Run ``python tools/make_exercises.py`` after changing this file; a test
(tests/training/test_exercises.py) checks that the committed workbooks hold exactly the
cell values this script writes.

Each workbook is a case workbook v1 whose ``Case``, ``Facilities``, ``Activities`` and
``Instruments`` sheets are the answer key, plus the trainer's sheets (docs/exercise-workbook.md):
``Brief`` (the story and the task in Chinese and English, and the settings), ``Documents``
(the list of source documents) and the source documents themselves as free-layout sheets,
and ``Given`` (what the trainee starts with).

The firms are fictional and so are their documents (bills, ledgers, lab reports: the
quantities and measured values a trainee must find).  Every factor the keys compute with
comes from the factor library (resources/factors); the one exception is deliberate and
labelled as such in its exercise: a supplier's own declared product footprint, which is
data of the (fictional) supplier, entered by the trainee with the supplier-specific method.
"""
from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "exercises"

MONTHS_ZH = [f"{m}月" for m in range(1, 13)]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_LABELS = [f"{z} {e}" for z, e in zip(MONTHS_ZH, MONTHS_EN)]

# Headers of the key sheets: the English column id, the Chinese name in brackets.
CASE_HEADER = ["key [键]", "value [值]"]
FACILITY_COLUMNS = [("id", "编号"), ("name", "名称"), ("region", "地区"), ("equity_share", "股权比例"),
                    ("financial_control", "财务控制"), ("operational_control", "运营控制")]
ACTIVITY_COLUMNS = [("facility", "设施"), ("source", "排放源类别"), ("item", "品种"), ("quantity", "数量"),
                    ("unit", "单位"), ("ncv", "低位发热量"), ("ncv_unit", "低位发热量单位"),
                    ("carbon_element", "元素碳含量"), ("purity", "纯度"), ("scope3_category", "范围三类别"),
                    ("ef_co2e", "排放因子"), ("ef_unit", "排放因子单位"), ("evidence", "证据"), ("note", "备注"),
                    ("ets_unit", "机组")]
INSTRUMENT_COLUMNS = [("facility", "设施"), ("type", "类型"), ("quantity", "数量"), ("ef", "排放因子")]


def r(x: float, nd: int = 2) -> float:
    """Round for a document cell (no float noise in the workbook)."""
    return round(x + 0.0, nd)


class Exercise:
    """One exercise: the key, the brief, the documents and the given data."""

    def __init__(self, name: str):
        self.name = name
        self.case: list[tuple[str, object]] = []
        self.facilities: list[list] = []
        self.activities: list[dict] = []
        self.instruments: list[list] = []
        self.brief: list[tuple[str, str, str, object]] = []
        self.documents: list[dict] = []  # sheet, title, title_en, kind, rows, widths
        self.given: list[tuple[str, str]] = []
        self.rubric: list[list] = []  # rows of the Rubric sheet (RUBRIC_HEADER)
        self.variables: list[list] = []  # rows of the Variables sheet (VARIABLES_HEADER)
        self.equipment: list[list] = []  # rows of the key's Equipment sheet (EQUIPMENT_HEADER)

    def doc(self, sheet: str, title: str, title_en: str, kind: str, rows: list[list], widths=None,
            header_rows: tuple[int, ...] = ()) -> None:
        assert len(sheet) <= 31
        self.documents.append({"sheet": sheet, "title": title, "title_en": title_en, "kind": kind, "rows": rows,
                               "widths": widths or [], "header_rows": header_rows})

    def line(self, facility, source, item, quantity, unit, **opts) -> None:
        self.activities.append({"facility": facility, "source": source, "item": item, "quantity": quantity,
                                "unit": unit, **opts})


# --------------------------------------------------------------------------------------------
# 1. Wuhan manufacturing firm under GB/T 32150
# --------------------------------------------------------------------------------------------
COAL_BURNED = [212.6, 168.3, 175.9, 148.2, 132.5, 118.7, 110.4, 112.8, 129.6, 156.3, 186.7, 210.4]  # t, belt scale
COAL_RECEIVED = [260.0, 130.5, 230.2, 160.0, 110.3, 140.8, 100.0, 150.6, 130.0, 190.4, 210.1, 200.7]  # t, weighbridge
COAL_STOCK_START = 85.6
GAS_M3 = [58200, 49800, 44100, 38600, 35200, 31900, 30400, 31100, 34800, 39500, 44900, 47800]  # m3 (standard)
DIESEL_KG = [1180, 1040, 1260, 1210, 1230, 1190, 1150, 1170, 1220, 1250, 1230, 1230]  # forklifts
DIESEL_OUTSOURCED_KG = [820, 640, 910, 880, 900, 870, 860, 850, 890, 920, 910, 880]  # contractor trucks
POWER_KWH = [900000, 620000, 980000, 1010000, 1050000, 1120000, 1190000, 1180000, 1060000, 1000000, 960000,
             930000]  # billed kWh
STEAM_GJ = [420, 380, 330, 250, 210, 180, 170, 175, 220, 290, 380, 415]
HEAT_OUT_GJ = [310, 280, 240, 120, 0, 0, 0, 0, 0, 110, 230, 290]
HEAT_METER_START = 15230.0


def wuhan() -> Exercise:
    ex = Exercise("wuhan_manufacturing")
    coal = r(sum(COAL_BURNED), 2)
    gas_m3 = sum(GAS_M3)
    diesel_t = r(sum(DIESEL_KG) / 1000, 3)
    kwh = sum(POWER_KWH)
    steam = sum(STEAM_GJ)
    heat_out = sum(HEAT_OUT_GJ)
    ex.case = [("title", "武汉楚天精密机械制造有限公司 2023 年度温室气体排放核算（练习） / "
                         "Wuhan Chutian Precision Machinery Co., Ltd. — 2023 GHG inventory (exercise)"),
               ("standard", "gbt32150"), ("gwp", "SAR"), ("reporting_year", 2023),
               ("consolidation", "operational_control"), ("sector", "general"),
               ("company", "武汉楚天精密机械制造有限公司 Wuhan Chutian Precision Machinery Co., Ltd."),
               ("industry", "通用零部件制造 (C348) General machinery parts"),
               ("address", "湖北省武汉市东西湖区 Dongxihu District, Wuhan, Hubei")]
    ex.facilities = [["F1", "武汉工厂", "湖北", 1.0, "yes", "yes"]]
    ex.line("F1", "stationary_combustion", "bituminous_coal", coal, "t", ncv=21.85, ncv_unit="GJ/t",
            evidence=[("煤炭台账", coal), ("煤质化验单", 21.85)], note="燃煤锅炉 coal boiler")
    ex.line("F1", "stationary_combustion", "natural_gas", r(gas_m3 / 10000, 4), "10^4 Nm3",
            evidence=[("天然气结算单", gas_m3)], note="涂装烘干炉、食堂 paint oven, canteen")
    ex.line("F1", "mobile_combustion", "diesel", diesel_t, "t", evidence="柴油领用记录", note="厂内叉车 forklifts")
    ex.line("F1", "purchased_electricity", "", kwh, "kWh", evidence=[("电费账单", kwh)])
    ex.line("F1", "purchased_heat", "", steam, "GJ", evidence=[("蒸汽结算单", steam)])
    ex.line("F1", "exported_heat", "", heat_out, "GJ", evidence="外供热计量",
            note="向邻厂供热水 hot water to the neighbouring firm")
    ex.line("F1", "fugitive", "R-410A", 28.6, "kg", evidence="制冷剂维保记录", note="补充加注 top-ups")
    ex.line("F1", "process", "limestone", 64.0, "t", purity=0.935, evidence=[("石灰石采购及化验", 64.0), ("石灰石采购及化验", 93.5)],
            note="废水中和 wastewater neutralisation")

    ex.brief = [
        ("title", "武汉楚天精密机械：2023 年度温室气体排放核算",
         "Wuhan Chutian Precision Machinery: the 2023 GHG inventory", None),
        ("story",
         "武汉楚天精密机械制造有限公司位于武汉市东西湖区，生产齿轮箱壳体和传动轴。厂内有一台燃煤热水锅炉（供热处理线和"
         "冬季采暖，并向相邻的物流公司供热水），涂装线烘干炉和职工食堂使用管道天然气，仓库叉车使用柴油。工厂从电网购电，"
         "从工业园区集中供热站购入蒸汽；车间空调使用 R-410A 制冷剂；污水站用石灰石中和酸性废水。外协运输车队由承运商"
         "运营，其车辆在厂内加油点加油后按月结算。",
         "Wuhan Chutian Precision Machinery Co., Ltd., in Dongxihu District, Wuhan, makes gearbox housings and "
         "drive shafts. It runs a coal-fired hot-water boiler (for the heat-treatment line and winter heating; "
         "it also supplies hot water to the neighbouring logistics firm). The paint line's drying oven and the "
         "staff canteen burn piped natural gas, and the warehouse forklifts run on diesel. The plant buys "
         "electricity from the grid and steam from the industrial park's central heating station; the workshop "
         "air conditioners use R-410A; the wastewater station neutralises acid effluent with limestone. The "
         "outsourced transport fleet is run by a carrier, whose trucks refuel at the plant's pump and are "
         "invoiced monthly.", None),
        ("task", "按 GB/T 32150《工业企业温室气体排放核算和报告通则》核算本公司 2023 年度的温室气体排放：从资料中找出"
                 "每个排放源的活动数据，录入活动数据表，每行注明数据来源（资料表和单元格）。",
         "Build the firm's 2023 GHG inventory under GB/T 32150 (General guideline of greenhouse gas emissions "
         "accounting and reporting for industrial enterprises): find each source's activity data in the documents, "
         "enter it as activity lines, and note on each line where the figure comes from (document and cell).", None),
        ("task", "核算设置：标准 GB/T 32150，行业为工业其他行业（燃料缺省值采用该行业核算指南的常用化石燃料参数表），"
                 "全球变暖潜势采用 IPCC 第二次评估报告（SAR）值，运营控制法。燃煤采用化验单给出的收到基低位发热量，"
                 "单位热值含碳量和碳氧化率采用缺省值；其他燃料采用缺省参数。电网排放因子按设施所在省份的 2023 年值取值。",
         "Settings: standard GB/T 32150, sector 'other industries' (the fuel defaults are those of that sector's "
         "accounting guideline), GWP values of the IPCC Second Assessment Report (SAR), operational control. For "
         "coal, use the as-received net calorific value from the lab report, with the default carbon content and "
         "oxidation rate; the other fuels take the default parameters. The grid factor is the 2023 value of the "
         "facility's province.", None),
        ("task", "注意：入炉量与入厂量、工况与标况、抄见电量与计费电量、补充加注与新设备充注、本公司车辆与承运商车辆。",
         "Watch for: coal burned against coal received, metered against standard gas volumes, read against billed "
         "electricity, top-ups against the first charge of new equipment, and our vehicles against the carrier's.",
         None),
        ("time_limit", "", "", 90),
        ("hand_calculation", "", "", "no"),
        ("mode", "", "", "practice"),
    ]

    # -- documents ---------------------------------------------------------------------------
    rows = [["武汉楚天精密机械制造有限公司  燃煤收发存台账（2023 年）", None, None, None, None, None],
            ["Coal ledger 2023 — receipts, consumption and stock", None, None, None, None, None],
            ["煤种：烟煤（动力煤）  Coal: bituminous   单位：吨 t", None, None, None, None, None],
            ["月份 Month", "期初库存 Opening stock", "入厂煤（过磅）Received (weighbridge)",
             "入厂煤累计 Received YTD", "入炉煤（皮带秤）Burned (belt scale)", "期末库存 Closing stock"]]
    stock = COAL_STOCK_START
    ytd = 0.0
    for label, rec, burned in zip(MONTH_LABELS, COAL_RECEIVED, COAL_BURNED):
        ytd += rec
        close = stock + rec - burned
        rows.append([label, r(stock), rec, r(ytd), burned, r(close)])
        stock = close
    rows.append(["合计 Total", None, r(sum(COAL_RECEIVED)), None, coal, None])
    rows.append(["制表：能源管理部  盘点：12 月 31 日  Prepared by the energy office; stock count on 31 Dec",
                 None, None, None, None, None])
    ex.doc("煤炭台账", "燃煤收发存台账", "Coal ledger (receipts, consumption, stock)", "fuel_ledger", rows,
           [22, 16, 22, 18, 22, 16], header_rows=(4,))

    rows = [["湖北省煤炭质量检测中心  煤质检验报告", None, None, None],
            ["Coal quality test report (CMA)   报告编号 No. HBMZ-2024-00317", None, None, None],
            ["委托单位 Client", "武汉楚天精密机械制造有限公司", None, None],
            ["样品 Sample", "入炉煤月度缩分样合成的年度样 Annual composite of monthly as-fired samples", None, None],
            ["检验依据 Methods", "GB/T 212, GB/T 213, GB/T 214, GB/T 476", None, None],
            ["项目 Item", "符号 Symbol", "结果 Result", "单位 Unit"],
            ["全水分 Total moisture", "Mt", 9.6, "%"],
            ["空气干燥基水分 Moisture (air-dried)", "Mad", 2.1, "%"],
            ["空气干燥基灰分 Ash (air-dried)", "Aad", 18.4, "%"],
            ["干燥无灰基挥发分 Volatile matter (daf)", "Vdaf", 34.2, "%"],
            ["空气干燥基高位发热量 Gross CV (air-dried)", "Qgr,ad", 25.62, "MJ/kg"],
            ["收到基低位发热量 Net CV (as received)", "Qnet,ar", 21.85, "MJ/kg"],
            ["收到基低位发热量 Net CV (as received)", "Qnet,ar", 5219, "kcal/kg"],
            ["空气干燥基全硫 Total sulphur (air-dried)", "St,ad", 0.78, "%"],
            ["空气干燥基氢 Hydrogen (air-dried)", "Had", 3.6, "%"],
            ["结论：烟煤  Classification: bituminous coal", None, None, None]]
    ex.doc("煤质化验单", "煤质检验报告", "Coal quality test report", "lab_report", rows, [40, 44, 12, 10],
           header_rows=(6,))

    rows = [["武汉市天然气有限公司  非居民用户天然气结算单（2023 年）", None, None, None, None, None],
            ["Wuhan gas company — non-residential gas statements 2023", None, None, None, None, None],
            ["用户编号 Account 0271-08-33516   计量：涡轮流量计 + 体积修正仪 Turbine meter with volume corrector",
             None, None, None, None, None],
            ["月份 Month", "工况累计 Metered volume (m3, line conditions)", "平均压力 Avg pressure (kPa, gauge)",
             "平均温度 Avg temp (°C)", "标况结算气量 Billed volume (Nm3)", "金额 Amount (元 CNY)"]]
    for m, (label, m3) in enumerate(zip(MONTH_LABELS, GAS_M3)):
        rows.append([label, int(round(m3 / 3.02)), 200, 12 if m in (0, 1, 2, 10, 11) else 22, m3, r(m3 * 3.85)])
    rows.append(["合计 Total", None, None, None, gas_m3, r(gas_m3 * 3.85)])
    rows.append(["单价 3.85 元/Nm3（含税） Price 3.85 CNY/Nm3 incl. VAT", None, None, None, None, None])
    ex.doc("天然气结算单", "天然气结算单", "Natural gas statements", "invoices", rows, [14, 26, 22, 18, 24, 18],
           header_rows=(4,))

    rows = [["油料领用登记表（0# 柴油）  Diesel issue log (0# diesel)", None, None, None],
            ["单位：千克 kg（称重发放） Issued by weight, kg", None, None, None],
            ["月份 Month", "领用部门 Issued to", "用途 Use", "数量 Quantity (kg)"]]
    for label, kg, kg_out in zip(MONTH_LABELS, DIESEL_KG, DIESEL_OUTSOURCED_KG):
        rows.append([label, "仓储部 Warehouse", "叉车 Forklifts", kg])
        rows.append([label, "承运商 顺达物流 Carrier Shunda Logistics", "外协运输车辆（按月结算）Carrier's trucks "
                     "(invoiced monthly)", kg_out])
    rows.append(["合计 Total", None, None, sum(DIESEL_KG) + sum(DIESEL_OUTSOURCED_KG)])
    ex.doc("柴油领用记录", "油料领用登记表", "Diesel issue log", "fuel_ledger", rows, [14, 36, 40, 18],
           header_rows=(3,))

    rows = [["国网湖北省电力有限公司武汉供电公司  电费账单汇总（2023 年）", None, None, None, None, None, None, None],
            ["State Grid Wuhan — monthly electricity bills 2023", None, None, None, None, None, None, None],
            ["户号 Account 4200358812766   电压等级 交流10kV   用电类别 大工业用电   倍率 Multiplier 6000",
             None, None, None, None, None, None, None],
            ["月份 Month", "上期示数 Previous reading", "本期示数 Current reading", "倍率 Multiplier",
             "抄见电量 Metered (kWh)", "变损 Transformer loss (kWh)", "计费电量 Billed (kWh)", "电费 Amount (元)"]]
    reading = 41236.5
    for label, kwh_m in zip(MONTH_LABELS, POWER_KWH):
        loss = int(round(kwh_m * 0.004))
        metered = kwh_m - loss
        nxt = r(reading + metered / 6000, 2)
        rows.append([label, r(reading, 2), nxt, 6000, metered, loss, kwh_m, r(kwh_m * 0.7712)])
        reading = nxt
    rows.append(["合计 Total", None, None, None, sum(k - int(round(k * 0.004)) for k in POWER_KWH),
                 sum(int(round(k * 0.004)) for k in POWER_KWH), kwh, r(kwh * 0.7712)])
    ex.doc("电费账单", "电费账单汇总", "Electricity bills", "power_bill", rows, [14, 20, 20, 14, 20, 22, 20, 18],
           header_rows=(4,))

    rows = [["东西湖工业园集中供热站  蒸汽结算单（2023 年）", None, None, None, None],
            ["Industrial park heating station — steam statements 2023", None, None, None, None],
            ["计量点：楚天精密 1# 进汽 Metering point: steam inlet no. 1", None, None, None, None],
            ["月份 Month", "蒸汽量 Steam (t)", "平均压力 Pressure (MPa, gauge)", "平均温度 Temp (°C)",
             "折算热量 Heat (GJ)"]]
    for label, gj in zip(MONTH_LABELS, STEAM_GJ):
        rows.append([label, r(gj / 2.743, 1), 0.8, 185, gj])
    rows.append(["合计 Total", r(sum(r(g / 2.743, 1) for g in STEAM_GJ), 1), None, None, steam])
    ex.doc("蒸汽结算单", "蒸汽结算单", "Steam statements", "heat_meter", rows, [14, 16, 24, 18, 18],
           header_rows=(4,))

    rows = [["外供热水热量表抄表记录（供邻厂 汉江物流）", None, None, None],
            ["Heat meter readings — hot water supplied to Hanjiang Logistics", None, None, None],
            ["日期 Date", "流量累计 Flow total (t)", "热量累计 Heat total (GJ)", "抄表人 Read by"]]
    heat = HEAT_METER_START
    flow = 48210.0
    rows.append(["2023-01-01", flow, heat, "王工 Wang"])
    for m, gj in enumerate(HEAT_OUT_GJ, start=1):
        heat += gj
        flow += gj * 4.1
        rows.append([f"2023-{m:02d}-{'31' if m in (1, 3, 5, 7, 8, 10, 12) else ('28' if m == 2 else '30')}",
                     r(flow, 1), r(heat, 1), "王工 Wang"])
    rows.append(["热量表：DN100 超声波热量表，年检合格 Ultrasonic heat meter DN100, calibrated", None, None, None])
    ex.doc("外供热计量", "外供热水热量表抄表记录", "Heat meter readings (heat supplied)", "heat_meter", rows,
           [16, 22, 22, 16], header_rows=(3,))

    rows = [["空调制冷设备维保记录（2023 年）  Air-conditioning maintenance log 2023", None, None, None, None, None],
            ["日期 Date", "设备 Unit", "制冷剂 Refrigerant", "作业类型 Work", "数量 Amount (kg)", "工单号 Job no."],
            ["2023-03-08", "1# 车间空调 Workshop AC 1", "R-410A", "补充加注 Top-up", 6.5, "WB-23-031"],
            ["2023-05-17", "办公楼多联机 Office VRF", "R-410A", "维修前回收 Recovered before repair", 4.0, "WB-23-052"],
            ["2023-05-18", "办公楼多联机 Office VRF", "R-410A", "回收气体回充 Recovered gas put back", 4.0,
             "WB-23-052"],
            ["2023-07-11", "2# 车间空调 Workshop AC 2", "R-410A", "补充加注 Top-up", 9.8, "WB-23-077"],
            ["2023-08-02", "办公楼多联机 Office VRF", "R-410A", "补充加注 Top-up", 7.2, "WB-23-085"],
            ["2023-09-20", "3# 车间空调（新装）Workshop AC 3 (new)", "R-410A", "新设备初始充注 First charge of new unit",
             18.0, "AZ-23-009"],
            ["2023-11-06", "1# 车间空调 Workshop AC 1", "R-410A", "补充加注 Top-up", 5.1, "WB-23-118"],
            ["维保单位：武汉冰峰制冷工程有限公司 Contractor: Wuhan Bingfeng Refrigeration", None, None, None, None,
             None]]
    ex.doc("制冷剂维保记录", "空调制冷设备维保记录", "Refrigerant maintenance log", "refrigerant_log", rows,
           [14, 34, 14, 40, 16, 14], header_rows=(2,))

    rows = [["石灰石采购及化验记录  Limestone purchases and lab analysis", None, None, None, None],
            ["用途：污水站酸性废水中和 Use: neutralising acid wastewater", None, None, None, None],
            ["日期 Date", "数量 Quantity (t)", "供应商 Supplier", "发票号 Invoice", None],
            ["2023-04-12", 32.0, "黄石华宇矿业 Huangshi Huayu Mining", "42001923", None],
            ["2023-10-09", 32.0, "黄石华宇矿业 Huangshi Huayu Mining", "42005518", None],
            ["合计 Total", 64.0, None, None, None],
            [None, None, None, None, None],
            ["化验单 Lab analysis (sample 2023-04-12)", None, None, None, None],
            ["项目 Item", "氧化钙 CaO (%)", "氧化镁 MgO (%)", "水分 Moisture (%)", "碳酸钙含量 CaCO3 (%)"],
            ["结果 Result", 52.4, 1.1, 0.8, None],
            [None, None, None, None, None],
            ["折算 Derived", None, None, None, 93.5],
            ["注：碳酸钙含量按 CaO 测定值折算 Note: CaCO3 content derived from the CaO result", None, None, None,
             None]]
    ex.doc("石灰石采购及化验", "石灰石采购及化验记录", "Limestone purchases and lab analysis", "lab_report", rows,
           [24, 18, 34, 18, 22], header_rows=(3, 9))
    ex.given = [("Facilities", "all")]
    return ex


# --------------------------------------------------------------------------------------------
# 2. Cement plant: clinker and carbonate process emissions
# --------------------------------------------------------------------------------------------
CLINKER_T = [98500, 42300, 151200, 148800, 153600, 146900, 139700, 141200, 149300, 152800, 147600, 140800]
CARBIDE_SLAG_T = [2900, 1200, 4300, 4400, 4500, 4300, 4200, 4300, 4400, 4500, 4400, 5200]
KILN_HEAD_COAL = [3940.2, 1702.5, 6055.8, 5961.0, 6150.3, 5884.1, 5593.7, 5652.0, 5979.4, 6121.9, 5912.6, 5638.5]
CALCINER_COAL = [8090.4, 3488.7, 12431.6, 12236.9, 12624.0, 12077.3, 11480.8, 11606.2, 12272.5, 12562.1,
                 12133.0, 11576.5]
COAL_NCV = [22.31, 22.05, 22.62, 22.48, 22.71, 22.55, 22.40, 22.36, 22.59, 22.66, 22.52, 22.44]  # GJ/t as fired
QUARRY_DIESEL_T = [24.8, 12.1, 37.9, 36.6, 38.2, 36.0, 34.1, 34.8, 36.9, 37.7, 36.4, 39.1]
POWER_TOTAL_MWH = [9420.5, 4310.2, 14510.8, 14322.6, 14790.1, 14150.3, 13540.6, 13640.9, 14380.2, 14690.4,
                   14210.7, 13600.9]
WHR_MWH = [2580.3, 1105.6, 4012.4, 3950.1, 4085.7, 3901.2, 3722.5, 3760.8, 3971.3, 4060.5, 3925.4, 3741.2]


def cement() -> Exercise:
    ex = Exercise("cement_plant")
    clinker = sum(CLINKER_T)
    slag = sum(CARBIDE_SLAG_T)
    coal_by_month = [r(a + b, 1) for a, b in zip(KILN_HEAD_COAL, CALCINER_COAL)]
    coal = r(sum(coal_by_month), 1)
    ncv = r(sum(c * n for c, n in zip(coal_by_month, COAL_NCV)) / coal, 2)
    diesel = r(sum(QUARRY_DIESEL_T), 1)
    bought = [r(t - w, 1) for t, w in zip(POWER_TOTAL_MWH, WHR_MWH)]
    bought_total = r(sum(bought), 1)
    ex.case = [("title", "荆门鑫源水泥有限公司 2023 年度温室气体排放核算（练习） / "
                         "Jingmen Xinyuan Cement Co., Ltd. — 2023 GHG inventory (exercise)"),
               ("standard", "gbt32150"), ("gwp", "SAR"), ("reporting_year", 2023),
               ("consolidation", "operational_control"),
               ("sector", "cement"),
               ("company", "荆门鑫源水泥有限公司 Jingmen Xinyuan Cement Co., Ltd."),
               ("industry", "水泥制造 (C3011) Cement manufacturing"),
               ("address", "湖北省荆门市东宝区 Dongbao District, Jingmen, Hubei")]
    ex.facilities = [["F1", "5000 t/d 熟料生产线", "湖北", 1.0, "yes", "yes"]]
    ex.line("F1", "process", "clinker_portland", clinker, "t", evidence=[("生产月报", clinker)], note="熟料 clinker")
    ex.line("F1", "process", "carbide_slag", slag, "t", evidence=[("生产月报", slag)],
            note="非碳酸盐替代原料（扣减） non-carbonate raw material (deducted)")
    ex.line("F1", "stationary_combustion", "bituminous_coal", coal, "t", ncv=ncv, ncv_unit="GJ/t",
            evidence=[("入窑煤计量", coal), ("煤质月报", ncv)], note="窑头+分解炉 kiln burner and calciner")
    ex.line("F1", "mobile_combustion", "diesel", diesel, "t", evidence=[("矿山油耗", diesel)], note="矿山自有车辆 quarry fleet")
    ex.line("F1", "purchased_electricity", "", bought_total, "MWh", evidence=[("电量平衡表", bought_total)])
    ex.brief = [
        ("title", "鑫源水泥：熟料生产线 2023 年度排放核算", "Xinyuan Cement: the 2023 emissions of a clinker line", None),
        ("story",
         "荆门鑫源水泥有限公司有一条 5000 t/d 新型干法熟料生产线，配套纯低温余热发电站和自有石灰石矿山。生料中以部分"
         "电石渣替代石灰石。窑头和分解炉燃用烟煤；矿山的挖掘机、装载机和矿车使用柴油；生产用电一部分来自余热电站，"
         "其余从电网购入。2023 年 1—2 月按要求错峰停窑。",
         "Jingmen Xinyuan Cement Co., Ltd. runs one 5,000 t/d dry-process clinker line with a waste-heat power "
         "station and its own limestone quarry. Part of the limestone in the raw meal is replaced by calcium "
         "carbide slag. The kiln burner and the calciner burn bituminous coal; the quarry's excavators, loaders "
         "and haul trucks run on diesel; part of the plant's power comes from the waste-heat station, the rest is "
         "bought from the grid. The kiln was stopped for part of January and February (staggered winter "
         "production).", None),
        ("task", "按 GB/T 32150 和水泥行业核算方法核算 2023 年度排放：熟料过程排放按熟料产量乘以熟料排放因子，并扣减"
                 "非碳酸盐替代原料（电石渣）；燃煤采用化验的入窑煤收到基低位发热量（年度加权值），其余参数取缺省值。",
         "Compute the 2023 emissions under GB/T 32150 and the cement-sector method: clinker process emissions are "
         "clinker output times the clinker factor, less the deduction for non-carbonate raw materials (carbide "
         "slag); for coal use the lab's as-fired net calorific value (the year's weighted value), the other "
         "parameters take their defaults.", None),
        ("task", "核算设置：标准 GB/T 32150，行业为水泥熟料生产，全球变暖潜势采用 IPCC 第二次评估报告（SAR）值，"
                 "运营控制法；电网排放因子按设施所在省份的 2023 年值取值。",
         "Settings: standard GB/T 32150, sector cement clinker production, GWP values of the IPCC Second "
         "Assessment Report (SAR), operational control; the grid factor is the 2023 value of the facility's "
         "province.", None),
        ("task", "注意：熟料与水泥产量、入窑煤与入厂煤、总用电量与外购电量（余热发电自发自用，不是外购电）。",
         "Watch for: clinker against cement output, coal fed to the kiln against coal received, and total power "
         "use against purchased power (waste-heat power is generated and used on site, it is not purchased).",
         None),
        ("time_limit", "", "", 60),
        ("hand_calculation", "", "", "no"),
        ("mode", "", "", "practice"),
    ]
    rows = [["荆门鑫源水泥有限公司  生产月报汇总（2023 年）", None, None, None, None, None],
            ["Production report 2023 (t)", None, None, None, None, None],
            ["数据来源：DCS 及中控室生产日报 Source: DCS and daily control-room reports", None, None, None, None, None],
            ["月份 Month", "熟料产量 Clinker (t)", "水泥产量 Cement (t)", "入窑生料 Raw meal to kiln (t)",
             "电石渣消耗 Carbide slag (t)", "窑运转时间 Kiln hours (h)"]]
    for label, ck, sl in zip(MONTH_LABELS, CLINKER_T, CARBIDE_SLAG_T):
        rows.append([label, ck, int(round(ck / 0.76, -2)), int(round(ck * 1.55, -2)), sl,
                     int(round(ck / 150000 * 720))])
    rows.append(["合计 Total", clinker, sum(int(round(c / 0.76, -2)) for c in CLINKER_T),
                 sum(int(round(c * 1.55, -2)) for c in CLINKER_T), slag,
                 sum(int(round(c / 150000 * 720)) for c in CLINKER_T)])
    ex.doc("生产月报", "生产月报汇总", "Monthly production report", "production_records", rows,
           [14, 18, 18, 24, 24, 22], header_rows=(4,))

    rows = [["入窑煤粉计量（转子秤累计）  Coal fed to the kiln (rotor-scale totals)", None, None, None, None],
            ["单位：吨 t   转子秤年度校准合格 Scales calibrated", None, None, None, None],
            ["入厂原煤见采购台账（本表不含）Coal received: see the purchase ledger (not in this table)", None, None,
             None, None],
            ["月份 Month", "窑头 Kiln burner (t)", "分解炉 Calciner (t)", "入窑合计 Total fed (t)",
             "入厂原煤 Coal received (t)"]]
    for label, a, b, c in zip(MONTH_LABELS, KILN_HEAD_COAL, CALCINER_COAL, coal_by_month):
        rows.append([label, a, b, c, r(c * 1.08, 1)])
    rows.append(["合计 Total", r(sum(KILN_HEAD_COAL), 1), r(sum(CALCINER_COAL), 1), coal,
                 r(sum(r(c * 1.08, 1) for c in coal_by_month), 1)])
    ex.doc("入窑煤计量", "入窑煤粉计量", "Coal fed to the kiln", "fuel_ledger", rows, [14, 20, 20, 22, 26],
           header_rows=(4,))

    rows = [["化验室  入窑煤质月报（收到基）  Monthly coal quality, as fired", None, None, None],
            ["检验依据 GB/T 213；每日取样，月度缩分 Daily samples, monthly composite", None, None, None],
            ["月份 Month", "入窑煤量 Coal fed (t)", "收到基低位发热量 Qnet,ar (GJ/t)", "Qnet,ar (kcal/kg)"]]
    for label, c, n in zip(MONTH_LABELS, coal_by_month, COAL_NCV):
        rows.append([label, c, n, int(round(n / 4.1868e-3))])
    rows.append(["加权平均 Weighted", coal, ncv, int(round(ncv / 4.1868e-3))])
    ex.doc("煤质月报", "入窑煤质月报", "Monthly coal quality report", "lab_report", rows, [20, 20, 30, 18],
           header_rows=(3,))

    rows = [["矿山车辆柴油消耗  Quarry fleet diesel", None, None],
            ["挖掘机 4 台、装载机 3 台、矿车 8 辆 4 excavators, 3 loaders, 8 haul trucks", None, None],
            ["单位：吨 t（油库发油单）", None, None],
            ["月份 Month", "发油单数 Issue slips", "柴油 Diesel (t)"]]
    for m, (label, t) in enumerate(zip(MONTH_LABELS, QUARRY_DIESEL_T)):
        rows.append([label, 20 + m % 5, t])
    rows.append(["合计 Total", None, diesel])
    ex.doc("矿山油耗", "矿山车辆柴油消耗", "Quarry fleet diesel", "fuel_ledger", rows, [14, 20, 16],
           header_rows=(4,))

    rows = [["电量平衡表（2023 年）  Electricity balance 2023", None, None, None],
            ["单位：MWh   外购电量据国网荆门供电公司电费账单 Purchased power from the grid company's bills", None, None,
             None],
            ["余热电站自发自用，不上网 The waste-heat station's output is used on site only", None, None, None],
            ["月份 Month", "全厂用电量 Total use (MWh)", "余热发电量 Waste-heat generation (MWh)",
             "外购电量 Purchased (MWh)"]]
    for label, t, w, b in zip(MONTH_LABELS, POWER_TOTAL_MWH, WHR_MWH, bought):
        rows.append([label, t, w, b])
    rows.append(["合计 Total", r(sum(POWER_TOTAL_MWH), 1), r(sum(WHR_MWH), 1), bought_total])
    ex.doc("电量平衡表", "电量平衡表", "Electricity balance", "power_bill", rows, [14, 24, 34, 24],
           header_rows=(4,))
    ex.given = [("Facilities", "all")]
    return ex


# --------------------------------------------------------------------------------------------
# 3. Coal-fired power plant in the national ETS
# --------------------------------------------------------------------------------------------
ASFIRED_T = [262140.5, 228310.2, 240560.8, 205430.6, 214870.3, 246980.1, 281350.7, 285640.2, 238120.4,
             212760.9, 232410.3, 259870.1]
RECEIVED_T = [270500.0, 215200.0, 251300.0, 198800.0, 220400.0, 255600.0, 290100.0, 276900.0, 230500.0,
              218700.0, 240300.0, 262000.0]
C_AR = [53.62, 53.95, 54.21, 54.48, 54.10, 53.76, 53.41, 53.28, 53.90, 54.32, 54.05, 53.71]  # % as received
NCV_AR = [21.12, 21.30, 21.44, 21.61, 21.38, 21.20, 20.98, 20.91, 21.27, 21.52, 21.36, 21.15]  # GJ/t
MT = [12.4, 11.8, 11.2, 10.6, 11.0, 12.1, 13.2, 13.6, 11.9, 10.8, 11.3, 12.0]
MAD = [2.3, 2.1, 2.0, 1.9, 2.0, 2.2, 2.6, 2.7, 2.1, 1.9, 2.0, 2.2]
GEN_MWH = [547820, 479150, 506330, 432910, 452780, 520340, 593210, 602470, 501660, 447390, 489120, 546930]
IGNITION_DIESEL_T = [48.6, 61.2, 22.4, 55.3, 18.9, 24.7, 12.3, 10.8, 36.2, 71.5, 27.6, 31.4]
GRID_IMPORT_MWH = [180.2, 412.6, 95.3, 386.4, 120.7, 88.1, 45.6, 40.2, 210.8, 502.3, 130.4, 98.5]


def power() -> Exercise:
    ex = Exercise("coal_power_plant")
    coal = r(sum(ASFIRED_T), 1)
    c_w = sum(t * c for t, c in zip(ASFIRED_T, C_AR)) / coal  # %
    c_ar = r(c_w / 100, 4)
    ncv = r(sum(t * n for t, n in zip(ASFIRED_T, NCV_AR)) / coal, 3)
    diesel = r(sum(IGNITION_DIESEL_T), 1)
    grid = r(sum(GRID_IMPORT_MWH), 1)
    ex.case = [("title", "芜湖江东发电有限公司 2023 年度温室气体排放报告（练习） / "
                         "Wuhu Jiangdong Power Generation Co., Ltd. — 2023 emissions report (exercise)"),
               ("standard", "gbt32150"), ("gwp", "SAR"), ("reporting_year", 2023),
               ("consolidation", "operational_control"), ("sector", "power"), ("grid_factor_set", "cn_grid_mee_ets"),
               ("company", "芜湖江东发电有限公司 Wuhu Jiangdong Power Generation Co., Ltd."),
               ("industry", "火力发电 (D4411) Thermal power generation"),
               ("address", "安徽省芜湖市繁昌区 Fanchang District, Wuhu, Anhui")]
    ex.facilities = [["F1", "2×660 MW 燃煤机组", "安徽", 1.0, "yes", "yes"]]
    ex.line("F1", "stationary_combustion", "bituminous_coal", coal, "t", carbon_element=c_ar, ncv=ncv,
            ncv_unit="GJ/t", evidence=[("入炉煤台账", coal), ("煤质化验汇总", r(c_w, 2))], note="入炉煤 as-fired coal")
    ex.line("F1", "stationary_combustion", "diesel", diesel, "t", evidence=[("燃油台账", diesel)],
            note="点火及助燃用油 ignition and support oil")
    ex.line("F1", "purchased_electricity", "grid_cn", grid, "MWh", evidence=[("购网电量结算单", grid)],
            note="机组停运期间下网电量 grid power while the units were down")
    ex.brief = [
        ("title", "江东发电：全国碳市场燃煤电厂 2023 年度排放报告",
         "Jiangdong Power: a coal plant's 2023 emissions report in the national ETS", None),
        ("story",
         "芜湖江东发电有限公司有两台 660 MW 超超临界燃煤机组，是全国碳排放权交易市场的重点排放单位。燃煤经铁路和"
         "水运进厂，入炉煤由皮带秤计量；化验室每日采样、每月缩分，委托有 CMA 资质的实验室检测元素碳含量。机组启动"
         "和低负荷稳燃时使用 0# 柴油。两台机组同时停运期间，厂用电从电网下网。",
         "Wuhu Jiangdong Power Generation Co., Ltd. runs two 660 MW ultra-supercritical coal units and is a key "
         "emitting entity of the national carbon emissions trading market. Coal arrives by rail and barge; "
         "as-fired coal is weighed by belt scales; the lab samples daily, makes a monthly composite, and has its "
         "element carbon measured by a CMA-accredited laboratory. The units burn 0# diesel at start-up and to "
         "support the flame at low load. While both units are down, station power is drawn from the grid.", None),
        ("task", "按《企业温室气体排放核算与报告指南 发电设施》编制 2023 年度排放报告的排放数据：燃煤按入炉煤量和实测"
                 "收到基元素碳含量（按入炉煤量加权的年度值）计算，燃煤碳氧化率取 99%；燃油取缺省参数；购入电力按"
                 "生态环境部关于 2023—2025 年发电行业报告工作的通知规定的全国电网排放因子计算。",
         "Prepare the emissions data of the 2023 report under the Guidelines for enterprise GHG emissions "
         "accounting and reporting — power generation facilities: coal from the as-fired quantity and the "
         "measured as-received element carbon (the year's value weighted by the coal burned), coal oxidation rate "
         "99 %; fuel oil takes the default parameters; purchased electricity at the national grid factor that the "
         "MEE notice on 2023–2025 power-sector reporting prescribes.", None),
        ("task", "核算设置：标准 GB/T 32150，行业为发电设施（按上述指南），全球变暖潜势采用 IPCC 第二次评估报告（SAR）"
                 "值，运营控制法。",
         "Settings: standard GB/T 32150, sector power generation (the guideline above), GWP values of the IPCC "
         "Second Assessment Report (SAR), operational control.", None),
        ("task", "注意：入炉煤与入厂煤、收到基与空气干燥基、发电量与上网电量（生产数据，不是排放源）。",
         "Watch for: coal burned against coal received, the as-received against the air-dried basis, and "
         "generation against power sent out (production data, not a source of emissions).", None),
        ("time_limit", "", "", 60),
        ("hand_calculation", "", "", "no"),
        ("mode", "", "", "practice"),
    ]
    rows = [["燃料部  入炉煤/入厂煤月度台账（2023 年）", None, None, None],
            ["Coal burned and received, monthly (t)", None, None, None],
            ["入炉煤：1A/1B 皮带秤；入厂煤：轨道衡及水运交接 Burned: belt scales; received: track scale, barge "
             "hand-over", None, None, None],
            ["月份 Month", "入炉煤 Coal burned (t)", "入厂煤 Coal received (t)", "月末库存 Month-end stock (t)"]]
    stock = 186400.0
    for label, b, rcv in zip(MONTH_LABELS, ASFIRED_T, RECEIVED_T):
        stock = stock + rcv - b
        rows.append([label, b, rcv, r(stock, 1)])
    rows.append(["合计 Total", coal, r(sum(RECEIVED_T), 1), None])
    ex.doc("入炉煤台账", "入炉煤/入厂煤月度台账", "Coal burned and received", "fuel_ledger", rows,
           [14, 22, 24, 24], header_rows=(4,))

    rows = [["入炉煤元素碳含量及发热量检测汇总（委托检测，CMA）", None, None, None, None, None, None],
            ["Element carbon and calorific value of as-fired coal — monthly composite samples (CMA lab)", None, None,
             None, None, None, None],
            ["检测依据 GB/T 476, GB/T 213, GB/T 211；收到基 = 空干基 × (100 − Mt)/(100 − Mad)", None, None, None,
             None, None, None],
            ["月份 Month", "空干基碳 Cad (%)", "空干基水分 Mad (%)", "全水分 Mt (%)", "入炉煤量 Coal (t)",
             "收到基低位发热量 Qnet,ar (GJ/t)", "收到基元素碳 Car (%)"]]
    for label, c, m_ad, mt, t, n in zip(MONTH_LABELS, C_AR, MAD, MT, ASFIRED_T, NCV_AR):
        cad = r(c * (100 - m_ad) / (100 - mt), 2)
        rows.append([label, cad, m_ad, mt, t, n, c])
    rows.append(["加权平均 Weighted by coal burned", None, None, None, coal, ncv, r(c_w, 2)])
    ex.doc("煤质化验汇总", "入炉煤元素碳含量及发热量检测汇总", "Coal element carbon and NCV, monthly",
           "lab_report", rows, [30, 16, 18, 14, 18, 28, 22], header_rows=(4,))

    rows = [["燃油台账（0# 柴油）  Fuel oil ledger (0# diesel)", None, None],
            ["用途：锅炉点火、低负荷稳燃 Use: boiler ignition and flame support", None, None],
            ["单位：吨 t", None, None],
            ["月份 Month", "机组启停次数 Unit starts", "消耗量 Used (t)"]]
    for m, (label, t) in enumerate(zip(MONTH_LABELS, IGNITION_DIESEL_T)):
        rows.append([label, [1, 2, 0, 2, 0, 1, 0, 0, 1, 3, 1, 1][m], t])
    rows.append(["合计 Total", 12, diesel])
    ex.doc("燃油台账", "燃油台账", "Fuel oil ledger", "fuel_ledger", rows, [14, 22, 18], header_rows=(4,))

    rows = [["国网安徽省电力有限公司  电量结算单汇总（2023 年）", None, None, None],
            ["Grid settlement statements 2023 (MWh)", None, None, None],
            ["关口表：220 kV 出线 Metering at the 220 kV export/import point", None, None, None],
            ["月份 Month", "上网电量 Sent out (MWh)", "下网电量 Drawn from grid (MWh)", "发电量 Generation (MWh)"]]
    for label, g, imp in zip(MONTH_LABELS, GEN_MWH, GRID_IMPORT_MWH):
        rows.append([label, int(round(g * 0.953)), imp, g])
    rows.append(["合计 Total", sum(int(round(g * 0.953)) for g in GEN_MWH), grid, sum(GEN_MWH)])
    ex.doc("购网电量结算单", "电量结算单汇总", "Grid settlement statements", "power_bill", rows, [14, 24, 30, 24],
           header_rows=(4,))
    ex.given = [("Facilities", "all")]
    return ex


# --------------------------------------------------------------------------------------------
# 4. Office-based services firm under the GHG Protocol
# --------------------------------------------------------------------------------------------
OFFICE_KWH = [34100, 30200, 29800, 28900, 31200, 36800, 40600, 41300, 33800, 29500, 28400, 33800]
COMMON_KWH = [8200, 7600, 7400, 7300, 7900, 9100, 9900, 10100, 8400, 7400, 7200, 8300]
# flights: (date, traveller, route, class, km one way as printed by the agency, round trip?)
FLIGHTS = [
    ("2023-02-13", "陈静 Chen Jing", "上海虹桥 SHA — 北京首都 PEK", "经济舱 Economy", 1178, True),
    ("2023-03-06", "刘洋 Liu Yang", "上海浦东 PVG — 法兰克福 FRA", "经济舱 Economy", 8890, True),
    ("2023-03-06", "周敏 Zhou Min", "上海浦东 PVG — 法兰克福 FRA", "经济舱 Economy", 8890, True),
    ("2023-04-18", "陈静 Chen Jing", "上海虹桥 SHA — 深圳宝安 SZX", "经济舱 Economy", 1215, True),
    ("2023-05-09", "王磊 Wang Lei", "上海虹桥 SHA — 武汉天河 WUH", "经济舱 Economy", 690, True),
    ("2023-06-21", "刘洋 Liu Yang", "上海浦东 PVG — 新加坡 SIN", "经济舱 Economy", 3800, True),
    ("2023-07-04", "王磊 Wang Lei", "上海虹桥 SHA — 合肥新桥 HFE", "经济舱 Economy", 400, True),
    ("2023-09-12", "周敏 Zhou Min", "上海虹桥 SHA — 北京首都 PEK", "经济舱 Economy", 1178, True),
    ("2023-10-24", "陈静 Chen Jing", "上海虹桥 SHA — 成都天府 TFU", "经济舱 Economy", 1700, False),
    ("2023-11-15", "王磊 Wang Lei", "上海虹桥 SHA — 合肥新桥 HFE", "经济舱 Economy", 400, True),
]
MILE_KM = 1.609344
# commuting survey: (staff no., one-way km, mode, days per week, people in the car)
COMMUTE = [
    ("S01", 18.0, "car", 4, 1), ("S02", 12.5, "bus", 5, 1), ("S03", 22.0, "car", 3, 1),
    ("S04", 6.0, "bike", 5, 1), ("S05", 15.0, "bus", 5, 1), ("S06", 26.0, "car", 4, 2),
    ("S07", 26.0, "car", 4, 2), ("S08", 9.5, "bus", 4, 1), ("S09", 2.0, "walk", 5, 1),
    ("S10", 30.0, "bus", 3, 1), ("S11", 14.0, "car", 5, 1), ("S12", 11.0, "bus", 5, 1),
]
COMMUTE_WEEKS = 46
MODE_LABEL = {"car": "私家车（汽油）Car (petrol)", "bus": "公交/班车 Bus or shuttle", "bike": "自行车 Bicycle",
              "walk": "步行 Walk"}


def office() -> Exercise:
    ex = Exercise("office_services")
    kwh = sum(OFFICE_KWH)
    haul = {"short": 0.0, "medium": 0.0, "long": 0.0}
    for *_, km, rt in FLIGHTS:
        miles = km / MILE_KM
        cls = "short" if miles < 300 else ("medium" if miles < 2300 else "long")
        haul[cls] += km * (2 if rt else 1)
    car_vkm = sum(km * 2 * d * COMMUTE_WEEKS / n for _, km, mode, d, n in COMMUTE if mode == "car")
    bus_pkm = sum(km * 2 * d * COMMUTE_WEEKS for _, km, mode, d, _n in COMMUTE if mode == "bus")
    ex.case = [("title", "上海澄衡管理咨询有限公司 2023 年度温室气体盘查（练习） / "
                         "Shanghai Chengheng Management Consulting Co., Ltd. — 2023 GHG inventory (exercise)"),
               ("standard", "ghgp"), ("gwp", "AR5"), ("reporting_year", 2023),
               ("consolidation", "operational_control"),
               ("company", "上海澄衡管理咨询有限公司 Shanghai Chengheng Management Consulting Co., Ltd."),
               ("industry", "商务咨询服务 (L7243) Management consulting"),
               ("address", "上海市静安区 Jing'an District, Shanghai")]
    ex.facilities = [["F1", "上海办公室（租赁 18—19 层）", "上海", 1.0, "yes",
                      "yes"]]
    ex.line("F1", "fugitive", "R-410A", 5.2, "kg", evidence="空调维保单", note="自有分体空调补充加注 own split ACs")
    ex.line("F1", "purchased_electricity", "", kwh, "kWh", evidence=[("物业电费分摊单", kwh)],
            note="租户分表电量 tenant sub-meters")
    ex.line("F1", "scope3", "travel_air_short_haul", haul["short"], "passenger-km", scope3_category=6,
            evidence="差旅行程单")
    ex.line("F1", "scope3", "travel_air_medium_haul", haul["medium"], "passenger-km", scope3_category=6,
            evidence="差旅行程单")
    ex.line("F1", "scope3", "travel_air_long_haul", haul["long"], "passenger-km", scope3_category=6,
            evidence="差旅行程单")
    ex.line("F1", "scope3", "travel_passenger_car", r(car_vkm, 1), "vehicle-km", scope3_category=7,
            evidence="通勤调查", note="按同车人数分摊 shared by car occupants")
    ex.line("F1", "scope3", "travel_bus", r(bus_pkm, 1), "passenger-km", scope3_category=7, evidence="通勤调查")
    ex.line("F1", "scope3", "笔记本电脑 laptop", 32, "unit", scope3_category=1, ef_co2e=0.28, ef_unit="t/unit",
            evidence=[("采购明细", 32), ("供应商碳足迹声明", 280)], note="供应商特定方法 supplier-specific method")
    ex.instruments = [["F1", "GEC", 150.0, 0.0]]
    ex.brief = [
        ("title", "澄衡咨询：办公型服务企业的 2023 年度温室气体盘查",
         "Chengheng Consulting: the 2023 GHG inventory of an office-based firm", None),
        ("story",
         "上海澄衡管理咨询有限公司有 12 名员工，租用静安区一栋写字楼的 18—19 层。办公区用电经物业分表计量，物业按月"
         "出具分摊单；大楼中央空调和公共区域由业主运营。公司自购了几台分体空调。2023 年公司购买了绿色电力证书，并为"
         "新员工采购了笔记本电脑；供应商提供了经第三方核查的产品碳足迹声明。",
         "Shanghai Chengheng Management Consulting Co., Ltd. has 12 staff and leases floors 18–19 of an office "
         "tower in Jing'an District. The office's electricity is sub-metered by the building manager, who issues a "
         "monthly apportionment statement; the central air conditioning and the common areas are run by the "
         "landlord. The firm owns a few split air conditioners. In 2023 it bought green electricity certificates "
         "and laptops for new staff; the supplier provides a third-party-verified product carbon footprint "
         "declaration.", None),
        ("task", "按《温室气体核算体系：企业核算与报告标准》（运营控制法）编制 2023 年度盘查：范围一、范围二（基于位置和"
                 "基于市场两种方法；已核销的绿证作为合同工具录入电力凭证表）和范围三的第 1 类（外购商品，供应商特定"
                 "方法）、第 6 类（商务差旅航班，按 EPA 航程分类）和第 7 类（员工通勤）。",
         "Build the 2023 inventory under the GHG Protocol Corporate Accounting and Reporting Standard "
         "(operational control): Scope 1, Scope 2 (location-based and market-based; the redeemed certificates go "
         "into the instruments sheet) and Scope 3 categories 1 (purchased goods, supplier-specific method), 6 "
         "(business travel by air, EPA haul classes) and 7 (employee commuting).", None),
        ("task", "核算设置：标准为温室气体核算体系（GHG Protocol），全球变暖潜势采用 IPCC 第五次评估报告（AR5）值，"
                 "运营控制法；基于位置的电网排放因子采用上海市 2023 年值；没有公布的剩余组合因子，基于市场方法对未被"
                 "绿证覆盖的电量采用电网平均因子并予以披露。",
         "Settings: the GHG Protocol, GWP values of the IPCC Fifth Assessment Report (AR5), operational control; "
         "the location-based grid factor is Shanghai's 2023 value; no residual mix is published, so the "
         "market-based method uses the grid average for the electricity the certificates do not cover, and says "
         "so.", None),
        ("task", "注意：分表电量与公摊电量（公摊部分由业主计入其自身排放）、已核销与未核销的绿证、往返航程、"
                 "拼车。通勤按每年 46 个工作周计。",
         "Watch for: sub-metered against common-area electricity (the landlord reports the common areas), "
         "redeemed against unredeemed certificates, return flights, and car sharing. Commuting counts 46 working "
         "weeks a year.", None),
        ("time_limit", "", "", 60),
        ("hand_calculation", "", "", "no"),
        ("mode", "", "", "practice"),
    ]
    rows = [["静安国际大厦物业服务中心  租户电费分摊单（2023 年）", None, None, None, None],
            ["Building management — tenant electricity apportionment 2023", None, None, None, None],
            ["租户 Tenant：上海澄衡管理咨询有限公司  18—19F   分表 Sub-meters 18-A, 19-A", None, None, None, None],
            ["月份 Month", "分表电量 Sub-metered (kWh)", "公摊电量 Common-area share (kWh)",
             "合计 Total (kWh)", "金额 Amount (元)"]]
    for label, k, c in zip(MONTH_LABELS, OFFICE_KWH, COMMON_KWH):
        rows.append([label, k, c, k + c, r((k + c) * 0.98)])
    rows.append(["合计 Total", kwh, sum(COMMON_KWH), kwh + sum(COMMON_KWH), r((kwh + sum(COMMON_KWH)) * 0.98)])
    ex.doc("物业电费分摊单", "租户电费分摊单", "Tenant electricity apportionment", "power_bill", rows,
           [14, 24, 30, 18, 16], header_rows=(4,))

    rows = [["绿色电力证书（GEC）持有及核销清单", None, None, None, None, None],
            ["Green electricity certificates held and redeemed", None, None, None, None, None],
            ["证书编号 Certificate no.", "项目类型 Project type", "电量生产年月 Production month",
             "数量（个）Certificates", "状态 Status", "核销对象 Redeemed for"],
            ["GEC2023-WP-0419-001…100", "风电 Wind", "2023-04", 100, "已核销 Redeemed",
             "上海澄衡管理咨询有限公司 2023"],
            ["GEC2023-PV-0822-101…150", "光伏 Solar PV", "2023-08", 50, "已核销 Redeemed",
             "上海澄衡管理咨询有限公司 2023"],
            ["GEC2023-PV-1107-151…200", "光伏 Solar PV", "2023-11", 50, "持有未核销 Held, not redeemed", None],
            [None, None, None, None, None, None],
            ["1 个绿证 = 1 MWh（1,000 kWh）可再生能源电量  1 certificate = 1 MWh of renewable electricity", None, None,
             None, None, None]]
    ex.doc("绿证清单", "绿色电力证书持有及核销清单", "Green certificates held and redeemed", "invoices", rows,
           [26, 16, 22, 18, 28, 30], header_rows=(3,))

    rows = [["差旅服务商  机票行程汇总（2023 年）  Travel agency — air itineraries 2023", None, None, None, None,
             None],
            ["里程为服务商按机场坐标计算的大圆距离（单程） Distance: the agency's great-circle distance, one way",
             None, None, None, None, None],
            ["出发日期 Date", "旅客 Traveller", "航段 Route", "舱位 Class", "单程里程 One way (km)",
             "行程 Trip"]]
    for date, who, route, cls, km, rt in FLIGHTS:
        rows.append([date, who, route, cls, km, "往返 Return" if rt else "单程 One way"])
    rows.append(["共 10 张行程单 10 itineraries", None, None, None, None, None])
    ex.doc("差旅行程单", "机票行程汇总", "Air itineraries", "travel_records", rows, [14, 18, 34, 18, 20, 16],
           header_rows=(3,))

    rows = [["员工通勤调查（2023 年 11 月，全员）  Staff commuting survey (Nov 2023, all staff)", None, None, None,
             None],
            ["工号 Staff", "单程距离 One way (km)", "主要方式 Main mode", "每周通勤天数 Days a week",
             "同车人数 People in the car"]]
    for sid, km, mode, d, n in COMMUTE:
        rows.append([sid, km, MODE_LABEL[mode], d, n if mode == "car" else None])
    rows.append(["S06 与 S07 拼车（同一辆车） S06 and S07 share one car", None, None, None, None])
    ex.doc("通勤调查", "员工通勤调查", "Staff commuting survey", "travel_records", rows, [12, 20, 30, 24, 24],
           header_rows=(2,))

    rows = [["采购明细账（摘录）  Purchase ledger (extract)", None, None, None, None],
            ["凭证号 Voucher", "日期 Date", "物料 Item", "数量 Quantity", "不含税金额 Net of VAT (元)"],
            ["记-0215", "2023-02-20", "办公家具 Office furniture", 1, 48600.00],
            ["记-0388", "2023-03-28", "打印纸 Copy paper (箱 boxes)", 60, 9000.00],
            ["记-0641", "2023-06-05", "笔记本电脑 Laptops", 32, 217600.00],
            ["记-0902", "2023-09-18", "显示器 Monitors（无供应商数据 no supplier data）", 12, 14400.00]]
    ex.doc("采购明细", "采购明细账（摘录）", "Purchase ledger (extract)", "invoices", rows, [12, 14, 40, 14, 24],
           header_rows=(2,))

    rows = [["产品碳足迹声明  Product carbon footprint declaration", None, None],
            ["声明方 Declared by", "（供应商）星辰电子科技有限公司 Xingchen Electronics (supplier)", None],
            ["产品 Product", "XC-14 笔记本电脑 XC-14 laptop", None],
            ["系统边界 Boundary", "从摇篮到大门 Cradle to gate", None],
            ["依据 Method", "ISO 14067", None],
            ["核查 Verification", "第三方核查 Third-party verified", None],
            ["声明单位 Declared unit", "1 台 one unit", None],
            ["碳足迹 Footprint", "kg CO2e / 台 per unit", 280],
            ["注：本声明为练习用虚构供应商数据 Note: fictional supplier data made for this exercise", None, None]]
    ex.doc("供应商碳足迹声明", "产品碳足迹声明", "Product carbon footprint declaration", "other", rows, [24, 52, 10])

    rows = [["空调维保单  AC maintenance record", None, None, None],
            ["日期 Date", "设备 Unit", "作业 Work", "R-410A (kg)"],
            ["2023-06-14", "18F 会议室分体空调（自有） 18F meeting room split AC (own)", "补充加注 Top-up", 2.4],
            ["2023-07-20", "19F 机房分体空调（自有） 19F server room split AC (own)", "补充加注 Top-up", 2.8],
            ["2023-08-03", "大楼中央空调（业主） Building central chiller (landlord)", "补充加注 Top-up", 36.0]]
    ex.doc("空调维保单", "空调维保单", "AC maintenance record", "refrigerant_log", rows, [14, 56, 20, 14],
           header_rows=(2,))
    ex.given = [("Facilities", "all")]
    return ex


# --------------------------------------------------------------------------------------------
# 5. Coal-fired power plant: 2024 allocation, compliance and the paths to compliance (national ETS)
# --------------------------------------------------------------------------------------------
# Fictional plant and documents; the rules (benchmarks, the load correction, the CCER cap, the
# fine) are those of resources/ets (the 2023–2024 allocation plan, 国环规气候〔2024〕1号; the
# 碳排放权交易管理办法（试行）; the 碳排放权交易管理暂行条例), the CEA prices those of
# resources/ets/cea_prices.csv (复旦碳价指数 月度发布).
ETS_UNITS = [  # unit, name, MW, class, generation MWh, supply MWh, heat GJ, load factor, coal t, C_ar %
    ("U1", "#1 机组 Unit 1", 660, "I", 3_000_000, 2_851_200, 1_000_000, 0.70, 1_250_000.0, 55.20),
    ("U2", "#2 机组 Unit 2", 350, "II", 1_500_000, 1_417_500, 0, 0.60, 650_000.0, 54.80),
]
ETS_DIESEL_T = 320.0  # ignition oil, unit 1
ETS_GRID_MWH = 2_400.0  # drawn from the grid while both units were down
ETS_HELD_T = 10_000  # 2023 allowances still held (surrendered by 2025-12-31 with the 2024 ones)
ETS_CCER_T = 15_000  # CCER bought for the 2024 surrender
ETS_CCER_PRICE = 70.76  # CNY/t, the firm's CCER contract (the 2025 national CCER average, market.md §2.3)
CEA_MONTHS = [("2025-08", 71.12), ("2025-09", 62.51), ("2025-10", 53.94), ("2025-11", 59.87)]  # cea_prices.csv
ETS_MEASURES = [  # measure, t CO2 a year, CNY/t (the firm's own engineering estimates, fictional)
    ("空预器密封改造 Air-preheater seal retrofit", 8_000, -10.0),
    ("汽轮机通流改造 Turbine flow-path retrofit", 20_000, 35.0),
    ("掺烧农林生物质 Biomass co-firing", 30_000, 120.0),
]


def power_ets() -> Exercise:
    ex = Exercise("coal_power_ets")
    ex.case = [("title", "池州青峰发电有限公司 2024 年度配额清缴（练习） / "
                         "Chizhou Qingfeng Power Co., Ltd. — 2024 allowance surrender (exercise)"),
               ("standard", "gbt32150"), ("gwp", "SAR"), ("reporting_year", 2024),
               ("consolidation", "operational_control"), ("sector", "power"), ("grid_factor_set", "cn_grid_mee_ets"),
               ("company", "池州青峰发电有限公司 Chizhou Qingfeng Power Co., Ltd."),
               ("ets_year", 2024), ("carbon_price", 59.87), ("allowances_held", ETS_HELD_T),
               ("ccer_offered", ETS_CCER_T), ("ccer_price", ETS_CCER_PRICE)]
    ex.facilities = [["F1", "青峰电厂", "安徽", 1.0, "yes", "yes"]]
    for uid, name, _mw, _klass, _g, _s, _h, _lf, coal, c_ar in ETS_UNITS:
        ex.line("F1", "stationary_combustion", "bituminous_coal", coal, "t", carbon_element=r(c_ar / 100, 4),
                evidence=[("燃料及化验", coal)], note=f"{name} 入炉煤 as-fired coal", ets_unit=uid)
    ex.line("F1", "stationary_combustion", "diesel", ETS_DIESEL_T, "t", evidence=[("燃料及化验", ETS_DIESEL_T)],
            note="#1 机组点火用油 ignition oil, unit 1", ets_unit="U1")
    ex.line("F1", "purchased_electricity", "grid_cn", ETS_GRID_MWH, "MWh", evidence=[("电量结算单", ETS_GRID_MWH)],
            note="停机期间下网电量 grid power while both units were down", ets_unit="U1")
    ex.ets = [[uid, "F1", klass, g, sup, h or None, lf, "water"]
              for uid, _n, _mw, klass, g, sup, h, lf, _c, _ca in ETS_UNITS]
    ex.brief = [
        ("title", "青峰发电：2024 年度配额、清缴与履约成本",
         "Qingfeng Power: the 2024 allocation, surrender and the cost of compliance", None),
        ("story",
         "池州青峰发电有限公司有两台燃煤机组：#1 机组 660 MW、#2 机组 350 MW，均为常规燃煤、水冷，是全国碳排放权交易"
         "市场的重点排放单位。#1 机组同时对外供热。2024 年度的排放已经核查，现在要算出 2024 年度的配额、清缴缺口和"
         "完成清缴的成本。",
         "Chizhou Qingfeng Power Co., Ltd. runs two conventional water-cooled coal units, #1 of 660 MW and #2 of "
         "350 MW, and is a key emitting entity of the national carbon emissions trading market. Unit 1 also "
         "supplies heat. The 2024 emissions have been verified; now the 2024 allocation, the surrender gap and the "
         "cost of closing it are to be worked out.", None),
        ("task", "1. 按燃料及化验资料编制 2024 年排放数据（燃煤按入炉煤量和收到基元素碳含量，碳氧化率 99%；柴油取缺省值；"
                 "购入电力按全国电网排放因子），并在活动数据中用“机组”列标明各行所属机组。",
         "1. Build the 2024 emissions data from the fuel and lab records (coal from the as-fired quantity and the "
         "as-received element carbon, oxidation 99 %; diesel at the default parameters; purchased electricity at "
         "the national grid factor), marking each line's unit in the activities' unit column.", None),
        ("task", "2. 填写配额表（每台机组一行：类别、发电量、供电量、供热量、负荷率、冷却方式），并在案例表填写配额年度、"
                 "碳价（清缴截止日前一个月的全国碳市场平均价格）、持有配额和拟抵销的 CCER。",
         "2. Fill in the ETS sheet (one row per unit: class, generation, supply, heat, load factor, cooling) and, "
         "on the Case sheet, the ETS year, the carbon price (the national market's average of the month before "
         "the surrender deadline), the allowances held and the CCER offered.", None),
        ("task", "3. 在案例表写出你的答案：my_allocation（核定配额量，t）、my_ccer_used（可使用的 CCER，t）、"
                 "my_surplus（盈缺，t，缺口为负数）、my_penalty_min / my_penalty_max（若不清缴的罚款范围，元）、"
                 "my_cost_buy / my_cost_ccer / my_cost_abate（按抵销前缺口计算的三条履约路径成本，元）和 my_cheapest"
                 "（最低成本路径：buy、ccer 或 abate）。",
         "3. Write your answers on the Case sheet: my_allocation (final allocation, t), my_ccer_used (CCER usable, "
         "t), my_surplus (t, negative for a shortfall), my_penalty_min / my_penalty_max (the fine if the shortfall "
         "is not surrendered, CNY), my_cost_buy / my_cost_ccer / my_cost_abate (the cost of each path to cover the "
         "shortfall before offsets, CNY) and my_cheapest (buy, ccer or abate).", None),
        ("task", "注意：机组类别的容量界限、2023 年起按发电量分配、调峰修正系数、2023 年起配额核算边界不含购入电力、"
                 "CCER 抵销比例上限。",
         "Watch for: the capacity limit of the unit classes, allocation on gross generation from 2023, the load "
         "(peak-shaving) correction, purchased electricity outside the ETS boundary from 2023, the CCER cap.", None),
        ("time_limit", "", "", 90),
        ("hand_calculation", "", "", "no"),
        ("mode", "", "", "practice"),
    ]
    rows = [["机组生产统计（2024 年）  Unit production statistics 2024", None, None, None, None, None, None],
            ["生产技术部 Production department", None, None, None, None, None, None],
            ["机组 Unit", "额定容量 Rated (MW)", "燃料及冷却 Fuel, cooling", "发电量 Generation (MWh)",
             "供电量 Supply (MWh)", "供热量 Heat supplied (GJ)", "负荷率 Load factor"]]
    for _uid, name, mw, _klass, g, sup, h, lf, _c, _ca in ETS_UNITS:
        rows.append([name, mw, "烟煤，水冷 Bituminous coal, water-cooled", g, sup, h, lf])
    ex.doc("机组生产统计", "机组生产统计", "Unit production statistics", "production_records", rows,
           [18, 18, 34, 22, 20, 24, 16], header_rows=(3,))
    rows = [["入炉煤及化验汇总（2024 年）  As-fired coal and lab results 2024", None, None],
            ["机组 Unit", "入炉煤 Coal burned (t)", "收到基元素碳 Car (%)"]]
    for _uid, name, _mw, _klass, _g, _s, _h, _lf, coal, c_ar in ETS_UNITS:
        rows.append([name, coal, c_ar])
    rows += [[None, None, None], ["点火用油（0# 柴油）Ignition oil (0# diesel), #1 机组 Unit 1 (t)", ETS_DIESEL_T, None]]
    ex.doc("燃料及化验", "入炉煤及化验汇总", "Coal and lab results", "lab_report", rows, [40, 22, 22],
           header_rows=(2,))
    rows = [["电量结算单汇总（2024 年）  Grid settlement 2024", None],
            ["项目 Item", "电量 MWh"],
            ["上网电量 Sent out", sum(u[5] for u in ETS_UNITS)],
            ["下网电量（两台机组停运期间）Drawn from the grid while both units were down", ETS_GRID_MWH]]
    ex.doc("电量结算单", "电量结算单汇总", "Grid settlement", "power_bill", rows, [52, 18], header_rows=(2,))
    rows = [["碳资产台账与碳价资料  Carbon assets and prices", None, None],
            ["项目 Item", "数值 Value", "说明 Note"],
            ["持有的 2023 年度配额 2023 allowances still held (t)", ETS_HELD_T, "用于 2024 年度清缴 for the 2024 surrender"],
            ["已购 CCER  CCER bought (t)", ETS_CCER_T, "登记在 2024-01-22 之后 registered after 2024-01-22"],
            ["CCER 采购单价 CCER contract price (CNY/t)", ETS_CCER_PRICE,
             "与 2025 年全国 CCER 年度成交均价持平 equal to the 2025 national CCER average"],
            [None, None, None],
            ["全国碳排放配额月度日均收盘价 CEA monthly average of daily closes (CNY/t)", None,
             "复旦碳价指数 月度发布（复旦大学）Fudan carbon price index, monthly release"]]
    for month, price in CEA_MONTHS:
        rows.append([month, price, None])
    ex.doc("碳资产与碳价", "碳资产台账与碳价资料", "Carbon assets and prices", "other", rows, [60, 16, 56],
           header_rows=(2,))
    rows = [[f"{k} [{z}]" for k, z in ABATEMENT_COLUMNS]] + [list(m) for m in ETS_MEASURES]
    ex.doc("Abatement", "减排措施（工程估算）", "Abatement options (engineering estimates)", "other", rows,
           [44, 22, 22], header_rows=(1,))
    ex.given = [("Facilities", "all")]
    ex.case += _ets_answers(ex)
    return ex


def _ets_answers(ex: Exercise) -> list[tuple[str, object]]:
    """The answers of the key (Case keys my_allocation …), by the engine on the key as built; the
    test tests/training/test_ets_exercise.py checks each against a hand calculation."""
    import copy
    import tempfile

    from carbonmgr.inventory.engine import compute
    from carbonmgr.io.workbook import read_case
    from carbonmgr.trading import ets
    from carbonmgr.trading.abatement import cheapest

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "key.xlsx"
        build(copy.deepcopy(ex)).save(path)
        case = read_case(path)
    res = ets.compute(case, compute(case))
    v, final = res.value("verified_emissions"), res.value("allocation_final")
    held, price = case.info.allowances_held, case.info.carbon_price
    used, surplus = res.value("ccer_used"), res.value("surplus")
    shortfall = max(0.0, v - final - held)
    c = min(case.info.ccer_offered, res.value("ccer_max"), shortfall)
    got, cost, _ = cheapest([_measure(*m) for m in ETS_MEASURES], shortfall)
    costs = {"buy": shortfall * price, "ccer": c * ETS_CCER_PRICE + (shortfall - c) * price,
             "abate": cost + (shortfall - got) * price}
    return [("my_allocation", final), ("my_ccer_used", r(used)), ("my_surplus", r(surplus)),
            ("my_penalty_min", r(res.value("penalty_min"))), ("my_penalty_max", r(res.value("penalty_max"))),
            ("my_cost_buy", r(costs["buy"])), ("my_cost_ccer", r(costs["ccer"])), ("my_cost_abate", r(costs["abate"])),
            ("my_cheapest", min(costs, key=costs.get))]


def _measure(name: str, tonnes: float, cost: float):
    from carbonmgr.trading.abatement import Measure

    return Measure(name, tonnes, cost)


EXERCISES = (wuhan, cement, power, office, power_ets)


# --------------------------------------------------------------------------------------------
# Rubric and Variables of the bundled exercises (docs/exercise-workbook.md): kept apart from the
# exercises above, applied by write_all through TRAINER_ADDITIONS.
# --------------------------------------------------------------------------------------------
RUBRIC_HEADER = ["target [对象]", "points [分值]", "tolerance [容差]", "explanation_zh [中文说明]",
                 "explanation_en [英文说明]", "rule [依据]", "rule_en [英文依据]"]
VARIABLES_HEADER = ["name [名称]", "value [值]", "min [最小值]", "max [最大值]", "decimals [小数位]",
                    "note [备注]"]
GBT32150_ZH = "GB/T 32150-2015《工业企业温室气体排放核算和报告通则》"
GBT32150_EN = ("GB/T 32150-2015 General guideline of greenhouse gas emissions accounting and reporting for "
               "industrial enterprises")
GHGP_ZH = "《温室气体核算体系：企业核算与报告标准（修订版）》"
GHGP_EN = "GHG Protocol: A Corporate Accounting and Reporting Standard (Revised Edition)"
SCOPE2_ZH = "《GHG Protocol 范围二指南》（Scope 2 Guidance, 2015）基于市场的方法"
SCOPE2_EN = "GHG Protocol Scope 2 Guidance (2015), market-based method"
SCOPE3_ZH = "《温室气体核算体系：企业价值链（范围三）核算与报告标准》"
SCOPE3_EN = "GHG Protocol Corporate Value Chain (Scope 3) Accounting and Reporting Standard (2011)"
SCOPE3_TG_ZH = "《范围三排放计算技术指南》（Technical Guidance for Calculating Scope 3 Emissions, 2013）"
SCOPE3_TG_EN = "GHG Protocol Technical Guidance for Calculating Scope 3 Emissions (2013)"


def _key_line(ex: Exercise, item: str) -> dict:
    return next(a for a in ex.activities if a["item"] == item)


def _key_row(ex: Exercise, item: str) -> str:
    """The rubric target of the key line of ``item``: Activities!<row>."""
    return f"Activities!{ex.activities.index(_key_line(ex, item)) + 2}"


def _doc_rows(ex: Exercise, sheet: str) -> list[list]:
    return next(d for d in ex.documents if d["sheet"] == sheet)["rows"]


EQUIPMENT_HEADER = ["facility [设施]", "method [方法]", "refrigerant [制冷剂]", "new_charge [新设备充装量]",
                    "capacity_new [新增设备容量]", "recharge [补充充装量]", "note [备注]"]


def wuhan_register(ex: Exercise) -> None:
    """The Wuhan key's R-410A in the refrigerant equipment register, by the simplified material
    balance: the new unit's first charge and its capacity (they cancel), and the top-ups of the
    existing units; the gas recovered before a repair and put back is not in the balance."""
    line = _key_line(ex, "R-410A")
    ex.activities.remove(line)
    rows = _doc_rows(ex, "制冷剂维保记录")
    first = [row[4] for row in rows[2:-1] if str(row[3]).startswith("新设备初始充注")]
    topups = [row[4] for row in rows[2:-1] if str(row[3]).startswith("补充加注")]
    assert first == [18.0] and r(sum(topups), 1) == line["quantity"] == 28.6
    ex.equipment = [["F1", "simplified_material_balance", "R-410A", first[0], first[0], r(sum(topups), 1),
                     "1#—3# 车间空调、办公楼多联机 workshop ACs 1-3 and the office VRF"]]
    task = next(n for n, b in enumerate(ex.brief) if b[0] == "task" and b[1].startswith("注意"))
    ex.brief.insert(task, (
        "task", "制冷剂按简化物料平衡法录入制冷设备表：新设备充装量、新增设备容量、已有设备的补充充装量（kg）。",
        "Enter the refrigerant in the equipment register by the simplified material balance: the charge and "
        "capacity of new equipment and the top-ups (recharge) of existing equipment, in kg.", None))


def _register_sheet(wb: Workbook, ex: Exercise) -> None:
    """The key's Equipment sheet of an exercise that has one."""
    if ex.equipment:
        _table(wb.create_sheet("Equipment"), EQUIPMENT_HEADER, ex.equipment)


def wuhan_variables(ex: Exercise) -> None:
    """Per-trainee variants of the Wuhan exercise: December's forklift diesel, the top-up of
    workshop AC 2 and the two limestone deliveries are drawn; the documents show the drawn
    values and the key's diesel, R-410A and limestone quantities follow from them."""
    ex.variables = [
        ["forklift_dec", DIESEL_KG[11], 800, 2000, 0, "12 月叉车柴油领用量（kg） December forklift diesel (kg)"],
        ["ac2_topup", 9.8, 5.0, 20.0, 1, "2# 车间空调补充加注量（kg） top-up of workshop AC 2 (kg)"],
        ["lime_apr", 32.0, 20.0, 45.0, 1, "4 月石灰石进货量（t） limestone delivered in April (t)"],
        ["lime_oct", 32.0, 20.0, 45.0, 1, "10 月石灰石进货量（t） limestone delivered in October (t)"],
    ]
    others = sum(DIESEL_KG[:11])
    rows = _doc_rows(ex, "柴油领用记录")
    dec = [row for row in rows if row[0] == MONTH_LABELS[11] and row[1].startswith("仓储部")]
    assert len(dec) == 1 and dec[0][3] == DIESEL_KG[11]
    dec[0][3] = "{{forklift_dec}}"
    rows[-1][3] = "{{%d + forklift_dec}}" % (others + sum(DIESEL_OUTSOURCED_KG))
    diesel = _key_line(ex, "diesel")
    diesel["quantity"] = "{{(%d + forklift_dec) / 1000}}" % others
    rows = _doc_rows(ex, "制冷剂维保记录")
    ac2 = [row for row in rows if str(row[1]).startswith("2# 车间空调")]
    assert len(ac2) == 1 and ac2[0][4] == 9.8
    ac2[0][4] = "{{ac2_topup}}"
    topups = [row[4] for row in rows[2:-1] if str(row[3]).startswith("补充加注") and row is not ac2[0]]
    register = next(e for e in ex.equipment if e[2] == "R-410A")
    register[EQUIPMENT_HEADER.index("recharge [补充充装量]")] = "{{%s + ac2_topup}}" % r(sum(topups), 1)
    rows = _doc_rows(ex, "石灰石采购及化验")
    assert [rows[3][1], rows[4][1], rows[5][1]] == [32.0, 32.0, 64.0]
    rows[3][1], rows[4][1], rows[5][1] = "{{lime_apr}}", "{{lime_oct}}", "{{lime_apr + lime_oct}}"
    lime = _key_line(ex, "limestone")
    lime["quantity"] = "{{lime_apr + lime_oct}}"
    lime["evidence"] = [("石灰石采购及化验", "{{lime_apr + lime_oct}}"), ("石灰石采购及化验", 93.5)]


def wuhan_rubric(ex: Exercise) -> None:
    """Points, tolerance, explanation and rule of each key line and case setting of the Wuhan exercise."""
    ex.rubric = [
        [_key_row(ex, "bituminous_coal"), 20, "0.5%",
         "燃料燃烧的活动数据是入炉煤（皮带秤）的全年合计，不是入厂煤（过磅）；低位发热量取煤质检验报告的收到基低位发热量（MJ/kg 与 "
         "GJ/t 数值相同），含碳量和氧化率取缺省值。",
         "The activity data of combustion is the coal burned (belt scale) over the year, not the coal received "
         "(weighbridge); the NCV is the lab report's as-received net CV (MJ/kg equals GJ/t), carbon content and "
         "oxidation rate take their defaults.", GBT32150_ZH + "：化石燃料燃烧排放", GBT32150_EN + ": fuel combustion"],
        [_key_row(ex, "natural_gas"), 10, None,
         "天然气取结算单的标况结算气量（Nm3），不是工况累计量；1 万 Nm3 = 10,000 Nm3。",
         "Natural gas is the billed standard volume (Nm3), not the metered volume at line conditions; "
         "10^4 Nm3 = 10,000 Nm3.", GBT32150_ZH + "：化石燃料燃烧排放", GBT32150_EN + ": fuel combustion"],
        [_key_row(ex, "diesel"), 10, None,
         "只计本公司叉车领用的柴油；承运商车辆在厂内加油、按月结算，其排放属于承运商，不在本公司的核算边界内。",
         "Only the diesel issued to our own forklifts counts; the carrier's trucks refuel here and are invoiced, "
         "but their emissions are the carrier's, outside the firm's boundary.",
         GBT32150_ZH + "：核算边界", GBT32150_EN + ": accounting boundary"],
        [_key_row(ex, ""), 10, None,
         "购入电力取电费账单的计费电量（含变损），不是抄见电量。",
         "Purchased electricity is the billed kWh (transformer losses included), not the meter-read kWh.",
         GBT32150_ZH + "：购入的电力产生的排放", GBT32150_EN + ": purchased electricity"],
    ]
    exported = next(n for n, a in enumerate(ex.activities, start=2) if a["source"] == "exported_heat")
    ex.rubric += [
        [f"Activities!{exported}", 10, None,
         "外供热水的热量取热量表全年读数之差，作为输出热力从排放中扣减。",
         "The heat supplied is the difference of the heat meter's readings over the year, deducted as exported "
         "heat.", GBT32150_ZH + "：输出的电力、热力所对应的排放应扣除",
         GBT32150_EN + ": the emissions of exported electricity and heat are deducted"],
        ["Equipment!2", 10, None,
         "制冷剂逸散量只计已有设备的补充加注；新设备的初始充注和维修前回收后回充的制冷剂不是排放。",
         "Refrigerant released counts the top-ups of existing units only; a new unit's first charge and gas "
         "recovered before a repair and put back are not emissions.",
         GBT32150_ZH + "：HFCs 按案例规定的 GWP 折算（制冷剂维保记录）",
         GBT32150_EN + ": HFCs at the case's GWP values (refrigerant maintenance records)"],
        [_key_row(ex, "limestone"), 10, None,
         "碳酸盐用量取全年进货合计，纯度取化验折算的碳酸钙含量。",
         "The carbonate used is the year's deliveries, its purity the CaCO3 content derived by the lab.",
         "碳酸盐法：排放量 = 碳酸盐消耗量 × 纯度 × 排放因子（" + GBT32150_ZH + " 过程排放）",
         "carbonate method: E = consumption × purity × emission factor (" + GBT32150_EN + ", process emissions)"],
        ["standard", 5, None, "案例说明要求按 GB/T 32150 核算。", "The brief asks for GB/T 32150.", GBT32150_ZH,
         GBT32150_EN],
        ["gwp_set", 5, None, "案例说明规定采用 IPCC 第二次评估报告（SAR）的 GWP 值。",
         "The brief prescribes the GWP values of the IPCC Second Assessment Report (SAR).", GBT32150_ZH,
         GBT32150_EN],
        ["consolidation", 5, None, "案例说明规定运营控制法。", "The brief prescribes operational control.",
         GHGP_ZH + "第 3 章（设定组织边界）", GHGP_EN + ", chapter 3 (setting organizational boundaries)"],
        ["extra_source", 5, None, "承运商车辆、园区供热站等不属于本公司的排放源。",
         "The carrier's trucks, the park's heating station and the like are not the firm's sources.",
         GBT32150_ZH + "：核算边界", GBT32150_EN + ": accounting boundary"],
        ["hint", 1, None, None, None, None, None],
    ]


def office_rubric(ex: Exercise) -> None:
    """Points, tolerance, explanation and rule of each key line, the certificates and each case
    setting of the office exercise."""
    travel = "差旅按航段大圆距离计，往返计两次；航程类别按 EPA 的短途、中途、长途分类（按英里）。"
    travel_en = ("Flights count the great-circle distance of each leg, a return trip twice; the haul class is "
                 "EPA's short, medium or long haul (by miles).")
    ex.rubric = [
        [_key_row(ex, "R-410A"), 10, None,
         "只计公司自有分体空调的补充加注；大楼中央空调由业主运营，其排放由业主报告。",
         "Only the top-ups of the firm's own split units count; the building's chiller is the landlord's and "
         "reported by the landlord.", GHGP_ZH + "：范围一逸散排放", GHGP_EN + ": Scope 1 fugitive emissions"],
        [_key_row(ex, ""), 15, None,
         "范围二取租户分表电量；公摊电量由业主计入其自身排放。",
         "Scope 2 is the tenant's sub-metered electricity; the common areas are reported by the landlord.",
         SCOPE2_ZH, SCOPE2_EN],
        [_key_row(ex, "travel_air_short_haul"), 5, None, travel, travel_en, SCOPE3_ZH + "：类别 6 商务差旅",
         SCOPE3_EN + ": category 6, business travel"],
        [_key_row(ex, "travel_air_medium_haul"), 5, None, travel, travel_en, SCOPE3_ZH + "：类别 6 商务差旅",
         SCOPE3_EN + ": category 6, business travel"],
        [_key_row(ex, "travel_air_long_haul"), 5, None, travel, travel_en, SCOPE3_ZH + "：类别 6 商务差旅",
         SCOPE3_EN + ": category 6, business travel"],
        [_key_row(ex, "travel_passenger_car"), 10, None,
         "私家车通勤按车辆公里计，拼车的里程在同车人之间分摊；每年 46 个工作周。",
         "Car commuting counts vehicle-km, a shared car's distance split between its occupants; 46 working "
         "weeks a year.", SCOPE3_ZH + "：类别 7 员工通勤", SCOPE3_EN + ": category 7, employee commuting"],
        [_key_row(ex, "travel_bus"), 5, None,
         "公交通勤按人公里计；每年 46 个工作周。", "Bus commuting counts passenger-km; 46 working weeks a year.",
         SCOPE3_ZH + "：类别 7 员工通勤", SCOPE3_EN + ": category 7, employee commuting"],
        [_key_row(ex, "笔记本电脑 laptop"), 10, None,
         "外购商品采用供应商特定方法：台数 × 供应商经核查的产品碳足迹；没有供应商数据的显示器不在本练习范围内。",
         "Purchased goods by the supplier-specific method: units × the supplier's verified product footprint; the "
         "monitors, without supplier data, are outside this exercise.", SCOPE3_TG_ZH + "：类别 1 供应商特定方法",
         SCOPE3_TG_EN + ": category 1, supplier-specific method"],
        ["Instruments!2", 15, None,
         "只有已核销（为本公司 2023 年用电注销）的绿证可作为合同工具；持有未核销的不计。",
         "Only certificates redeemed for the firm's 2023 use are contractual instruments; those merely held are "
         "not.", SCOPE2_ZH + "：合同工具的质量标准", SCOPE2_EN + ": quality criteria of contractual instruments"],
        ["standard", 5, None, "案例说明要求按温室气体核算体系（GHG Protocol）盘查。",
         "The brief asks for the GHG Protocol.", GHGP_ZH, GHGP_EN],
        ["gwp_set", 5, None, "案例说明规定采用 IPCC 第五次评估报告（AR5）的 GWP 值。",
         "The brief prescribes the GWP values of the IPCC Fifth Assessment Report (AR5).", GHGP_ZH, GHGP_EN],
        ["consolidation", 5, None, "案例说明规定运营控制法。", "The brief prescribes operational control.",
         GHGP_ZH + "第 3 章（设定组织边界）", GHGP_EN + ", chapter 3 (setting organizational boundaries)"],
        ["hint", 1, None, None, None, None, None],
    ]


TRAINER_ADDITIONS = {
    "wuhan_manufacturing": (wuhan_register, wuhan_variables, wuhan_rubric),
    "office_services": (office_rubric,),
}


def _trainer_sheets(wb: Workbook, ex: Exercise) -> None:
    """The Rubric and Variables sheets of an exercise that has them."""
    if ex.rubric:
        _table(wb.create_sheet("Rubric"), RUBRIC_HEADER, ex.rubric)
    if ex.variables:
        _table(wb.create_sheet("Variables"), VARIABLES_HEADER, ex.variables)


# --------------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------------
HEAD_FONT = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(bold=True, size=13)
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _table(ws, header: list[str], rows: list[list]) -> None:
    ws.append(header)
    for c in ws[1]:
        c.font = HEAD_FONT
        c.fill = HEAD_FILL
    for row in rows:
        ws.append(row)
    for col, h in enumerate(header, start=1):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = max(12, min(40, len(h) + 4))


def _document(ws, doc: dict) -> None:
    for row in doc["rows"]:
        ws.append(row)
    ws.cell(1, 1).font = TITLE_FONT
    width = max(len(row) for row in doc["rows"])
    for n in doc["header_rows"]:
        for col in range(1, width + 1):
            c = ws.cell(n, col)
            c.font = HEAD_FONT
            c.fill = HEAD_FILL
            c.alignment = Alignment(wrap_text=True, vertical="center")
    first = min(doc["header_rows"]) if doc["header_rows"] else None
    if first is not None:
        for row in ws.iter_rows(min_row=first, max_row=ws.max_row):
            if any(c.value is not None for c in row[1:]):
                for c in row[:width]:
                    c.border = BOX
    for col, w in enumerate(doc["widths"], start=1):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = w


def _evidence(ex: Exercise, ev) -> str | None:
    """"sheet!cell; ..." for a list of (document sheet, value): the last cell holding that value."""
    if ev is None or isinstance(ev, str):
        return ev
    from openpyxl.utils import get_column_letter

    refs = []
    for sheet, value in ev:
        doc = next(d for d in ex.documents if d["sheet"] == sheet)
        hits = [(n, col) for n, row in enumerate(doc["rows"], start=1) for col, v in enumerate(row, start=1)
                if v == value and not isinstance(v, bool)]
        if not hits:
            raise ValueError(f"{ex.name}: {value!r} not found in {sheet}")
        n, col = hits[-1]
        refs.append(f"{sheet}!{get_column_letter(col)}{n}")
    return "; ".join(refs)


def build(ex: Exercise) -> Workbook:
    for a in ex.activities:
        a["evidence"] = _evidence(ex, a.get("evidence"))
    wb = Workbook()
    ws = wb.active
    ws.title = "Brief"
    _table(ws, ["key [键]", "zh [中文]", "en [English]", "value [值]"],
           [[k, zh or None, en or None, v] for k, zh, en, v in ex.brief])
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 60
    for row in ws.iter_rows(min_row=2):
        for c in row[1:3]:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws = wb.create_sheet("Documents")
    _table(ws, ["sheet [工作表]", "title [标题]", "title_en [英文标题]", "kind [类型]"],
           [[d["sheet"], d["title"], d["title_en"], d["kind"]] for d in ex.documents])
    for d in ex.documents:
        _document(wb.create_sheet(d["sheet"]), d)
    ws = wb.create_sheet("Given")
    _table(ws, ["sheet [工作表]", "rows [行]"], [list(g) for g in ex.given])
    _trainer_sheets(wb, ex)
    ws = wb.create_sheet("Case")
    _table(ws, CASE_HEADER, [list(kv) for kv in ex.case])
    ws.column_dimensions["B"].width = 70
    ws = wb.create_sheet("Facilities")
    _table(ws, [f"{k} [{z}]" for k, z in FACILITY_COLUMNS], ex.facilities)
    used = [(k, z) for k, z in ACTIVITY_COLUMNS if any(a.get(k) not in (None, "") for a in ex.activities)
            or k in ("facility", "source", "item", "quantity", "unit")]
    ws = wb.create_sheet("Activities")
    _table(ws, [f"{k} [{z}]" for k, z in used],
           [[(a.get(k) if a.get(k) != "" else None) for k, _ in used] for a in ex.activities])
    if ex.instruments:
        ws = wb.create_sheet("Instruments")
        _table(ws, [f"{k} [{z}]" for k, z in INSTRUMENT_COLUMNS], ex.instruments)
    _register_sheet(wb, ex)
    _ets_sheets(wb, ex)
    return wb


ETS_COLUMNS = [("unit", "机组"), ("facility", "设施"), ("class", "机组类别"), ("generation", "发电量"),
               ("supply", "供电量"), ("heat", "供热量"), ("load_factor", "负荷率"), ("cooling", "冷却方式")]
ABATEMENT_COLUMNS = [("measure", "措施"), ("tonnes", "年减排量"), ("cost_per_t", "单位减排成本")]


def _ets_sheets(wb: Workbook, ex: Exercise) -> None:
    """The key's ETS sheet, for an exercise that has one (its Abatement sheet is a source document)."""
    if getattr(ex, "ets", None):
        _table(wb.create_sheet("ETS"), [f"{k} [{z}]" for k, z in ETS_COLUMNS], ex.ets)


def write_all(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for make in EXERCISES:
        ex = make()
        for add in TRAINER_ADDITIONS.get(ex.name, ()):
            add(ex)
        path = out / f"{ex.name}.xlsx"
        build(ex).save(path)
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    for p in write_all(out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
