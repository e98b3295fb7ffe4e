"""Labels of the headline figures (:mod:`carbonmgr.inventory.headline`): the categories of each
standard, as that standard names them, the other views beside the total, and what each is."""

MESSAGES = {
    # GB/T 32150-2015: the sources of §7 (fuel combustion, process, purchased and exported energy)
    "figures.gbt.fuel_combustion": {"en": "Fuel combustion", "zh": "燃料燃烧排放"},
    "figures.gbt.process": {"en": "Process emissions", "zh": "过程排放"},
    "figures.gbt.fugitive": {"en": "Fugitive emissions", "zh": "逸散排放"},
    "figures.gbt.purchased_electricity": {"en": "Purchased electricity", "zh": "购入电力排放"},
    "figures.gbt.purchased_heat": {"en": "Purchased heat", "zh": "购入热力排放"},
    "figures.gbt.exported_electricity": {"en": "Exported electricity (deducted)", "zh": "输出电力排放（扣减）"},
    "figures.gbt.exported_heat": {"en": "Exported heat (deducted)", "zh": "输出热力排放（扣减）"},
    "figures.gbt.total": {"en": "Total GHG emissions", "zh": "温室气体排放总量"},
    "figures.gbt.of_stationary": {"en": "of which stationary combustion", "zh": "其中：固定燃烧"},
    "figures.gbt.of_mobile": {"en": "of which mobile combustion", "zh": "其中：移动燃烧"},
    "figures.gbt.net_electricity": {"en": "Net purchased electricity (purchased − exported)",
                                    "zh": "净购入电力排放（购入 − 输出）"},
    "figures.gbt.net_heat": {"en": "Net purchased heat (purchased − exported)", "zh": "净购入热力排放（购入 − 输出）"},
    "figures.gbt.net_energy": {"en": "Net purchased electricity and heat (purchased − exported)",
                               "zh": "净购入电力和热力排放（购入 − 输出）"},
    "figures.gbt.scope2": {"en": "Scope 2 as counted in the total (purchased, gross)",
                           "zh": "范围二（计入总量的购入量，未扣减输出）"},
    # GHG Protocol and ISO 14064-1
    "figures.scope1": {"en": "Scope 1", "zh": "范围一"},
    "figures.scope2_location": {"en": "Scope 2 (location-based)", "zh": "范围二（基于位置）"},
    "figures.scope2_market": {"en": "Scope 2 (market-based)", "zh": "范围二（基于市场）"},
    "figures.scope3": {"en": "Scope 3", "zh": "范围三"},
    "figures.biogenic_co2": {"en": "Biogenic CO2", "zh": "生物质 CO2"},
    "figures.ghgp.total": {"en": "Total Scope 1 + Scope 2 (location-based)", "zh": "范围一 + 范围二（基于位置）合计"},
    "figures.ghgp.total_market": {"en": "Total Scope 1 + Scope 2 (market-based)",
                                  "zh": "范围一 + 范围二（基于市场）合计"},
    "figures.ghgp.exported": {"en": "Exported electricity and heat", "zh": "输出电力和热力"},
    "figures.iso.category1": {"en": "Category 1: direct emissions", "zh": "类别1：直接排放"},
    "figures.iso.category2": {"en": "Category 2: indirect emissions from imported energy",
                              "zh": "类别2：输入能源的间接排放"},
    "figures.iso.total": {"en": "Total, categories 1 and 2", "zh": "类别1和类别2合计"},
    # what a figure beside the total is
    "figures.note.net": {"en": "purchased minus exported", "zh": "购入减输出"},
    "figures.note.other_view": {"en": "another view of the same emissions, not added to the total",
                                "zh": "同一排放的另一种口径，不再计入总量"},
    "figures.note.gbt_scope2": {"en": "purchased electricity and heat as counted in the total, before the deduction",
                                "zh": "计入总量的购入电力和热力，扣减输出之前"},
    "figures.note.not_in_total": {"en": "reported separately, not in the total", "zh": "单独报告，不计入总量"},
    "figures.note.market": {"en": "reported beside the location-based total", "zh": "与基于位置的总量并列报告"},
    "figures.note.not_deducted": {"en": "information only, not deducted", "zh": "仅供参考，不扣减"},
    # columns and headings
    "figures.share_of_total": {"en": "Share of the total", "zh": "占总量比例"},
    "figures.share_of": {"en": "Share of the total ({total} t CO2e)", "zh": "占排放总量（{total} 吨 CO2e）的比例"},
    "figures.shares_note": {
        "en": "Shares are of the total; a deduction has a negative share; rows outside the total have none. "
              "Shares are rounded so that they add up to 100.0 %.",
        "zh": "比例为占总量的比例；扣减项为负；不计入总量的项目不计比例。比例经修约，合计为 100.0%。",
    },
    "figures.other_views": {"en": "Other views", "zh": "其他口径"},
    "figures.adds_up": {"en": "the parts add up to the total", "zh": "各项之和等于总量"},
    "figures.category": {"en": "Category", "zh": "类别"},
    "figures.not_in_total": {"en": "not in the total", "zh": "不计入总量"},
    # entering a fraction (oxidation rate, purity, equity share): one rule for the workbook and the app
    "entry.fraction_rule": {
        "en": "A fraction or a percentage: 0.98, 98 and 98 % all mean 98 %. A number from 0 to 1 is a fraction "
              "(1 = 100 %); a number above 1 up to 100 is a percentage (1.5 = 1.5 %); a number written with % is a "
              "percentage. Anything else is refused.",
        "zh": "小数或百分数：0.98、98 和 98% 都表示 98%。0 到 1 之间的数按小数读（1 即 100%）；大于 1 且不超过 100 "
              "的数按百分数读（1.5 即 1.5%）；带 % 的数按百分数读。其他数值不予接受。",
    },
    "engine.oxidation_low": {
        "en": "oxidation rate {value} % is below {low} %, the lowest default oxidation rate that the library's "
              "documents publish for any fuel ({source}): please check it. A number above 1 is read as a percentage "
              "(1.5 is 1.5 %); 100 % is written 1, 100 or 100 %",
        "zh": "碳氧化率 {value}% 低于因子库所收文件为各类燃料给出的最低缺省碳氧化率 {low}%（{source}），请核对。"
              "大于 1 的数按百分数读（1.5 即 1.5%）；100% 可写作 1、100 或 100%",
    },
    # a value typed into a cell that was refused
    "entry.rejected": {
        "en": "{value} was not accepted: {reason}. The previous value is still used until the entry is corrected "
              "or undone.",
        "zh": "“{value}”未被接受：{reason}。在更正或撤销之前，仍使用原来的数值。",
    },
    "entry.rejected_title": {"en": "Values not accepted (the previous values are used)",
                             "zh": "未被接受的数值（仍使用原值）"},
    "entry.rejected_withdrawn": {"en": "The values that were not accepted were withdrawn.",
                                 "zh": "已撤回未被接受的数值。"},
}
