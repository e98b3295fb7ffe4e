"""Update and compile the app's Qt translations.

    .venv/bin/python resources/i18n/build.py          # lupdate + fill + lrelease
    .venv/bin/python resources/i18n/build.py --check  # exit 1 if a message is unfinished

``carbonmgr_zh_CN.ts`` is the source of the Chinese translation (edit it with
``pyside6-linguist``).  This script runs ``pyside6-lupdate`` over ``ui/*.py`` (new
strings are added, translations kept, vanished ones dropped), fills still-unfinished
messages from :data:`GLOSSARY` (the first translation of each string), and compiles
``carbonmgr_zh_CN.qm`` with ``pyside6-lrelease``.  Both files are committed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "carbonmgr_zh_CN.ts"
QM = HERE / "carbonmgr_zh_CN.qm"

GLOSSARY: dict[str, str] = {
    # the registry checklist exercise (ui/registry_page.py, listed on the Exercises page)
    "Registry steps": "注册登记操作步骤",
    "Tick the steps that are needed (Space) and put them in order: Move up and Move down, or Ctrl+Up and Ctrl+Down.":
        "勾选需要的步骤（空格键），并排好顺序：用“上移”“下移”，或 Ctrl+↑、Ctrl+↓。",
    "S&teps": "步骤(&T)", "F&indings": "发现的问题(&I)",
    "Move &up": "上移(&U)", "Move &down": "下移(&D)", "&Check my steps": "检查我的步骤(&C)",
    "&Save answer …": "保存答案(&S)…",
    "All steps are right and in order.": "所有步骤正确，顺序也对。",
    "Score: %1 / 100 (%2 finding(s))": "得分：%1 / 100（%2 个问题）", "Answer saved: %1": "答案已保存：%1",
    "Save the answer": "保存答案", "Checklist answers (*.json)": "步骤清单答案 (*.json)",
    "Steps to choose from: %1": "可选步骤：%1 个",
    "Check your steps as often as you like; save the answer for your instructor":
        "可随时检查步骤，次数不限；保存答案交给讲师",
    # menus and actions
    "&File": "文件(&F)", "&Edit": "编辑(&E)", "&View": "视图(&V)", "&Help": "帮助(&H)",
    "Open &recent": "最近打开(&R)", "Open it read-only?": "以只读方式打开？", "%1 is read-only (the file or its folder cannot be written): use Save As to keep your changes": "%1 为只读（文件或其所在文件夹无法写入）：请用“另存为”保存您的修改", "%1 (read-only)": "%1（只读）", "&Language": "语言(&L)",
    "&New project …": "新建项目(&N)…", "Create an empty project file": "创建一个空项目文件",
    "&Open …": "打开(&O)…", "Open a project (.carbon) or a case workbook (.xlsx)": "打开项目（.carbon）或案例工作簿（.xlsx）",
    "&Import workbook …": "导入工作簿(&I)…", "Import a case workbook into a new project": "将案例工作簿导入为新项目",
    "&Save": "保存(&S)", "Save the project": "保存项目", "Save &as …": "另存为(&A)…",
    "Save the project under a new name": "以新文件名保存项目", "&Quit": "退出(&Q)", "Quit CarbonMgr": "退出 CarbonMgr",
    "&Copy": "复制(&C)", "Copy the selected cells": "复制所选单元格", "&Paste": "粘贴(&P)",
    "Paste cells copied from Excel (tab-separated)": "粘贴从 Excel 复制的单元格（制表符分隔）",
    "&Insert line": "插入行(&I)", "Insert a new activity line": "插入一行活动数据",
    "&Delete lines": "删除行(&D)", "Delete the selected lines": "删除所选行",
    "Use selected &factor": "使用所选因子(&F)",
    "Sect&or:": "行业(&O)：", "&Return to the open case": "返回当前案例(&R)", "project": "项目", "Exam work": "考试作答",
    "EF of the gas": "气体排放因子", "Heating value basis": "热值基准", "Steam enthalpy (kJ/kg)": "蒸汽焓值（kJ/kg）",
    "Hot water temperature (°C)": "热水温度（°C）", "Clinker CaO": "熟料CaO含量", "Clinker MgO": "熟料MgO含量",
    "Non-carbonate CaO": "非碳酸盐CaO含量", "Non-carbonate MgO": "非碳酸盐MgO含量",
    "clinker (or dust) produced": "熟料（或粉尘）产量", "CaO content of the clinker": "熟料中氧化钙含量",
    "MgO content of the clinker": "熟料中氧化镁含量", "CaO not from carbonates": "非碳酸盐来源的氧化钙",
    "MgO not from carbonates": "非碳酸盐来源的氧化镁", "steam enthalpy": "蒸汽焓值", "hot water temperature": "热水温度",
    "The sector whose accounting guideline gives the default fuel parameters (net calorific value, carbon content, oxidation rate)": "所属行业：其核算指南给出燃料参数缺省值（低位发热量、单位热值含碳量、碳氧化率）",
    "Use the factor selected in the factor library for the selected lines": "对所选行使用因子库中选中的因子",
    "&Override factor …": "覆盖排放因子(&O)…", "Give the selected lines their own CO2e factor": "为所选行填写自定义 CO2e 排放因子",
    "C&lear factor override": "清除自定义因子(&L)", "Remove the lines' own CO2e factor": "删除所选行的自定义 CO2e 排放因子",
    "&Find": "查找(&F)", "Go to the search field": "转到搜索框", "Re&compute": "重新核算(&C)",
    "Compute the inventory again": "重新计算排放清单", "&About CarbonMgr": "关于 CarbonMgr(&A)", "About CarbonMgr": "关于 CarbonMgr",
    "&Problems": "问题(&P)", "Case &brief": "案例简介(&B)", "&Boundary": "组织边界(&B)", "&Activities": "活动数据(&A)",
    "&Factor library": "因子库(&F)", "&Results": "核算结果(&R)",
    "The firm's description and its source documents": "企业概况及原始凭证",
    "Organisational boundary and reporting settings": "组织边界与报告设置",
    "Activity data per facility and source type": "按设施和排放源类别录入活动数据",
    "Emission factors with their sources": "排放因子及其来源", "Totals, breakdowns and charts": "合计、分项与图表",
    "Problems": "问题", "(none)": "（无）", "&Clear the list": "清空列表(&C)",
    "CarbonMgr — Carbon emission manager training": "CarbonMgr — 碳排放管理员实训平台",
    "%1 (not saved as a project yet)": "%1（尚未保存为项目）", "Untitled": "未命名",
    "&Undo %1": "撤销 %1(&U)", "&Undo": "撤销(&U)", "&Redo %1": "重做 %1(&R)", "&Redo": "重做(&R)",
    "%1 lines": "%1 行", "computed in %1 ms": "核算用时 %1 毫秒", "Open": "打开",
    "Projects and workbooks (*.carbon *.xlsx *.xlsm);;All files (*)": "项目和工作簿 (*.carbon *.xlsx *.xlsm);;所有文件 (*)",
    "Projects, workbooks and submissions (*.carbon *.xlsx *.xlsm *.cmsub *.cmexam);;All files (*)":
        "项目、工作簿和提交文件 (*.carbon *.xlsx *.xlsm *.cmsub *.cmexam);;所有文件 (*)",
    "Import workbook": "导入工作簿", "Case workbooks (*.xlsx *.xlsm)": "案例工作簿 (*.xlsx *.xlsm)",
    "Save project": "保存项目", "CarbonMgr projects (*.carbon)": "CarbonMgr 项目 (*.carbon)",
    "Internal error: %1": "内部错误：%1", "Opening %1 …": "正在打开 %1…",
    "CarbonMgr found unsaved changes to this project from %1 (autosave). Recover them?":
        "发现该项目在 %1 自动保存的未保存修改。是否恢复？",
    "CarbonMgr found unsaved work on “%1” from %2 (autosave). Recover it?":
        "发现“%1”在 %2 自动保存的未保存工作。是否恢复？",
    "Opened %1": "已打开 %1", "Undone: %1": "已撤销：%1", "Redone: %1": "已重做：%1",
    "Pasted values that were not accepted": "未被接受的粘贴值", "Pasted %1 row(s)": "已粘贴 %1 行",
    "Select a factor in the factor library first.": "请先在因子库中选择一个因子。",
    "Select the activity lines first.": "请先选择活动数据行。", "Factor %1 used for %2 line(s)": "已对 %2 行使用因子 %1",
    "Computing …": "正在核算…", "Lines with problems (not counted in the totals)": "有问题的行（未计入合计）",
    "Saving …": "正在保存…", "Saved %1": "已保存 %1", "Save the changes to “%1”?": "是否保存对“%1”的修改？",
    "Autosave failed: %1": "自动保存失败：%1", "Importing %1 …": "正在导入 %1…", "Import cancelled": "已取消导入",
    "%1 was not imported: %2 problem(s)": "%1 未导入：发现 %2 个问题",
    "<h3>CarbonMgr %1</h3><p>Carbon emission manager training platform: greenhouse-gas inventories under "
    "GB/T 32150, the GHG Protocol and ISO 14064-1, with every number traced to its formula and factor source.</p>":
        "<h3>CarbonMgr %1</h3><p>碳排放管理员实训平台：按 GB/T 32150、温室气体核算体系（GHG Protocol）和 "
        "ISO 14064-1 编制温室气体排放清单，每个数字都可追溯到公式和因子来源。</p>",
    # activities page
    "Fa&cility:": "设施(&C)：", "S&ource type:": "排放源类别(&O)：", "Fi&nd:": "查找(&N)：",
    "item, unit, note …": "品种、单位、备注…", "&Add line": "添加行(&A)",
    "Insert a new activity line (Ctrl+I)": "插入一行活动数据（Ctrl+I）", "De&lete lines": "删除行(&L)",
    "Delete the selected lines (Ctrl+Del)": "删除所选行（Ctrl+Del）",
    "Calculation of the selected line": "所选行的计算过程", "Activity lines": "活动数据行",
    "All facilities": "全部设施", "All source types": "全部排放源类别",
    "Select a line to see how its emissions are calculated.": "选择一行以查看其排放量的计算过程。",
    "Line %1": "第 %1 行", "Formula": "公式", "Method": "方法", "Inputs": "输入参数", "Input": "参数",
    "From": "来源", "GWP": "全球变暖潜势（GWP）", "Result": "结果", "Notes": "说明",
    # boundary page
    "Reporting settings": "报告设置", "Facilities: ownership and control": "设施：股权与控制权",
    "Case &title:": "案例标题(&T)：", "&Standard profile:": "核算标准(&S)：", "&GWP set:": "GWP 值集(&G)：",
    "Reporting &year:": "报告年度(&Y)：", "&Consolidation approach:": "合并方法(&C)：",
    "The consolidation approach decides which share of each facility's emissions is counted: operational or "
    "financial control counts 100 % or nothing, equity share counts the equity share.":
        "合并方法决定每个设施的排放计入多少：运营控制法或财务控制法按 100% 或 0 计入，股权比例法按股权比例计入。",
    "A&dd facility": "添加设施(&D)", "New facility &ID:": "新设施编号(&I)：", "N&ame:": "名称(&A)：",
    "e.g. F4": "如 F4", "Default of the standard (%1)": "按核算标准默认（%1）",
    # brief page
    "The firm": "企业概况", "Source documents (read-only)": "原始凭证（只读）",
    "This case has no source documents.": "本案例没有原始凭证。", "Facilities": "设施",
    "Activity lines: %1": "活动数据：%1 行",
    # factors page
    "&Search:": "搜索(&S)：", "Fa&ctor set:": "因子集(&C)：", "&Region:": "地区(&R)：", "&Year:": "年份(&Y)：",
    "Source &type:": "排放源类别(&T)：", "St&atus:": "状态(&A)：", "fuel, gas, grid, source …": "燃料、气体、电网、来源…",
    "Provenance": "因子来源", "&Use this factor for the selected lines": "对所选行使用此因子(&U)",
    "&Override the selected lines' factor …": "覆盖所选行的排放因子(&O)…", "Factor library": "因子库",
    "All sets": "全部因子集", "All regions": "全部地区", "All years": "全部年份", "All statuses": "全部状态",
    "%1 factors": "共 %1 条因子", "Select a factor to see where it comes from.": "选择一个因子以查看其来源。",
    # import dialog
    "Importing a workbook": "导入工作簿", "Reading and checking %1 …": "正在读取并检查 %1…",
    "Loading the lines of %1 …": "正在载入 %1 的数据行…", "Computing the inventory of %1 …": "正在核算 %1 的排放清单…",
    # override dialog
    "Override the emission factor": "覆盖排放因子", "&CO2e factor:": "CO2e 排放因子(&C)：",
    "Factor &unit (e.g. t/t, kg/MWh):": "因子单位（如 t/t、kg/MWh）(&U)：",
    # results page
    "Totals (t CO2e)": "合计（t CO2e）", "Breakdown": "分项", "Charts": "图表", "Charts appear here …": "图表将显示在这里…",
    "Scope 2": "范围二",
    "Reported under GB/T 32150: %1 t CO2e (purchased minus exported is shown as its own line)":
        "按 GB/T 32150 报告：%1 t CO2e（输出电力/热力的扣减单列显示）",
    "The total counts the location-based Scope 2.": "排放总量采用基于位置的范围二排放。",
    "Charts are not available: %1": "无法显示图表：%1",
    # report page and exports
    "Export re&port (PDF) …": "导出报告（PDF）(&P)…",
    "Write the PDF report of the case to a file of your choice": "将本案例的 PDF 报告写入您选择的文件",
    "Export inventory (E&xcel) …": "导出清单（Excel）(&X)…",
    "Write the case and its results to an Excel workbook": "将案例及其核算结果写入 Excel 工作簿",
    "Re&port": "报告(&P)", "The PDF report of the inventory, with a preview of its first pages": "排放清单的 PDF 报告，并预览其前几页",
    "Report &language:": "报告语言(&L)：", "&Generate": "生成(&G)",
    "Write the PDF report of the case in the background": "在后台生成本案例的 PDF 报告",
    "&Cancel": "取消(&C)", "Stop writing the report": "停止生成报告", "Save P&DF …": "保存 PDF(&D)…",
    "Save a copy of the report where you choose": "将报告另存到您选择的位置",
    "&Open in PDF viewer": "用 PDF 阅读器打开(&O)", "Open the whole report in your PDF viewer": "在 PDF 阅读器中打开完整报告",
    "The standard the report follows (the totals differ by standard)": "报告所依据的核算标准（不同标准的合计值不同）",
    "The language of the report": "报告使用的语言",
    "<h2>No case is open</h2><p>Open a project or a case workbook (File › Open …) to write its report.</p>":
        "<h2>尚未打开案例</h2><p>请先打开项目或案例工作簿（文件 › 打开…），再生成其报告。</p>",
    "<h2>No report yet</h2><p>Choose the standard profile and the language of the report above, then click "
    "<b>Generate</b>.</p><p>The report is written in the background; its first pages appear here, and <b>Save "
    "PDF …</b> keeps a copy where you choose.</p>":
        "<h2>尚未生成报告</h2><p>请在上方选择核算标准和报告语言，然后点击<b>生成</b>。</p><p>报告在后台生成，"
        "完成后其前几页会显示在这里；点击<b>保存 PDF…</b>可将报告保存到您选择的位置。</p>",
    "<h2>Writing the report …</h2><p>Its first pages appear here when it is ready; you can go on working on the "
    "other pages meanwhile.</p>": "<h2>正在生成报告…</h2><p>生成后其前几页会显示在这里；其间您可以继续在其他页面工作。</p>",
    "The report was not written": "未生成报告",
    "preview of pages 1–%1 of %2": "预览第 1–%1 页，共 %2 页", "Page %1": "第 %1 页",
    "Computing the inventory …": "正在核算排放清单…", "Writing the report …": "正在生成报告…",
    "Rendering the preview …": "正在生成预览…",
    "The case has changed since this report was generated. Generate it again to include the changes.":
        "报告生成后案例已有修改。请重新生成报告以纳入这些修改。",
    "Report cancelled": "已取消生成报告",
    "The report was written, but its preview cannot be shown (%1). Use “Open in PDF viewer” or “Save PDF …”.":
        "报告已生成，但无法显示预览（%1）。请使用“用 PDF 阅读器打开”或“保存 PDF…”。",
    "The report is ready (%1 pages)": "报告已生成（共 %1 页）",
    "The report was not written: the case has %1 problem(s). Correct them first (see the list of problems).":
        "未生成报告：案例中有 %1 个问题，请先更正（见问题列表）。",
    "Save the report": "保存报告", "PDF files (*.pdf)": "PDF 文件 (*.pdf)", "Export the inventory": "导出排放清单",
    "Excel workbooks (*.xlsx)": "Excel 工作簿 (*.xlsx)", "Could not save %1: %2": "无法保存 %1：%2",
    "Exporting the inventory to %1 …": "正在将排放清单导出到 %1…", "Exported the inventory to %1": "已将排放清单导出到 %1",
    "The inventory was not exported: the case has %1 problem(s)": "未导出排放清单：案例中有 %1 个问题",
    # totals bar
    "Scope 2, %1": "范围二（%1）",
    # labels
    "Facility": "设施", "Source type": "排放源类别", "Item": "品种", "Quantity": "数量", "Unit": "单位",
    "t CO2e": "t CO2e", "Scope": "范围", "NCV": "低位发热量", "NCV unit": "低位发热量单位",
    "Carbon content (tC/GJ)": "单位热值含碳量（tC/GJ）", "Carbon by mass (tC/t)": "元素碳含量（tC/t）",
    "Oxidation rate": "碳氧化率", "Purity": "纯度", "EF CO2": "CO2 排放因子", "EF CH4": "CH4 排放因子",
    "EF N2O": "N2O 排放因子", "EF CO2e": "CO2e 排放因子", "EF unit": "排放因子单位", "Scope 3 category": "范围三类别",
    "Biogenic": "生物质", "Uncertainty (%)": "不确定性（%）", "Factor set": "因子集", "Factor variant": "因子变体",
    "Gas": "气体", "Evidence": "证据", "Note": "备注", "ID": "编号", "Name": "名称", "Region": "地区",
    "Equity share": "股权比例", "Financial control": "财务控制", "Operational control": "运营控制",
    "Case title": "案例标题", "Standard profile": "核算标准", "GWP set": "GWP 值集", "Reporting year": "报告年度",
    "Consolidation approach": "合并方法", "Residual mix factor": "剩余组合排放因子", "Grid factor set": "电网因子集",
    "AR6 methane rule": "AR6 甲烷规则", "Base year": "基准年", "Parameter": "参数", "Value": "数值", "Year": "年份",
    "Status": "状态", "Source": "来源", "Publisher": "发布机构", "Published": "发布年份", "Valid for years": "适用年份",
    "GWP basis": "GWP 依据", "Verification tag": "核实标记", "Share": "占比", "t": "吨",
    "GB/T 32150 (China)": "GB/T 32150（中国）", "GHG Protocol": "温室气体核算体系（GHG Protocol）",
    "ISO 14064-1": "ISO 14064-1", "Yes": "是", "No": "否", "Joint": "共同控制", "Verified": "已核实",
    "Secondary": "二手数据", "Unverified": "未核实", "Emission factor": "排放因子", "CO2e factor": "CO2e 排放因子",
    "CO2e factor (part)": "CO2e 排放因子（分项）", "Net calorific value": "低位发热量", "Carbon content": "单位热值含碳量",
    "Heat content": "热值", "edit %1": "编辑%1", "edit cells": "编辑单元格", "paste": "粘贴", "insert lines": "插入行",
    "delete lines": "删除行", "assign factor": "指定因子", "override factor": "覆盖因子",
    "clear factor override": "清除自定义因子", "edit facility %1": "编辑设施%1", "add facility": "添加设施",
    "Company": "公司名称", "Unified social credit code": "统一社会信用代码", "Industry": "所属行业", "Address": "地址",
    "Legal representative": "法定代表人", "Contact": "联系人", "Description": "简介", "Grid factor year": "电网因子年份",
    "IPCC sector": "IPCC 部门", "Total": "排放总量", "Scope 1": "范围一", "Scope 2 (reported)": "范围二（报告值）",
    "Location-based": "基于位置", "Market-based": "基于市场", "Scope 3": "范围三",
    "Exported (deducted)": "输出电力/热力（扣减）", "Biogenic CO2 (outside totals)": "生物质 CO2（不计入总量）",
    "exported": "输出", "others": "其他", "this line": "本行", "case setting": "案例设置", "factor library": "因子库",
    "constant": "常数",
    "activity data": "活动数据", "fuel consumed": "燃料消耗量", "net calorific value": "低位发热量",
    "carbon content per heat": "单位热值含碳量", "carbon content by mass": "元素碳含量", "oxidation rate": "碳氧化率",
    "emission factor": "排放因子", "factor for the rest": "其余电量的排放因子", "global warming potential": "全球变暖潜势",
    "mass": "质量", "purity": "纯度",
    # electricity instruments, refrigerant equipment register, facilities (boundary page)
    "&Rename …": "重命名(&R)…",
    "Give the selected facility a new ID; its activity lines, instruments and equipment follow":
        "为所选设施更换编号；其活动数据、电力凭证和制冷设备记录随之更新",
    "Delete faci&lity": "删除设施(&L)", "Delete the selected facility": "删除所选设施",
    "Electricity instruments (market-based Scope 2)": "电力凭证（基于市场的范围二）",
    "Under GB/T 32150 green certificates (绿证) and green power (绿电) count 0 for the MWh they cover; the rest of "
    "the facility's electricity counts the national factor without market-traded non-fossil power.":
        "按 GB/T 32150，绿证和绿电所覆盖的电量按 0 计；该设施其余电量采用不含市场化交易非化石能源电量的全国电网排放因子。",
    "Add i&nstrument": "添加凭证(&N)", "Add an electricity instrument (Ctrl+I in the table)": "添加一条电力凭证（在表格中按 Ctrl+I）",
    "Delete instr&ument": "删除凭证(&U)",
    "Delete the selected instruments (Ctrl+Del in the table)": "删除所选电力凭证（在表格中按 Ctrl+Del）",
    "Electricity instruments": "电力凭证",
    "Refrigerant equipment register (Scope 1, fugitive)": "制冷设备清单（范围一，逸散排放）",
    "Screening uses the EPA default leak rates of the equipment type; the material balances use the refrigerant "
    "bought, sold and held. Grey cells are not used by the line's method.":
        "筛选法采用 EPA 按设备类型给出的默认泄漏率；物料平衡法依据制冷剂的购入、售出和库存量计算。灰色单元格不被该行所选方法使用。",
    "Add equip&ment": "添加设备(&M)",
    "Add a line to the equipment register (Ctrl+I in the table)": "在制冷设备清单中添加一行（在表格中按 Ctrl+I）",
    "Delete e&quipment": "删除设备(&Q)",
    "Delete the selected equipment lines (Ctrl+Del in the table)": "删除所选制冷设备记录（在表格中按 Ctrl+Del）",
    "Refrigerant equipment register": "制冷设备清单",
    "Instrument type": "凭证类型", "Quantity (MWh)": "电量（MWh）", "EF (t CO2e/MWh)": "排放因子（t CO2e/MWh）",
    "Refrigerant": "制冷剂", "Equipment type": "设备类型",
    "Charge of new equipment (kg)": "新设备充装量（kg）", "Charge of operating equipment (kg)": "运行设备充装量（kg）",
    "Charge of disposed equipment (kg)": "报废设备充装量（kg）", "Inventory at start (kg)": "期初库存量（kg）",
    "Inventory at end (kg)": "期末库存量（kg）", "Purchased (kg)": "购入量（kg）", "Sold or returned (kg)": "售出或退回量（kg）",
    "Total capacity at start (kg)": "期初设备总容量（kg）", "Total capacity at end (kg)": "期末设备总容量（kg）",
    "Capacity of new equipment (kg)": "新增设备容量（kg）", "Recharge (kg)": "补充充装量（kg）", "Recovered (kg)": "回收量（kg）",
    "Green certificate (GEC)": "绿证（绿色电力证书）", "Green power (green electricity trade)": "绿电（绿色电力交易）",
    "Renewable energy certificate (REC)": "可再生能源证书（REC）", "Guarantee of origin (GO)": "来源担保证书（GO）",
    "International REC (I-REC)": "国际可再生能源证书（I-REC）", "Power purchase agreement (PPA)": "购电协议（PPA）",
    "Supplier-specific emission rate": "供电商特定排放因子",
    "Screening (EPA default rates)": "筛选法（EPA 默认泄漏率）", "Material balance": "物料平衡法",
    "Simplified material balance": "简化物料平衡法",
    "rename facility %1": "重命名设施 %1", "delete facility %1": "删除设施 %1", "add instrument": "添加电力凭证",
    "delete instruments": "删除电力凭证", "edit instrument %1": "编辑电力凭证的%1", "add equipment line": "添加制冷设备",
    "delete equipment lines": "删除制冷设备", "edit equipment %1": "编辑制冷设备的%1",
    "add ETS unit": "添加配额机组", "delete ETS units": "删除配额机组", "edit ETS unit %1": "编辑配额机组的%1",
    "Not used by the method of this line": "该行所选方法不使用此项",
    "Edit the ID to rename the facility in every line that names it": "修改编号即可在所有引用该设施的记录中重命名该设施",
    # activities: sorting
    "Line &order (not sorted)": "原始行顺序（不排序）(&O)",
    "Sor&t lines by the current column": "按当前列排序(&T)",
    "Sort the activity lines by the current column; again: descending; again: line order (or click a column header)":
        "按当前列对活动数据排序；再按一次：降序；再按一次：恢复原始行顺序（也可点击列标题）",
    # facilities: delete
    "Select the facility to delete first.": "请先选择要删除的设施。",
    "Facility %1 is named by %2 activity line(s), %3 instrument(s) and %4 equipment line(s). Delete them together "
    "with the facility? (Undo brings everything back.)":
        "设施 %1 被 %2 行活动数据、%3 条电力凭证和 %4 条制冷设备记录引用。是否将它们与该设施一并删除？（撤销可全部恢复。）",
    "Facility %1 was not deleted: %2": "未删除设施 %1：%2", "Deleted facility %1": "已删除设施 %1",
    # exercises and practice mode
    "Exer&cises …": "练习(&C)…", "E&xercises …": "练习(&X)…",
    "Practise a bundled exercise: build a firm's inventory from its documents and check your work":
        "练习内置练习：根据企业资料编制排放清单并检查答案", "Practise a bundled exercise or open an exercise file": "练习内置练习或打开练习文件",
    "Exercises": "练习", "Practise an exercise: build the inventory from the firm's documents":
        "练习：根据企业资料编制温室气体排放清单",
    "&Open an exercise or exam file …": "打开练习或考试文件(&O)…",
    "&Practice (check your work as often as you like)": "练习模式(&P)（可随时检查答案）", "E&xam (no feedback until you submit; the exercise's time limit)": "考试模式(&X)（提交前无反馈，按练习的时间限制）",
    "&Start": "开始(&S)",
    "Close": "关闭", "Reading the exercises …": "正在读取练习…", "Suggested time: %1 minutes": "建议用时：%1 分钟",
    "Source documents: %1": "资料：%1 份",
    "Hand calculation: enter your own results; the app shows its results once you have checked your work":
        "手工计算：请填写您自己的计算结果；检查答案后软件才显示其计算结果",
    "Set as an exam by its author; here you practise it": "作者将其设为考试；此处作为练习",
    "Reading the exercise …": "正在读取练习…", "Open an exercise": "打开练习",
    "Exercises and exam packages (*.xlsx *.xlsm *.cmexam)": "练习和考试包 (*.xlsx *.xlsm *.cmexam)", "Preparing the exercise …": "正在准备练习…",
    "Ta&ke value": "取值(&K)",
    "Put the selected document cell's value into the selected activity cell; the line notes the cell as its "
    "evidence": "将资料中所选单元格的数值填入所选的活动数据单元格；该行记下此单元格作为证据",
    "Check my &work": "检查我的答案(&W)", "Compare your inventory with the exercise's answer key":
        "将您的排放清单与练习的标准答案进行比对",
    "Practice": "练习", "Your task": "任务", "Brief": "案例说明",
    "Select a cell with a value in a source document first.": "请先在资料中选择一个有数值的单元格。",
    "Select the activity cell the value goes into first.": "请先选择要填入数值的活动数据单元格。",
    "The value cannot go into this column: choose an input cell.": "该列不能填入数值：请选择一个输入单元格。",
    "Taken from %1": "已从 %1 取值", "Checking …": "正在检查…", "Not checked yet.": "尚未检查。",
    "Score: %1 / 100 · %2 finding(s)": "得分：%1 / 100 · 发现 %2 处问题",
    "Score: %1 / 100 · no findings: well done.": "得分：%1 / 100 · 没有发现问题，做得好。",
    "−%1 points": "扣 %1 分", "Attempts: %1 (scores %2)": "已检查 %1 次（得分依次为 %2）",
    "Results are shown once you have checked your work (hand calculation).":
        "手工计算：检查答案后才显示核算结果。",
}
NUMERUS = {
    "%n line(s) with problems (not counted)": "%n 行有问题（未计入）",
}


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / name
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def lupdate() -> None:
    sources = sorted(str(p) for p in (ROOT / "ui").glob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources, "-ts", str(TS)],
                   check=True, cwd=ROOT)


def fill() -> list[str]:
    """Fill every unfinished message from the glossary (NUMERUS for a plural message); the sources
    neither has."""
    tree = ET.parse(TS)
    missing = []
    for msg in tree.getroot().iter("message"):
        src = msg.findtext("source") or ""
        tr = msg.find("translation")
        if tr is None:
            tr = ET.SubElement(msg, "translation")
        if tr.get("type") not in ("unfinished", "obsolete", "vanished") and (tr.text or list(tr)):
            continue
        numerus = msg.get("numerus") == "yes"
        text = (NUMERUS if numerus else GLOSSARY).get(src)
        if text is None:
            missing.append(src)
            continue
        if numerus:
            for child in list(tr):
                tr.remove(child)
            tr.text = None
            ET.SubElement(tr, "numerusform").text = text
        else:
            tr.text = text
        tr.attrib.pop("type", None)
    ET.indent(tree, "    ")
    with open(TS, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(fh, encoding="utf-8", xml_declaration=False)
        fh.write(b"\n")
    return missing


def unfinished() -> list[str]:
    tree = ET.parse(TS)
    return [m.findtext("source") or "" for m in tree.getroot().iter("message")
            if (m.find("translation") is not None and m.find("translation").get("type") == "unfinished")]


def lrelease() -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True, cwd=ROOT)


def _report(label: str, sources: list[str]) -> int:
    """Print each untranslated source after ``label``; the exit status (1 if there is any)."""
    for src in sources:
        print(label, src)
    return 1 if sources else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="only check that every message is translated")
    args = ap.parse_args(argv)
    if args.check:
        return _report("unfinished:", unfinished())
    os.chdir(ROOT)
    lupdate()
    missing = fill()
    lrelease()
    return _report("no translation yet:", missing)


if __name__ == "__main__":
    sys.exit(main())
