"""Messages of the trainer (:mod:`carbonmgr.training`): exercise workbooks, grading and its
findings, hints, the gradebook and the feedback report."""

_COLUMNS = {
    "key": ("key", "项目"), "zh": ("zh", "中文"), "en": ("en", "英文"), "value": ("value", "值"),
    "sheet": ("sheet", "工作表"), "title": ("title", "标题"), "title_en": ("title_en", "英文标题"),
    "kind": ("kind", "类型"), "rows": ("rows", "行"), "target": ("target", "对象"), "points": ("points", "分值"),
    "tolerance": ("tolerance", "容差"), "explanation_zh": ("explanation_zh", "中文说明"),
    "explanation_en": ("explanation_en", "英文说明"), "rule": ("rule", "依据"), "rule_en": ("rule_en", "英文依据"),
    "name": ("name", "名称"),
    "min": ("min", "最小值"), "max": ("max", "最大值"), "decimals": ("decimals", "小数位"),
}
_SHEETS = {
    "Brief": ("Brief", "案例说明"), "Documents": ("Documents", "资料清单"), "Given": ("Given", "已知"),
    "Rubric": ("Rubric", "评分"), "Variables": ("Variables", "变量"),
}

MESSAGES = {
    **{f"exercise.col.{k}": {"en": en, "zh": f"{zh}（{en}）"} for k, (en, zh) in _COLUMNS.items()},
    **{f"exercise.sheet.{k}": {"en": en, "zh": f"{zh}（{en}）"} for k, (en, zh) in _SHEETS.items()},
    # --- placeholders ------------------------------------------------------------------------
    "exercise.expr_bad_char": {
        "en": 'a placeholder holds "{char}": only numbers, variable names, + - * / and parentheses are allowed',
        "zh": "占位符中有“{char}”：只能使用数字、变量名、+ - * / 和括号",
    },
    "exercise.expr_division_by_zero": {
        "en": "the placeholder's expression divides by zero",
        "zh": "占位符的表达式除以零",
    },
    "exercise.expr_unknown_name": {
        "en": 'the placeholder names "{name}", which the Variables sheet does not define',
        "zh": "占位符使用了变量“{name}”，但“变量”表中没有定义它",
    },
    "exercise.expr_too_long": {
        "en": "the placeholder's expression is too long or too deeply nested (at most {limit} characters)",
        "zh": "占位符的表达式过长或括号嵌套过深（最多 {limit} 个字符）",
    },
    "exercise.expr_syntax": {
        "en": "the placeholder is not a valid expression: write e.g. {{{{coal}}}} or {{{{coal}}}} / 12",
        "zh": "占位符不是有效的表达式：应写作例如 {{{{coal}}}} 或 {{{{coal}}}} / 12",
    },
    "exercise.expr_not_finite": {
        "en": "the placeholder's expression gives no finite number",
        "zh": "占位符的表达式没有得到有限的数值",
    },
    "exercise.placeholder_not_here": {
        "en": 'this cell holds a placeholder ("{value}"), but placeholders are allowed only in the numbers of '
              "the Activities and Instruments sheets and in source documents",
        "zh": "此单元格含占位符（“{value}”），但占位符只能用于活动数据表和电力凭证表的数值列以及原始资料",
    },
    "exercise.unknown_variable": {
        "en": 'the placeholder uses the variable "{name}", which the Variables sheet does not define',
        "zh": "占位符使用了变量“{name}”，但“变量”表中没有定义它",
    },
    "exercise.placeholder_out_of_range": {
        "en": "the placeholder gives {value}, which is not a possible value here (negative, too large, or a "
              "fraction above 100 %)",
        "zh": "占位符得到 {value}，此处不可能取该值（为负、过大或比例超过 100%）",
    },
    # --- trainer sheets ----------------------------------------------------------------------
    "exercise.sheet_duplicate": {
        "en": 'the sheets "{first}" and "{second}" are the same trainer sheet: keep one',
        "zh": "工作表“{first}”和“{second}”是同一个教师工作表：请只保留一个",
    },
    "exercise.sheet_missing": {
        "en": "the exercise has no {sheet} sheet (the firm's story and the task)",
        "zh": "练习缺少{sheet}工作表（企业情况和任务）",
    },
    "exercise.sheet_too_large": {
        "en": "this sheet has {rows} rows; at most {limit} are accepted",
        "zh": "此工作表有 {rows} 行，最多允许 {limit} 行",
    },
    "exercise.sheet_no_header": {
        "en": "row 1 of this sheet should hold its column headers",
        "zh": "此工作表第 1 行应为列标题",
    },
    "exercise.column_duplicate": {
        "en": 'the column "{column}" repeats the column in {first}',
        "zh": "列“{column}”与 {first} 列重复",
    },
    "exercise.column_missing": {
        "en": "the column {column} is missing (headers found: {found})",
        "zh": "缺少列 {column}（已有列标题：{found}）",
    },
    "exercise.required": {
        "en": "{column} is required here",
        "zh": "此处必须填写{column}",
    },
    "exercise.not_number": {
        "en": '{column} should be a number, not "{value}"',
        "zh": "{column}应为数字，而不是“{value}”",
    },
    "exercise.brief_key_missing": {
        "en": "this row has text but no key (title, story, task, time limit, hand calculation, mode)",
        "zh": "此行有内容但没有项目名称（标题、背景、任务、时间限制、手工计算、模式）",
    },
    "exercise.brief_key_duplicate": {
        "en": '"{key}" is given twice (first in row {first})',
        "zh": "“{key}”重复出现（首次在第 {first} 行）",
    },
    "exercise.bad_time_limit": {
        "en": 'the time limit should be a number of minutes (above 0, at most 1440), not "{value}"',
        "zh": "时间限制应为分钟数（大于 0，不超过 1440），而不是“{value}”",
    },
    "exercise.bad_yes_no": {
        "en": 'should be yes or no, not "{value}"',
        "zh": "应为“是”或“否”，而不是“{value}”",
    },
    "exercise.bad_mode": {
        "en": 'the mode should be one of {vocabulary}, not "{value}"',
        "zh": "模式应为{vocabulary}之一，而不是“{value}”",
    },
    "exercise.bad_version": {
        "en": 'the exercise version should be a whole number, not "{value}"',
        "zh": "练习版本应为整数，而不是“{value}”",
    },
    "exercise.newer_version": {
        "en": "this exercise is of version {version}; this CarbonMgr reads exercises up to version {known}: "
              "update CarbonMgr",
        "zh": "此练习为第 {version} 版，本软件只能读取第 {known} 版及以前的练习：请升级 CarbonMgr",
    },
    "exercise.document_missing": {
        "en": 'the workbook has no sheet "{value}" (its other sheets: {found})',
        "zh": "工作簿中没有工作表“{value}”（其他工作表：{found}）",
    },
    "exercise.document_duplicate": {
        "en": 'the document "{value}" is listed twice (first in row {first})',
        "zh": "资料“{value}”重复列出（首次在第 {first} 行）",
    },
    "exercise.bad_kind": {
        "en": 'the kind should be one of {vocabulary}, not "{value}"',
        "zh": "资料类型应为{vocabulary}之一，而不是“{value}”",
    },
    "exercise.document_too_large": {
        "en": "this source document spans {rows} rows and {columns} columns; at most {max_rows} rows and "
              "{max_columns} columns are accepted",
        "zh": "此原始资料有 {rows} 行、{columns} 列，最多允许 {max_rows} 行、{max_columns} 列",
    },
    "exercise.documents_too_large": {
        "en": "the source documents hold more than {limit} cells together: this and later documents are not read",
        "zh": "原始资料合计超过 {limit} 个单元格：此行及以后的资料未读取",
    },
    "exercise.bad_given_sheet": {
        "en": 'the sheet should be one of {vocabulary}, not "{value}"',
        "zh": "工作表应为{vocabulary}之一，而不是“{value}”",
    },
    "exercise.bad_rows": {
        "en": 'the rows should be "all" or row numbers such as 2,3,5 or 2-4, not "{value}"',
        "zh": "行应为“全部”（all）或行号，例如 2,3,5 或 2-4，而不是“{value}”",
    },
    "exercise.given_row_unknown": {
        "en": "the sheet {sheet} has no data in row(s) {rows}",
        "zh": "工作表 {sheet} 的第 {rows} 行没有数据",
    },
    "exercise.rubric_row_unknown": {
        "en": '"{value}": the sheet {sheet} has no activity line in that row',
        "zh": "“{value}”：工作表 {sheet} 的该行没有活动数据",
    },
    "exercise.bad_target": {
        "en": 'the target should be one of {vocabulary}, not "{value}"',
        "zh": "评分对象应为{vocabulary}之一，而不是“{value}”",
    },
    "exercise.row_placeholder": {
        "en": "<row>",
        "zh": "<行号>",
    },
    "exercise.rubric_duplicate": {
        "en": '"{value}" is scored twice (first in row {first})',
        "zh": "“{value}”重复评分（首次在第 {first} 行）",
    },
    "exercise.bad_points": {
        "en": 'the points should be a number from 0 to 1000, not "{value}"',
        "zh": "分值应为 0 到 1000 之间的数字，而不是“{value}”",
    },
    "exercise.bad_tolerance": {
        "en": 'the tolerance should be a relative tolerance such as 1% or 0.01 (below 100 %), not "{value}"',
        "zh": "容差应为相对容差，例如 1% 或 0.01（小于 100%），而不是“{value}”",
    },
    "exercise.bad_variable_name": {
        "en": 'a variable name should be one word of letters, digits and _ (e.g. coal_t), not "{value}"',
        "zh": "变量名应为由字母、数字和下划线组成的一个词（例如 coal_t），而不是“{value}”",
    },
    "exercise.variable_duplicate": {
        "en": 'the variable "{value}" is defined twice (first in row {first})',
        "zh": "变量“{value}”重复定义（首次在第 {first} 行）",
    },
    "exercise.bad_decimals": {
        "en": 'the decimals should be a whole number from 0 to 10, not "{value}"',
        "zh": "小数位应为 0 到 10 之间的整数，而不是“{value}”",
    },
    "exercise.variable_range": {
        "en": "the value {value} is outside the variable's range {low} to {high}",
        "zh": "值 {value} 超出变量范围 {low} 至 {high}",
    },
    "exercise.unknown_variable_value": {
        "en": 'a value was given for "{name}", which is not a variable of this exercise',
        "zh": "为“{name}”指定了值，但它不是此练习的变量",
    },
    "exercise.variable_value_bad": {
        "en": 'the value of the variable "{name}" should be a number, not "{value}"',
        "zh": "变量“{name}”的值应为数字，而不是“{value}”",
    },
    "exercise.variable_value_range": {
        "en": 'the value {value} of the variable "{name}" is outside its range {low} to {high}',
        "zh": "变量“{name}”的值 {value} 超出其范围 {low} 至 {high}",
    },
    # --- the exercise template (carbonmgr template --exercise) ---------------------------------
    "exercise.tpl.case_title": {"en": "Example exercise: a boiler house", "zh": "示例练习：锅炉房"},
    "exercise.tpl.facility": {"en": "Boiler house", "zh": "锅炉房"},
    "exercise.tpl.title": {"en": "Example exercise: the emissions of a gas-fired boiler house",
                           "zh": "示例练习：燃气锅炉房的温室气体排放"},
    "exercise.tpl.story": {
        "en": "A factory heats its workshops with a natural-gas boiler. The gas meter readings of the year "
              "are in the fuel ledger.",
        "zh": "某工厂用天然气锅炉为车间供暖，全年燃气计量读数记录在燃料台账中。",
    },
    "exercise.tpl.task": {
        "en": "Build the inventory of the reporting year from the fuel ledger.",
        "zh": "根据燃料台账编制报告年度的温室气体排放清单。",
    },
    "exercise.tpl.ledger_sheet": {"en": "Fuel ledger", "zh": "燃料台账"},
    "exercise.tpl.ledger_title": {"en": "Natural gas ledger of the year", "zh": "全年天然气消耗台账"},
    "exercise.tpl.ledger_period": {"en": "Period", "zh": "期间"},
    "exercise.tpl.ledger_gas": {"en": "Natural gas (10^4 Nm3)", "zh": "天然气（万Nm3）"},
    "exercise.tpl.ledger_year": {"en": "Year total", "zh": "全年合计"},
    "exercise.tpl.explanation": {
        "en": "The quantity is the year's gas consumption from the ledger, in 10^4 Nm3.",
        "zh": "消耗量为台账中的全年天然气消耗量，单位为万Nm3。",
    },
    "exercise.tpl.rule": {
        "en": "GB/T 32150-2015 Greenhouse gas emissions accounting and reporting for industrial enterprises "
              "- General requirements, fossil fuel combustion",
        "zh": "GB/T 32150-2015《工业企业温室气体排放核算和报告通则》，化石燃料燃烧排放",
    },
    # --- grading: findings ------------------------------------------------------------------
    "grade.finding.missing_source": {
        "en": "{facility}: {source} of {item} is missing. You have: {have}; the case has: {expected}. {why} "
              "Rule: {rule}.",
        "zh": "{facility}：缺少{item}的{source}。你填写的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.finding.extra_source": {
        "en": "{facility}: {source} of {item} does not belong to this inventory. You have: {have}; the case "
              "has: {expected}. {why} Rule: {rule}.",
        "zh": "{facility}：{item}的{source}不属于本清单。你填写的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.finding.wrong_source_type": {
        "en": "{facility}: {item} is entered under the wrong source type. You have: {have}; it fits: {expected}. "
              "{why} Rule: {rule}.",
        "zh": "{facility}：{item}填错了排放源类别。你填写的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.finding.unit_error": {
        "en": "{facility}: the quantity of {item} ({source}) is off by a unit slip. You have: {have}; it fits: "
              "{expected}. {why} Rule: {rule}.",
        "zh": "{facility}：{item}（{source}）的数量有单位换算错误。你填写的：{have}；应为：{expected}。{why}"
              "依据：{rule}。",
    },
    "grade.finding.wrong_quantity": {
        "en": "{facility}: the quantity of {item} ({source}) is wrong. You have: {have}; it fits: {expected}. "
              "{why} Rule: {rule}.",
        "zh": "{facility}：{item}（{source}）的数量不对。你填写的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.finding.wrong_parameter": {
        "en": "{facility}: the {param} of {item} ({source}) is wrong. You have: {have}; it fits: {expected}. "
              "{why} Rule: {rule}.",
        "zh": "{facility}：{item}（{source}）的{param}不对。你填写的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.finding.wrong_factor": {
        "en": "{facility}: the emission factor of {item} ({source}) is wrong. You have: {have}; it fits: "
              "{expected}. {why} Rule: {rule}.",
        "zh": "{facility}：{item}（{source}）的排放因子不对。你采用的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.finding.wrong_item": {
        "en": "{facility}: the item of this {source} line is wrong, so its factors are too. You have: {have}; it "
              "fits: {expected}. {why} Rule: {rule}.",
        "zh": "{facility}：此{source}行的品种选错了，因而排放因子也不对。你填写的：{have}；应为：{expected}。{why}"
              "依据：{rule}。",
    },
    "grade.finding.wrong_standard": {
        "en": "The accounting standard is wrong. You have: {have}; it fits: {expected}. {why} Rule: {rule}.",
        "zh": "核算标准选错了。你选择的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.finding.wrong_gwp": {
        "en": "The GWP set is wrong. You have: {have}; it fits: {expected}. {why} Rule: {rule}.",
        "zh": "全球变暖潜势（GWP）版本选错了。你选择的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.finding.wrong_consolidation": {
        "en": "The consolidation approach is wrong. You have: {have}; it fits: {expected}. {why} Rule: {rule}.",
        "zh": "组织边界（合并方法）选错了。你选择的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.finding.arithmetic": {
        "en": "Row {row} ({source}, {item}): your result does not follow from your own inputs. You have: {have}; "
              "your inputs give: {expected}. {why} Rule: {rule}.",
        "zh": "第 {row} 行（{source}，{item}）：你的计算结果与你自己的数据不符。你填写的：{have}；按你的数据应为："
              "{expected}。{why}依据：{rule}。",
    },
    "grade.finding.arithmetic_total": {
        "en": "Your total does not follow from your own lines. You have: {have}; your lines give: {expected}. "
              "{why} Rule: {rule}.",
        "zh": "你的排放总量与你自己的各行数据不符。你填写的：{have}；按你的数据应为：{expected}。{why}依据：{rule}。",
    },
    # the refrigerant equipment register
    "grade.finding.eq_missing_source": {
        "en": "{facility}: the {item} equipment ({method}) is missing from your equipment register. You have: {have}; "
              "the case has: {expected} of refrigerant emitted. {why} Rule: {rule}.",
        "zh": "{facility}：你的制冷设备表缺少使用{item}的设备（{method}）。你填写的：{have}；应为：排放制冷剂 {expected}。"
              "{why}依据：{rule}。",
    },
    "grade.finding.eq_extra_source": {
        "en": "{facility}: the {item} equipment in row(s) {rows} of your equipment register does not belong to this "
              "inventory. You have: {have}; the case has: {expected}. {why} Rule: {rule}.",
        "zh": "{facility}：你的制冷设备表第 {rows} 行使用{item}的设备不属于本清单。你填写的：{have}；应为：{expected}。"
              "{why}依据：{rule}。",
    },
    "grade.finding.eq_wrong_method": {
        "en": "{facility}: the method of the {item} equipment is wrong, so the amounts it takes and its factors are "
              "too. You have: {have}; it fits: {expected}. {why} Rule: {rule}.",
        "zh": "{facility}：使用{item}的设备的核算方法选错了，因而所用的数据和系数也不对。你采用的：{have}；应为：{expected}。"
              "{why}依据：{rule}。",
    },
    "grade.finding.eq_wrong_quantity": {
        "en": "{facility}: the {field} of the {item} equipment is wrong. You have: {have}; it fits: {expected}. "
              "{why} Rule: {rule}.",
        "zh": "{facility}：使用{item}的设备的{field}不对。你填写的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.finding.eq_unit_error": {
        "en": "{facility}: the {field} of the {item} equipment is off by a unit slip. You have: {have}; it fits: "
              "{expected}. {why} Rule: {rule}.",
        "zh": "{facility}：使用{item}的设备的{field}有单位换算错误。你填写的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.finding.eq_wrong_refrigerant": {
        "en": "{facility}: the refrigerant of this equipment is wrong, so its GWP is too. You have: {have}; it fits: "
              "{expected}. {why} Rule: {rule}.",
        "zh": "{facility}：此设备的制冷剂填错了，因而其全球变暖潜势（GWP）也不对。你填写的：{have}；应为：{expected}。"
              "{why}依据：{rule}。",
    },
    "grade.finding.eq_wrong_type": {
        "en": "{facility}: the equipment type of the {item} equipment is wrong, so its screening factors are too. "
              "You have: {have}; it fits: {expected}. {why} Rule: {rule}.",
        "zh": "{facility}：使用{item}的设备类型选错了，因而筛选法的排放系数也不对。你填写的：{have}；应为：{expected}。"
              "{why}依据：{rule}。",
    },
    "grade.finding.eq_wrong_factor": {
        "en": "{facility}: the GWP applied to the {item} emitted is wrong. You have: {have}; it fits: {expected}. "
              "{why} Rule: {rule}.",
        "zh": "{facility}：排放的{item}所用的全球变暖潜势（GWP）不对。你采用的：{have}；应为：{expected}。{why}依据：{rule}。",
    },
    "grade.eq.emitted": {"en": "refrigerant emitted", "zh": "制冷剂排放量"},
    "grade.why.eq_missing_source": {
        "en": "Refrigerant lost from the firm's own refrigeration and air-conditioning equipment is a direct "
              "fugitive emission; the maintenance records show this equipment.",
        "zh": "企业自有制冷和空调设备泄漏的制冷剂属于直接逸散排放；维保记录中有此设备。",
    },
    "grade.why.eq_extra_source": {
        "en": "Only the equipment within the firm's boundary that the records show is counted (not equipment the "
              "landlord or a contractor runs).",
        "zh": "只核算维保记录所示、在企业边界内的设备（不含业主或承包方运营的设备）。",
    },
    "grade.why.eq_method": {
        "en": "The brief and the records decide the method: the amounts the records give (top-ups, charges, "
              "recoveries, stocks) go into a material balance; the screening method's default loss rates are for "
              "equipment without such records.",
        "zh": "核算方法由案例说明和记录决定：有补充加注、充注、回收或库存记录时采用物料平衡法；没有这些记录的设备才用筛选法的缺省泄漏率。",
    },
    "grade.why.eq_amount": {
        "en": "The amounts are the year's totals of the maintenance records, in kg; a new unit's first charge is its "
              "charge and capacity, not a top-up.",
        "zh": "各项数据应为维保记录的全年合计，单位为 kg；新设备的初始充注计入新设备充注量和容量，不是补充加注。",
    },
    "grade.why.eq_unit_error": {
        "en": "The figure matches the records up to a unit: the register takes kilograms (kg against t, lb against "
              "kg).",
        "zh": "数值与记录只差一个单位换算：制冷设备表的单位为千克（注意 kg 与 t、lb 与 kg）。",
    },
    "grade.why.eq_refrigerant": {
        "en": "Each refrigerant has its own GWP (a blend: the mass-weighted GWPs of its components); the records name "
              "the refrigerant of each unit.",
        "zh": "每种制冷剂的 GWP 不同（混合制冷剂按各组分质量分数加权）；记录中写明了每台设备的制冷剂。",
    },
    "grade.why.eq_type": {
        "en": "Under the screening method the equipment type selects the default emission factors (installation, "
              "operation, disposal).",
        "zh": "采用筛选法时，设备类型决定安装、运行和报废的缺省排放系数。",
    },
    "grade.why.eq_factor": {
        "en": "The emissions are the refrigerant emitted times its GWP in the case's GWP set.",
        "zh": "排放量 = 制冷剂排放量 × 该制冷剂在案例所用 GWP 版本中的 GWP。",
    },
    "grade.rule.hfc_gbt32150": {
        "en": "GB/T 32150-2015 General guideline of greenhouse gas emissions accounting and reporting for industrial "
              "enterprises: HFCs are among the greenhouse gases accounted, each converted to CO2e with the GWP "
              "values of the set the case names ({gwp}); refrigerant losses by the US EPA methods for refrigeration "
              "and air-conditioning equipment (screening, material balance, simplified material balance)",
        "zh": "GB/T 32150-2015《工业企业温室气体排放核算和报告通则》：核算的温室气体包括氢氟碳化物（HFCs），按案例规定的 "
              "GWP 版本（{gwp}）折算为二氧化碳当量；制冷剂泄漏量按美国 EPA 制冷空调设备方法（筛选法、物料平衡法、简化物料平衡法）计算",
    },
    "grade.rule.hfc_ghgp": {
        "en": "GHG Protocol: A Corporate Accounting and Reporting Standard (Revised Edition): HFC releases from "
              "refrigeration and air-conditioning equipment are Scope 1 fugitive emissions, converted to CO2e with "
              "the GWP values of {gwp}; refrigerant losses by the US EPA methods for refrigeration and "
              "air-conditioning equipment",
        "zh": "《温室气体核算体系：企业核算与报告标准（修订版）》（GHG Protocol）：制冷和空调设备释放的 HFCs 属于范围一逸散排放，"
              "按 {gwp} 的 GWP 值折算为二氧化碳当量；制冷剂泄漏量按美国 EPA 制冷空调设备方法计算",
    },
    "grade.rule.hfc_iso14064": {
        "en": "ISO 14064-1:2018 Greenhouse gases - Part 1, category 1 (direct emissions): direct fugitive emissions "
              "of HFCs, converted to CO2e with the GWP values of {gwp}; refrigerant losses by the US EPA methods for "
              "refrigeration and air-conditioning equipment",
        "zh": "ISO 14064-1:2018《温室气体 第一部分》类别 1（直接排放）：HFCs 的直接逸散排放，按 {gwp} 的 GWP 值折算为二氧化碳当量；"
              "制冷剂泄漏量按美国 EPA 制冷空调设备方法计算",
    },
    "grade.hint.where_equipment": {"en": "Look at row(s) {rows} of your equipment register.",
                                   "zh": "请检查你的制冷设备表第 {rows} 行。"},
    "grade.hint.where_register": {"en": "Look at the equipment with {item} at {facility} in the records.",
                                  "zh": "请查看记录中{facility}使用{item}的设备。"},
    "grade.hint.eq_missing_source": {"en": "One unit in the refrigerant records has no row in your equipment register.",
                                     "zh": "制冷剂记录中有一台设备在你的制冷设备表中没有对应的行。"},
    "grade.hint.eq_extra_source": {"en": "Is the {item} equipment the firm's own, and in the records?",
                                   "zh": "使用{item}的设备是否为企业自有、记录中是否有它？"},
    "grade.hint.eq_method": {"en": "Check the method the brief asks for, and which amounts it takes.",
                             "zh": "请核对案例说明要求的核算方法及其所需的数据。"},
    "grade.hint.eq_amount": {"en": "Add up the {field} of the whole year in the records again, in kg.",
                             "zh": "请重新汇总记录中全年的{field}（单位 kg）。"},
    "grade.hint.eq_refrigerant": {"en": "Check the refrigerant the records name for this unit.",
                                  "zh": "请核对记录中此设备使用的制冷剂。"},
    "grade.hint.eq_type": {"en": "Check the equipment type against the records.", "zh": "请对照记录核对设备类型。"},
    "grade.hint.eq_factor": {"en": "Check the refrigerant's GWP in the case's GWP set.",
                             "zh": "请核对该制冷剂在案例所用 GWP 版本中的 GWP 值。"},
    # why (when the rubric gives no explanation)
    "grade.why.missing_source": {
        "en": "Every emission source within the boundary is counted; the source documents show this one.",
        "zh": "边界内的每个排放源都应核算，原始资料中有此排放源。",
    },
    "grade.why.extra_source": {
        "en": "Only the sources of the firm's boundary that the documents show are counted.",
        "zh": "只核算原始资料所示、在企业边界内的排放源。",
    },
    "grade.why.wrong_source_type": {
        "en": "The source type decides the method, the factors and the scope of a line.",
        "zh": "排放源类别决定该行的核算方法、排放因子和所属范围。",
    },
    "grade.why.unit_error": {
        "en": "The figure matches the documents up to a unit: check the unit the ledger uses (e.g. 10^4 Nm3 "
              "against m3, MWh against kWh).",
        "zh": "数值与原始资料只差一个单位换算：请核对台账所用的单位（例如万Nm3与m3、MWh与kWh）。",
    },
    "grade.why.wrong_quantity": {
        "en": "The activity data is the year's total from the source documents.",
        "zh": "活动数据应为原始资料中的全年合计量。",
    },
    "grade.why.wrong_parameter": {
        "en": "Measured parameters of the documents (lab reports) are used where the case gives them, defaults "
              "otherwise.",
        "zh": "原始资料（检测报告）中有实测参数时应采用实测值，否则采用缺省值。",
    },
    "grade.why.wrong_factor": {
        "en": "The emission factor is that of the item, region and year the case prescribes.",
        "zh": "排放因子应为案例规定的品种、地区和年份的因子。",
    },
    "grade.why.wrong_standard": {
        "en": "The brief names the standard the firm reports under.",
        "zh": "案例说明指明了企业适用的核算标准。",
    },
    "grade.why.wrong_gwp": {
        "en": "The GWP set is the one the standard or the brief prescribes.",
        "zh": "GWP 版本应为核算标准或案例说明规定的版本。",
    },
    "grade.why.wrong_consolidation": {
        "en": "The consolidation approach sets which share of each facility is counted.",
        "zh": "合并方法决定每个设施的排放按多大比例计入。",
    },
    "grade.why.arithmetic": {
        "en": "E = activity data × factor (× parameters), summed over the lines.",
        "zh": "排放量 = 活动数据 × 排放因子（× 相关参数），各行相加。",
    },
    # rules (when the rubric gives none)
    "grade.rule.gbt32150": {
        "en": "GB/T 32150-2015 General guideline of greenhouse gas emissions accounting and reporting for "
              "industrial enterprises",
        "zh": "GB/T 32150-2015《工业企业温室气体排放核算和报告通则》",
    },
    "grade.rule.gbt32150_exported": {
        "en": "GB/T 32150-2015 General guideline of greenhouse gas emissions accounting and reporting for "
              "industrial enterprises: the emissions of exported electricity and heat are deducted",
        "zh": "GB/T 32150-2015《工业企业温室气体排放核算和报告通则》：输出的电力、热力所对应的排放应扣除",
    },
    "grade.rule.ghgp": {
        "en": "GHG Protocol: A Corporate Accounting and Reporting Standard (Revised Edition)",
        "zh": "《温室气体核算体系：企业核算与报告标准（修订版）》（GHG Protocol）",
    },
    "grade.rule.iso14064": {
        "en": "ISO 14064-1:2018 Greenhouse gases - Part 1",
        "zh": "ISO 14064-1:2018《温室气体 第一部分》",
    },
    "grade.rule.scope2_market": {
        "en": "GHG Protocol Scope 2 Guidance: market-based method with contractual instruments",
        "zh": "GHG Protocol《范围二指南》（Scope 2 Guidance）：基于市场的方法与电力交易凭证",
    },
    "grade.rule.carbonate_purity": {
        "en": "carbonate method: E = consumption × purity × emission factor of the carbonate",
        "zh": "碳酸盐法：排放量 = 碳酸盐消耗量 × 纯度 × 排放因子",
    },
    "grade.rule.consolidation": {
        "en": "GHG Protocol: A Corporate Accounting and Reporting Standard (Revised Edition), chapter 3 "
              "(setting organizational boundaries)",
        "zh": "《温室气体核算体系：企业核算与报告标准（修订版）》第 3 章（设定组织边界）",
    },
    # values shown in findings
    "grade.value.source": {"en": "{source}", "zh": "{source}"},
    "grade.value.nothing": {"en": "nothing", "zh": "无"},
    "grade.value.mixed_units": {"en": "lines in units of different kinds", "zh": "各行单位类型不一致"},
    "grade.value.no_factor": {"en": "no factor that can be applied", "zh": "无法套用的因子"},
    "grade.value.no_item": {"en": "the grid or heat supply", "zh": "电网或供热"},
    "grade.setting.standard": {"en": "the accounting standard", "zh": "核算标准"},
    "grade.setting.gwp_set": {"en": "the GWP set", "zh": "GWP 版本"},
    "grade.setting.consolidation": {"en": "the consolidation approach", "zh": "合并方法"},
    "grade.standard.gbt32150": {"en": "GB/T 32150", "zh": "GB/T 32150"},
    "grade.standard.ghgp": {"en": "GHG Protocol", "zh": "GHG Protocol（温室气体核算体系）"},
    "grade.standard.iso14064": {"en": "ISO 14064-1", "zh": "ISO 14064-1"},
    "grade.param.NCV": {"en": "net calorific value", "zh": "低位发热量"},
    "grade.param.CC": {"en": "carbon content per heat", "zh": "单位热值含碳量"},
    "grade.param.C_ar": {"en": "carbon content", "zh": "元素碳含量"},
    "grade.param.OF": {"en": "oxidation rate", "zh": "碳氧化率"},
    "grade.param.purity": {"en": "purity", "zh": "纯度"},
    # hints, revealed one at a time
    "grade.hint.where": {"en": "Look at {source} of {item} at {facility}.",
                         "zh": "请检查{facility}的{item}（{source}）。"},
    "grade.hint.where_rows": {"en": "Look at row(s) {rows} of your Activities.", "zh": "请检查你的活动数据第 {rows} 行。"},
    "grade.hint.where_instruments": {"en": "Look at row(s) {rows} of the Instruments sheet.",
                                     "zh": "请检查电力凭证表第 {rows} 行。"},
    "grade.hint.missing_source": {"en": "One source in the documents has no line in your inventory.",
                                  "zh": "原始资料中有一个排放源在你的清单中没有对应的行。"},
    "grade.hint.extra_source": {"en": "Is {source} of {item} within the firm's boundary and in the documents?",
                                "zh": "{item}（{source}）是否在企业边界内、原始资料中是否有它？"},
    "grade.hint.wrong_source_type": {"en": "Check the source type of these lines.", "zh": "请核对这些行的排放源类别。"},
    "grade.hint.unit_error": {"en": "Compare the unit of your quantity with the unit of the ledger.",
                              "zh": "请比较你填写的数量单位与台账中的单位。"},
    "grade.hint.wrong_quantity": {"en": "Add up the figures of the whole year in the documents again.",
                                  "zh": "请重新汇总原始资料中全年的数据。"},
    "grade.hint.wrong_parameter": {"en": "Check the {param} against the documents.", "zh": "请对照原始资料核对{param}。"},
    "grade.hint.wrong_factor": {"en": "Check which emission factor applies (item, region, year).",
                                "zh": "请核对应采用的排放因子（品种、地区、年份）。"},
    "grade.hint.arithmetic": {"en": "Recompute this line: quantity × factor (× parameters).",
                              "zh": "请重新计算此行：数量 × 排放因子（× 相关参数）。"},
    "grade.hint.arithmetic_total": {"en": "Add up your lines again (exported energy counts negative).",
                                    "zh": "请重新汇总各行（输出的电力、热力为扣减项）。"},
    "grade.hint.setting": {"en": "Check {setting} in the Case sheet against the brief.",
                           "zh": "请对照案例说明核对案例表中的{setting}。"},
    "grade.hint.expected_setting": {"en": "{setting}: {expected}.", "zh": "{setting}：{expected}。"},
    "grade.hint.expected": {"en": "It fits: {expected}.", "zh": "应为：{expected}。"},
    # submissions
    "grade.file_not_found": {"en": "{path}: the file does not exist", "zh": "{path}：文件不存在"},
    "grade.not_submission": {
        "en": '"{name}" is neither a case workbook (.xlsx) nor a project file (.carbon)',
        "zh": "“{name}”既不是案例工作簿（.xlsx），也不是项目文件（.carbon）",
    },
    "grade.unreadable": {"en": "the submission cannot be read: {detail}", "zh": "无法读取该提交文件：{detail}"},
    # kinds of finding (gradebook columns, feedback)
    "grade.kind.missing_source": {"en": "missing source", "zh": "遗漏排放源"},
    "grade.kind.extra_source": {"en": "extra source", "zh": "多报排放源"},
    "grade.kind.wrong_source_type": {"en": "wrong source type", "zh": "排放源类别错误"},
    "grade.kind.unit_error": {"en": "unit error", "zh": "单位错误"},
    "grade.kind.wrong_quantity": {"en": "wrong quantity", "zh": "活动数据错误"},
    "grade.kind.wrong_parameter": {"en": "wrong parameter", "zh": "参数错误"},
    "grade.kind.wrong_factor": {"en": "wrong factor", "zh": "排放因子错误"},
    "grade.kind.wrong_gwp": {"en": "wrong GWP set", "zh": "GWP 版本错误"},
    "grade.kind.wrong_consolidation": {"en": "wrong consolidation", "zh": "合并方法错误"},
    "grade.kind.wrong_standard": {"en": "wrong standard", "zh": "核算标准错误"},
    "grade.kind.arithmetic": {"en": "arithmetic", "zh": "计算错误"},
    # the gradebook (Excel)
    "gradebook.sheet.grades": {"en": "Gradebook", "zh": "成绩册"},
    "gradebook.sheet.mistakes": {"en": "Common mistakes", "zh": "常见错误"},
    "gradebook.sheet.distribution": {"en": "Score distribution", "zh": "成绩分布"},
    "gradebook.col.trainee": {"en": "Trainee", "zh": "学员"},
    "gradebook.col.trainee_id": {"en": "Trainee ID", "zh": "学号"},
    "gradebook.col.submission": {"en": "File", "zh": "文件"},
    "gradebook.col.seal": {"en": "Seal", "zh": "封签"},
    "gradebook.col.score": {"en": "Score", "zh": "得分"},
    "gradebook.col.points": {"en": "Points kept / possible", "zh": "得分 / 总分"},
    "gradebook.col.findings": {"en": "Findings", "zh": "错误数"},
    "gradebook.col.remark": {"en": "Remark", "zh": "备注"},
    "gradebook.col.kind": {"en": "Mistake", "zh": "错误类型"},
    "gradebook.col.key_row": {"en": "Key row", "zh": "答案行"},
    "gradebook.col.facility": {"en": "Facility", "zh": "设施"},
    "gradebook.col.item": {"en": "Item", "zh": "品种"},
    "gradebook.col.count": {"en": "Submissions", "zh": "人次"},
    "gradebook.col.share": {"en": "Share of the class", "zh": "占全班比例"},
    "gradebook.col.explanation": {"en": "Explanation (first case)", "zh": "说明（首例）"},
    "gradebook.col.band": {"en": "Score band", "zh": "分数段"},
    "gradebook.seal.ok": {"en": "intact", "zh": "完好"},
    "gradebook.seal.broken": {"en": "BROKEN", "zh": "已破坏"},
    "gradebook.seal.none": {"en": "none", "zh": "无"},
    "gradebook.seal_broken": {
        "en": "The seal is broken: the file was changed outside CarbonMgr after it was submitted.",
        "zh": "封签已破坏：提交后该文件曾在 CarbonMgr 之外被修改。",
    },
    "gradebook.ungraded": {"en": "not graded", "zh": "未评分"},
    # the feedback report (PDF)
    "feedback.title": {"en": "Feedback on your inventory", "zh": "排放清单评阅反馈"},
    "feedback.trainee": {"en": "Trainee", "zh": "学员"},
    "feedback.submission": {"en": "File", "zh": "文件"},
    "feedback.score": {"en": "Score", "zh": "得分"},
    "feedback.score_value": {"en": "{score} / 100", "zh": "{score} / 100"},
    "feedback.points": {"en": "Points kept / possible", "zh": "得分 / 总分"},
    "feedback.seal": {"en": "Seal", "zh": "封签"},
    "feedback.unreadable": {"en": "The submission could not be graded", "zh": "该提交无法评分"},
    "feedback.no_findings": {"en": "No mistakes found: well done.", "zh": "未发现错误，做得很好。"},
    "feedback.findings": {"en": "Findings ({count})", "zh": "发现的问题（{count} 项）"},
    "feedback.col.n": {"en": "No.", "zh": "序号"},
    "feedback.col.kind": {"en": "Mistake", "zh": "错误类型"},
    "feedback.col.where": {"en": "Where", "zh": "位置"},
    "feedback.col.points": {"en": "Points", "zh": "扣分"},
    "feedback.key_row": {"en": "answer key row {row}", "zh": "答案第 {row} 行"},
    "feedback.your_rows": {"en": "your row(s) {rows}", "zh": "你的第 {rows} 行"},
    "feedback.explanations": {"en": "What to correct, and why", "zh": "需要改正之处及原因"},
    "feedback.hints_used": {"en": "Hints revealed: {count} (-{points} points).", "zh": "已查看提示 {count} 条（扣 {points} 分）。"},
    # carbonmgr grade
    "grade.cli.summary": {"en": "{trainee}: {score} / 100, {count} finding(s)", "zh": "{trainee}：{score} / 100，{count} 个问题"},
    "grade.cli.finding": {"en": "  - [{kind}] -{points} points: {text}", "zh": "  - [{kind}] 扣 {points} 分：{text}"},
    "grade.cli.unreadable": {"en": "{trainee}: not graded: {detail}", "zh": "{trainee}：未评分：{detail}"},
    "grade.cli.progress": {"en": "graded {done} of {total}", "zh": "已评 {done} / {total}"},
    "grade.cli.key_unusable": {"en": "the answer key cannot be used:", "zh": "答案文件无法使用："},
}
