"""Messages of units and conversions (:mod:`carbonmgr.units`)."""

MESSAGES = {
    "unit.empty": {"en": "no unit given", "zh": "未填写单位"},
    "unit.unknown": {"en": 'unit "{unit}" is not a known unit', "zh": "单位“{unit}”无法识别"},
    "unit.not_rate": {"en": '"{unit}" is not a unit per unit (e.g. t/MWh)', "zh": "“{unit}”不是比率单位（如 t/MWh）"},
    "unit.mismatch": {"en": "{src} cannot be converted to {dst}", "zh": "{src} 无法换算为 {dst}"},
    # What a unit of each dimension is ("expected {expected}" in the engine's messages)
    "unit.dimension.mass": {"en": "a mass (t, kg, lb, short ton)", "zh": "质量（t、kg 等）"},
    "unit.dimension.volume": {"en": "a volume (10^4 Nm3, Nm3, m3, L, gal, scf)", "zh": "体积（10^4 Nm3、Nm3、m3、L 等）"},
    "unit.dimension.energy": {"en": "an energy (GJ, TJ, MWh, kWh, mmBtu)", "zh": "能量（GJ、TJ、MWh、kWh 等）"},
    "unit.dimension.distance": {"en": "a distance (km, mi)", "zh": "距离（km、mi）"},
    "unit.dimension.pdistance": {"en": "passenger distance (passenger-km, passenger-mile)",
                                 "zh": "人公里（passenger-km 等）"},
    "unit.dimension.tdistance": {"en": "freight distance (t-km, short ton-mile)", "zh": "吨公里（t-km 等）"},
    "unit.dimension.vdistance": {"en": "vehicle distance (vehicle-km, vehicle-mile)", "zh": "车公里（vehicle-km 等）"},
    "unit.dimension.count": {"en": "a count (unit, room-night)", "zh": "数量（个、间夜等）"},
    "unit.dimension.ratio": {"en": "a fraction or percent", "zh": "比例或百分数"},
    "unit.one_of": {"en": "{first} / {rest}", "zh": "{first} / {rest}"},
    "unit.dimension.money": {"en": "an amount of money in {currency}", "zh": "{currency} 金额"},
}
