"""Messages of the graded ETS exercises (carbonmgr/training/ets_grading.py) and of the registry
checklist exercise (carbonmgr/training/checklist.py)."""

_KINDS = {
    "wrong_benchmark": ("wrong benchmark", "基准值错误"),
    "wrong_output": ("wrong unit output", "机组产出数据错误"),
    "wrong_correction": ("wrong correction factor", "修正系数错误"),
    "wrong_boundary": ("wrong ETS boundary", "配额核算边界错误"),
    "wrong_verified": ("wrong verified emissions", "核查排放量错误"),
    "wrong_price": ("wrong carbon price", "碳价错误"),
    "wrong_holdings": ("wrong holdings", "持有量错误"),
    "wrong_allocation": ("wrong allocation", "配额量错误"),
    "ccer_over_cap": ("CCER above the cap", "CCER 超过抵销上限"),
    "wrong_ccer": ("wrong CCER use", "CCER 使用量错误"),
    "wrong_position": ("wrong compliance position", "履约盈缺错误"),
    "wrong_penalty": ("wrong penalty", "罚款计算错误"),
    "wrong_cost": ("wrong cost of a path", "履约路径成本错误"),
    "wrong_choice": ("wrong cheapest path", "最低成本路径判断错误"),
    "wrong_step": ("wrong step", "步骤错误"),
    "extra_step": ("step that does not belong", "多选了不应有的步骤"),
    "missing_step": ("missing step", "漏掉了步骤"),
    "wrong_order": ("step out of order", "步骤顺序错误"),
}

_WHY = {
    "wrong_benchmark": ("The benchmark is that of the unit's class in the allocation plan of the ETS year.",
                        "基准值应取配额年度分配方案中该机组类别的值。"),
    "wrong_output": ("The allocation is computed on the quantity the plan names: net supply before 2023, gross "
                     "generation from 2023, and the heat supplied.",
                     "配额按分配方案规定的量计算：2023 年前为供电量，2023 年起为发电量，另加供热量。"),
    "wrong_correction": ("Only the correction factors of the year's plan apply, and only to the units it names "
                         "(from 2023 only the load correction of conventional coal units).",
                         "只适用当年分配方案规定的修正系数，且只适用于方案所列机组（2023 年起仅常规燃煤机组有负荷（调峰）修正系数）。"),
    "wrong_boundary": ("The ETS boundary counts direct emissions only from 2023; purchased electricity was "
                       "inside it in 2019–2022.",
                       "2023 年起配额核算边界只含直接排放；2019—2022 年度包含购入电力的间接排放。"),
    "wrong_verified": ("The verified emissions are the direct CO2 of the covered units, as your own inventory "
                       "gives it.",
                       "核查排放量为纳入机组的直接二氧化碳排放，应与你自己的排放清单一致。"),
    "wrong_price": ("The fine uses the average price of the month before the surrender deadline.",
                    "罚款按清缴截止日前一个月的配额平均成交价格计算。"),
    "wrong_holdings": ("The holdings are those the case's documents give.", "持有量应取案例资料给出的数据。"),
    "wrong_allocation": ("The final allocation is the units' allocations with their top-ups (gas exemption, "
                         "gap cap), rounded down to whole tonnes.",
                         "核定配额量为各机组配额量加补发量（燃气机组豁免、缺口率上限），向下取整到吨。"),
    "ccer_over_cap": ("CCER may offset at most 5 % of the allowances due.", "CCER 抵销比例不得超过应清缴配额的 5%。"),
    "wrong_ccer": ("CCER used = the least of the CCER offered, the cap and what is still needed.",
                   "CCER 使用量取拟抵销量、抵销上限与尚缺量三者中的最小值。"),
    "wrong_position": ("Surplus = final allocation + allowances held + CCER used − verified emissions.",
                       "盈缺 = 核定配额量 + 持有配额 + 使用 CCER − 经核查排放量。"),
    "wrong_penalty": ("A shortfall is fined 5 to 10 times the price times the allowances not surrendered.",
                      "未足额清缴的，处未清缴配额量 × 价格 5 倍以上 10 倍以下的罚款。"),
    "wrong_cost": ("Buy: shortfall × price; CCER: CCER within its cap at its price, the rest bought; abate: the "
                   "cheapest measures along the curve, the rest bought.",
                   "购买配额：缺口 × 碳价；使用 CCER：上限内的 CCER 按其价格，其余购买；减排：沿边际减排成本曲线从最便宜的措施起，其余购买。"),
    "wrong_choice": ("The cheapest path is the one of lowest cost among the costs you worked out.",
                     "最低成本路径是你算出的各路径成本中最低的一条。"),
}

_HINTS = {
    "wrong_benchmark": ("Check the ETS year and each unit's class.", "请核对配额年度和各机组类别。"),
    "wrong_output": ("Check which quantity the plan allocates on (generation or supply) and the heat supplied.",
                     "请核对分配方案按哪个量分配（发电量或供电量）以及供热量。"),
    "wrong_correction": ("Check which correction factors the year's plan has, and for which units.",
                         "请核对当年分配方案有哪些修正系数，适用于哪些机组。"),
    "wrong_boundary": ("Check which emissions the ETS boundary of the year counts.",
                       "请核对当年配额核算边界包含哪些排放。"),
    "wrong_verified": ("Add up the direct CO2 of the covered units' lines.", "请汇总纳入机组各行的直接二氧化碳排放。"),
    "wrong_price": ("Check the month the price is taken from.", "请核对碳价取自哪个月。"),
    "wrong_holdings": ("Check the allowances held and the CCER offered in the documents.",
                       "请在资料中核对持有配额和拟抵销的 CCER。"),
    "wrong_allocation": ("Recompute each unit's allocation, then the top-ups.", "请重新计算各机组配额，再计算补发量。"),
    "ccer_over_cap": ("Compute 5 % of the allowances due.", "请计算应清缴配额的 5%。"),
    "wrong_ccer": ("Compare the CCER offered, the cap and what is still needed.", "请比较拟抵销量、抵销上限和尚缺量。"),
    "wrong_position": ("Add the allocation, the holdings and the CCER, then take away the verified emissions.",
                       "把配额、持有配额和 CCER 相加，再减去经核查排放量。"),
    "wrong_penalty": ("Multiply the shortfall by the price, then by 5 and by 10.", "用缺口乘以价格，再分别乘以 5 和 10。"),
    "wrong_cost": ("Recompute this path's cost from the shortfall before offsets.", "请按抵销前的缺口重新计算该路径成本。"),
    "wrong_choice": ("Compare the costs of the paths.", "请比较各路径的成本。"),
}

MESSAGES = {
    **{f"grade.kind.{k}": {"en": en, "zh": zh} for k, (en, zh) in _KINDS.items()},
    **{f"ets.grade.why.{k}": {"en": en, "zh": zh} for k, (en, zh) in _WHY.items()},
    **{f"ets.grade.hint.{k}": {"en": en, "zh": zh} for k, (en, zh) in _HINTS.items()},
    "ets.grade.no_ets": {
        "en": "The ETS sheet is missing: the units, their class and output are not given. {why} Rule: {rule}.",
        "zh": "缺少配额表：未给出机组及其类别和产出数据。{why}依据：{rule}。"},
    "ets.grade.incomplete": {
        "en": "The ETS data cannot be computed: {problem}. {why} Rule: {rule}.",
        "zh": "配额数据无法计算：{problem}。{why}依据：{rule}。"},
    "ets.grade.wrong_year": {
        "en": "The ETS year is wrong, and with it the plan and its benchmarks. You have: {have}; it fits: "
              "{expected}. {why} Rule: {rule}.",
        "zh": "配额年度不对，分配方案和基准值也随之不对。你填的：{have}；应为：{expected}。{why}依据：{rule}。"},
    "ets.grade.missing_unit": {
        "en": "Unit {unit} ({facility}) is missing from the ETS sheet. {why} Rule: {rule}.",
        "zh": "配额表中缺少机组 {unit}（{facility}）。{why}依据：{rule}。"},
    "ets.grade.wrong_class": {
        "en": "Unit {unit} ({facility}): the class is wrong, so is its benchmark. You have: {have}; it fits: "
              "{expected}. {why} Rule: {rule}.",
        "zh": "机组 {unit}（{facility}）：机组类别不对，基准值也随之不对。你填的：{have}；应为：{expected}。{why}依据：{rule}。"},
    "ets.grade.wrong_output": {
        "en": "Unit {unit} ({facility}): the {field} is wrong. You have: {have}; it fits: {expected}. {why} "
              "Rule: {rule}.",
        "zh": "机组 {unit}（{facility}）：{field}不对。你填的：{have}；应为：{expected}。{why}依据：{rule}。"},
    "ets.grade.wrong_correction_input": {
        "en": "Unit {unit} ({facility}): your inputs ({inputs}) give another correction factor. You have: "
              "{have}; it fits: {expected}. {why} Rule: {rule}.",
        "zh": "机组 {unit}（{facility}）：你的输入（{inputs}）得出的修正系数不对。你的：{have}；应为：{expected}。"
              "{why}依据：{rule}。"},
    "ets.grade.wrong_boundary_in": {
        "en": "The verified emissions count purchased electricity ({electricity}), which is outside the ETS "
              "boundary of the year. You have: {have}; it fits: {expected}. {why} Rule: {rule}.",
        "zh": "核查排放量计入了购入电力（{electricity}），它不在当年配额核算边界内。你填的：{have}；应为：{expected}。"
              "{why}依据：{rule}。"},
    "ets.grade.wrong_boundary_out": {
        "en": "The verified emissions leave out purchased electricity ({electricity}), which the ETS boundary "
              "of the year counts. You have: {have}; it fits: {expected}. {why} Rule: {rule}.",
        "zh": "核查排放量漏计了购入电力（{electricity}），当年配额核算边界包含它。你填的：{have}；应为：{expected}。"
              "{why}依据：{rule}。"},
    "ets.grade.wrong_verified": {
        "en": "The verified emissions do not match your own inventory. You have: {have}; your inventory gives: "
              "{expected}. {why} Rule: {rule}.",
        "zh": "核查排放量与你自己的排放清单不一致。你填的：{have}；按你的清单应为：{expected}。{why}依据：{rule}。"},
    "ets.grade.wrong_price": {
        "en": "The carbon price is wrong. You have: {have}; it fits: {expected}. {why} Rule: {rule}.",
        "zh": "碳价不对。你填的：{have}；应为：{expected}。{why}依据：{rule}。"},
    "ets.grade.wrong_holdings": {
        "en": "The {field} is wrong. You have: {have}; it fits: {expected}. {why} Rule: {rule}.",
        "zh": "{field}不对。你填的：{have}；应为：{expected}。{why}依据：{rule}。"},
    "ets.grade.wrong_allocation": {
        "en": "Your final allocation is wrong. You have: {have}; your ETS data gives: {expected}. {why} "
              "Rule: {rule}.",
        "zh": "你的核定配额量不对。你的答案：{have}；按你的配额数据应为：{expected}。{why}依据：{rule}。"},
    "ets.grade.wrong_correction_answer": {
        "en": "Your final allocation applies a wrong correction to unit {unit} ({detail}). You have: {have}; "
              "your ETS data gives: {expected}. {why} Rule: {rule}.",
        "zh": "你的核定配额量对机组 {unit} 采用了错误的修正（{detail}）。你的答案：{have}；按你的配额数据应为：{expected}。"
              "{why}依据：{rule}。"},
    "ets.grade.wrong_benchmark_answer": {
        "en": "Your final allocation uses a wrong benchmark for unit {unit} ({detail}). You have: {have}; your "
              "ETS data gives: {expected}. {why} Rule: {rule}.",
        "zh": "你的核定配额量对机组 {unit} 采用了错误的基准值（{detail}）。你的答案：{have}；按你的配额数据应为：{expected}。"
              "{why}依据：{rule}。"},
    "ets.grade.detail.no_correction": {"en": "its correction factor left out", "zh": "漏乘了修正系数"},
    "ets.grade.detail.cooling": {"en": "an air-cooling factor {factor} the plan does not have for it",
                                 "zh": "乘了方案对其并未规定的空冷修正系数 {factor}"},
    "ets.grade.detail.heat": {"en": "a heat-supply factor {factor} the plan does not have",
                              "zh": "乘了方案并未规定的供热量修正系数 {factor}"},
    "ets.grade.detail.load": {"en": "a load factor {factor} the plan does not have for it",
                              "zh": "乘了方案对其并未规定的负荷（调峰）修正系数 {factor}"},
    "ets.grade.detail.class": {"en": "the benchmark of class {klass}, {benchmark}",
                               "zh": "采用了{klass}类机组的基准值 {benchmark}"},
    "ets.grade.detail.year": {"en": "the benchmark of {year}, {benchmark}", "zh": "采用了 {year} 年度的基准值 {benchmark}"},
    "ets.grade.ccer_over_cap": {
        "en": "Your CCER use is above the cap of {share} of the allowances due ({cap}). You have: {have}; your "
              "figures give: {expected}. {why} Rule: {rule}.",
        "zh": "你的 CCER 使用量超过了应清缴配额 {share} 的上限（{cap}）。你的答案：{have}；按你的数据应为：{expected}。"
              "{why}依据：{rule}。"},
    "ets.grade.wrong_ccer": {
        "en": "Your CCER use is wrong (offered {offered}, cap {cap}, still needed {need}). You have: {have}; your "
              "figures give: {expected}. {why} Rule: {rule}.",
        "zh": "你的 CCER 使用量不对（拟抵销 {offered}，上限 {cap}，尚缺 {need}）。你的答案：{have}；按你的数据应为：{expected}。"
              "{why}依据：{rule}。"},
    "ets.grade.wrong_position": {
        "en": "Your surplus is wrong ({allocation} + {held} + {ccer} − {verified}). You have: {have}; your figures "
              "give: {expected}. {why} Rule: {rule}.",
        "zh": "你的盈缺不对（{allocation} + {held} + {ccer} − {verified}）。你的答案：{have}；按你的数据应为：{expected}。"
              "{why}依据：{rule}。"},
    "ets.grade.wrong_penalty": {
        "en": "Your fine is wrong (shortfall {shortfall}, price {price}). You have: {have}; your figures give: "
              "{expected}. {why} Rule: {rule}.",
        "zh": "你的罚款不对（缺口 {shortfall}，价格 {price}）。你的答案：{have}；按你的数据应为：{expected}。{why}依据：{rule}。"},
    "ets.grade.wrong_cost": {
        "en": "Your cost of the path \u201c{path}\u201d is wrong (shortfall {shortfall}, price {price}, CCER price "
              "{ccer_price}). You have: {have}; your figures give: {expected}. {why} Rule: {rule}.",
        "zh": "你算的\u201c{path}\u201d路径成本不对（缺口 {shortfall}，碳价 {price}，CCER 价格 {ccer_price}）。你的答案：{have}；"
              "按你的数据应为：{expected}。{why}依据：{rule}。"},
    "ets.grade.wrong_choice": {
        "en": "The cheapest path is not the one you named. You have: {have}; it fits: {expected}. {why} Rule: "
              "{rule}.",
        "zh": "最低成本路径判断不对。你的答案：{have}；应为：{expected}。{why}依据：{rule}。"},
    "ets.grade.path.buy": {"en": "buy allowances", "zh": "购买配额"},
    "ets.grade.path.ccer": {"en": "use CCER", "zh": "使用 CCER"},
    "ets.grade.path.abate": {"en": "abate", "zh": "减排"},
    # -- the checklist exercise (carbonmgr/training/checklist.py) --------------------------------------
    "checklist.unreadable": {"en": "{name}: the file cannot be read ({detail})", "zh": "{name}：无法读取该文件（{detail}）"},
    "checklist.too_large": {"en": "{name}: the file is larger than {limit}", "zh": "{name}：文件超过 {limit}"},
    "checklist.not_json": {"en": "{name}: not a {what} (JSON): {detail}", "zh": "{name}：不是{what}（JSON）：{detail}"},
    "checklist.what.checklist": {"en": "checklist", "zh": "步骤清单练习"},
    "checklist.what.answer": {"en": "checklist answer", "zh": "步骤清单答案"},
    "checklist.not_checklist": {"en": "{name}: not a checklist exercise (its 'kind' must be 'checklist')",
                                "zh": "{name}：不是步骤清单练习（'kind' 应为 'checklist'）"},
    "checklist.version": {"en": "{name}: checklist version {version} is not known (this CarbonMgr reads version "
                                "{known}; update CarbonMgr)",
                          "zh": "{name}：步骤清单版本 {version} 无法识别（本程序可读取第 {known} 版，请更新 CarbonMgr）"},
    "checklist.field": {"en": "{name}: {where}: '{field}' is missing or not valid (texts need both zh and en)",
                        "zh": "{name}：{where}：'{field}' 缺失或无效（文字须有 zh 和 en 两种语言）"},
    "checklist.duplicate": {"en": "{name}: {where}: '{value}' is used by another step", "zh": "{name}：{where}：'{value}' 与其他步骤重复"},
    "checklist.orders": {"en": "{name}: the steps' order must run 1, 2, 3 … without gaps; it is {orders}",
                         "zh": "{name}：步骤顺序应为 1、2、3……且不能中断；现为 {orders}"},
    "checklist.answer_steps": {"en": "{name}: 'steps' must be a list of step labels (A, B …) in your order",
                               "zh": "{name}：'steps' 应为按你的顺序排列的步骤编号列表（A、B……）"},
    "checklist.no_step_column": {"en": "{name}, sheet {sheet}: no column 'step' [步骤] in row 1",
                                 "zh": "{name}，工作表 {sheet}：第 1 行没有'步骤'（step）列"},
    "checklist.finding.unknown": {"en": "Position {position}: there is no step '{step}'.",
                                  "zh": "第 {position} 位：没有步骤'{step}'。"},
    "checklist.finding.twice": {"en": "Position {position}: step {step} is given twice.",
                                "zh": "第 {position} 位：步骤 {step} 重复。"},
    "checklist.finding.extra_step": {
        "en": "Step {label} ({step}) does not belong: {why} Procedure: {procedure}. Source: {source}.",
        "zh": "步骤 {label}（{step}）不应选：{why}流程：{procedure}。依据：{source}。"},
    "checklist.finding.missing_step": {
        "en": "Step {label} ({step}) is missing; it comes after {after}. {why} Procedure: {procedure}. "
              "Source: {source}.",
        "zh": "漏了步骤 {label}（{step}），它应在 {after} 之后。{why}流程：{procedure}。依据：{source}。"},
    "checklist.finding.wrong_order": {
        "en": "Step {label} ({step}) is out of order: it comes after {after}. {why} Procedure: {procedure}. "
              "Source: {source}.",
        "zh": "步骤 {label}（{step}）顺序不对：它应在 {after} 之后。{why}流程：{procedure}。依据：{source}。"},
    "checklist.value.step": {"en": "{label} ({step})", "zh": "{label}（{step}）"},
    "checklist.value.first": {"en": "nothing (it is the first step)", "zh": "无（它是第一步）"},
    "checklist.hint.wrong_step": {"en": "Use the labels of the checklist (A, B …), each once.",
                                  "zh": "请使用清单中的步骤编号（A、B……），每个只用一次。"},
    "checklist.hint.extra_step": {"en": "Check whether the rules of {procedure} allow this.",
                                  "zh": "请核对{procedure}的规定是否允许这样做。"},
    "checklist.hint.missing_step": {"en": "Walk through {procedure} again.", "zh": "请再梳理一遍{procedure}。"},
    "checklist.hint.wrong_order": {"en": "Think what {procedure} needs done before it.",
                                   "zh": "想一想{procedure}之前必须先完成什么。"},
    "checklist.hint.source": {"en": "See {source}.", "zh": "参见 {source}。"},
    "checklist.cli.no_gradebook": {"en": "--gradebook and --feedback are for inventory exercises; a checklist is graded "
                                         "without them", "zh": "--gradebook 和 --feedback 仅用于排放清单练习，步骤清单练习不生成它们"},
}
