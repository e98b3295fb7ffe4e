"""Messages of the case-workbook importer/exporter (:mod:`carbonmgr.io.workbook`, :mod:`carbonmgr.io.safety`).

Cell problems carry ``field`` (the id of the column or Case key) and sheet problems
``sheet_kind`` (the id of the kind of sheet; ``sheet`` is a sheet's own name as the workbook
spells it); :func:`carbonmgr.common.i18n.translate` renders them with the name the
workbook contract gives them in the message's language (registered by
:mod:`carbonmgr.io.workbook`), and ``{field_alt}`` / ``{sheet_kind_alt}`` with the other language's
name, for the "(or ...)" hints.
"""

MESSAGES = {
    # --- whole file -------------------------------------------------------------------------
    "workbook.file_missing": {
        "en": 'cannot open "{name}": the file does not exist',
        "zh": "无法打开“{name}”：文件不存在",
    },
    "workbook.file_unreadable": {
        "en": 'cannot read "{name}": {detail}',
        "zh": "无法读取“{name}”：{detail}",
    },
    "workbook.file_is_folder": {
        "en": '"{name}" is a folder, not an Excel workbook',
        "zh": "“{name}”是文件夹，不是 Excel 工作簿",
    },
    "workbook.file_empty": {
        "en": '"{name}" is empty (0 bytes), not an Excel workbook',
        "zh": "“{name}”是空文件（0 字节），不是 Excel 工作簿",
    },
    "workbook.file_too_big": {
        "en": '"{name}" is too large ({size_mb} MB; at most {limit_mb} MB is accepted)',
        "zh": "“{name}”太大（{size_mb} MB；上限为 {limit_mb} MB）",
    },
    "workbook.not_xlsx": {
        "en": '"{name}" is not an Excel workbook (.xlsx); it looks like {kind}',
        "zh": "“{name}”不是 Excel 工作簿（.xlsx），看起来是{kind}",
    },
    "workbook.kind.png": {"en": "a PNG image", "zh": "PNG 图片"},
    "workbook.kind.jpeg": {"en": "a JPEG image", "zh": "JPEG 图片"},
    "workbook.kind.gif": {"en": "a GIF image", "zh": "GIF 图片"},
    "workbook.kind.pdf": {"en": "a PDF document", "zh": "PDF 文档"},
    "workbook.kind.rar": {"en": "a RAR archive", "zh": "RAR 压缩包"},
    "workbook.kind.7z": {"en": "a 7-Zip archive", "zh": "7-Zip 压缩包"},
    "workbook.kind.gzip": {"en": "a gzip archive", "zh": "gzip 压缩包"},
    "workbook.kind.rtf": {"en": "an RTF document", "zh": "RTF 文档"},
    "workbook.kind.ole": {"en": "an old-format Office document", "zh": "旧版 Office 文档"},
    "workbook.kind.html": {"en": "a web page (HTML)", "zh": "网页（HTML）"},
    "workbook.kind.xml": {"en": "an XML file", "zh": "XML 文件"},
    "workbook.kind.text": {"en": "a text file (CSV?)", "zh": "文本文件（CSV？）"},
    "workbook.kind.other": {"en": "a file of another type", "zh": "其他类型的文件"},
    "workbook.legacy_xls": {
        "en": '"{name}" is an old Excel 97-2003 workbook (.xls); open it in Excel and save it as '
              '"Excel Workbook (*.xlsx)"',
        "zh": "“{name}”是旧版 Excel 97-2003 工作簿（.xls）；请用 Excel 打开，另存为“Excel 工作簿（*.xlsx）”",
    },
    "workbook.encrypted": {
        "en": '"{name}" is password-protected; remove the password in Excel (File > Info > Protect '
              'Workbook > Encrypt with Password) and save it again',
        "zh": "“{name}”设置了打开密码；请在 Excel 中删除密码（文件 > 信息 > 保护工作簿 > 用密码进行加密）后重新保存",
    },
    "workbook.ods": {
        "en": '"{name}" is an OpenDocument spreadsheet (.ods); save it as "Excel 2007-365 (.xlsx)"',
        "zh": "“{name}”是 OpenDocument 电子表格（.ods）；请另存为“Excel 2007-365（.xlsx）”格式",
    },
    "workbook.corrupt": {
        "en": '"{name}" is damaged or incomplete (perhaps a truncated download or copy); '
              "open it in Excel to repair it, or get the file again",
        "zh": "“{name}”已损坏或不完整（可能是下载或复制不完整）；请用 Excel 打开修复，或重新获取该文件",
    },
    "workbook.not_workbook_zip": {
        "en": '"{name}" is a zip archive but not an Excel workbook (it has no workbook part)',
        "zh": "“{name}”是 zip 压缩包，但不是 Excel 工作簿（其中没有工作簿部件）",
    },
    "workbook.zip_members": {
        "en": '"{name}" holds {count} parts (at most {limit} are accepted); refused as a possible zip bomb',
        "zh": "“{name}”内含 {count} 个部件（上限 {limit} 个）；疑似压缩炸弹，拒绝读取",
    },
    "workbook.zip_total": {
        "en": '"{name}" would expand to {size_mb} MB (at most {limit_mb} MB is accepted); '
              "refused as a possible zip bomb",
        "zh": "“{name}”解压后将达 {size_mb} MB（上限 {limit_mb} MB）；疑似压缩炸弹，拒绝读取",
    },
    "workbook.zip_ratio": {
        "en": '"{name}": part {member} expands {ratio}:1 to {size_mb} MB (at most {limit}:1 is accepted); '
              "refused as a possible zip bomb",
        "zh": "“{name}”：部件 {member} 的压缩比为 {ratio}:1，解压后 {size_mb} MB（上限 {limit}:1）；"
              "疑似压缩炸弹，拒绝读取",
    },
    "workbook.zip_method": {
        "en": '"{name}": part {member} uses a compression method Excel does not write ({method}); '
              "open and save the file in Excel",
        "zh": "“{name}”：部件 {member} 使用了 Excel 不会使用的压缩方法（{method}）；请用 Excel 打开并重新保存",
    },
    "workbook.xml_dtd": {
        "en": '"{name}": part {member} contains a DOCTYPE or ENTITY declaration, which Excel never '
              "writes; refused (possible XML entity expansion attack)",
        "zh": "“{name}”：部件 {member} 含有 DOCTYPE 或 ENTITY 声明（Excel 从不写入）；"
              "疑似 XML 实体扩展攻击，拒绝读取",
    },
    "workbook.sheet_mostly_empty": {
        "en": "a value here makes the sheet a grid of {rows} rows x {columns} columns ({grid} cells) that holds "
              "only {cells} cells; a sheet is read as one grid, so it may not be mostly empty. Delete the rows "
              "and columns beyond your data (this cell among them) and save the workbook again",
        "zh": "此处的值使该工作表成为 {rows} 行 × {columns} 列的区域（{grid} 个单元格），而其中只有 {cells} 个单元格；"
              "工作表按整块区域读取，不能大部分为空。请删除数据以外的行和列（包括此单元格）后重新保存工作簿",
    },
    "workbook.sheet_too_large": {
        "en": "the sheet spans {rows} rows x {columns} columns ({grid} cells); at most {limit} cells per sheet "
              "are read. Split the data into smaller workbooks",
        "zh": "该工作表占 {rows} 行 × {columns} 列（{grid} 个单元格）；每个工作表最多读取 {limit} 个单元格。"
              "请将数据拆分到较小的工作簿中",
    },
    "workbook.sheet_beyond_grid": {
        "en": "this cell lies beyond the last row (1,048,576) or the last column (XFD) of a sheet; the file "
              "was not saved by a spreadsheet program or it is damaged",
        "zh": "该单元格超出工作表的最后一行（1048576）或最后一列（XFD）；此文件不是由电子表格软件保存的，或已损坏",
    },
    "workbook.reader_died": {
        "en": 'reading "{name}" stopped: the process that reads workbooks ended unexpectedly ({how}), perhaps '
              "out of memory or on a damaged file. Nothing was imported and nothing open was changed",
        "zh": "读取“{name}”时中断：读取工作簿的进程意外结束（{how}），可能是内存不足或文件已损坏。"
              "未导入任何内容，已打开的内容未受影响",
    },
    "workbook.read_failed": {
        "en": 'cannot read "{name}" as an Excel workbook: {detail}',
        "zh": "无法将“{name}”作为 Excel 工作簿读取：文件内容不符合 Excel 工作簿的格式或已损坏；请用 Excel 打开修复，或重新获取该文件",
    },
    "workbook.sheet_damaged": {
        "en": 'this sheet is damaged and cannot be read ({detail}); open "{name}" in Excel to repair it, '
              "or get the file again",
        "zh": "该工作表已损坏，无法读取；请用 Excel 打开“{name}”修复，或重新获取该文件",
    },
    "workbook.write_failed": {
        "en": 'cannot write "{name}": {detail}',
        "zh": "无法写入“{name}”：{detail}",
    },
    # --- sheets and columns -----------------------------------------------------------------
    "workbook.sheet_missing": {
        "en": 'the workbook has no "{sheet_kind}" sheet (a sheet named "{sheet_kind_alt}" is accepted too); '
              "sheets found: {found}",
        "zh": "工作簿缺少“{sheet_kind}”工作表（也可命名为“{sheet_kind_alt}”）；现有工作表：{found}",
    },
    "workbook.sheet_duplicate": {
        "en": 'sheets "{first}" and "{second}" are both the {sheet_kind} sheet; keep only one',
        "zh": "工作表“{first}”和“{second}”都是{sheet_kind}表；只能保留一个",
    },
    "workbook.sheet_empty": {
        "en": "the sheet is empty; row 1 must hold the column headers",
        "zh": "工作表为空；第 1 行应为列标题",
    },
    "workbook.no_rows": {
        "en": "the sheet has no data rows",
        "zh": "工作表没有数据行",
    },
    "workbook.column_missing": {
        "en": 'required column "{field}" (or "{field_alt}") is missing from row 1; columns found: {found}',
        "zh": "第 1 行缺少必填列“{field}”（或“{field_alt}”）；现有列：{found}",
    },
    "workbook.header_not_first_row": {
        "en": "the column headers start here, not on row 1: delete the {above} row(s) above them "
              "(a title?), so that the headers are on row 1 and the data start on row 2",
        "zh": "列标题从此处开始，而不在第 1 行：请删除其上方的 {above} 行（标题等），使列标题位于第 1 行、数据从第 2 行开始",
    },
    "workbook.column_duplicate": {
        "en": 'column "{header}" repeats the {field} column ({other})',
        "zh": "列“{header}”与 {other} 列重复（都是{field}列）",
    },
    # --- Case sheet ------------------------------------------------------------------------
    "workbook.case_key_missing": {
        "en": 'required key "{field}" (or "{field_alt}") is missing',
        "zh": "缺少必填项“{field}”（或“{field_alt}”）",
    },
    "workbook.case_key_duplicate": {
        "en": 'key "{key}" already appears in row {first}',
        "zh": "键“{key}”已在第 {first} 行出现",
    },
    "workbook.case_value_no_key": {
        "en": 'value "{value}" has no key in column A',
        "zh": "值“{value}”在 A 列没有对应的键",
    },
    # --- cells -------------------------------------------------------------------------------
    "workbook.required": {
        "en": "{field} is empty",
        "zh": "{field}为空",
    },
    "workbook.merged_cell": {
        "en": "{field} is empty: this cell is part of the merged cells {range}, whose value is in {first} only; "
              "unmerge them and fill in every row",
        "zh": "{field}为空：此单元格属于合并单元格 {range}，其值只在 {first} 中；请取消合并，并在每一行填写",
    },
    "workbook.item_required": {
        "en": "item is empty; only purchased or exported electricity and heat may leave it empty",
        "zh": "品种为空；只有购入或输出的电力、热力可以不填品种",
    },
    "workbook.not_number": {
        "en": '{field} "{value}" is not a number',
        "zh": "{field}“{value}”不是数字",
    },
    "workbook.date_not_number": {
        "en": "{field} is a date or time ({value}), not a number",
        "zh": "{field}是日期或时间（{value}），不是数字",
    },
    "workbook.not_finite": {
        "en": "{field} {value} is not a finite number (NaN or infinity: no spreadsheet program writes one)",
        "zh": "{field}{value}不是有限数值（NaN 或无穷大：电子表格软件不会写出这样的值）",
    },
    "workbook.cell_not_finite": {
        "en": "the number {value} is not finite (NaN or infinity: no spreadsheet program writes one)",
        "zh": "数值 {value} 不是有限数值（NaN 或无穷大：电子表格软件不会写出这样的值）",
    },
    "workbook.too_large": {
        "en": "{field} {value} is too large to be meant (at most {limit} in its unit)",
        "zh": "{field}{value}过大，不可能是实际数值（在其单位下最多为 {limit}）",
    },
    "workbook.negative": {
        "en": "{field} {value} is negative",
        "zh": "{field}为负数（{value}）",
    },
    "workbook.fraction_range": {
        "en": "{field} {value} is out of range (a fraction 0-1 or a percentage 0-100 %)",
        "zh": "{field}{value}超出范围（应为 0-1 的小数或 0-100% 的百分数）",
    },
    "workbook.out_of_range": {
        "en": "{field} {value} is out of range ({low}-{high})",
        "zh": "{field}{value}超出范围（{low}-{high}）",
    },
    "workbook.not_integer": {
        "en": '{field} "{value}" is not a whole number',
        "zh": "{field}“{value}”不是整数",
    },
    "workbook.not_bool": {
        "en": '{field} "{value}" is not yes or no',
        "zh": "{field}“{value}”不是“是”或“否”",
    },
    "workbook.bad_choice": {
        "en": '{field} "{value}" is not one of: {choices}',
        "zh": "{field}“{value}”不是可选值之一：{choices}",
    },
    "workbook.unknown_facility": {
        "en": 'facility "{value}" is not listed in the {sheet} sheet (known ids: {known})',
        "zh": "设施“{value}”未在{sheet}工作表中列出（已有编号：{known}）",
    },
    "workbook.facility_duplicate": {
        "en": 'facility id "{value}" is already used in row {first}',
        "zh": "设施编号“{value}”已在第 {first} 行使用",
    },
    "workbook.formula_no_value": {
        "en": "formula without a saved value; open and save the file in Excel, or type the value",
        "zh": "公式没有保存的计算结果；请用 Excel 打开并保存该文件，或直接输入数值",
    },
    "workbook.cell_error": {
        "en": "the cell holds the error value {value}; correct the formula or type the value",
        "zh": "单元格为错误值 {value}；请修正公式或直接输入数值",
    },
    "workbook.too_many_problems": {
        "en": "... and {count} more problems",
        "zh": "……另有 {count} 个问题",
    },
    # --- sheet names and headers written (Chinese workbooks name each in both languages) -----
    "workbook.sheet_title": {"en": "{canonical}", "zh": "{canonical} ({name})"},
    "workbook.header": {"en": "{field}", "zh": "{field_alt} [{field}]"},
    "workbook.case_header": {"en": "key|value", "zh": "key [键]|value [值]"},
    "workbook.readme_sheet": {"en": "README", "zh": "README (说明)"},
    # --- template (README sheet) ------------------------------------------------------------
    # the template's example rows: their own words (codes stay codes)
    "workbook.tpl.example.title": {"en": "Example Co. 2024 inventory", "zh": "示例公司 2024 年度温室气体排放核算"},
    "workbook.tpl.example.main_plant": {"en": "Main plant", "zh": "主厂区"},
    "workbook.tpl.example.boiler_house": {"en": "Joint venture boiler house", "zh": "合资锅炉房"},
    "workbook.tpl.example.region": {"en": "Hubei", "zh": "湖北"},
    "workbook.tpl.example.gas_bills": {"en": "gas bills 2024", "zh": "2024 年天然气结算单"},
    "workbook.tpl.title": {
        "en": "CarbonMgr case workbook (version 1): how to fill it in",
        "zh": "CarbonMgr 案例工作簿（第 1 版）填写说明",
    },
    "workbook.tpl.intro": {
        "en": "Fill in the sheets Case, Facilities and Activities (Instruments and Equipment are "
              "optional). Row 1 of each sheet holds the column headers; English or Chinese "
              "headers are both accepted. Grey example rows carry a comment: replace or delete them. "
              "Any further sheet (fuel ledgers, power bills ...) is kept with the case as a document.",
        "zh": "请填写“案例”“设施”“活动数据”工作表（“电力凭证”“制冷设备”可选）。每个工作表第 1 行为列标题，"
              "中英文标题均可识别。带批注的灰色行为示例，请替换或删除。其他工作表（燃料台账、电费单等）"
              "会作为附件随案例保存。",
    },
    "workbook.tpl.header": {
        "en": "sheet|column|required|meaning|allowed values",
        "zh": "工作表|列|必填|含义|可填写的值",
    },
    "workbook.tpl.yes": {"en": "yes", "zh": "是"},
    "workbook.tpl.no": {"en": "no", "zh": "否"},
    "workbook.tpl.example_row": {
        "en": "Example row: replace or delete it.",
        "zh": "示例行：请替换或删除。",
    },
    "workbook.tpl.units": {
        "en": "Units accepted: t, kg, 10^4 Nm3 (also 万Nm3), Nm3, m3, L, gal, MWh, kWh, GJ, mmBtu, scf, "
              "USD, CNY, and the other units of the factor library.",
        "zh": "可用单位：t、kg、10^4 Nm3（或 万Nm3）、Nm3、m3、L、gal、MWh、kWh、GJ、mmBtu、scf、USD、CNY，"
              "以及因子库中的其他单位。",
    },
    # Case keys
    "workbook.tpl.case.title": {"en": "Name of the case.", "zh": "案例名称。"},
    "workbook.tpl.case.standard": {
        "en": "Accounting standard: gbt32150 (GB/T 32150 and the Chinese sector guidelines), "
              "ghgp (GHG Protocol), iso14064 (ISO 14064-1).",
        "zh": "核算标准：gbt32150（GB/T 32150 及各行业核算指南）、ghgp（温室气体核算体系）、iso14064（ISO 14064-1）。",
    },
    "workbook.tpl.case.gwp": {
        "en": "GWP values: SAR, AR4, AR5, AR6 or AR6-SM. Empty: SAR for gbt32150, AR5 otherwise.",
        "zh": "全球变暖潜势取值：SAR、AR4、AR5、AR6 或 AR6-SM。留空时 gbt32150 用 SAR，其他标准用 AR5。",
    },
    "workbook.tpl.case.reporting_year": {"en": "Reporting year, e.g. 2024.", "zh": "报告年度，如 2024。"},
    "workbook.tpl.case.consolidation": {
        "en": "Consolidation approach: operational control, financial control or equity share.",
        "zh": "合并方法：运营控制、财务控制或股权比例。",
    },
    "workbook.tpl.case.sector": {
        "en": "Optional. The sector whose accounting guideline gives the default fuel parameters: general (other "
              "industry, the default), steel, power, cement or aluminium.",
        "zh": "可选。所属行业，其核算指南给出燃料参数缺省值：general（工业其他行业，默认）、steel（钢铁）、power（发电设施）、"
              "cement（水泥熟料生产）或 aluminium（铝冶炼）。",
    },
    "workbook.tpl.case.residual_mix_ef": {
        "en": "Optional. Residual-mix emission factor for market-based Scope 2, t CO2e/MWh.",
        "zh": "可选。市场法范围二的剩余组合排放因子，t CO2e/MWh。",
    },
    "workbook.tpl.case.factor_set": {
        "en": "Optional. Default factor set for fuels and materials, by its name (e.g. GB/T 32151.22-2024, "
              "Table C.1; 2006 IPCC Guidelines, default values).",
        "zh": "可选。燃料和物料的默认因子集，填写其名称（如 GB/T 32151.22-2024 表C.1、"
              "2006 年 IPCC 国家温室气体清单指南缺省值）。",
    },
    "workbook.tpl.case.grid_factor_set": {
        "en": "Optional. Default factor set for grid electricity.",
        "zh": "可选。电网电力的默认因子集。",
    },
    "workbook.tpl.case.ch4_ar6": {
        "en": "Optional. AR6 methane GWP: by source, fossil or non-fossil.",
        "zh": "可选。AR6 甲烷 GWP 取法：按排放源、化石或非化石。",
    },
    "workbook.tpl.case.base_year": {"en": "Optional. Base year.", "zh": "可选。基准年。"},
    "workbook.tpl.case.extra": {
        "en": "Any other key (firm description, address, industry, contact ...) is kept as written.",
        "zh": "其他键（企业简介、地址、行业、联系人等）原样保留。",
    },
    # Facilities columns
    "workbook.tpl.facilities.id": {"en": "Short unique id of the facility, used in the other sheets.",
                                   "zh": "设施的唯一编号，其他工作表用它引用设施。"},
    "workbook.tpl.facilities.name": {"en": "Facility name.", "zh": "设施名称。"},
    "workbook.tpl.facilities.region": {"en": "Province or region (grid factors depend on it).",
                                       "zh": "所在省份或地区（决定电网排放因子）。"},
    "workbook.tpl.facilities.equity_share": {
        "en": "Equity share: 60, 60% or 0.6 all mean 60 %. Empty: 100 %.",
        "zh": "股权比例：60、60% 或 0.6 均表示 60%。留空为 100%。",
    },
    "workbook.tpl.facilities.financial_control": {
        "en": "yes, no or joint (joint: consolidated by equity share). Empty: yes.",
        "zh": "是、否 或 共同（共同控制时按股权比例合并）。留空为“是”。",
    },
    "workbook.tpl.facilities.operational_control": {"en": "yes or no. Empty: yes.",
                                                    "zh": "是 或 否。留空为“是”。"},
    "workbook.tpl.facilities.residual_mix_ef": {
        "en": "Optional. Residual-mix emission factor of the facility's electricity market, t CO2e/MWh (market-based "
              "Scope 2; overrides the Case key, which holds only when all facilities are in one market).",
        "zh": "可选。设施所在电力市场的剩余组合排放因子，t CO2e/MWh（市场法范围二；优先于案例键，案例键仅在所有设施位于同一市场时采用）。"},
    # Activities columns
    "workbook.tpl.activities.facility": {"en": "Facility id from the Facilities sheet.",
                                         "zh": "设施表中的设施编号。"},
    "workbook.tpl.activities.source": {
        "en": "Emission source category: stationary combustion, mobile combustion, process, fugitive, "
              "purchased electricity, purchased heat, exported electricity, exported heat, scope 3 "
              "(Chinese names such as 固定燃烧 or 购入电力 are accepted).",
        "zh": "排放源类别：固定燃烧、移动燃烧、过程排放、逸散排放、购入电力、购入热力、输出电力、输出热力、范围三"
              "（也可填写英文名称，如 Stationary combustion）。",
    },
    "workbook.tpl.activities.item": {
        "en": "Fuel, material, gas, grid ... (name or id from the factor library). "
              "May be empty for purchased/exported electricity and heat.",
        "zh": "燃料、物料、气体、电网等（因子库中的名称或代码）。购入/输出电力和热力可不填。",
    },
    "workbook.tpl.activities.quantity": {"en": "Amount consumed or produced (a number, not negative).",
                                         "zh": "消耗量或产量（数字，不能为负）。"},
    "workbook.tpl.activities.unit": {"en": "Unit of the quantity.", "zh": "数量的单位。"},
    "workbook.tpl.activities.ncv": {"en": "Measured net calorific value.", "zh": "实测低位发热量。"},
    "workbook.tpl.activities.ncv_unit": {"en": "Unit of the NCV, e.g. GJ/t, GJ/10^4 Nm3.",
                                         "zh": "低位发热量的单位，如 GJ/t、GJ/10^4 Nm3。"},
    "workbook.tpl.activities.carbon_content": {"en": "Carbon content per heat, tC/GJ.",
                                               "zh": "单位热值含碳量，tC/GJ。"},
    "workbook.tpl.activities.carbon_element": {"en": "Carbon content by mass, tC/t (as received).",
                                               "zh": "元素碳含量，tC/t（收到基）。"},
    "workbook.tpl.activities.oxidation_rate": {"en": "Oxidation rate: 98, 98% or 0.98.",
                                               "zh": "碳氧化率：98、98% 或 0.98。"},
    "workbook.tpl.activities.purity": {"en": "Purity: 95, 95% or 0.95.", "zh": "纯度：95、95% 或 0.95。"},
    "workbook.tpl.activities.ef_co2": {"en": "Own CO2 emission factor (with ef_unit).",
                                       "zh": "自定 CO2 排放因子（配合排放因子单位）。"},
    "workbook.tpl.activities.ef_ch4": {"en": "Own CH4 emission factor (with ef_unit).",
                                       "zh": "自定 CH4 排放因子（配合排放因子单位）。"},
    "workbook.tpl.activities.ef_n2o": {"en": "Own N2O emission factor (with ef_unit).",
                                       "zh": "自定 N2O 排放因子（配合排放因子单位）。"},
    "workbook.tpl.activities.ef_co2e": {"en": "Own CO2e emission factor (with ef_unit).",
                                        "zh": "自定 CO2e 排放因子（配合排放因子单位）。"},
    "workbook.tpl.activities.ef_gas": {
        "en": "Own emission factor of the one gas named in the gas column, per unit of activity (with ef_unit), e.g. "
              "0.034 kg/t of CF4 per tonne of aluminium.",
        "zh": "“气体”列所写单一气体的自定排放因子，按单位活动水平计（配合排放因子单位），如每吨铝 0.034 kg/t 的 CF4。"},
    "workbook.tpl.activities.heat_basis": {
        "en": "A fuel quantity in energy units: its heating-value basis, ncv (net) or hhv (gross). mmBtu and therms "
              "are gross unless said otherwise; a factor on the other basis is refused.",
        "zh": "以能量单位填写的燃料数量：其热值基准，ncv（低位）或 hhv（高位）。mmBtu、therm 默认为高位；不同基准的因子不予采用。"},
    "workbook.tpl.activities.enthalpy": {
        "en": "Steam entered in tonnes: its enthalpy, kJ/kg (heat = t × (enthalpy − 83.74) / 1000 GJ).",
        "zh": "以吨计的蒸汽：其焓值，kJ/kg（热量 = 吨 × (焓值 − 83.74) / 1000 GJ）。"},
    "workbook.tpl.activities.water_temperature": {
        "en": "Hot water entered in tonnes: its temperature, °C (heat = t × (T − 20) × 4.1868 / 1000 GJ).",
        "zh": "以吨计的热水：其温度，°C（热量 = 吨 × (T − 20) × 4.1868 / 1000 GJ）。"},
    "workbook.tpl.activities.cao": {
        "en": "Clinker by its oxides: CaO content of the clinker (fraction or %); also on kiln and bypass dust lines.",
        "zh": "按熟料氧化物计算：熟料中氧化钙含量（小数或百分数）；窑头粉尘、旁路放风粉尘行也填熟料的含量。"},
    "workbook.tpl.activities.mgo": {"en": "MgO content of the clinker (fraction or %).",
                                    "zh": "熟料中氧化镁含量（小数或百分数）。"},
    "workbook.tpl.activities.cao_non_carbonate": {
        "en": "CaO of the clinker that does not come from carbonates (fraction or %; e.g. from carbide slag).",
        "zh": "熟料中非碳酸盐来源的氧化钙含量（小数或百分数；如来自电石渣）。"},
    "workbook.tpl.activities.mgo_non_carbonate": {
        "en": "MgO of the clinker that does not come from carbonates (fraction or %).",
        "zh": "熟料中非碳酸盐来源的氧化镁含量（小数或百分数）。"},
    "workbook.tpl.activities.ef_unit": {"en": "Unit of the own emission factors, e.g. t/t, kg/GJ, t/MWh.",
                                        "zh": "自定排放因子的单位，如 t/t、kg/GJ、t/MWh。"},
    "workbook.tpl.activities.scope3_category": {"en": "Scope 3 category, 1-15.", "zh": "范围三类别，1-15。"},
    "workbook.tpl.activities.biogenic": {"en": "yes when the CO2 is biogenic.",
                                         "zh": "生物质来源的 CO2 填“是”。"},
    "workbook.tpl.activities.uncertainty": {
        "en": "Uncertainty in percent (half the 95 % confidence interval): 5 means ±5 %.",
        "zh": "不确定性，百分数（95% 置信区间的一半）：5 表示 ±5%。",
    },
    "workbook.tpl.activities.factor_set": {"en": "Factor set for this line (overrides the case default).",
                                           "zh": "本行使用的因子集（优先于案例默认值）。"},
    "workbook.tpl.activities.variant": {
        "en": "Factor variant within the item, by its name: an IPCC sector (energy industries, manufacturing and "
              "construction ...), a vehicle class, with radiative forcing ...",
        "zh": "品种下的因子变体，填写其名称：IPCC 部门（能源工业、制造业和建筑业等）、车辆类别、含辐射强迫等。",
    },
    "workbook.tpl.activities.region": {
        "en": "Where the activity happened (a hotel stay abroad: UK, 英国 ...), when the factor differs by country; "
              "empty: the facility's country.",
        "zh": "活动发生的地区（如在境外的酒店住宿：英国、UK 等），用于因子按国家/地区不同的品种；不填则按设施所在国家。",
    },
    "workbook.tpl.activities.gas": {"en": "Gas emitted (fugitive and process lines), e.g. CH4, SF6, HFC-134a.",
                                    "zh": "排放的气体（逸散、过程排放行），如 CH4、SF6、HFC-134a。"},
    "workbook.tpl.activities.evidence": {"en": "Where the number comes from (invoice, meter ...).",
                                         "zh": "数据来源（发票、计量表等）。"},
    "workbook.tpl.activities.note": {"en": "Free text.", "zh": "自由填写。"},
    # Instruments columns
    "workbook.tpl.instruments.facility": {"en": "Facility id.", "zh": "设施编号。"},
    "workbook.tpl.instruments.type": {"en": "Instrument type: one of the names listed (a green electricity "
                                            "certificate, an I-REC, a PPA ...); other text is kept as typed.",
                                      "zh": "凭证类型：填写所列名称之一（绿色电力证书、国际可再生能源证书（I-REC）、"
                                            "购电协议（PPA）等）；其他文字按原样保留。"},
    "workbook.tpl.instruments.quantity": {"en": "Electricity covered, MWh.", "zh": "覆盖的电量，MWh。"},
    "workbook.tpl.instruments.ef": {"en": "Emission factor of the instrument, t CO2e/MWh (0 for renewables).",
                                    "zh": "凭证的排放因子，t CO2e/MWh（可再生能源为 0）。"},
    # Equipment columns
    "workbook.tpl.equipment.facility": {"en": "Facility id.", "zh": "设施编号。"},
    "workbook.tpl.equipment.method": {
        "en": "screening, material balance or simplified material balance (EPA methods).",
        "zh": "筛选法、物料平衡法 或 简化物料平衡法（美国 EPA 方法）。",
    },
    "workbook.tpl.equipment.refrigerant": {"en": "Refrigerant, e.g. R-410A, HFC-134a.",
                                           "zh": "制冷剂，如 R-410A、HFC-134a。"},
    "workbook.tpl.equipment.equipment": {
        "en": "Equipment type (screening method), by its name: Domestic refrigeration, Stand-alone commercial "
              "refrigeration, Medium/large commercial refrigeration, Transport refrigeration, Industrial "
              "refrigeration, Chillers, Residential/commercial A/C incl. heat pumps or Car and light-duty truck A/C.",
        "zh": "设备类型（筛选法），填名称：家用制冷设备、独立式商用制冷设备、中大型商用制冷设备、运输制冷设备、"
              "工业制冷设备、冷水机组、住宅及商用空调（含热泵）或 汽车及轻型卡车空调。"},
    "workbook.tpl.equipment.values": {
        "en": "Amounts in kg: new_charge, operating_capacity, disposed_capacity (screening); "
              "inventory_start, inventory_end, purchased, sold, capacity_start, capacity_end "
              "(material balance); purchased, capacity_new, recharge, disposed_capacity, recovered "
              "(simplified material balance). Fill in the columns your method needs.",
        "zh": "数量单位为 kg：新设备充装量、运行设备充装量、报废设备充装量（筛选法）；期初库存量、期末库存量、"
              "购入量、售出量、期初设备总容量、期末设备总容量（物料平衡法）；购入量、新增设备容量、补充充装量、"
              "报废设备充装量、回收量（简化物料平衡法）。按所用方法填写对应列。",
    },
}
