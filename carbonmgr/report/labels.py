"""Every heading and label of the report and the Excel export, in English and Chinese.

``label(key, lang, **params)`` formats ``LABELS[key]`` (an ``(en, zh)`` pair).
"""
from __future__ import annotations

from carbonmgr.inventory.notes import note_text  # noqa: F401  (re-exported for the report)


LABELS: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- cover, frame
    "report_title": ("Greenhouse Gas Emissions Report", "温室气体排放报告"),
    "report_subtitle_gbt32150": ("prepared under GB/T 32150-2015 and the Chinese enterprise accounting guidelines",
                                 "依据 GB/T 32150-2015 及企业温室气体排放核算方法与报告指南编制"),
    "report_subtitle_ghgp": ("prepared under the GHG Protocol Corporate Standard and Scope 2 Guidance",
                             "依据温室气体核算体系（GHG Protocol）企业标准及范围二指南编制"),
    "report_subtitle_iso14064": ("prepared under ISO 14064-1:2018", "依据 ISO 14064-1:2018 编制"),
    "reporting_entity": ("Reporting entity", "报告主体"),
    "case_title": ("Inventory", "核算项目"),
    "reporting_year": ("Reporting year", "报告年度"),
    "reporting_period": ("Reporting period", "报告期"),
    "period_value": ("1 January {year} – 31 December {year}", "{year} 年 1 月 1 日至 {year} 年 12 月 31 日"),
    "standard": ("Standard", "核算标准"),
    "gwp_set": ("GWP values", "全球变暖潜势（GWP）值"),
    "report_date": ("Report date", "报告日期"),
    "prepared_with": ("Prepared with CarbonMgr {version}", "由 CarbonMgr {version} 生成"),
    "total_emissions": ("Total emissions", "排放总量"),
    "toc": ("Contents", "目录"),
    "page_of": ("Page {n} of {total}", "第 {n} 页 / 共 {total} 页"),
    "placeholder": ("[to be completed]", "【待填写】"),
    "none": ("none", "无"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "joint": ("joint", "共同控制"),
    "rounding_note": ("Figures are rounded to whole tonnes; totals may differ from the sum of the rounded rows.",
                      "各项数值四舍五入至整吨，合计与各项之和可能存在尾差。"),
    "unit_tco2e": ("t CO2e", "t CO2e"),
    "unit_t": ("t", "t"),
    "chart_caption": ("Figure {n}. {title}", "图 {n}  {title}"),

    # ---------------------------------------------------------------- GB/T 32150 sections
    "gbt_s1": ("Basic information of the reporting entity", "报告主体基本信息"),
    "gbt_s2": ("Greenhouse gas emissions", "温室气体排放量"),
    "gbt_s3": ("Activity data and their sources", "活动水平数据及来源说明"),
    "gbt_s4": ("Emission factors and their sources", "排放因子数据及来源说明"),
    "gbt_s5": ("Other notes", "其他希望说明的情况"),
    "gbt_s6": ("Quality assurance and record keeping", "质量保证和文件存档"),
    "gbt_s2_by_source": ("Emissions by source type", "按排放源类别的排放量"),
    "gbt_s2_by_gas": ("Emissions by gas", "按温室气体种类的排放量"),
    "gbt_s2_by_facility": ("Emissions by facility", "按设施的排放量"),
    "gbt_s2_reference": ("For reference: Scope 2 methods and Scope 3", "参考信息：范围二核算方法与范围三"),
    "gbt_s2_charts": ("Charts", "排放构成图"),
    "gbt_s4_params": ("Parameters used", "采用的参数"),
    "gbt_s4_gwp": ("Global warming potentials", "全球变暖潜势（GWP）"),
    "gbt_s1_facilities": ("Facilities in the accounting boundary", "核算边界内的设施"),
    "gbt_s1_profile": ("Description of the entity", "企业概况"),
    "company": ("Name", "报告主体名称"),
    "credit_code": ("Unified social credit code", "统一社会信用代码"),
    "entity_type": ("Type of entity", "单位性质"),
    "industry": ("Industry", "所属行业"),
    "legal_representative": ("Legal representative", "法定代表人"),
    "responsible_person": ("Person responsible for the report", "填报负责人"),
    "contact": ("Contact", "联系人"),
    "address": ("Address", "地址"),
    "consolidation": ("Consolidation approach", "合并方法（核算边界）"),
    "base_year": ("Base year", "基准年"),
    "other_info": ("Other information", "其他信息"),
    "fuel_combustion": ("Fossil fuel combustion", "化石燃料燃烧排放"),
    "process_emissions": ("Industrial processes", "工业生产过程排放"),
    "fugitive_emissions": ("Fugitive emissions (refrigerants and other gases)", "逸散排放（制冷剂等）"),
    "net_electricity": ("Purchased electricity", "净购入电力排放"),
    "net_heat": ("Purchased heat", "净购入热力排放"),
    "exported_electricity": ("Exported electricity (deducted)", "输出电力（扣减）"),
    "exported_heat": ("Exported heat (deducted)", "输出热力（扣减）"),
    "total_gbt": ("Total greenhouse gas emissions", "温室气体排放总量"),
    "biogenic_separate": ("Biogenic CO2 (reported separately, not in the total)", "生物质燃烧 CO2（单独报告，不计入总量）"),
    "category": ("Category", "类别"),
    "subtotal_of": ("  of which {name}", "  其中：{name}"),
    "green_rule_note": ("Purchased electricity follows the Chinese green-power rule where green certificates or "
                        "green power are held: green power counts zero, the rest uses the national factor "
                        "excluding market-traded non-fossil power.",
                        "持有绿证或绿色电力的设施按绿色电力核算规则：绿色电力按零排放计，其余电量采用不含"
                        "市场化交易非化石能源电量的全国电力排放因子。"),
    "scope3_not_in_total": ("Scope 3 is not part of the GB/T 32150 total; it is shown for reference.",
                            "范围三排放不计入 GB/T 32150 排放总量，仅供参考。"),
    "activity_intro": ("Activity data of each emission source, summed over the lines of the case that share "
                       "facility, source, item, unit and parameters; the data sources are the evidence named "
                       "on the lines. Each line is listed in Appendix A.",
                       "各排放源的活动水平数据（设施、排放源、品种、单位与参数相同的数据行合并列示），数据来源为各"
                       "数据行注明的凭证；逐行数据见附录 A。"),
    "factor_intro": ("Each parameter used, its value, its source and why it was chosen. Library factors are the "
                     "defaults of the cited documents; values given on a line are the entity's own (measured or "
                     "supplier) values.",
                     "所采用的各项参数、数值、来源及选取理由。因子库中的因子为所引文件的缺省值；数据行中填写的"
                     "数值为企业实测值或供应商提供值。"),
    "lines_count": ("lines", "行数"),
    "evidence": ("Data source (evidence)", "数据来源（凭证）"),
    "line_note": ("Note", "说明"),
    "parameter": ("Parameter", "参数"),
    "value": ("Value", "数值"),
    "unit": ("Unit", "单位"),
    "source_doc": ("Source", "来源"),
    "reason": ("Why chosen", "选取理由"),
    "reason_library": ("default value of the cited document (factor set {set}; {status})",
                       "所引文件的缺省值（因子集 {set}；{status}）"),
    "factor_sources": ("Documents the factors come from", "因子来源文件"),
    "reason_line": ("measured or supplier value given on the line (row {rows})", "企业实测或供应商提供值（数据行第 {rows} 行填写）"),
    "reason_case": ("value set for the case", "案例设定值"),
    "reason_constant": ("constant", "常数"),
    "reason_gwp": ("GWP of the case's set {set}", "采用本案例 GWP 值集 {set}"),
    "gas": ("Gas", "气体"),
    "mass_t": ("Mass (t)", "质量（t）"),
    "gwp": ("GWP", "GWP"),
    "gwp_source": ("Source of the GWP", "GWP 来源"),
    "warnings": ("Warnings from the calculation", "核算提示"),
    "calc_notes": ("Notes on the calculation", "计算说明"),
    "uncertainty": ("Uncertainty", "不确定性"),
    "uncertainty_value": ("Uncertainty of the total (IPCC Approach 1, 95 % confidence): ±{pct} %. "
                          "{with_n} line(s) gave an uncertainty, {without_n} did not.",
                          "排放总量的不确定性（IPCC 方法 1，95% 置信区间）：±{pct}%。{with_n} 条数据行给出了不确定性，"
                          "{without_n} 条未给出。"),
    "uncertainty_none": ("No line gives an uncertainty; the uncertainty of the total was not assessed.",
                         "数据行均未给出不确定性，未评估排放总量的不确定性。"),
    "excluded_facilities": ("Facilities outside the boundary", "未纳入核算边界的设施"),
    "excluded_none": ("No facility or line is excluded.", "没有被排除的设施或数据行。"),
    "excluded_facility_line": ("{facility}: consolidated share 0 % under {approach}",
                               "{facility}：按{approach}纳入比例为 0%"),
    "excluded_lines": ("Lines with a consolidated share of 0 % (rows {rows})", "纳入比例为 0% 的数据行（第 {rows} 行）"),
    "no_notes": ("No further notes.", "无其他说明。"),
    "rows": ("rows", "行"),
    "qa_intro": ("The quality management of the emission data (GB/T 32150 clause 9, the accounting guidelines' "
                 "chapter on quality assurance and record keeping). Items marked {ph} are to be completed by the "
                 "reporting entity.",
                 "排放数据的质量管理（GB/T 32150 第 9 章及核算指南“质量保证和文件存档”）。标注{ph}的内容由报告主体补充填写。"),
    "qa_responsible": ("Responsible staff", "负责人员与职责"),
    "qa_monitoring_plan": ("Monitoring plan", "监测计划"),
    "qa_records": ("Data records and ledgers", "数据记录与台账"),
    "qa_archiving": ("Archiving", "文件存档"),
    "qa_audit": ("Internal audit", "内部审核"),
    "qa_hint_responsible": ("name the staff responsible for the data and the report, and their duties",
                            "请写明负责排放数据和报告的人员及其职责"),
    "qa_hint_monitoring_plan": ("describe how each activity datum is measured (meters, their calibration) and "
                                "whether NCV or carbon content are measured",
                                "请说明各项活动数据的计量方式（计量器具及其检定），以及是否实测低位发热量或含碳量"),
    "qa_hint_records": ("list the ledgers and invoices behind the activity data", "请列出活动数据所依据的台账和票据"),
    "qa_hint_archiving": ("state where the records are kept and for how long (at least 5 years for the national ETS)",
                          "请说明记录的保存地点和期限（全国碳市场要求至少保存 5 年）"),
    "qa_hint_audit": ("describe the internal check of the data before the report is submitted",
                      "请说明报告提交前对数据的内部审核"),
    "qa_documents": ("Source documents in the case: {names}.", "案例附带的原始凭证：{names}。"),
    "qa_evidence": ("Evidence named on the activity lines: {names}.", "数据行注明的凭证：{names}。"),

    # ---------------------------------------------------------------- GHG Protocol / ISO 14064-1
    "int_s1": ("Company and inventory boundary", "公司与清单边界"),
    "int_s1_org": ("Reporting organisation", "报告组织"),
    "int_s1_orgb": ("Organisational boundary", "组织边界"),
    "int_s1_opb": ("Operational boundary", "运营边界"),
    "int_s1_period": ("Reporting period", "报告期"),
    "int_s2": ("Emissions summary", "排放汇总"),
    "int_s2_scope2": ("Scope 2: location-based and market-based", "范围二：基于位置与基于市场"),
    "int_s3": ("Emissions by gas", "按温室气体种类的排放"),
    "int_s4": ("Emissions by facility and source type", "按设施和排放源类别的排放"),
    "int_s5": ("Scope 3 emissions by category", "范围三排放（按类别）"),
    "int_s6_iso": ("ISO 14064-1 categories", "ISO 14064-1 排放类别"),
    "int_s7": ("Base year", "基准年"),
    "int_s8": ("Methodologies and emission factors", "核算方法与排放因子"),
    "int_s8_methods": ("Calculation methods", "计算方法"),
    "int_s8_factors": ("Emission factors and their sources", "排放因子及其来源"),
    "int_s8_gwp": ("GWP values used and their source", "所用 GWP 值及其来源"),
    "int_s9": ("Exclusions", "排除项"),
    "int_s10": ("Uncertainty and other notes", "不确定性与其他说明"),
    "int_s11_iso": ("Statement of conformity and verification", "符合性声明与核查"),
    "responsible_person_int": ("Responsible person", "负责人"),
    "consolidation_text": ("Emissions are consolidated by the {approach} approach: each facility's emissions are "
                           "included at the share shown below.",
                           "排放按{approach}合并：各设施的排放按下表所列比例计入。"),
    "facility_id": ("ID", "编号"),
    "facility_name": ("Facility", "设施"),
    "region": ("Region", "地区"),
    "equity_share": ("Equity share", "股权比例"),
    "financial_control": ("Financial control", "财务控制"),
    "operational_control": ("Operational control", "运营控制"),
    "share_included": ("Share included", "纳入比例"),
    "opb_text": ("The inventory covers Scope 1 (direct emissions) and Scope 2 (indirect emissions from purchased "
                 "electricity and heat){s3}. Source types present: {sources}.",
                 "清单涵盖范围一（直接排放）和范围二（外购电力、热力的间接排放）{s3}。涉及的排放源类别：{sources}。"),
    "opb_s3": ("; Scope 3 covers categories {cats}", "；范围三涵盖类别 {cats}"),
    "opb_s3_one": ("; Scope 3 covers category {cats}", "；范围三涵盖类别 {cats}"),
    "scope1": ("Scope 1", "范围一"),
    "scope2_location": ("Scope 2 (location-based)", "范围二（基于位置）"),
    "scope2_market": ("Scope 2 (market-based)", "范围二（基于市场）"),
    "scope2_reported": ("Scope 2 (reported under GB/T 32150)", "范围二（GB/T 32150 报告值）"),
    "scope3": ("Scope 3", "范围三"),
    "total_s12": ("Total Scope 1 + Scope 2 (location-based)", "范围一 + 范围二（基于位置）合计"),
    "total_s12_market": ("Total Scope 1 + Scope 2 (market-based)", "范围一 + 范围二（基于市场）合计"),
    "exported_info": ("Exported electricity and heat (information only, not deducted)", "输出电力和热力（仅供参考，不扣减）"),
    "biogenic_outside": ("Biogenic CO2 (outside the scopes)", "生物质 CO2（不计入各范围）"),
    "trades_note": ("Scope 1 and Scope 2 are reported independent of any GHG trades (sales, purchases, transfers or "
                    "banking of allowances).",
                    "范围一和范围二排放的报告不受任何温室气体交易（配额的出售、购买、转让或存储）影响。"),
    "scope2_text": ("Both Scope 2 figures are reported, each labelled (GHG Protocol Scope 2 Guidance §7.1). "
                    "The market-based figure uses the contractual instruments below; electricity without an "
                    "instrument uses {residual}.",
                    "范围二按两种方法分别报告并标明（GHG Protocol 范围二指南 §7.1）。基于市场的数值采用下列合同工具；"
                    "无合同工具的电量采用{residual}。"),
    "residual_case": ("the residual mix factor {ef} t CO2e/MWh", "剩余组合排放因子 {ef} t CO2e/MWh"),
    "residual_location": ("the location-based grid factor (no residual mix given)", "基于位置的电网排放因子（未提供剩余组合因子）"),
    "instrument_type": ("Instrument", "合同工具"),
    "instrument_mwh": ("MWh", "电量（MWh）"),
    "instrument_ef": ("Factor (t CO2e/MWh)", "排放因子（t CO2e/MWh）"),
    "no_instruments": ("No contractual instruments: the market-based figure equals the location-based figure "
                       "where no residual mix is given.",
                       "无合同工具：未提供剩余组合因子时，基于市场的数值等于基于位置的数值。"),
    "gas_note": ("Scope 1 and Scope 2 emissions of each gas, in metric tonnes of the gas and in t CO2e. Blends and "
                 "HFCs are summed by mass.",
                 "范围一和范围二中各温室气体的排放量，以气体质量（t）和二氧化碳当量（t CO2e）表示；混合制冷剂和 HFCs 按质量加总。"),
    "co2e_only": ("CO2e (factor not split by gas)", "CO2e（因子未按气体拆分）"),
    "s3_category_col": ("Scope 3 category", "范围三类别"),
    "no_scope3": ("No Scope 3 emissions are reported.", "未报告范围三排放。"),
    "iso_category_col": ("ISO 14064-1 category", "ISO 14064-1 类别"),
    "iso_note": ("Categories 3 to 6 are indirect emissions; the total above comprises categories 1 and 2.",
                 "类别 3 至 6 为间接排放；上文的排放总量由类别 1 和 2 组成。"),
    "base_year_text": ("Base year: {year}. Base-year emissions are recalculated when structural changes, changes of "
                       "method or errors change them significantly.",
                       "基准年：{year} 年。如结构变化、方法变更或错误导致基准年排放发生显著变化，将重新计算基准年排放。"),
    "base_year_missing": ("No base year is set in the case (Case sheet key base_year).",
                          "案例未设定基准年（Case 工作表的 base_year）。"),
    "recalc_policy": ("Recalculation policy", "重新计算政策"),
    "method": ("Method", "方法"),
    "formula": ("Formula", "公式"),
    "used_for": ("Used for", "适用于"),
    "factor_sets": ("Factor sets", "因子集"),
    "settings": ("Calculation settings: {items}.", "核算设置：{items}。"),
    "exported_not_deducted": ("Exported electricity and heat ({value} t CO2e) are not deducted from Scope 1 or 2.",
                              "输出电力和热力（{value} t CO2e）不从范围一或范围二中扣减。"),
    "other_exclusions": ("Other exclusions", "其他排除项"),
    "conformity": ("This report was prepared in accordance with ISO 14064-1:2018.", "本报告依据 ISO 14064-1:2018 编制。"),
    "verification": ("Verification", "核查情况"),
    "verification_hint": ("state whether the report was verified, by whom and to which level of assurance",
                          "请说明本报告是否经过核查、核查机构及保证等级"),
    "intended_use": ("Intended use and users", "预期用途与使用者"),
    "intended_use_hint": ("state the intended users and use of the report", "请说明报告的预期使用者和用途"),

    # ---------------------------------------------------------------- tables and charts
    "row": ("Row", "行号"),
    "facility": ("Facility", "设施"),
    "source": ("Source", "排放源"),
    "item": ("Item", "品种"),
    "quantity": ("Quantity", "活动数据"),
    "scope": ("Scope", "范围"),
    "tco2e": ("t CO2e", "t CO2e"),
    "t": ("t", "t"),
    "share": ("Share", "纳入比例"),
    "chart_scope": ("Emissions by scope", "按范围的排放"),
    "chart_source": ("Emissions by source type", "按排放源类别的排放"),
    "chart_facility": ("Emissions by facility", "按设施的排放"),
    "chart_gas": ("Emissions by gas", "按温室气体的排放"),
    "chart_exported": ("Exported (deducted)", "输出（扣减）"),
    "others": ("Others ({n})", "其他（{n} 个）"),

    # ---------------------------------------------------------------- appendix
    "appendix": ("Appendix A. Calculation of every line", "附录 A  逐行计算过程"),
    "appendix_intro": ("Lines that share facility, source, item, unit and parameters are calculated with the same "
                       "method and factors; each such group is shown once, with its total activity data, followed "
                       "by its lines.",
                       "设施、排放源、品种、单位和参数相同的数据行采用相同的方法和因子，每组计算过程只列出一次（活动数据为"
                       "该组合计），其后列出该组的各数据行。"),
    "group_title": ("A.{n}  {facility} · {source} · {item}", "A.{n}  {facility} · {source} · {item}"),
    "group_lines": ("{n} line(s)", "{n} 行"),
    "result": ("Result", "结果"),
    "per_unit": ("per {unit}", "每 {unit}"),
    "line_single": ("Row {row}: {qty} {unit} → {t} t CO2e", "第 {row} 行：{qty} {unit} → {t} t CO2e"),
    "ad_sum": ("sum of {n} lines", "{n} 行合计"),
    "equipment_row": ("Equipment register, row {row}", "设备登记表第 {row} 行"),
    "no_result": ("not calculated", "未计算"),
    "origin": ("Origin", "依据"),
    "origin_line": ("line", "数据行"),
    "origin_case": ("case", "案例设定"),
    "origin_library": ("factor library", "因子库"),
    "origin_constant": ("constant", "常数"),
    "share_note": ("Consolidated share {pct} %", "纳入比例 {pct}%"),
    "gwp_used": ("GWP: {items}", "GWP：{items}"),
    "notes": ("Notes", "说明"),

    # ---------------------------------------------------------------- Excel export
    "x_results": ("Results", "结果"),
    "x_factors": ("Factors", "因子"),
    "x_totals": ("Totals", "合计"),
    "x_key": ("key", "键"),
    "x_label": ("label", "名称"),
    "x_value": ("value", "数值"),
}

SCOPE3_CATEGORIES: dict[int, tuple[str, str]] = {
    1: ("Purchased goods and services", "购买的商品和服务"),
    2: ("Capital goods", "资本货物"),
    3: ("Fuel- and energy-related activities", "燃料和能源相关活动"),
    4: ("Upstream transportation and distribution", "上游运输和配送"),
    5: ("Waste generated in operations", "运营中产生的废弃物"),
    6: ("Business travel", "商务差旅"),
    7: ("Employee commuting", "员工通勤"),
    8: ("Upstream leased assets", "上游租赁资产"),
    9: ("Downstream transportation and distribution", "下游运输和配送"),
    10: ("Processing of sold products", "售出产品的加工"),
    11: ("Use of sold products", "售出产品的使用"),
    12: ("End-of-life treatment of sold products", "售出产品的报废处理"),
    13: ("Downstream leased assets", "下游租赁资产"),
    14: ("Franchises", "特许经营"),
    15: ("Investments", "投资"),
}

ISO_CATEGORIES: dict[int, tuple[str, str]] = {
    1: ("Direct GHG emissions and removals", "直接温室气体排放和清除"),
    2: ("Indirect GHG emissions from imported energy", "输入能源的间接温室气体排放"),
    3: ("Indirect GHG emissions from transportation", "运输产生的间接温室气体排放"),
    4: ("Indirect GHG emissions from products used by the organization", "组织使用的产品产生的间接温室气体排放"),
    5: ("Indirect GHG emissions associated with the use of products from the organization",
        "与使用组织产品相关的间接温室气体排放"),
    6: ("Indirect GHG emissions from other sources", "其他来源的间接温室气体排放"),
}

STANDARDS: dict[str, tuple[str, str]] = {
    "gbt32150": ("GB/T 32150-2015 General guideline of greenhouse gas emissions accounting and reporting for "
                 "industrial enterprises", "GB/T 32150-2015《工业企业温室气体排放核算和报告通则》"),
    "ghgp": ("GHG Protocol Corporate Accounting and Reporting Standard (revised edition) with the Scope 2 Guidance",
             "温室气体核算体系（GHG Protocol）企业核算与报告标准（修订版）及范围二指南"),
    "iso14064": ("ISO 14064-1:2018 Greenhouse gases — Part 1: Specification with guidance at the organization "
                 "level for quantification and reporting of greenhouse gas emissions and removals",
                 "ISO 14064-1:2018《温室气体 第 1 部分：组织层次上对温室气体排放和清除的量化和报告的规范及指南》"),
}
STANDARD_SHORT = {"gbt32150": ("GB/T 32150", "GB/T 32150"), "ghgp": ("GHG Protocol", "GHG Protocol"),
                  "iso14064": ("ISO 14064-1", "ISO 14064-1")}

CONSOLIDATIONS: dict[str, tuple[str, str]] = {
    "operational_control": ("operational control", "运营控制权法"),
    "financial_control": ("financial control", "财务控制权法"),
    "equity_share": ("equity share", "股权比例法"),
}

STATUS: dict[str, tuple[str, str]] = {
    "verified": ("verified", "已核实"),
    "secondary": ("secondary source", "二手来源"),
    "unverified": ("unverified", "未核实"),
}

METHODS: dict[str, tuple[str, str]] = {
    "cn_combustion": ("Fuel combustion, Chinese guideline method", "化石燃料燃烧（中国核算指南方法）"),
    "cn_element_carbon": ("Fuel combustion from element carbon", "化石燃料燃烧（元素碳含量法）"),
    "per_gas": ("Emission factor per gas", "分气体排放因子法"),
    "co2e_factor": ("CO2e emission factor", "CO2e 排放因子法"),
    "process": ("Process emissions (materials and carbonates)", "工业生产过程排放（原料、碳酸盐）"),
    "gas_release": ("Released mass × GWP", "释放量 × GWP"),
    "energy_factor": ("Energy × emission factor", "能源量 × 排放因子"),
    "user_co2e": ("Factor given on the line (CO2e)", "数据行给出的排放因子（CO2e）"),
    "user_per_gas": ("Factors given on the line (per gas)", "数据行给出的分气体排放因子"),
    "spend_based": ("Spend-based (EEIO factor)", "基于支出法（投入产出因子）"),
    "supplier_specific": ("Supplier-specific factor", "供应商特定因子法"),
    "fuel_based": ("Fuel-based", "基于燃料法"),
    "distance_based": ("Distance-based", "基于距离法"),
    "average_data": ("Average-data", "平均数据法"),
    "refrigerant_screening": ("Refrigerant equipment, screening method", "制冷设备筛选法"),
    "refrigerant_material_balance": ("Refrigerant material balance", "制冷剂物料平衡法"),
    "refrigerant_simplified_material_balance": ("Refrigerant simplified material balance", "制冷剂简化物料平衡法"),
}

PARAMS: dict[str, tuple[str, str]] = {
    "NCV": ("net calorific value", "低位发热量"),
    "CC": ("carbon content per unit of heat", "单位热值含碳量"),
    "OF": ("oxidation rate", "碳氧化率"),
    "C_ar": ("element carbon content", "元素碳含量"),
    "EF": ("emission factor", "排放因子"),
    "EF_rest": ("national factor excl. market-traded non-fossil power", "不含市场化交易非化石能源电量的全国电力排放因子"),
    "GWP": ("global warming potential", "全球变暖潜势"),
    "purity": ("purity", "纯度"),
    "HHV": ("gross calorific value", "高位发热量"),
    "k_install": ("installation emission factor", "安装排放系数"),
    "x_operating": ("operating emission factor", "运行排放系数"),
    "y_remaining": ("refrigerant remaining at disposal", "报废时剩余制冷剂比例"),
    "z_recovery": ("recovery efficiency", "回收效率"),
}

ORIGINS = {"line": "origin_line", "case": "origin_case", "library": "origin_library", "constant": "origin_constant"}

# Notes the engine writes (English) and their Chinese form.


def label(key: str, lang: str, **params) -> str:
    en, zh = LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**params) if params else text


def pick(pair: tuple[str, str] | None, lang: str, default: str = "") -> str:
    if not pair:
        return default
    return pair[1] if lang == "zh" else pair[0]


def scope3_category(n: int | None, lang: str) -> str:
    if n is None:
        return "—"
    name = pick(SCOPE3_CATEGORIES.get(n), lang, "")
    return (f"{n} {name}" if lang != "zh" else f"类别 {n} {name}").strip()


def source_name(source: str, lang: str) -> str:
    from carbonmgr.inventory.model import SOURCE_NAMES

    names = SOURCE_NAMES.get(source)
    return (names[1] if lang == "zh" else names[0]) if names else source
