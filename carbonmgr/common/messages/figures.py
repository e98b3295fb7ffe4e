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
}
