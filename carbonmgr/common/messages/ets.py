"""Messages of carbon trading: the ETS sheet, allocation, compliance and their traces."""

MESSAGES = {
    # -- the ETS sheet and the ETS keys (template help) ------------------------------------------
    "workbook.tpl.ets.ets_unit": {"en": "Required. The unit's id (one row per covered unit).",
                              "zh": "必填。机组编号（每台纳入配额管理的机组一行）。"},
    "workbook.tpl.ets.facility": {"en": "Optional. The facility the unit belongs to (an id of the Facilities sheet).",
                                  "zh": "可选。机组所属设施（设施表中的编号）。"},
    "workbook.tpl.ets.class": {
        "en": "Required. I (conventional coal, 300 MW class and above), II (conventional coal, 300 MW class and "
              "below), III (unconventional coal: coal gangue, slime, coal-water slurry, incl. CFB), gas; steel, "
              "cement, aluminium by the 2026 intensity rule.",
        "zh": "必填。I（300MW等级以上常规燃煤机组）、II（300MW等级及以下常规燃煤机组）、III（燃煤矸石、煤泥、水煤浆等"
              "非常规燃煤机组，含循环流化床）、gas（燃气机组）；钢铁、水泥、铝冶炼按 2026 年度碳排放强度系数法。"},
    "workbook.tpl.ets.generation": {"en": "Gross generation, MWh (allocated on from 2023).",
                                    "zh": "发电量，MWh（2023 年度起按发电量分配）。"},
    "workbook.tpl.ets.supply": {"en": "Net supply, MWh (allocated on before 2023).",
                                "zh": "供电量，MWh（2023 年度以前按供电量分配）。"},
    "workbook.tpl.ets.heat": {"en": "Heat supplied, GJ.", "zh": "供热量，GJ。"},
    "workbook.tpl.ets.load_factor": {
        "en": "Load (output) factor of the unit over the year: 0.6, 60 or 60%.",
        "zh": "统计期机组负荷（出力）系数：0.6、60 或 60%。"},
    "workbook.tpl.ets.cooling": {"en": "water or air (2019-2022 plans: air-cooled units × 1.05).",
                                 "zh": "water（水冷）或 air（空冷）（2019-2022 年度方案：空冷机组 × 1.05）。"},
    "workbook.tpl.ets.heat_ratio": {"en": "Heat ratio (share of heat in the unit's output), for 2019-2022.",
                                    "zh": "供热比，用于 2019-2022 年度。"},
    "workbook.tpl.ets.verified_emissions": {
        "en": "Optional. Verified emissions, t CO2. Empty: the emissions of the Activities lines marked with this "
              "unit (ets_unit) inside the year's ETS boundary.",
        "zh": "可选。经核查排放量，tCO2。为空时取活动数据中标注本机组（配额机组）且在当年度配额管理范围内的排放。"},
    "workbook.tpl.ets.intensity": {"en": "Steel, cement, aluminium: the unit's emission intensity, t CO2e per t.",
                                   "zh": "钢铁、水泥、铝冶炼：碳排放强度，tCO2e/t。"},
    "workbook.tpl.ets.balance_value": {"en": "Steel, cement, aluminium: the sector's balance value, t CO2e per t.",
                                       "zh": "钢铁、水泥、铝冶炼：行业平衡值，tCO2e/t。"},
    "workbook.tpl.ets.basis_supply": {
        "en": "Optional. For the pre-allocation of the 2019-2020 plan: the unit's net supply in 2018, MWh.",
        "zh": "可选。用于 2019-2020 年度方案的预分配：机组 2018 年供电量，MWh。"},
    "workbook.tpl.ets.basis_heat": {
        "en": "Optional. For the pre-allocation of the 2019-2020 plan: the unit's heat supplied in 2018, GJ.",
        "zh": "可选。用于 2019-2020 年度方案的预分配：机组 2018 年供热量，GJ。"},
    "workbook.tpl.ets.basis_emissions": {
        "en": "Optional. For the pre-allocation: the unit's verified emissions of the basis year, t CO2 (2022: "
              "those of 2021; from 2023: those of the previous year).",
        "zh": "可选。用于预分配：机组基准年经核查排放量，tCO2（2022 年度取 2021 年度的；2023 年度起取上一年度的）。"},
    "workbook.tpl.activities.ets_unit": {
        "en": "Optional. The ETS unit (ETS sheet) whose emissions this line is part of.",
        "zh": "可选。本行排放所属的配额机组（配额表中的机组编号）。"},
    "workbook.tpl.case.ets_year": {"en": "Optional. The ETS compliance year (default: the reporting year).",
                                   "zh": "可选。配额年度（默认取报告年度）。"},
    "workbook.tpl.case.carbon_price": {
        "en": "Optional. Carbon price, CNY/t (average of the month before the surrender deadline).",
        "zh": "可选。碳价，元/吨（清缴截止日前一个月的平均成交价）。"},
    "workbook.tpl.case.allowances_held": {"en": "Optional. Allowances held (bought or banked), t.",
                                          "zh": "可选。持有配额（购入或结转），吨。"},
    "workbook.tpl.case.ccer_offered": {"en": "Optional. CCER offered for surrender, t.",
                                       "zh": "可选。拟用于抵销的 CCER，吨。"},
    "workbook.tpl.case.allowances_borrowed": {
        "en": "Optional. Allowances borrowed from the 2023 pre-allocation to surrender (2021-2022 plan only: a gap "
              "rate of 10 % or more, at most 50 % of the gap), t.",
        "zh": "可选。从 2023 年度预分配配额中预支用于清缴的配额（仅 2021、2022 年度方案：配额缺口率 10% 及以上，"
              "不超过缺口量的 50%），吨。"},

    # -- problems ------------------------------------------------------------------------------
    "ets.duplicate_unit": {"en": 'unit "{unit}" is listed twice (first in row {first})',
                           "zh": "机组“{unit}”重复（首次出现在第 {first} 行）"},
    "ets.supply_above_generation": {
        "en": "unit {unit}: supply {supply} MWh is more than generation {generation} MWh (the net supply to the grid "
              "is the gross generation less the plant's own use)",
        "zh": "机组 {unit}：供电量 {supply} MWh 大于发电量 {generation} MWh（供电量为发电量扣除厂用电后的上网电量）"},
    "ets.heat_ratio_without_heat": {
        "en": "unit {unit}: heat_ratio {ratio} is given but heat is empty or 0 (a unit that supplies no heat has a "
              "heat ratio of 0)",
        "zh": "机组 {unit}：填写了供热比 {ratio}，但供热量为空或 0（不供热的机组供热比为 0）"},
    "ets.too_many_units": {"en": "more than {limit} units: the rest is not read",
                           "zh": "机组超过 {limit} 台：其余未读取"},
    "ets.zero": {"en": "\"{field}\" must not be 0", "zh": "“{field}”不能为 0"},
    "ets.no_plan": {"en": "no allocation plan for ETS year {year} (plans cover {first}-{last}); set ets_year",
                    "zh": "配额年度 {year} 没有配额分配方案（方案覆盖 {first}-{last} 年）；请填写配额年度"},
    "ets.year_missing": {
        "en": "the case has an ETS sheet but no ets_year [配额年度]: add the key ets_year with the compliance year "
              "({first}-{last}) to the Case sheet",
        "zh": "案例有配额表但未填写配额年度：请在案例表中添加“配额年度”（{first}-{last} 年）"},
    "ets.no_sheet_for_year": {
        "en": "ets_year {year} is given but the workbook has no ETS [配额] sheet with units (one row per covered "
              "unit: unit, class, generation or supply …)",
        "zh": "填写了配额年度 {year}，但工作簿没有列有机组的配额表（每台纳入机组一行：机组、机组类别、发电量或供电量……）"},
    "abatement.lifetime_needed": {
        "en": "capital or operating cost given without lifetime: fill in lifetime (years, more than 0) to spread "
              "them over, or give cost_per_t instead",
        "zh": "填写了初始投资或年运行成本，但未填写使用年限：请填写使用年限（年数，大于 0），或改填单位减排成本"},
    "ets.required": {"en": "unit {unit}: {field} is needed for the {year} allocation",
                     "zh": "机组 {unit}：{year} 年度配额计算需要“{field}”"},
    "ets.metric_required": {
        "en": "unit {unit}: the {year} plan allocates on {field}, which is empty",
        "zh": "机组 {unit}：{year} 年度方案按“{field}”分配，但该列为空"},
    "ets.sector_year": {"en": "unit {unit}: steel, cement and aluminium are allocated by our rules for 2026 only, "
                              "not {year}",
                        "zh": "机组 {unit}：钢铁、水泥、铝冶炼的分配规则仅收录 2026 年度，不含 {year} 年度"},
    "ets.unknown_unit": {"en": 'ETS unit "{value}" is not listed in the ETS sheet (units: {known})',
                         "zh": "配额机组“{value}”未在配额表中列出（已有机组：{known}）"},
    "ets.borrow_not_allowed": {
        "en": "allowances borrowed {borrowed} t: the {year} plan {plan} does not allow borrowing",
        "zh": "预支配额 {borrowed} 吨：{year} 年度适用的{plan}不允许预支配额"},
    "ets.borrow_above_max": {
        "en": "allowances borrowed {borrowed} t is more than may be borrowed, {max} t (gap rate {rate}; only a gap "
              "rate of 10 % or more allows borrowing, up to 50 % of the gap)",
        "zh": "预支配额 {borrowed} 吨超过可预支量 {max} 吨（配额缺口率 {rate}；缺口率 10% 及以上方可预支，"
              "且不超过缺口量的 50%）"},

    "store.bad_ets": {"en": "{path}: the ETS data of unit {unit} is damaged ({field})",
                      "zh": "{path}：机组 {unit} 的配额数据已损坏（{field}）"},

    # -- notes of the traces ---------------------------------------------------------------------
    "ets.note.boundary_direct": {"en": "direct (scope 1) CO2 of the unit's lines; purchased electricity is outside "
                                       "the ETS boundary from 2023",
                                 "zh": "取本机组各行的直接排放（范围一）CO2；2023 年度起购入电力不纳入配额管理"},
    "ets.note.boundary_with_electricity": {
        "en": "direct CO2 and purchased electricity of the unit's lines (the 2019-2022 boundary)",
        "zh": "取本机组各行的直接排放与购入电力排放（2019-2022 年度范围）"},
    "ets.note.lines_outside": {"en": "{count} marked lines outside the boundary not counted",
                               "zh": "{count} 行已标注但不在配额管理范围内，未计入"},
    "ets.note.lines_failed": {"en": "{count} marked lines could not be computed (see the problems)",
                              "zh": "{count} 行已标注但无法计算（见问题列表）"},
    "ets.note.lines_more": {"en": "and {count} more lines", "zh": "另有 {count} 行"},
    "ets.note.gas_no_verified": {"en": "no verified emissions: the gas-unit exemption cannot be applied",
                                 "zh": "无经核查排放量：无法适用燃气机组豁免"},
    "ets.note.gas_exemption": {"en": "gas-unit exemption: topped up to the verified emissions",
                               "zh": "燃气机组豁免：补发至经核查排放量"},
    "ets.note.draft": {"en": "this plan is a draft for consultation, not the final plan",
                       "zh": "该方案为征求意见稿，并非正式方案"},
    "ets.note.verified_given": {"en": "as given in the ETS sheet", "zh": "取自配额表"},
    "ets.note.no_verified": {"en": "verified emissions unknown (neither given nor marked lines)",
                             "zh": "经核查排放量未知（未填写，也无标注的活动数据行）"},
    "ets.note.no_gap_cap": {"en": "no gap cap in this plan as recorded in our rules",
                            "zh": "本软件收录的该方案无履约缺口率上限"},
    "ets.note.gap_cap": {"en": "gap cap: topped up to {cap} of the verified emissions",
                         "zh": "履约缺口率上限豁免：补发至经核查排放量的 {cap}"},
    "ets.note.gap_cap_obligation": {
        "en": "gap cap of the first cycle: the surrender obligation is at most the allocation plus {share} of the "
              "verified emissions",
        "zh": "第一个履约周期配额履约缺口上限：清缴义务最高为所获配额加经核查排放量的 {share}"},
    "ets.note.pre_none": {"en": "no pre-allocation in this plan as recorded in our rules",
                          "zh": "我们记录的该方案中没有预分配"},
    "ets.note.pre_upto": {"en": "at most {share} (the province may set less)",
                          "zh": "不超过 {share}（省级生态环境主管部门可下调）"},
    "ets.note.pre_sector": {"en": "the pre-allocation of this sector is not in our rules for this plan",
                            "zh": "我们的规则中没有该行业在本方案下的预分配"},
    "ets.note.pre_missing": {"en": "the pre-allocation needs the {field} of {year}",
                             "zh": "预分配需要 {year} 年度的{field}"},
    "ets.note.pre_basis": {"en": "basis year {year}", "zh": "基准年 {year}"},
    "ets.note.pre_incomplete": {"en": "the pre-allocation of a unit is unknown",
                                "zh": "有机组的预分配配额未知"},
    "ets.note.true_up": {"en": "issued after verification (negative: returned)",
                         "zh": "核定后补发（负数为收回）"},
    "ets.note.price": {"en": "the case's carbon price (average of the month before the surrender deadline)",
                       "zh": "案例填写的碳价（清缴截止日前一个月的平均成交价）"},
    "ets.note.partial_deadline": {"en": "{share} by {date}", "zh": "{date} 前完成 {share}"},
    "ets.note.no_penalty_rule": {"en": "no penalty rule in force at the deadline in our rules",
                                 "zh": "本软件未收录截止日适用的处罚规定"},
    "ets.note.no_price": {"en": "no carbon price in the case: the fine cannot be computed",
                          "zh": "案例未填写碳价：无法计算罚款"},
    "ets.note.no_new_reduction": {
        "en": "after 2026-08-15 (Ecological Environment Code) no new allocation reductions for non-surrender",
        "zh": "2026 年 8 月 15 日《生态环境法典》施行后，对未足额清缴不再作出新的核减决定"},
    "ets.note.refusal": {"en": "if the shortfall is not made good: next year's allocation reduced by it",
                         "zh": "逾期未改正的：等量核减其下一年度配额"},
    "ets.note.banking_carry": {
        "en": "carry-over into 2025: up to {base} t + {ratio} × net sales ({start} to {end}), not more than held on "
              "{holdings}; apply by {until}; unbanked 2019-2024 allowances cannot be used for 2025 or later",
        "zh": "结转为 2025 年度配额：最多 {base} 吨 + {ratio} × 净卖出量（{start} 至 {end}），且不超过 {holdings} "
              "的持仓；{until} 前申请；未结转的 2019-2024 年度配额不可用于 2025 年度及以后"},
    "ets.note.banking_vintage": {
        "en": "2025 and 2026 allowances may be used for 2025, 2026 and later; 2019-2024 allowances only for "
              "2019-2024 arrears",
        "zh": "2025、2026 年度配额可用于 2025、2026 及后续年度清缴；2019-2024 年度配额仅可用于 2019-2024 年度欠缴"},
    "ets.note.borrow_none": {"en": "this plan does not allow borrowing allowances of a later year",
                             "zh": "该方案不允许预支以后年度的配额"},
    "ets.note.borrow_below": {"en": "gap rate below {threshold}: no borrowing",
                              "zh": "配额缺口率低于 {threshold}：不可预支"},
    "ets.note.borrow_rule": {
        "en": "gap rate {threshold} or more: up to {share} of the gap still to cover (after the top-up), from the "
              "{year} pre-allocation; rounded down to whole tonnes",
        "zh": "配额缺口率 {threshold} 及以上：可从 {year} 年度预分配配额中预支，不超过（补发后）缺口量的 {share}；"
              "向下取整到吨"},
    "ets.note.surplus_borrowed": {"en": "borrowed allowances come out of the {year} pre-allocation",
                                  "zh": "预支的配额从 {year} 年度预分配配额中扣除"},
    "ets.note.banking_none": {"en": "no banking rule in this plan; the 2023-2024 plan's carry-over covers these "
                                    "allowances",
                              "zh": "该方案无结转规定；2023、2024 年度方案的结转规定适用于这些配额"},

    # -- names of figures and inputs (trace text) -------------------------------------------------
    **{f"ets.field.{k}": {"en": en, "zh": zh} for k, (en, zh) in {
        "unit": ("unit", "机组"), "facility": ("facility", "设施"), "class": ("class", "机组类别"),
        "generation": ("generation", "发电量"), "supply": ("supply", "供电量"), "heat": ("heat supplied", "供热量"),
        "load_factor": ("load factor", "负荷率"), "cooling": ("cooling", "冷却方式"), "heat_ratio": ("heat ratio", "供热比"),
        "verified_emissions": ("verified emissions", "经核查排放量"), "intensity": ("intensity", "碳排放强度"),
        "balance_value": ("balance value", "行业平衡值"), "deviation": ("intensity deviation X", "碳排放强度偏离度 X"),
        "benchmark_electricity": ("electricity benchmark", "发电（供电）基准值"),
        "benchmark_heat": ("heat benchmark", "供热基准值"), "correction": ("correction factor", "修正系数"),
        "correction_cooling": ("cooling correction F_l", "冷却方式修正系数 F_l"),
        "correction_heat": ("heat correction F_r", "供热量修正系数 F_r"),
        "correction_load": ("load correction F_f", "负荷（调峰）修正系数 F_f"),
        "allocation_electricity": ("electricity allocation", "发电配额量"),
        "allocation_heat": ("heat allocation", "供热配额量"), "allocation": ("allocation", "配额量"),
        "top_up": ("top-up", "补发配额量"), "allocation_final": ("final allocation", "核定配额量"),
        "allowances_held": ("allowances held", "持有配额"), "ccer_offered": ("CCER offered", "拟抵销 CCER"),
        "ccer_max": ("CCER cap", "CCER 抵销上限"), "ccer_used": ("CCER used", "使用 CCER"),
        "need": ("still needed", "尚缺"), "surplus": ("surplus (negative: shortfall)", "盈余（负数为缺口）"),
        "shortfall": ("shortfall", "缺口"), "price": ("carbon price", "碳价"), "carbon_price": ("carbon price", "碳价"),
        "penalty_min": ("fine, lower bound", "罚款下限"), "penalty_max": ("fine, upper bound", "罚款上限"),
        "deadline": ("surrender deadline", "清缴截止日"), "gap_rate": ("gap rate", "配额履约缺口率"),
        "next_year_reduction": ("next year's allocation reduced by", "下一年度配额核减量"),
        "banking_base": ("bankable without net sales", "无净卖出时可结转量"),
        "borrow_max": ("may be borrowed", "可预支配额量"), "borrowed": ("allowances borrowed", "预支配额"),
        "allowances_borrowed": ("allowances borrowed", "预支配额"),
        "pre_allocation": ("pre-allocation", "预分配配额量"), "true_up": ("true-up after verification", "核定后调整量"),
        "obligation": ("allowances due", "应清缴配额量"), "basis_supply": ("supply of the basis year", "基准年供电量"),
        "basis_heat": ("heat of the basis year", "基准年供热量"),
        "basis_emissions": ("verified emissions of the basis year", "基准年经核查排放量"),
        "ets_year": ("compliance year", "配额年度"), "klass": ("class", "机组类别"),
    }.items()},

    # -- the command line and the report ------------------------------------------------------------
    "ets.no_data": {"en": "the case has no ETS sheet", "zh": "该案例没有配额表"},
    "ets.label.title": {"en": "ETS allocation and compliance, {year}", "zh": "{year} 年度配额分配与清缴"},
    "ets.label.plan": {"en": "Plan: {name} ({number})", "zh": "分配方案：{name}（{number}）"},
    "ets.label.draft": {"en": "draft for consultation", "zh": "征求意见稿"},
    "ets.label.units": {"en": "Units", "zh": "机组"},
    "ets.label.entity": {"en": "Entity", "zh": "重点排放单位"},
    "ets.label.trace": {"en": "Trace", "zh": "计算过程"},
    "ets.label.rule": {"en": "rule: {document} {number} {part} ({status})", "zh": "依据：{document} {number} {part}（{status}）"},
    "ets.label.rule_cited": {"en": "{document} {number} {part}", "zh": "{document} {number} {part}"},
    "ets.label.position": {"en": "Compliance position", "zh": "履约情况"},
    "ets.label.unit_row": {"en": "Unit {unit} ({klass})", "zh": "机组 {unit}（{klass}）"},
    "ets.label.unit_input": {"en": "unit {unit}", "zh": "机组 {unit}"},
    "ets.label.row_input": {"en": "row {row}", "zh": "第 {row} 行"},
    "ets.label.case_input": {"en": "input of the case", "zh": "案例输入"},
    "ets.cooling.water": {"en": "water-cooled", "zh": "水冷"},
    "ets.cooling.air": {"en": "air-cooled", "zh": "空冷"},
    "ets.class.I": {"en": "I (coal, 300 MW class and above)", "zh": "I（300MW等级以上常规燃煤）"},
    "ets.class.II": {"en": "II (coal, 300 MW class and below)", "zh": "II（300MW等级及以下常规燃煤）"},
    "ets.class.III": {"en": "III (unconventional coal)", "zh": "III（非常规燃煤）"},
    "ets.class.gas": {"en": "gas", "zh": "燃气"},
    "ets.class.steel": {"en": "steel", "zh": "钢铁"},
    "ets.class.cement": {"en": "cement clinker", "zh": "水泥熟料"},
    "ets.class.aluminium": {"en": "aluminium electrolysis", "zh": "铝电解"},
    **{f"ets.unit.{k}": {"en": k, "zh": zh} for k, zh in {
        "t": "t", "t CO2": "t CO2", "t CO2e": "t CO2e", "t CO2/MWh": "t CO2/MWh", "t CO2/GJ": "t CO2/GJ",
        "t CO2e/t": "t CO2e/t", "MWh": "MWh", "GJ": "GJ", "%": "%", "CNY": "元", "CNY/t": "元/t",
    }.items()},
    "ets.report.heading": {"en": "Carbon trading: allocation and compliance", "zh": "碳排放权交易：配额分配与清缴"},
    "ets.report.intro": {
        "en": "The allowances of {year} are allocated by {name} ({number}). Each figure below is shown with its "
              "formula, its inputs and the rule it follows.",
        "zh": "{year} 年度配额按{name}（{number}）分配。以下每个数值均列出其公式、输入和依据。"},
    "ets.report.col_figure": {"en": "Figure", "zh": "项目"},
    "ets.report.col_value": {"en": "Value", "zh": "数值"},
    "ets.report.col_formula": {"en": "Formula", "zh": "公式"},
    "ets.report.col_inputs": {"en": "Inputs", "zh": "输入"},
    "ets.report.col_rule": {"en": "Rule", "zh": "依据"},
    "ets.page.title": {"en": "ETS", "zh": "配额"},
    # the page's inputs: the ETS keys of the case, the units, the trainee's answers
    "ets.page.tab_results": {"en": "Allocation and position", "zh": "配额与履约情况"},
    "ets.page.tab_inputs": {"en": "ETS data and your answers", "zh": "配额数据与我的答案"},
    "ets.page.settings": {"en": "Compliance inputs of the case", "zh": "案例的履约输入"},
    "ets.page.units": {"en": "Covered units (the ETS sheet)", "zh": "纳入配额管理的机组（配额表）"},
    "ets.page.ets_year": {"en": "Compliance year", "zh": "配额年度"},
    "ets.page.allowances_held": {"en": "Allowances held (t)", "zh": "持有配额（吨）"},
    "ets.page.ccer_offered": {"en": "CCER offered (t)", "zh": "拟抵销 CCER（吨）"},
    "ets.page.allowances_borrowed": {"en": "Allowances borrowed (t)", "zh": "预支配额（吨）"},
    "ets.page.add_unit": {"en": "Add unit", "zh": "添加机组"},
    "ets.page.delete_unit": {"en": "Delete unit", "zh": "删除机组"},
    "ets.page.answers": {"en": "Your answers (ETS exercises)", "zh": "我的答案（配额练习）"},
    "ets.page.answers_note": {
        "en": "Work these out yourself from your own inputs; Check my work compares them with the key. "
              "Leave a field empty when the exercise does not ask for it.",
        "zh": "请根据自己填写的数据自行计算；“检查我的答案”会与答案对照。练习未要求的项可留空。"},
    "ets.page.unanswered": {"en": "not answered", "zh": "未作答"},
    "ets.page.price_what_if": {
        "en": "The price typed here is a what-if for the paths below; the case's carbon price is on the "
              "\u201cETS data and your answers\u201d tab.",
        "zh": "此处输入的碳价仅用于下方路径的测算；案例的碳价在“配额数据与我的答案”页填写。"},
    **{f"ets.answer.{k}": {"en": en, "zh": zh} for k, (en, zh) in {
        "my_allocation": ("Final allocation (t)", "最终配额（吨）"),
        "my_ccer_used": ("CCER used (t)", "使用的 CCER（吨）"),
        "my_surplus": ("Surplus, negative for a shortfall (t)", "配额盈缺，缺口为负数（吨）"),
        "my_penalty_min": ("Fine, lower bound (CNY)", "罚款下限（元）"),
        "my_penalty_max": ("Fine, upper bound (CNY)", "罚款上限（元）"),
        "my_cost_buy": ("Cost of buying allowances (CNY)", "购买配额的成本（元）"),
        "my_cost_ccer": ("Cost of the CCER path (CNY)", "使用 CCER 路径的成本（元）"),
        "my_cost_abate": ("Cost of the abatement path (CNY)", "减排路径的成本（元）"),
        "my_cheapest": ("Cheapest path", "成本最低的路径"),
    }.items()},
    "ets.page.tip": {"en": "ETS allocation of the covered units and the compliance position",
                     "zh": "纳入配额管理机组的配额分配与履约情况"},
    "ets.page.no_data": {
        "en": "This case has no ETS sheet: add an ETS sheet (配额) listing the covered units to see their allocation.",
        "zh": "该案例没有配额表：添加“配额”工作表并列出纳入配额管理的机组，即可查看配额分配。"},
    "ets.page.paths": {"en": "Paths to compliance and the abatement cost curve",
                       "zh": "履约途径与边际减排成本曲线"},
    "ets.page.price": {"en": "Carbon price (CNY/t)", "zh": "碳价（元/吨）"},
    "ets.page.ccer_price": {"en": "CCER price (CNY/t)", "zh": "CCER 价格（元/吨）"},
    "ets.page.ccer_unset": {"en": "not given", "zh": "未填写"},
    "ets.page.price_case": {"en": "carbon price: the case's ({price} CNY/t)", "zh": "碳价：取自案例（{price} 元/吨）"},
    "ets.page.price_cea": {"en": "carbon price: CEA {kind}, {period} ({publisher}: {source}; {status})",
                           "zh": "碳价：全国碳市场{kind}，{period}（{publisher}：{source}；{status}）"},
    "ets.page.price_given": {"en": "carbon price: as entered ({price} CNY/t)", "zh": "碳价：手工输入（{price} 元/吨）"},
    "ets.page.no_price": {"en": "No carbon price in the case and none known for the year: enter one.",
                          "zh": "案例中没有碳价，也没有该年度的价格数据：请输入碳价。"},
    "ets.page.ccer_no_price": {"en": "CCER: enter its price to compare the CCER path (at most 5 % of the "
                                     "allowances due).",
                               "zh": "CCER：输入其价格即可比较 CCER 途径（不超过应清缴配额的 5%）。"},
    "ets.page.no_measures": {"en": "The case has no Abatement sheet: add one (measure, tonnes, cost) to see the "
                                   "curve and the abatement paths.",
                             "zh": "该案例没有减排措施表：添加“减排措施”工作表（措施、年减排量、成本）即可查看曲线与减排途径。"},
    "ets.page.no_shortfall": {"en": "No shortfall to cover: the allowances held and allocated cover the allowances "
                                    "due.",
                              "zh": "没有缺口：所获配额与持有配额足以清缴。"},
    "ets.status.verified": {"en": "read in a verbatim transcription of the official text",
                            "zh": "据官方文本逐字转录"},
    "ets.status.secondary": {"en": "read in a compilation citing the official text", "zh": "据引用官方文本的汇编"},
    "ets.status.unverified": {"en": "unverified", "zh": "未核实"},
}
