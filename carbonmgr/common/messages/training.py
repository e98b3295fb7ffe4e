"""Messages of the trainer (:mod:`carbonmgr.training`): exercise workbooks, grading and its
findings, hints, the gradebook and the feedback report."""

_COLUMNS = {
    "key": ("key", "项目"), "zh": ("zh", "中文"), "en": ("en", "英文"), "value": ("value", "值"),
    "sheet": ("sheet", "工作表"), "title": ("title", "标题"), "title_en": ("title_en", "英文标题"),
    "kind": ("kind", "类型"), "rows": ("rows", "行"), "target": ("target", "对象"), "points": ("points", "分值"),
    "tolerance": ("tolerance", "容差"), "explanation_zh": ("explanation_zh", "中文说明"),
    "explanation_en": ("explanation_en", "英文说明"), "rule": ("rule", "依据"), "name": ("name", "名称"),
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
        "en": "this row has text but no key (title, story, task, time_limit, hand_calculation, mode)",
        "zh": "此行有内容但没有项目名称（title、story、task、time_limit、hand_calculation、mode）",
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
        "en": 'the mode should be one of {allowed}, not "{value}"',
        "zh": "模式应为 {allowed} 之一（练习 / 考试），而不是“{value}”",
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
        "en": 'the kind should be one of {allowed}, not "{value}"',
        "zh": "资料类型应为 {allowed} 之一，而不是“{value}”",
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
        "en": 'the sheet should be one of {allowed}, not "{value}"',
        "zh": "工作表应为 {allowed} 之一，而不是“{value}”",
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
        "en": 'the target should be one of {allowed}, not "{value}"',
        "zh": "评分对象应为 {allowed} 之一，而不是“{value}”",
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
}
