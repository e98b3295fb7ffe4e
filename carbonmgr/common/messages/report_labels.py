"""Report labels: every heading, label and name of the PDF report and the Excel export
(:mod:`carbonmgr.report.labels` renders them through :mod:`carbonmgr.common.i18n`)."""

MESSAGES = {
    # headings and labels
    "report.label.report_title": {"en": "Greenhouse Gas Emissions Report", "zh": "温室气体排放报告"},
    "report.label.report_subtitle_gbt32150": {
        "en": "prepared under GB/T 32150-2015 and the Chinese enterprise accounting guidelines",
        "zh": "依据 GB/T 32150-2015 及企业温室气体排放核算方法与报告指南编制",
    },
    "report.label.report_subtitle_ghgp": {
        "en": "prepared under the GHG Protocol Corporate Standard and Scope 2 Guidance",
        "zh": "依据温室气体核算体系（GHG Protocol）企业标准及范围二指南编制",
    },
    "report.label.report_subtitle_iso14064": {
        "en": "prepared under ISO 14064-1:2018",
        "zh": "依据 ISO 14064-1:2018 编制",
    },
    "report.label.reporting_entity": {"en": "Reporting entity", "zh": "报告主体"},
    "report.label.case_title": {"en": "Inventory", "zh": "核算项目"},
    "report.label.reporting_year": {"en": "Reporting year", "zh": "报告年度"},
    "report.label.reporting_period": {"en": "Reporting period", "zh": "报告期"},
    "report.label.period_value": {
        "en": "1 January {year} – 31 December {year}",
        "zh": "{year} 年 1 月 1 日至 {year} 年 12 月 31 日",
    },
    "report.label.standard": {"en": "Standard", "zh": "核算标准"},
    "report.label.sector_guideline": {"en": "Default fuel parameters from", "zh": "燃料参数缺省值依据"},
    "report.label.gwp_set": {"en": "GWP values", "zh": "全球变暖潜势（GWP）值"},
    "report.label.report_date": {"en": "Report date", "zh": "报告日期"},
    "report.label.prepared_with": {"en": "Prepared with CarbonMgr {version}", "zh": "由 CarbonMgr {version} 生成"},
    "report.label.total_emissions": {"en": "Total emissions", "zh": "排放总量"},
    "report.label.toc": {"en": "Contents", "zh": "目录"},
    "report.label.page_of": {"en": "Page {n} of {total}", "zh": "第 {n} 页 / 共 {total} 页"},
    "report.label.placeholder": {"en": "[to be completed]", "zh": "【待填写】"},
    "report.label.none": {"en": "none", "zh": "无"},
    "report.label.yes": {"en": "yes", "zh": "是"},
    "report.label.no": {"en": "no", "zh": "否"},
    "report.label.joint": {"en": "joint", "zh": "共同控制"},
    "report.label.rounding_note": {
        "en": "Figures are rounded to whole tonnes; totals may differ from the sum of the rounded rows.",
        "zh": "各项数值四舍五入至整吨，合计与各项之和可能存在尾差。",
    },
    "report.label.unit_tco2e": {"en": "t CO2e", "zh": "t CO2e"},
    "report.label.unit_t": {"en": "t", "zh": "t"},
    "report.label.chart_caption": {"en": "Figure {n}. {title}", "zh": "图 {n}  {title}"},
    "report.label.gbt_s1": {"en": "Basic information of the reporting entity", "zh": "报告主体基本信息"},
    "report.label.gbt_s2": {"en": "Greenhouse gas emissions", "zh": "温室气体排放量"},
    "report.label.gbt_s3": {"en": "Activity data and their sources", "zh": "活动水平数据及来源说明"},
    "report.label.gbt_s4": {"en": "Emission factors and their sources", "zh": "排放因子数据及来源说明"},
    "report.label.gbt_s5": {"en": "Other notes", "zh": "其他希望说明的情况"},
    "report.label.gbt_s6": {"en": "Quality assurance and record keeping", "zh": "质量保证和文件存档"},
    "report.label.gbt_s2_by_source": {"en": "Emissions by source type", "zh": "按排放源类别的排放量"},
    "report.label.gbt_s2_by_gas": {"en": "Emissions by gas", "zh": "按温室气体种类的排放量"},
    "report.label.gbt_s2_by_facility": {"en": "Emissions by facility", "zh": "按设施的排放量"},
    "report.label.gbt_s2_reference": {
        "en": "For reference: Scope 2 methods and Scope 3",
        "zh": "参考信息：范围二核算方法与范围三",
    },
    "report.label.gbt_s2_charts": {"en": "Charts", "zh": "排放构成图"},
    "report.label.gbt_s4_params": {"en": "Parameters used", "zh": "采用的参数"},
    "report.label.gbt_s4_gwp": {"en": "Global warming potentials", "zh": "全球变暖潜势（GWP）"},
    "report.label.gbt_s1_facilities": {"en": "Facilities in the accounting boundary", "zh": "核算边界内的设施"},
    "report.label.gbt_s1_profile": {"en": "Description of the entity", "zh": "企业概况"},
    "report.label.company": {"en": "Name", "zh": "报告主体名称"},
    "report.label.credit_code": {"en": "Unified social credit code", "zh": "统一社会信用代码"},
    "report.label.entity_type": {"en": "Type of entity", "zh": "单位性质"},
    "report.label.industry": {"en": "Industry", "zh": "所属行业"},
    "report.label.legal_representative": {"en": "Legal representative", "zh": "法定代表人"},
    "report.label.responsible_person": {"en": "Person responsible for the report", "zh": "填报负责人"},
    "report.label.contact": {"en": "Contact", "zh": "联系人"},
    "report.label.address": {"en": "Address", "zh": "地址"},
    "report.label.consolidation": {"en": "Consolidation approach", "zh": "合并方法（核算边界）"},
    "report.label.base_year": {"en": "Base year", "zh": "基准年"},
    "report.label.other_info": {"en": "Other information", "zh": "其他信息"},
    "report.label.fuel_combustion": {"en": "Fossil fuel combustion", "zh": "化石燃料燃烧排放"},
    "report.label.process_emissions": {"en": "Industrial processes", "zh": "工业生产过程排放"},
    "report.label.fugitive_emissions": {
        "en": "Fugitive emissions (refrigerants and other gases)",
        "zh": "逸散排放（制冷剂等）",
    },
    "report.label.net_electricity": {"en": "Purchased electricity", "zh": "净购入电力排放"},
    "report.label.net_heat": {"en": "Purchased heat", "zh": "净购入热力排放"},
    "report.label.exported_electricity": {"en": "Exported electricity (deducted)", "zh": "输出电力（扣减）"},
    "report.label.exported_heat": {"en": "Exported heat (deducted)", "zh": "输出热力（扣减）"},
    "report.label.total_gbt": {"en": "Total greenhouse gas emissions", "zh": "温室气体排放总量"},
    "report.label.biogenic_separate": {
        "en": "Biogenic CO2 (reported separately, not in the total)",
        "zh": "生物质燃烧 CO2（单独报告，不计入总量）",
    },
    "report.label.category": {"en": "Category", "zh": "类别"},
    "report.label.subtotal_of": {"en": "  of which {name}", "zh": "  其中：{name}"},
    "report.label.green_rule_note": {
        "en": "Purchased electricity follows the Chinese green-power rule where green certificates or green "
              "power are held: green power counts zero, the rest uses the national factor excluding "
              "market-traded non-fossil power.",
        "zh": "持有绿证或绿色电力的设施按绿色电力核算规则：绿色电力按零排放计，其余电量采用不含市场化交易非"
              "化石能源电量的全国电力排放因子。",
    },
    "report.label.scope3_not_in_total": {
        "en": "Scope 3 is not part of the GB/T 32150 total; it is shown for reference.",
        "zh": "范围三排放不计入 GB/T 32150 排放总量，仅供参考。",
    },
    "report.label.activity_intro": {
        "en": "Activity data of each emission source, summed over the lines of the case that share facility, "
              "source, item, unit and parameters; the data sources are the evidence named on the lines. Each "
              "line is listed in Appendix A.",
        "zh": "各排放源的活动水平数据（设施、排放源、品种、单位与参数相同的数据行合并列示），数据来源为各数"
              "据行注明的凭证；逐行数据见附录 A。",
    },
    "report.label.factor_intro": {
        "en": "Each parameter used, its value, its source and why it was chosen. Library factors are the "
              "defaults of the cited documents; values given on a line are the entity's own (measured or "
              "supplier) values.",
        "zh": "所采用的各项参数、数值、来源及选取理由。因子库中的因子为所引文件的缺省值；数据行中填写的数值"
              "为企业实测值或供应商提供值。",
    },
    "report.label.lines_count": {"en": "lines", "zh": "行数"},
    "report.label.evidence": {"en": "Data source (evidence)", "zh": "数据来源（凭证）"},
    "report.label.line_note": {"en": "Note", "zh": "说明"},
    "report.label.parameter": {"en": "Parameter", "zh": "参数"},
    "report.label.value": {"en": "Value", "zh": "数值"},
    "report.label.unit": {"en": "Unit", "zh": "单位"},
    "report.label.source_doc": {"en": "Source", "zh": "来源"},
    "report.label.reason": {"en": "Why chosen", "zh": "选取理由"},
    "report.label.reason_library": {
        "en": "default value of the cited document (factor set {set}; {status})",
        "zh": "所引文件的缺省值（因子集 {set}；{status}）",
    },
    "report.label.factor_sources": {"en": "Documents the factors come from", "zh": "因子来源文件"},
    "report.label.reason_line": {
        "en": "measured or supplier value given on the line (row {rows})",
        "zh": "企业实测或供应商提供值（数据行第 {rows} 行填写）",
    },
    "report.label.reason_case": {"en": "value set for the case", "zh": "案例设定值"},
    "report.label.reason_constant": {"en": "constant", "zh": "常数"},
    "report.label.reason_gwp": {"en": "GWP of the case's set {set}", "zh": "采用本案例 GWP 值集 {set}"},
    "report.label.gas": {"en": "Gas", "zh": "气体"},
    "report.label.mass_t": {"en": "Mass (t)", "zh": "质量（t）"},
    "report.label.gwp": {"en": "GWP", "zh": "GWP"},
    "report.label.gwp_source": {"en": "Source of the GWP", "zh": "GWP 来源"},
    "report.label.warnings": {"en": "Warnings from the calculation", "zh": "核算提示"},
    "report.label.calc_notes": {"en": "Notes on the calculation", "zh": "计算说明"},
    "report.label.uncertainty": {"en": "Uncertainty", "zh": "不确定性"},
    "report.label.uncertainty_value": {
        "en": "Uncertainty of the total (IPCC Approach 1, 95 % confidence): ±{pct} %. {with_n} line(s) gave an "
              "uncertainty, {without_n} did not.",
        "zh": "排放总量的不确定性（IPCC 方法 1，95% 置信区间）：±{pct}%。{with_n}"
              " 条数据行给出了不确定性，{without_n} 条未给出。",
    },
    "report.label.uncertainty_none": {
        "en": "No line gives an uncertainty; the uncertainty of the total was not assessed.",
        "zh": "数据行均未给出不确定性，未评估排放总量的不确定性。",
    },
    "report.label.excluded_facilities": {"en": "Facilities outside the boundary", "zh": "未纳入核算边界的设施"},
    "report.label.excluded_none": {"en": "No facility or line is excluded.", "zh": "没有被排除的设施或数据行。"},
    "report.label.excluded_facility_line": {
        "en": "{facility}: consolidated share 0 % under {approach}",
        "zh": "{facility}：按{approach}纳入比例为 0%",
    },
    "report.label.excluded_lines": {
        "en": "Lines with a consolidated share of 0 % (rows {rows})",
        "zh": "纳入比例为 0% 的数据行（第 {rows} 行）",
    },
    "report.label.no_notes": {"en": "No further notes.", "zh": "无其他说明。"},
    "report.label.rows": {"en": "rows", "zh": "行"},
    "report.label.qa_intro": {
        "en": "The quality management of the emission data (GB/T 32150 clause 9, the accounting guidelines' "
              "chapter on quality assurance and record keeping). Items marked {ph} are to be completed by the "
              "reporting entity.",
        "zh": "排放数据的质量管理（GB/T 32150 第 9 章及核算指南“质量保证和文件存档”）。标注"
              "{ph}的内容由报告主体补充填写。",
    },
    "report.label.qa_responsible": {"en": "Responsible staff", "zh": "负责人员与职责"},
    "report.label.qa_monitoring_plan": {"en": "Monitoring plan", "zh": "监测计划"},
    "report.label.qa_records": {"en": "Data records and ledgers", "zh": "数据记录与台账"},
    "report.label.qa_archiving": {"en": "Archiving", "zh": "文件存档"},
    "report.label.qa_audit": {"en": "Internal audit", "zh": "内部审核"},
    "report.label.qa_hint_responsible": {
        "en": "name the staff responsible for the data and the report, and their duties",
        "zh": "请写明负责排放数据和报告的人员及其职责",
    },
    "report.label.qa_hint_monitoring_plan": {
        "en": "describe how each activity datum is measured (meters, their calibration) and whether NCV or "
              "carbon content are measured",
        "zh": "请说明各项活动数据的计量方式（计量器具及其检定），以及是否实测低位发热量或含碳量",
    },
    "report.label.qa_hint_records": {
        "en": "list the ledgers and invoices behind the activity data",
        "zh": "请列出活动数据所依据的台账和票据",
    },
    "report.label.qa_hint_archiving": {
        "en": "state where the records are kept and for how long (at least 5 years for the national ETS)",
        "zh": "请说明记录的保存地点和期限（全国碳市场要求至少保存 5 年）",
    },
    "report.label.qa_hint_audit": {
        "en": "describe the internal check of the data before the report is submitted",
        "zh": "请说明报告提交前对数据的内部审核",
    },
    "report.label.qa_documents": {
        "en": "Source documents in the case: {names}.",
        "zh": "案例附带的原始凭证：{names}。",
    },
    "report.label.qa_evidence": {
        "en": "Evidence named on the activity lines: {names}.",
        "zh": "数据行注明的凭证：{names}。",
    },
    "report.label.int_s1": {"en": "Company and inventory boundary", "zh": "公司与清单边界"},
    "report.label.int_s1_org": {"en": "Reporting organisation", "zh": "报告组织"},
    "report.label.int_s1_orgb": {"en": "Organisational boundary", "zh": "组织边界"},
    "report.label.int_s1_opb": {"en": "Operational boundary", "zh": "运营边界"},
    "report.label.int_s1_period": {"en": "Reporting period", "zh": "报告期"},
    "report.label.int_s2": {"en": "Emissions summary", "zh": "排放汇总"},
    "report.label.int_s2_scope2": {
        "en": "Scope 2: location-based and market-based",
        "zh": "范围二：基于位置与基于市场",
    },
    "report.label.int_s3": {"en": "Emissions by gas", "zh": "按温室气体种类的排放"},
    "report.label.int_s4": {"en": "Emissions by facility and source type", "zh": "按设施和排放源类别的排放"},
    "report.label.int_s5": {"en": "Scope 3 emissions by category", "zh": "范围三排放（按类别）"},
    "report.label.int_s6_iso": {"en": "ISO 14064-1 categories", "zh": "ISO 14064-1 排放类别"},
    "report.label.int_s7": {"en": "Base year", "zh": "基准年"},
    "report.label.int_s8": {"en": "Methodologies and emission factors", "zh": "核算方法与排放因子"},
    "report.label.int_s8_methods": {"en": "Calculation methods", "zh": "计算方法"},
    "report.label.int_s8_factors": {"en": "Emission factors and their sources", "zh": "排放因子及其来源"},
    "report.label.int_s8_gwp": {"en": "GWP values used and their source", "zh": "所用 GWP 值及其来源"},
    "report.label.int_s9": {"en": "Exclusions", "zh": "排除项"},
    "report.label.int_s10": {"en": "Uncertainty and other notes", "zh": "不确定性与其他说明"},
    "report.label.int_s11_iso": {"en": "Statement of conformity and verification", "zh": "符合性声明与核查"},
    "report.label.responsible_person_int": {"en": "Responsible person", "zh": "负责人"},
    "report.label.consolidation_text": {
        "en": "Emissions are consolidated by the {approach} approach: each facility's emissions are included "
              "at the share shown below.",
        "zh": "排放按{approach}合并：各设施的排放按下表所列比例计入。",
    },
    "report.label.facility_id": {"en": "ID", "zh": "编号"},
    "report.label.facility_name": {"en": "Facility", "zh": "设施"},
    "report.label.region": {"en": "Region", "zh": "地区"},
    "report.label.equity_share": {"en": "Equity share", "zh": "股权比例"},
    "report.label.financial_control": {"en": "Financial control", "zh": "财务控制"},
    "report.label.operational_control": {"en": "Operational control", "zh": "运营控制"},
    "report.label.share_included": {"en": "Share included", "zh": "纳入比例"},
    "report.label.opb_text": {
        "en": "The inventory covers Scope 1 (direct emissions) and Scope 2 (indirect emissions from purchased "
              "electricity and heat){s3}. Source types present: {sources}.",
        "zh": "清单涵盖范围一（直接排放）和范围二（外购电力、热力的间接排放）{s3}。涉及的排放源类别：{"
              "sources}。",
    },
    "report.label.opb_s3": {"en": "; Scope 3 covers categories {cats}", "zh": "；范围三涵盖类别 {cats}"},
    "report.label.opb_s3_one": {"en": "; Scope 3 covers category {cats}", "zh": "；范围三涵盖类别 {cats}"},
    "report.label.scope1": {"en": "Scope 1", "zh": "范围一"},
    "report.label.scope2_location": {"en": "Scope 2 (location-based)", "zh": "范围二（基于位置）"},
    "report.label.scope2_market": {"en": "Scope 2 (market-based)", "zh": "范围二（基于市场）"},
    "report.label.scope2_reported": {
        "en": "Scope 2 (reported under GB/T 32150)",
        "zh": "范围二（GB/T 32150 报告值）",
    },
    "report.label.scope3": {"en": "Scope 3", "zh": "范围三"},
    "report.label.total_s12": {
        "en": "Total Scope 1 + Scope 2 (location-based)",
        "zh": "范围一 + 范围二（基于位置）合计",
    },
    "report.label.total_s12_market": {
        "en": "Total Scope 1 + Scope 2 (market-based)",
        "zh": "范围一 + 范围二（基于市场）合计",
    },
    "report.label.exported_info": {
        "en": "Exported electricity and heat (information only, not deducted)",
        "zh": "输出电力和热力（仅供参考，不扣减）",
    },
    "report.label.biogenic_outside": {"en": "Biogenic CO2 (outside the scopes)", "zh": "生物质 CO2（不计入各范围）"},
    "report.label.trades_note": {
        "en": "Scope 1 and Scope 2 are reported independent of any GHG trades (sales, purchases, transfers or "
              "banking of allowances).",
        "zh": "范围一和范围二排放的报告不受任何温室气体交易（配额的出售、购买、转让或存储）影响。",
    },
    "report.label.scope2_text": {
        "en": "Both Scope 2 figures are reported, each labelled (GHG Protocol Scope 2 Guidance §7.1). The "
              "market-based figure uses the contractual instruments below; electricity without an instrument "
              "uses {residual}.",
        "zh": "范围二按两种方法分别报告并标明（GHG Protocol 范围二指南 §7.1）。基于市场的"
              "数值采用下列合同工具；无合同工具的电量采用{residual}。",
    },
    "report.label.residual_case": {
        "en": "the residual mix factor {ef} t CO2e/MWh",
        "zh": "剩余组合排放因子 {ef} t CO2e/MWh",
    },
    "report.label.residual_location": {
        "en": "the location-based grid factor (no residual mix given)",
        "zh": "基于位置的电网排放因子（未提供剩余组合因子）",
    },
    "report.label.instrument_type": {"en": "Instrument", "zh": "合同工具"},
    "report.label.instrument_mwh": {"en": "MWh", "zh": "电量（MWh）"},
    "report.label.instrument_ef": {"en": "Factor (t CO2e/MWh)", "zh": "排放因子（t CO2e/MWh）"},
    "report.label.no_instruments": {
        "en": "No contractual instruments: the market-based figure equals the location-based figure where no "
              "residual mix is given.",
        "zh": "无合同工具：未提供剩余组合因子时，基于市场的数值等于基于位置的数值。",
    },
    "report.label.gas_note": {
        "en": "Scope 1 and Scope 2 emissions of each gas, in metric tonnes of the gas and in t CO2e. Blends "
              "and HFCs are summed by mass.",
        "zh": "范围一和范围二中各温室气体的排放量，以气体质量（t）和二氧化碳当量（t CO2e）表示；混合"
              "制冷剂和 HFCs 按质量加总。",
    },
    "report.label.co2e_only": {"en": "CO2e (factor not split by gas)", "zh": "CO2e（因子未按气体拆分）"},
    "report.label.s3_category_col": {"en": "Scope 3 category", "zh": "范围三类别"},
    "report.label.no_scope3": {"en": "No Scope 3 emissions are reported.", "zh": "未报告范围三排放。"},
    "report.label.iso_category_col": {"en": "ISO 14064-1 category", "zh": "ISO 14064-1 类别"},
    "report.label.iso_note": {
        "en": "Categories 3 to 6 are indirect emissions; the total above comprises categories 1 and 2.",
        "zh": "类别 3 至 6 为间接排放；上文的排放总量由类别 1 和 2 组成。",
    },
    "report.label.base_year_text": {
        "en": "Base year: {year}. Base-year emissions are recalculated when structural changes, changes of "
              "method or errors change them significantly.",
        "zh": "基准年：{year} 年。如结构变化、方法变更或错误导致基准年排放发生显著变化，将重新计算基"
              "准年排放。",
    },
    "report.label.base_year_missing": {
        "en": "No base year is set in the case (Case sheet, base year).",
        "zh": "案例未设定基准年（案例工作表“基准年”）。",
    },
    "report.label.recalc_policy": {"en": "Recalculation policy", "zh": "重新计算政策"},
    "report.label.method": {"en": "Method", "zh": "方法"},
    "report.label.formula": {"en": "Formula", "zh": "公式"},
    "report.label.used_for": {"en": "Used for", "zh": "适用于"},
    "report.label.factor_sets": {"en": "Factor sets", "zh": "因子集"},
    "report.label.settings": {"en": "Calculation settings: {items}.", "zh": "核算设置：{items}。"},
    "report.label.exported_not_deducted": {
        "en": "Exported electricity and heat ({value} t CO2e) are not deducted from Scope 1 or 2.",
        "zh": "输出电力和热力（{value} t CO2e）不从范围一或范围二中扣减。",
    },
    "report.label.other_exclusions": {"en": "Other exclusions", "zh": "其他排除项"},
    "report.label.conformity": {
        "en": "This report was prepared in accordance with ISO 14064-1:2018.",
        "zh": "本报告依据 ISO 14064-1:2018 编制。",
    },
    "report.label.verification": {"en": "Verification", "zh": "核查情况"},
    "report.label.verification_hint": {
        "en": "state whether the report was verified, by whom and to which level of assurance",
        "zh": "请说明本报告是否经过核查、核查机构及保证等级",
    },
    "report.label.intended_use": {"en": "Intended use and users", "zh": "预期用途与使用者"},
    "report.label.intended_use_hint": {
        "en": "state the intended users and use of the report",
        "zh": "请说明报告的预期使用者和用途",
    },
    "report.label.row": {"en": "Row", "zh": "行号"},
    "report.label.facility": {"en": "Facility", "zh": "设施"},
    "report.label.source": {"en": "Source", "zh": "排放源"},
    "report.label.item": {"en": "Item", "zh": "品种"},
    "report.label.quantity": {"en": "Quantity", "zh": "活动数据"},
    "report.label.scope": {"en": "Scope", "zh": "范围"},
    "report.label.tco2e": {"en": "t CO2e", "zh": "t CO2e"},
    "report.label.t": {"en": "t", "zh": "t"},
    "report.label.share": {"en": "Share", "zh": "纳入比例"},
    "report.label.chart_scope": {"en": "Emissions by scope", "zh": "按范围的排放"},
    "report.label.chart_source": {"en": "Emissions by source type", "zh": "按排放源类别的排放"},
    "report.label.chart_facility": {"en": "Emissions by facility", "zh": "按设施的排放"},
    "report.label.chart_gas": {"en": "Emissions by gas", "zh": "按温室气体的排放"},
    "report.label.chart_exported": {"en": "Exported (deducted)", "zh": "输出（扣减）"},
    "report.label.others": {"en": "Others ({n})", "zh": "其他（{n} 个）"},
    "report.label.appendix": {"en": "Appendix A. Calculation of every line", "zh": "附录 A  逐行计算过程"},
    "report.label.appendix_intro": {
        "en": "Lines that share facility, source, item, unit and parameters are calculated with the same "
              "method and factors; each such group is shown once, with its total activity data, followed by "
              "its lines.",
        "zh": "设施、排放源、品种、单位和参数相同的数据行采用相同的方法和因子，每组计算过程只列出一次（活动"
              "数据为该组合计），其后列出该组的各数据行。",
    },
    "report.label.group_title": {
        "en": "A.{n}  {facility} · {source} · {item}",
        "zh": "A.{n}  {facility} · {source} · {item}",
    },
    "report.label.group_lines": {"en": "{n} line(s)", "zh": "{n} 行"},
    "report.label.result": {"en": "Result", "zh": "结果"},
    "report.label.per_unit": {"en": "per {unit}", "zh": "每 {unit}"},
    "report.label.line_single": {
        "en": "Row {row}: {qty} {unit} → {t} t CO2e",
        "zh": "第 {row} 行：{qty} {unit} → {t} t CO2e",
    },
    "report.label.ad_sum": {"en": "sum of {n} lines", "zh": "{n} 行合计"},
    "report.label.equipment_row": {"en": "Equipment register, row {row}", "zh": "设备登记表第 {row} 行"},
    "report.label.no_result": {"en": "not calculated", "zh": "未计算"},
    "report.label.origin": {"en": "Origin", "zh": "依据"},
    "report.label.origin_line": {"en": "line", "zh": "数据行"},
    "report.label.origin_case": {"en": "case", "zh": "案例设定"},
    "report.label.origin_library": {"en": "factor library", "zh": "因子库"},
    "report.label.origin_constant": {"en": "constant", "zh": "常数"},
    "report.label.share_note": {"en": "Consolidated share {pct} %", "zh": "纳入比例 {pct}%"},
    "report.label.gwp_used": {"en": "GWP: {items}", "zh": "GWP：{items}"},
    "report.label.notes": {"en": "Notes", "zh": "说明"},
    "report.label.x_results": {"en": "Results", "zh": "结果"},
    "report.label.x_factors": {"en": "Factors", "zh": "因子"},
    "report.label.x_totals": {"en": "Totals", "zh": "合计"},
    "report.label.x_key": {"en": "key", "zh": "键"},
    "report.label.x_label": {"en": "label", "zh": "名称"},
    "report.label.x_value": {"en": "value", "zh": "数值"},
    # GHG Protocol Scope 3 categories: "{n} {name}", and the name of each
    "report.scope3_category": {"en": "{n} {name}", "zh": "类别 {n} {name}"},
    "report.scope3_category.1": {"en": "Purchased goods and services", "zh": "购买的商品和服务"},
    "report.scope3_category.2": {"en": "Capital goods", "zh": "资本货物"},
    "report.scope3_category.3": {"en": "Fuel- and energy-related activities", "zh": "燃料和能源相关活动"},
    "report.scope3_category.4": {"en": "Upstream transportation and distribution", "zh": "上游运输和配送"},
    "report.scope3_category.5": {"en": "Waste generated in operations", "zh": "运营中产生的废弃物"},
    "report.scope3_category.6": {"en": "Business travel", "zh": "商务差旅"},
    "report.scope3_category.7": {"en": "Employee commuting", "zh": "员工通勤"},
    "report.scope3_category.8": {"en": "Upstream leased assets", "zh": "上游租赁资产"},
    "report.scope3_category.9": {"en": "Downstream transportation and distribution", "zh": "下游运输和配送"},
    "report.scope3_category.10": {"en": "Processing of sold products", "zh": "售出产品的加工"},
    "report.scope3_category.11": {"en": "Use of sold products", "zh": "售出产品的使用"},
    "report.scope3_category.12": {"en": "End-of-life treatment of sold products", "zh": "售出产品的报废处理"},
    "report.scope3_category.13": {"en": "Downstream leased assets", "zh": "下游租赁资产"},
    "report.scope3_category.14": {"en": "Franchises", "zh": "特许经营"},
    "report.scope3_category.15": {"en": "Investments", "zh": "投资"},
    # ISO 14064-1 categories
    "report.iso_category.1": {"en": "Direct GHG emissions and removals", "zh": "直接温室气体排放和清除"},
    "report.iso_category.2": {
        "en": "Indirect GHG emissions from imported energy",
        "zh": "输入能源的间接温室气体排放",
    },
    "report.iso_category.3": {"en": "Indirect GHG emissions from transportation", "zh": "运输产生的间接温室气体排放"},
    "report.iso_category.4": {
        "en": "Indirect GHG emissions from products used by the organization",
        "zh": "组织使用的产品产生的间接温室气体排放",
    },
    "report.iso_category.5": {
        "en": "Indirect GHG emissions associated with the use of products from the organization",
        "zh": "与使用组织产品相关的间接温室气体排放",
    },
    "report.iso_category.6": {"en": "Indirect GHG emissions from other sources", "zh": "其他来源的间接温室气体排放"},
    # standards, in full
    "report.standard.gbt32150": {
        "en": "GB/T 32150-2015 General guideline of greenhouse gas emissions accounting and reporting for "
              "industrial enterprises",
        "zh": "GB/T 32150-2015《工业企业温室气体排放核算和报告通则》",
    },
    "report.standard.ghgp": {
        "en": "GHG Protocol Corporate Accounting and Reporting Standard (revised edition) with the Scope 2 "
              "Guidance",
        "zh": "温室气体核算体系（GHG Protocol）企业核算与报告标准（修订版）及范围二指南",
    },
    "report.standard.iso14064": {
        "en": "ISO 14064-1:2018 Greenhouse gases — Part 1: Specification with guidance at the organization "
              "level for quantification and reporting of greenhouse gas emissions and removals",
        "zh": "ISO 14064-1:2018《温室气体 第 1 部分：组织层次上对温室气体排放和清除的量"
              "化和报告的规范及指南》",
    },
    # standards, short
    "report.standard_short.gbt32150": {"en": "GB/T 32150", "zh": "GB/T 32150"},
    "report.standard_short.ghgp": {"en": "GHG Protocol", "zh": "GHG Protocol"},
    "report.standard_short.iso14064": {"en": "ISO 14064-1", "zh": "ISO 14064-1"},
    # consolidation approaches
    "report.consolidation.operational_control": {"en": "operational control", "zh": "运营控制权法"},
    "report.consolidation.financial_control": {"en": "financial control", "zh": "财务控制权法"},
    "report.consolidation.equity_share": {"en": "equity share", "zh": "股权比例法"},
    # status of a factor
    "report.status.verified": {"en": "verified", "zh": "已核实"},
    "report.status.secondary": {"en": "secondary source", "zh": "二手来源"},
    "report.status.unverified": {"en": "unverified", "zh": "未核实"},
    # calculation methods
    "report.method.cn_combustion": {
        "en": "Fuel combustion, Chinese guideline method",
        "zh": "化石燃料燃烧（中国核算指南方法）",
    },
    "report.method.cn_element_carbon": {
        "en": "Fuel combustion from element carbon",
        "zh": "化石燃料燃烧（元素碳含量法）",
    },
    "report.method.per_gas": {"en": "Emission factor per gas", "zh": "分气体排放因子法"},
    "report.method.co2e_factor": {"en": "CO2e emission factor", "zh": "CO2e 排放因子法"},
    "report.method.process": {
        "en": "Process emissions (materials and carbonates)",
        "zh": "工业生产过程排放（原料、碳酸盐）",
    },
    "report.method.gas_release": {"en": "Released mass × GWP", "zh": "释放量 × GWP"},
    "report.method.energy_factor": {"en": "Energy × emission factor", "zh": "能源量 × 排放因子"},
    "report.method.user_co2e": {"en": "Factor given on the line (CO2e)", "zh": "数据行给出的排放因子（CO2e）"},
    "report.method.user_per_gas": {"en": "Factors given on the line (per gas)", "zh": "数据行给出的分气体排放因子"},
    "report.method.spend_based": {"en": "Spend-based (EEIO factor)", "zh": "基于支出法（投入产出因子）"},
    "report.method.supplier_specific": {"en": "Supplier-specific factor", "zh": "供应商特定因子法"},
    "report.method.fuel_based": {"en": "Fuel-based", "zh": "基于燃料法"},
    "report.method.distance_based": {"en": "Distance-based", "zh": "基于距离法"},
    "report.method.average_data": {"en": "Average-data", "zh": "平均数据法"},
    "report.method.refrigerant_screening": {"en": "Refrigerant equipment, screening method", "zh": "制冷设备筛选法"},
    "report.method.refrigerant_material_balance": {"en": "Refrigerant material balance", "zh": "制冷剂物料平衡法"},
    "report.method.refrigerant_simplified_material_balance": {
        "en": "Refrigerant simplified material balance",
        "zh": "制冷剂简化物料平衡法",
    },
    # parameters of a formula
    "report.param.NCV": {"en": "net calorific value", "zh": "低位发热量"},
    "report.param.CC": {"en": "carbon content per unit of heat", "zh": "单位热值含碳量"},
    "report.param.OF": {"en": "oxidation rate", "zh": "碳氧化率"},
    "report.param.C_ar": {"en": "element carbon content", "zh": "元素碳含量"},
    "report.param.EF": {"en": "emission factor", "zh": "排放因子"},
    "report.param.EF_rest": {
        "en": "national factor excl. market-traded non-fossil power",
        "zh": "不含市场化交易非化石能源电量的全国电力排放因子",
    },
    "report.param.GWP": {"en": "global warming potential", "zh": "全球变暖潜势"},
    "report.param.purity": {"en": "purity", "zh": "纯度"},
    "report.param.HHV": {"en": "gross calorific value", "zh": "高位发热量"},
    "report.param.k_install": {"en": "installation emission factor", "zh": "安装排放系数"},
    "report.param.x_operating": {"en": "operating emission factor", "zh": "运行排放系数"},
    "report.param.y_remaining": {"en": "refrigerant remaining at disposal", "zh": "报废时剩余制冷剂比例"},
    "report.param.z_recovery": {"en": "recovery efficiency", "zh": "回收效率"},
    # Excel export: Chinese names of the result sheets and their columns (see workbook.sheet_title, workbook.header)
    "report.export.sheet.Results": {"en": "Results", "zh": "结果"},
    "report.export.sheet.Factors": {"en": "Factors", "zh": "因子"},
    "report.export.sheet.Totals": {"en": "Totals", "zh": "合计"},
    "report.export.col.sheet": {"en": "sheet", "zh": "工作表"},
    "report.export.col.row": {"en": "row", "zh": "行号"},
    "report.export.col.facility": {"en": "facility", "zh": "设施"},
    "report.export.col.source": {"en": "source", "zh": "排放源"},
    "report.export.col.item": {"en": "item", "zh": "品种"},
    "report.export.col.quantity": {"en": "quantity", "zh": "数量"},
    "report.export.col.unit": {"en": "unit", "zh": "单位"},
    "report.export.col.scope": {"en": "scope", "zh": "范围"},
    "report.export.col.share": {"en": "share", "zh": "纳入比例"},
    "report.export.col.tco2e": {"en": "tco2e", "zh": "排放量 t CO2e"},
    "report.export.col.tco2e_location": {"en": "tco2e_location", "zh": "基于位置 t CO2e"},
    "report.export.col.tco2e_market": {"en": "tco2e_market", "zh": "基于市场 t CO2e"},
    "report.export.col.biogenic_co2": {"en": "biogenic_co2", "zh": "生物质 CO2 t"},
    "report.export.col.scope3_category": {"en": "scope3_category", "zh": "范围三类别"},
    "report.export.col.iso_category": {"en": "iso_category", "zh": "ISO 类别"},
    "report.export.col.method": {"en": "method", "zh": "方法"},
    "report.export.col.formula": {"en": "formula", "zh": "公式"},
    "report.export.col.gas_mass": {"en": "t {gas}", "zh": "{gas} 质量 t"},
    "report.export.col.factors": {"en": "factors", "zh": "因子"},
    "report.export.col.factor_sources": {"en": "factor_sources", "zh": "因子来源"},
    "report.export.col.notes": {"en": "notes", "zh": "说明"},
    "report.export.factor_col.key": {"en": "key", "zh": "因子键"},
    "report.export.factor_col.set": {"en": "set", "zh": "因子集"},
    "report.export.factor_col.item": {"en": "item", "zh": "品种"},
    "report.export.factor_col.param": {"en": "param", "zh": "参数"},
    "report.export.factor_col.gas": {"en": "gas", "zh": "气体"},
    "report.export.factor_col.variant": {"en": "variant", "zh": "变体"},
    "report.export.factor_col.value": {"en": "value", "zh": "数值"},
    "report.export.factor_col.unit": {"en": "unit", "zh": "单位"},
    "report.export.factor_col.region": {"en": "region", "zh": "地区"},
    "report.export.factor_col.year": {"en": "year", "zh": "数据年份"},
    "report.export.factor_col.source": {"en": "source", "zh": "来源"},
    "report.export.factor_col.publisher": {"en": "publisher", "zh": "发布机构"},
    "report.export.factor_col.year_published": {"en": "year_published", "zh": "发布年份"},
    "report.export.factor_col.status": {"en": "status", "zh": "状态"},
    "report.export.factor_col.tag": {"en": "tag", "zh": "核实标记"},
    "report.export.factor_col.note": {"en": "note", "zh": "备注"},
    "report.export.totals_col.key": {"en": "key", "zh": "键"},
    "report.export.totals_col.label": {"en": "label", "zh": "名称"},
    "report.export.totals_col.value": {"en": "value", "zh": "数值"},
    "report.export.totals_col.unit": {"en": "unit", "zh": "单位"},
    "report.label.exported_deducted": {"en": "exported energy (deducted)", "zh": "输出电力和热力（扣减）"},
    "report.label.chart_scope2_reported": {"en": "Scope 2 (reported under GB/T 32150)", "zh": "范围二（报告值）"},
    "report.label.gbt_s2_intro": {
        "en": "The total greenhouse gas emissions of {company} in {year} are {total} t CO2e, of which fossil fuel "
              "combustion {fuel} t CO2e and purchased electricity and heat {energy} t CO2e.",
        "zh": "{company} {year} 年度温室气体排放总量为 {total} 吨二氧化碳当量，其中化石燃料燃烧排放 {fuel} "
              "吨二氧化碳当量，净购入电力和热力排放 {energy} 吨二氧化碳当量。",
    },
    "report.label.year_missing": {"en": "—", "zh": ""},
}
