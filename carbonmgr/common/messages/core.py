"""Messages of the calculation engine and the CLI."""

MESSAGES = {
    "engine.unit_unknown": {"en": 'unit "{unit}" is not a known unit',
                            "zh": "单位“{unit}”无法识别"},
    "engine.item_unknown": {"en": 'item "{item}" is not in the factor library for {source}; give its own factor (ef_co2e with ef_unit) or a known name',
                            "zh": "品种“{item}”不在因子库中（{source}）；请填写自定义排放因子（ef_co2e 与 ef_unit）或使用已知名称"},
    "engine.item_unknown_suggest": {"en": 'item "{item}" is not in the factor library for {source}; did you mean "{suggestion}"?',
                                    "zh": "品种“{item}”不在因子库中（{source}）；是否应为“{suggestion}”？"},
    "engine.item_wrong_source": {"en": 'item "{item}" is a {kind}, which does not belong to {source}',
                                 "zh": "品种“{item}”属于 {kind}，不适用于排放源类别 {source}"},
    "engine.variant_unknown": {"en": 'variant "{variant}" is not a variant of the factors of "{item}" (known: '
                                     "{variants})",
                               "zh": "“{item}”的因子中没有“{variant}”这一类型（已有：{variants}）"},
    "engine.param_unit_likely": {"en": "{param} {value} is not possible in {unit} (values fit {range}); "
                                       "did you mean {likely} ({likely_as})?",
                                 "zh": "{param} 为 {value} {unit} 不可能（合理范围 {range}）；是否应为 {likely}（即 {likely_as}）？"},
    "engine.param_impossible": {"en": "{param} {value} {unit} is outside what is possible ({range})",
                                "zh": "{param} 为 {value} {unit}，超出可能的范围（{range}）"},
    "engine.param_outside_range": {"en": '{param} of "{item}" is {value} {unit}, outside {low}–{high} {unit} that '
                                         '{source} gives for checking it; check the lab report and the unit',
                                   "zh": "“{item}”的 {param} 为 {value} {unit}，超出{source}给出的核查参考范围"
                                         " {low}–{high} {unit}；请核对化验报告和单位"},
    "engine.no_factor": {"en": 'no factor for "{item}" in factor set {set}',
                         "zh": "因子集 {set} 中没有“{item}”的因子"},
    "engine.heat_basis_mismatch": {
        "en": "the quantity in {unit} is on the {line_basis} basis but the {param} it would take is per {factor_basis} "
              "energy (a 5-10 % error): name a factor set on the same basis (factor_set), give the quantity in mass "
              "or volume, or say the line's basis (heat_basis)",
        "zh": "以 {unit} 计的数量为{line_basis}基准，而将采用的 {param} 按{factor_basis}计（相差 5-10%）：请指定同一基准的因子集"
              "（因子集），或以质量、体积填写数量，或注明该行的热值基准（热值基准）"},
    "engine.heat_basis_unknown": {"en": 'heat basis "{value}" is neither ncv (net) nor hhv (gross)',
                                  "zh": "热值基准“{value}”既不是 ncv（低位）也不是 hhv（高位）"},
    "engine.heat_basis.hhv": {"en": "gross (higher heating value, HHV)", "zh": "高位发热量（HHV）"},
    "engine.heat_basis.ncv": {"en": "net (net calorific value, NCV)", "zh": "低位发热量（NCV）"},
    "engine.ef_gas_needs_gas": {
        "en": "a factor for one gas (ef_gas) needs the gas it is for in the gas column (e.g. CF4, C2F6, SF6)",
        "zh": "单一气体的排放因子（ef_gas）须在“气体”列写明是哪种气体（如 CF4、C2F6、SF6）"},
    "engine.steam_needs_enthalpy": {
        "en": 'heat in "{unit}" needs the steam\'s enthalpy (enthalpy, kJ/kg) or the hot water\'s temperature '
              '(water_temperature, °C) to be converted to GJ',
        "zh": "以“{unit}”计的热力须给出蒸汽焓值（enthalpy，kJ/kg）或热水温度（water_temperature，°C）才能换算为 GJ"},
    "engine.enthalpy_range": {
        "en": "steam enthalpy {value} kJ/kg is out of range (above 83.74, the enthalpy of water at 20 °C, and at most "
              "4,000)",
        "zh": "蒸汽焓值 {value} kJ/kg 超出范围（应大于 83.74，即 20 °C 水的焓值，且不超过 4,000）"},
    "engine.water_temperature_range": {
        "en": "hot water temperature {value} °C is out of range (above 20 °C and at most 200 °C)",
        "zh": "热水温度 {value} °C 超出范围（应高于 20 °C，且不超过 200 °C）"},
    "engine.clinker_dust_needs_oxides": {
        "en": '"{item}" is counted by the clinker\'s oxides: give the clinker\'s CaO (cao) and MgO (mgo) on its line',
        "zh": "“{item}”按熟料氧化物计算：请在该行填写熟料的氧化钙（cao）和氧化镁（mgo）含量"},
    "engine.non_carbonate_exceeds": {
        "en": "non-carbonate {oxide} {part} % is more than the clinker's {oxide} {whole} %",
        "zh": "非碳酸盐来源的 {oxide} {part}% 大于熟料的 {oxide} 含量 {whole}%"},
    "engine.unit_not_fit": {"en": 'unit "{unit}" does not fit item "{item}": expected {expected}',
                            "zh": "单位“{unit}”不适用于品种“{item}”：应为{expected}"},
    "engine.missing_param": {"en": 'no default {param} for "{item}": give it on the line',
                             "zh": "“{item}”没有缺省的 {param}：请在该行填写"},
    "engine.unit_not_fit_set": {"en": "the unit does not fit the factors of this factor set",
                                "zh": "单位与该因子集的因子不匹配"},
    "engine.ef_unit_unknown": {"en": 'factor unit "{unit}" is not understood (expected e.g. t/MWh, kg/scf, kg/USD)',
                               "zh": "因子单位“{unit}”无法识别（应如 t/MWh、kg/scf、kg/USD）"},
    "engine.ef_unit_mass": {"en": 'factor unit "{unit}" must be a mass per activity unit (e.g. t/t, kg/MWh)',
                            "zh": "因子单位“{unit}”应为质量/活动单位（如 t/t、kg/MWh）"},
    "engine.ef_unit_mismatch": {"en": 'factor unit "{unit}" does not match the line unit "{line_unit}" (expected a factor per {expected})',
                                "zh": "因子单位“{unit}”与该行单位“{line_unit}”不一致（应为每{expected}的因子）"},
    "engine.expected_heat": {"en": "{energy}; steam in t: AD(GJ) = M × (En − 83.74) × 10⁻³ (china-addendum §1.2)",
                             "zh": "{energy}；蒸汽以 t 计时：AD(GJ) = M × (En − 83.74) × 10⁻³（china-addendum §1.2）"},
    "engine.ncv_unit_mismatch": {"en": 'NCV unit "{unit}" does not match the line unit "{line_unit}"',
                                 "zh": "低位发热量单位“{unit}”与该行单位“{line_unit}”不一致"},
    "engine.no_gwp": {"en": 'no GWP for {gas} in set {set}',
                      "zh": "GWP 值集 {set} 中没有 {gas} 的 GWP"},
    "engine.grid_unknown": {"en": '"{item}" is not a known grid (a country, grid region such as 华中, or province)',
                            "zh": "“{item}”不是已知电网（国家、区域电网如华中，或省份）"},
    "engine.region_unknown": {"en": 'facility {facility}: region "{region}" has no grid factor; name the grid in the item column',
                              "zh": "设施 {facility}：地区“{region}”没有电网排放因子；请在品种列填写电网"},
    "engine.region_no_row": {
        "en": 'factor set {set} publishes "{item}" by country and has no row for {region} (rows: {available}); '
              "give the line the region where it happened (column region), or its own factor",
        "zh": "因子集 {set} 中“{item}”的因子按国家/地区发布，没有适用于 {region} 的因子（现有：{available}）；"
              "请在“地区”列填写活动发生的地区，或填写本行自己的排放因子"},
    "engine.region_missing": {"en": "facility {facility} has no region: its electricity takes the national average grid "
                                    "factor; give the facility its region (Boundary page) or name the grid in the item column",
                              "zh": "设施 {facility} 未填写所在地区：其电力使用全国平均电网排放因子；请在“组织边界”页填写该设施的地区，"
                                    "或在品种列填写电网"},
    "engine.heat_unknown": {"en": '"{item}" is not a known heat or steam factor',
                            "zh": "“{item}”不是已知的热力/蒸汽因子"},
    "engine.scope3_category": {"en": "scope3_category must be a whole number from 1 to 15",
                               "zh": "范围三类别应为 1 至 15 的整数"},
    "engine.source_unknown": {"en": 'source "{source}" is not known', "zh": "排放源类别“{source}”无法识别"},
    "engine.equipment_unknown": {"en": 'equipment type "{item}" is not known (e.g. chillers, domestic refrigeration)',
                                 "zh": "设备类型“{item}”无法识别（如 冷水机组、家用制冷设备）"},
    "engine.equipment_method": {"en": 'method "{method}" is not one of screening, material balance, simplified '
                                      "material balance",
                                "zh": "方法“{method}”应为筛选法、物料平衡法或简化物料平衡法"},
    "engine.equity_range": {"en": "facility {facility}: equity share {value} is outside 0–100 %",
                            "zh": "设施 {facility}：股权比例 {value} 超出 0–100% 范围"},
    "engine.no_residual_mix": {"en": "no residual mix factor given (Case sheet, residual mix factor): market-based Scope 2 uses the location-based grid factor for electricity not covered by instruments",
                               "zh": "未给出剩余组合因子（案例工作表“剩余组合排放因子”）：基于市场的范围二对未被凭证覆盖的电量采用基于位置的电网因子"},
    "engine.residual_mix_ambiguous": {
        "en": "the case's residual mix (Case sheet, residual mix factor) is not applied: the facilities buy electricity in "
              "more than one market; give each facility the residual mix of its own market (Facilities "
              "column residual mix factor); meanwhile {facilities} use the location-based grid factor",
        "zh": "案例的剩余组合因子（案例工作表“剩余组合排放因子”）未被采用：各设施在不同电力市场购电；请在设施表的“剩余组合排放因子”"
              "列为每个设施填写其所在市场的剩余组合因子；在此之前 {facilities} 采用基于位置的电网因子"},
    "engine.note.market_based": {
        "en": "market-based: {covered} MWh covered by {instruments} instrument(s), the remaining {rest} MWh at "
              "{residual} t CO2e/MWh ({residual_from})",
        "zh": "基于市场：{instruments} 份凭证覆盖 {covered} MWh，其余 {rest} MWh 按 {residual} t CO2e/MWh 计（{residual_from}）"},
    "engine.residual_from.facility": {"en": "the residual mix of the facility's market",
                                      "zh": "设施所在市场的剩余组合因子"},
    "engine.residual_from.case": {"en": "the case's residual mix", "zh": "案例给出的剩余组合因子"},
    "engine.residual_from.grid": {"en": "no residual mix given: the location-based grid factor, disclosed",
                                  "zh": "未给出剩余组合因子：采用基于位置的电网因子，并予披露"},
    "engine.instrument_unused": {"en": "instrument for facility {facility} has no purchased electricity to cover",
                                 "zh": "设施 {facility} 的电力凭证没有可抵扣的购入电力"},
    "engine.instruments_capped": {"en": "facility {facility}: instruments of {mwh:g} MWh exceed consumption of {consumption:g} MWh; capped at consumption",
                                  "zh": "设施 {facility}：电力凭证 {mwh:g} MWh 超过用电量 {consumption:g} MWh，按用电量封顶"},
    "engine.line_failed": {"en": "this line could not be computed ({error}); please report it with the workbook",
                           "zh": "此行无法计算（{error}）；请附上工作簿报告此问题"},
    # Trace notes of the engine (carbonmgr.inventory.notes.Note): how a line was computed
    "engine.note.biogenic_apart": {"en": "biogenic CO2 reported separately, outside the totals",
                                   "zh": "生物质 CO2 单独报告，不计入总量"},
    "engine.note.other_set": {"en": "{item} is not in factor set {chosen} for this unit; used {used}",
                              "zh": "因子集 {chosen} 中没有适用于该单位的 {item} 因子，改用 {used}"},
    "engine.note.read_as_percent": {"en": "{param} {value} read as a percent: {fraction} {unit}",
                                    "zh": "{param} {value} 按百分数读取：{fraction} {unit}"},
    "engine.note.unit_conversion": {"en": "unit conversion: 1 {unit} = {value} {other}",
                                    "zh": "单位换算：1 {unit} = {value} {other}"},
    "engine.note.steam_by_mass": {
        "en": "steam or hot water in tonnes converted to heat as the MEE guidelines do (steel guideline 2024, "
              "Appendix E: 83.74 kJ/kg is water at 20 °C)",
        "zh": "以吨计的蒸汽或热水按生态环境部指南换算为热量（钢铁行业指南 2024 附录E：83.74 kJ/kg 为 20 °C 水的焓值）"},
    "engine.note.clinker_dust": {
        "en": "kiln and bypass dust count like clinker, with the clinker's oxides: E = (Q_clinker + Q_kiln dust + "
              "Q_bypass dust) × [(CaO − CaO_nc) × 44/56 + (MgO − MgO_nc) × 44/40]",
        "zh": "窑头粉尘和旁路放风粉尘按熟料氧化物同熟料一并计算：E = (Q熟料 + Q窑头粉尘 + Q旁路粉尘) × [(CaO − CaO非碳酸盐) × 44/56 + "
              "(MgO − MgO非碳酸盐) × 44/40]"},
    "engine.note.user_factor": {"en": "user factor", "zh": "数据行给出的因子"},
    "engine.note.sector_family_table": {
        "en": "the factor library does not hold the {sector} guideline's own fuel table; its defaults are those of the "
              "NDRC 2013/2015 guideline family",
        "zh": "因子库中尚无{sector}行业指南自身的燃料参数表，缺省值取自国家发展改革委 2013/2015 年系列核算指南"},
    # sectors (Case key "sector"), and the guideline whose default fuel table each takes
    "sector.general": {"en": "general industry", "zh": "工业其他行业"},
    "sector.steel": {"en": "iron and steel", "zh": "钢铁"},
    "sector.power": {"en": "power generation", "zh": "发电设施"},
    "sector.cement": {"en": "cement clinker", "zh": "水泥熟料生产"},
    "sector.aluminium": {"en": "aluminium smelting", "zh": "铝冶炼"},
    "guideline.general": {
        "en": "Guidelines for Accounting and Reporting of Greenhouse Gas Emissions of Other Industrial Enterprises "
              "(Trial) (NDRC, 2015)",
        "zh": "《工业其他行业企业温室气体排放核算方法与报告指南（试行）》（国家发展改革委，2015）"},
    "guideline.steel": {
        "en": "Guidelines for Enterprise Greenhouse Gas Emissions Accounting and Reporting: Iron and Steel "
              "(CETS-AG-03.01-V01-2024, MEE)",
        "zh": "《企业温室气体排放核算与报告指南 钢铁行业》（CETS-AG-03.01-V01-2024，生态环境部）"},
    "guideline.power": {
        "en": "Guidelines for Enterprise Greenhouse Gas Emissions Accounting and Reporting: Power Generation "
              "Facilities (MEE, Huanbanqihouhan [2022] No. 485)",
        "zh": "《企业温室气体排放核算与报告指南 发电设施》（环办气候函〔2022〕485号）"},
    "guideline.cement": {
        "en": "Guidelines for Enterprise Greenhouse Gas Emissions Accounting and Reporting: Cement Clinker "
              "Production (CETS-AG-02.01-V01-2024, MEE)",
        "zh": "《企业温室气体排放核算与报告指南 水泥熟料生产》（CETS-AG-02.01-V01-2024，生态环境部）"},
    "guideline.aluminium": {
        "en": "Guidelines for Enterprise Greenhouse Gas Emissions Accounting and Reporting: Aluminium Smelting "
              "(CETS-AG-04.01-V01-2024, MEE)",
        "zh": "《企业温室气体排放核算与报告指南 铝冶炼》（CETS-AG-04.01-V01-2024，生态环境部）"},
    "engine.note.co2e_weighted": {"en": "CO2e weighted with {basis} GWPs", "zh": "CO2e 按 {basis} GWP 加权"},
    "engine.note.co2e_weighted_own": {"en": "CO2e weighted with its own GWPs", "zh": "CO2e 按因子自身的 GWP 加权"},
    "engine.note.co2e_not_reweighted": {"en": "factor already in CO2e ({basis}); not re-weighted",
                                        "zh": "因子已为 CO2e（{basis}），不再按 GWP 折算"},
    "engine.note.variant_other": {"en": "{gas}: no factor of variant {variant}; used the {used} factor",
                                  "zh": "{gas}：没有变体 {variant} 的因子，采用变体 {used} 的因子"},
    "engine.note.variant_general": {"en": "{gas}: no factor of variant {variant}; used the general factor",
                                    "zh": "{gas}：没有变体 {variant} 的因子，采用通用因子"},
    "engine.note.vehicle_per_distance": {
        "en": "CH4 and N2O of vehicles are per distance: add a distance line (vehicle type, mi/km)",
        "zh": "车辆的 CH4 和 N2O 按行驶里程计算：请另加里程数据行（车型，mi/km）"},
    "engine.note.purity_assumed": {"en": "purity not given: 100 % assumed", "zh": "未提供纯度：按 100% 计"},
    "engine.note.assumed_100": {"en": "not given: 100 % assumed", "zh": "未提供：按 100% 计"},
    "engine.note.deducted": {"en": "deducted (output or substitute material)", "zh": "扣减项（产出或替代原料）"},
    "engine.note.other_year": {"en": "no {year} factor for {item}; used the {used} factor",
                               "zh": "{item} 没有 {year} 年的因子，采用 {used} 年的因子"},
    "engine.note.region_row_line": {"en": "factor row for {row_region}; the line's region: {region}",
                                    "zh": "采用{row_region}的因子；本行填写的地区：{region}"},
    "engine.note.region_row_facility": {"en": "factor row for {row_region}; the facility's region: {region}",
                                        "zh": "采用{row_region}的因子；设施所在地区：{region}"},
    "engine.note.region_row_generic": {"en": "no factor row for region {region}: used the set's generic row",
                                       "zh": "没有适用于 {region} 的因子，采用该因子集的通用因子"},
    "engine.note.grid_from_region": {"en": "grid from the facility's region: {region} → {grid}",
                                     "zh": "按设施所在地区确定电网：{region} → {grid}"},
    "engine.note.grid_of_region": {"en": "grid from the facility's region: {grid}",
                                   "zh": "按设施所在地区确定电网：{grid}"},
    "engine.note.green_power": {
        "en": "green power {mwh:g} MWh counts 0; the rest × {value:g} ({key}, {doc})",
        "zh": "绿色电力 {mwh:g} MWh 按零排放计；其余电量 × {value:g}（{key}，{doc}）"},
    "engine.note.green_rule": {
        "en": "Chinese green-power rule: applied to the facility's purchased electricity as a whole "
              "(every electricity line of the facility gets the same result per MWh)",
        "zh": "绿色电力核算规则按设施的全部购入电力整体计算（该设施各购入电力行每兆瓦时结果相同）"},
    "cli.file_not_found": {"en": "file not found: {path}", "zh": "找不到文件：{path}"},
    "cli.internal_error": {"en": "internal error: {error}. Nothing was written. Please report this with the input file.",
                           "zh": "内部错误：{error}。未写入任何文件。请附上输入文件报告此问题。"},
    "cli.problems": {"en": "{count} problem(s) found; nothing was written.",
                     "zh": "发现 {count} 个问题；未写入任何文件。"},
    "cli.problems_read": {"en": "{count} problem(s) found.", "zh": "发现 {count} 个问题。"},
    "cli.written": {"en": "written: {path}", "zh": "已写入：{path}"},
    "cli.needs_project": {"en": "this command needs a project file (.carbon); use 'carbonmgr import' first",
                          "zh": "此命令需要项目文件（.carbon）；请先用 carbonmgr import 导入"},
    "cli.factors_unchanged": {"en": "the factors and GWP values this inventory used are unchanged in today's library",
                              "zh": "本清单使用的因子和 GWP 值在当前因子库中没有变化"},
    "cli.factors_nothing_to_apply": {"en": "the inventory would stay as it is: there is nothing to apply",
                                     "zh": "清单不会有任何变化，无需更新"},
    "cli.factors_applied": {"en": "saved: the project now uses today's factors",
                            "zh": "已保存：项目现使用当前因子库"},
    "cli.factors_not_applied": {"en": "nothing changed in the project; run again with --apply to use today's factors",
                                "zh": "项目未作改动；如需采用当前因子，请加 --apply 重新运行"},
    "cli.exists": {"en": "{path} exists; use --force to overwrite", "zh": "{path} 已存在；如需覆盖请加 --force"},
    # CLI: labels of the inventory table
    "cli.label.title": {"en": "Case", "zh": "案例"},
    "cli.label.standard": {"en": "Standard", "zh": "核算标准"},
    "cli.label.gwp": {"en": "GWP set", "zh": "GWP 值集"},
    "cli.label.year": {"en": "Reporting year", "zh": "报告年度"},
    "cli.label.consolidation": {"en": "Consolidation", "zh": "合并方法"},
    "cli.label.lines": {"en": "Activity lines", "zh": "活动数据"},
    "cli.label.row": {"en": "Row", "zh": "行"},
    "cli.label.facility": {"en": "Facility", "zh": "设施"},
    "cli.label.source": {"en": "Source", "zh": "排放源"},
    "cli.label.item": {"en": "Item", "zh": "品种"},
    "cli.label.quantity": {"en": "Quantity", "zh": "数量"},
    "cli.label.scope": {"en": "Scope", "zh": "范围"},
    "cli.label.tco2e": {"en": "t CO2e", "zh": "t CO2e"},
    "cli.label.factor": {"en": "Factor (source, status)", "zh": "因子（来源，状态）"},
    "cli.label.totals": {"en": "Totals", "zh": "合计"},
    "cli.label.total": {"en": "Total", "zh": "排放总量"},
    "cli.label.scope1": {"en": "Scope 1", "zh": "范围一"},
    "cli.label.scope2": {"en": "Scope 2 (reported)", "zh": "范围二（报告值）"},
    "cli.label.scope2_location": {"en": "Scope 2, location-based", "zh": "范围二（基于位置）"},
    "cli.label.scope2_market": {"en": "Scope 2, market-based", "zh": "范围二（基于市场）"},
    "cli.label.scope3": {"en": "Scope 3", "zh": "范围三"},
    "cli.label.exported": {"en": "Exported (deducted under GB/T 32150)", "zh": "输出电力/热力（GB/T 32150 扣减）"},
    "cli.label.biogenic_co2": {"en": "Biogenic CO2 (outside totals)", "zh": "生物质 CO2（不计入总量）"},
    "cli.label.by_source": {"en": "By source type", "zh": "按排放源类别"},
    "cli.label.by_facility": {"en": "By facility", "zh": "按设施"},
    "cli.label.by_gas": {"en": "By gas", "zh": "按气体"},
    "cli.label.warnings": {"en": "Notes", "zh": "提示"},
    "cli.label.uncertainty": {"en": "Uncertainty (IPCC Approach 1)", "zh": "不确定性（IPCC 方法1）"},
    "cli.label.exported_short": {"en": "exported", "zh": "输出"},
    # CLI: consolidation approaches, short
    "cli.consolidation.operational_control": {"en": "operational control", "zh": "运营控制"},
    "cli.consolidation.financial_control": {"en": "financial control", "zh": "财务控制"},
    "cli.consolidation.equity_share": {"en": "equity share", "zh": "股权比例"},
    # CLI: the factor search table (carbonmgr factors)
    "cli.factors.col.set": {"en": "set", "zh": "因子集"},
    "cli.factors.col.item": {"en": "item", "zh": "品种"},
    "cli.factors.col.param": {"en": "param", "zh": "参数"},
    "cli.factors.col.gas": {"en": "gas", "zh": "气体"},
    "cli.factors.col.value": {"en": "value", "zh": "数值"},
    "cli.factors.col.unit": {"en": "unit", "zh": "单位"},
    "cli.factors.col.year": {"en": "year", "zh": "年份"},
    "cli.factors.col.status": {"en": "status", "zh": "状态"},
    "cli.factors.col.source": {"en": "source", "zh": "来源"},
    "cli.factors.none": {"en": "no factor matches", "zh": "没有匹配的因子"},
    "cli.factors.count": {"en": "{count} factor(s)", "zh": "共 {count} 条因子"},
    # CLI: carbonmgr update-factors
    "cli.update.col.factor": {"en": "factor", "zh": "因子"},
    "cli.update.col.old": {"en": "old", "zh": "原值"},
    "cli.update.col.new": {"en": "new", "zh": "新值"},
    "cli.update.col.change": {"en": "change", "zh": "变化"},
    # Punctuation and small formats of each language
    "sep.list": {"en": ", ", "zh": "、"},
    "sep.semicolon": {"en": "; ", "zh": "；"},
    "sep.colon": {"en": ": ", "zh": "："},
    "fmt.percent": {"en": "{value} %", "zh": "{value}%"},
    "problem.warning_prefix": {"en": "warning: ", "zh": "警告："},
    # Source types, by name (a "{source}" parameter of any message reads as this name)
    "source.stationary_combustion": {"en": "Stationary combustion", "zh": "固定燃烧"},
    "source.mobile_combustion": {"en": "Mobile combustion", "zh": "移动燃烧"},
    "source.process": {"en": "Process", "zh": "过程排放"},
    "source.fugitive": {"en": "Fugitive", "zh": "逸散排放"},
    "source.purchased_electricity": {"en": "Purchased electricity", "zh": "购入电力"},
    "source.purchased_heat": {"en": "Purchased heat", "zh": "购入热力"},
    "source.exported_electricity": {"en": "Exported electricity", "zh": "输出电力"},
    "source.exported_heat": {"en": "Exported heat", "zh": "输出热力"},
    "source.scope3": {"en": "Scope 3", "zh": "范围三"},
}
