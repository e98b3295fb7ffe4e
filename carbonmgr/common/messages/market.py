"""Messages of the class market: orders files, the call auction, the market file, shocks, the
debrief, abatement options and the ``carbonmgr market`` commands."""

MESSAGES = {
    # --- columns of an orders file ---------------------------------------------------------
    "market.col.firm": {"en": "firm", "zh": "企业"},
    "market.col.side": {"en": "side", "zh": "方向"},
    "market.col.quantity": {"en": "quantity", "zh": "数量"},
    "market.col.limit_price": {"en": "limit_price", "zh": "限价"},
    # --- orders files ----------------------------------------------------------------------
    "market.orders.at_cell": {"en": "{name}, row {row}, column {col}: {problem}",
                              "zh": "{name} 第 {row} 行第 {col} 列：{problem}"},
    "market.orders.at_row": {"en": "{name}, row {row}: {problem}",
                             "zh": "{name} 第 {row} 行：{problem}"},
    "market.orders.file_missing": {"en": 'cannot open orders file "{name}": the file does not exist',
                                   "zh": "无法打开报单文件“{name}”：文件不存在"},
    "market.orders.unreadable": {"en": 'cannot read orders file "{name}": {detail}',
                                 "zh": "无法读取报单文件“{name}”：{detail}"},
    "market.orders.too_big": {"en": 'orders file "{name}" is too large ({size_kb} KB; at most {limit_kb} KB)',
                              "zh": "报单文件“{name}”太大（{size_kb} KB；上限为 {limit_kb} KB）"},
    "market.orders.not_text": {"en": '"{name}" is not an orders file: expected a CSV text file',
                               "zh": "“{name}”不是报单文件：应为 CSV 文本文件"},
    "market.orders.is_workbook": {"en": '"{name}" is an Excel workbook; save the orders as '
                                        '"CSV UTF-8 (Comma delimited) (*.csv)" and load that file',
                                  "zh": "“{name}”是 Excel 工作簿；请将报单另存为“CSV UTF-8（逗号分隔）(*.csv)”后再载入"},
    "market.orders.encoding": {"en": 'orders file "{name}" is neither UTF-8 nor GB 18030 text; save it as '
                                     '"CSV UTF-8"',
                               "zh": "报单文件“{name}”既不是 UTF-8 也不是 GB 18030 文本；请另存为“CSV UTF-8”"},
    "market.orders.bad_csv": {"en": 'orders file "{name}" is not valid CSV ({detail})',
                              "zh": "报单文件“{name}”不是有效的 CSV（{detail}）"},
    "market.orders.empty": {"en": 'orders file "{name}" is empty: expected a header row '
                                  '(firm, side, quantity, limit_price) and one row per order',
                            "zh": "报单文件“{name}”为空：应有表头行（企业、方向、数量、限价）及每笔报单一行"},
    "market.orders.too_many_rows": {"en": 'orders file "{name}" has more than {limit} rows',
                                    "zh": "报单文件“{name}”超过 {limit} 行"},
    "market.orders.column_missing": {"en": 'no column "{column}" in the header row (found: {found})',
                                     "zh": "表头行中没有“{column}”列（现有：{found}）"},
    "market.orders.column_duplicate": {"en": 'column "{column}" appears twice (also in column {other})',
                                       "zh": "“{column}”列重复（另见第 {other} 列）"},
    "market.orders.required": {"en": '"{column}" is empty: a value is required',
                               "zh": "“{column}”为空：必须填写"},
    "market.orders.bad_side": {"en": 'side "{value}" is not understood: expected buy or sell (买 or 卖)',
                               "zh": "方向“{value}”无法识别：应为 买 或 卖（buy 或 sell）"},
    "market.orders.bad_quantity": {"en": 'quantity "{value}" is not valid: expected whole tonnes, '
                                         'more than 0 and at most {limit}',
                                   "zh": "数量“{value}”无效：应为整吨数，大于 0 且不超过 {limit}"},
    "market.orders.bad_price": {"en": 'limit price "{value}" is not valid: expected yuan per tonne, '
                                      'more than 0 and at most {limit}, with at most two decimals (¥0.01)',
                                "zh": "限价“{value}”无效：应为元/吨，大于 0 且不超过 {limit}，最多两位小数（0.01 元）"},
    "market.orders.other_firm": {"en": 'this order names firm "{value}", but the file is the orders of "{firm}"',
                                 "zh": "该报单写的是企业“{value}”，但此文件是“{firm}”的报单"},
    "market.orders.firm_too_long": {"en": "the firm's name is longer than {limit} characters",
                                    "zh": "企业名称超过 {limit} 个字符"},
    "market.orders.too_many_problems": {"en": "more than {limit} problems; the rest of the file was not checked",
                                        "zh": "问题超过 {limit} 个；文件其余部分未检查"},
    "market.orders.no_orders": {"en": 'orders file "{name}" has a header row but no orders',
                                "zh": "报单文件“{name}”只有表头，没有报单"},
    # --- the auction ----------------------------------------------------------------------
    "market.rule.call_auction": {
        "en": "uniform-price call auction: the largest volume demand and supply allow; the price is the midpoint "
              "of the interval of prices clearing that volume (rounded half up to ¥0.01); price priority; only "
              "the marginal price level is rationed, pro rata in whole tonnes (largest remainder)",
        "zh": "统一价格集合竞价：成交量为供求允许的最大量；成交价为能成交该量的价格区间的中点（四舍五入到 0.01 元）；"
              "价格优先；仅边际价位按比例分配，整吨取整（最大余数法）"},
    "market.refused.holdings": {"en": 'order refused: "{firm}" offers {quantity} t but holds only {held} t '
                                      "not already offered",
                                "zh": "报单被拒：“{firm}”卖出 {quantity} 吨，但未申报卖出的持有配额只有 {held} 吨"},
    "market.refused.cash": {"en": 'order refused: "{firm}" would commit ¥{cost} but has only ¥{cash} '
                                  "not already committed",
                            "zh": "报单被拒：“{firm}”需占用资金 {cost} 元，但未占用的资金只有 {cash} 元"},
    "market.refused.unknown_firm": {"en": 'order refused: there is no firm "{firm}" in this market',
                                    "zh": "报单被拒：本市场没有企业“{firm}”"},
    # --- CLI --------------------------------------------------------------------------------
    "market.cli.price": {"en": "Clearing price", "zh": "成交价"},
    "market.cli.no_trade": {"en": "no trade: no buy order's limit reaches a sell order's limit",
                            "zh": "未成交：没有买单限价达到卖单限价"},
    "market.cli.volume": {"en": "Volume", "zh": "成交量"},
    "market.cli.interval": {"en": "Prices clearing that volume", "zh": "能成交该量的价格区间"},
    "market.cli.fills": {"en": "Fills", "zh": "成交明细"},
    "market.cli.refused": {"en": "Refused orders", "zh": "被拒报单"},
    "market.cli.rationed": {"en": "{side} side rationed at ¥{limit}: {allotted} t of {quantity} t ({orders} orders)",
                            "zh": "{side}方在 {limit} 元价位按比例分配：{quantity} 吨中成交 {allotted} 吨（{orders} 笔）"},
    "market.col.row": {"en": "row", "zh": "行"},
    "market.col.filled": {"en": "filled (t)", "zh": "成交（吨）"},
    "market.side.buy": {"en": "buy", "zh": "买"},
    "market.side.sell": {"en": "sell", "zh": "卖"},
    "market.unit.yuan_per_t": {"en": "CNY/t", "zh": "元/吨"},
}
