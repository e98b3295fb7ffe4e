"""Engine trace notes in the user's language.

The engine writes its trace notes in English (they are part of the JSON output); this
module renders them in Chinese for the app and the report.
"""
from __future__ import annotations

import re

GREEN_RULE_NOTE = ("Chinese green-power rule: applied to the facility's purchased electricity as a whole "
                   "(every electricity line of the facility gets the same result per MWh)")

_NOTE_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^biogenic CO2 reported separately, outside the totals$"), "生物质 CO2 单独报告，不计入总量"),
    (re.compile(r"^(\S+) is not in factor set (\S+) for this unit; used (\S+)$"),
     "因子集 {1} 中没有适用于该单位的 {0} 因子，改用 {2}"),
    (re.compile(r"^CH4 and N2O of vehicles are per distance: add a distance line \(vehicle type, mi/km\)$"),
     "车辆的 CH4 和 N2O 按行驶里程计算：请另加里程数据行（车型，mi/km）"),
    (re.compile(r"^purity not given: 100 % assumed$"), "未提供纯度：按 100% 计"),
    (re.compile(r"^deducted \(output or substitute material\)$"), "扣减项（产出或替代原料）"),
    (re.compile(r"^no (\d+) factor for (\S+); used the (\d+) factor$"), "{1} 没有 {0} 年的因子，采用 {2} 年的因子"),
    (re.compile(r"^grid from the facility's region: (.*) → (.*)$"), "按设施所在地区确定电网：{0} → {1}"),
    (re.compile(r"^green power (\S+) MWh counts 0; the rest × (\S+) \(([^:]+): national factor excl\. "
                r"market-traded non-fossil power, (.*)\)$"),
     "绿色电力 {0} MWh 按零排放计；其余电量 × {1}（{2}：不含市场化交易非化石能源电量的全国电力排放因子，{3}）"),
    (re.compile(r"^Chinese green-power rule: applied to the facility's purchased electricity as a whole "
                r"\(every electricity line of the facility gets the same result per MWh\)$"),
     "绿色电力核算规则按设施的全部购入电力整体计算（该设施各购入电力行每兆瓦时结果相同）"),
    (re.compile(r"^factor already in CO2e \((.*)\); not re-weighted$"), "因子已为 CO2e（{0}），不再按 GWP 折算"),
    (re.compile(r"^CO2e weighted with (.*) GWPs$"), "CO2e 按 {0} GWP 加权"),
    (re.compile(r"^user factor$"), "数据行给出的因子"),
    (re.compile(r"^(\S+): no factor of variant (\S+); used the general factor$"), "{0}：没有“{1}”类型的因子，采用通用因子"),
    (re.compile(r"^(\S+): no factor of variant (\S+); used the (\S+) factor$"), "{0}：没有“{1}”类型的因子，采用“{2}”类型的因子"),
    (re.compile(r"^not given: 100 % assumed$"), "未提供：按 100% 计"),
]


def note_text(note: str, lang: str) -> str:
    """An engine note in ``lang`` (the English note when no translation is known)."""
    if lang != "zh" or not note:
        return note
    for pattern, zh in _NOTE_PATTERNS:
        m = pattern.match(note)
        if m:
            return zh.format(*m.groups())
    return note
