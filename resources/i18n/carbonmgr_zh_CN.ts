<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ActivitiesPage</name>
        <message>
            <source>Fa&amp;cility:</source>
            <translation>设施(&amp;C)：</translation>
        </message>
        <message>
            <source>S&amp;ource type:</source>
            <translation>排放源类别(&amp;O)：</translation>
        </message>
        <message>
            <source>Fi&amp;nd:</source>
            <translation>查找(&amp;N)：</translation>
        </message>
        <message>
            <source>item, unit, note …</source>
            <translation>品种、单位、备注…</translation>
        </message>
        <message>
            <source>&amp;Add line</source>
            <translation>添加行(&amp;A)</translation>
        </message>
        <message>
            <source>Insert a new activity line (Ctrl+I)</source>
            <translation>插入一行活动数据（Ctrl+I）</translation>
        </message>
        <message>
            <source>De&amp;lete lines</source>
            <translation>删除行(&amp;L)</translation>
        </message>
        <message>
            <source>Delete the selected lines (Ctrl+Del)</source>
            <translation>删除所选行（Ctrl+Del）</translation>
        </message>
        <message>
            <source>Calculation of the selected line</source>
            <translation>所选行的计算过程</translation>
        </message>
        <message>
            <source>Activity lines</source>
            <translation>活动数据行</translation>
        </message>
        <message>
            <source>All facilities</source>
            <translation>全部设施</translation>
        </message>
        <message>
            <source>All source types</source>
            <translation>全部排放源类别</translation>
        </message>
        <message>
            <source>Line &amp;order (not sorted)</source>
            <translation>原始行顺序（不排序）(&amp;O)</translation>
        </message>
        <message>
            <source>Select a line to see how its emissions are calculated.</source>
            <translation>选择一行以查看其排放量的计算过程。</translation>
        </message>
        <message>
            <source>Computing …</source>
            <translation>正在核算…</translation>
        </message>
        <message>
            <source>Line %1</source>
            <translation>第 %1 行</translation>
        </message>
        <message>
            <source>Formula</source>
            <translation>公式</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>方法</translation>
        </message>
        <message>
            <source>Inputs</source>
            <translation>输入参数</translation>
        </message>
        <message>
            <source>Input</source>
            <translation>参数</translation>
        </message>
        <message>
            <source>From</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>GWP</source>
            <translation>全球变暖潜势（GWP）</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>说明</translation>
        </message>
    </context>
    <context>
        <name>BoundaryPage</name>
        <message>
            <source>Reporting settings</source>
            <translation>报告设置</translation>
        </message>
        <message>
            <source>Facilities: ownership and control</source>
            <translation>设施：股权与控制权</translation>
        </message>
        <message>
            <source>Case &amp;title:</source>
            <translation>案例标题(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Standard profile:</source>
            <translation>核算标准(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;GWP set:</source>
            <translation>GWP 值集(&amp;G)：</translation>
        </message>
        <message>
            <source>Reporting &amp;year:</source>
            <translation>报告年度(&amp;Y)：</translation>
        </message>
        <message>
            <source>&amp;Consolidation approach:</source>
            <translation>合并方法(&amp;C)：</translation>
        </message>
        <message>
            <source>Sect&amp;or:</source>
            <translation>行业(&amp;O)：</translation>
        </message>
        <message>
            <source>The sector whose accounting guideline gives the default fuel parameters (net calorific value, carbon content, oxidation rate)</source>
            <translation>所属行业：其核算指南给出燃料参数缺省值（低位发热量、单位热值含碳量、碳氧化率）</translation>
        </message>
        <message>
            <source>The consolidation approach decides which share of each facility's emissions is counted: operational or financial control counts 100 % or nothing, equity share counts the equity share.</source>
            <translation>合并方法决定每个设施的排放计入多少：运营控制法或财务控制法按 100% 或 0 计入，股权比例法按股权比例计入。</translation>
        </message>
        <message>
            <source>A&amp;dd facility</source>
            <translation>添加设施(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Rename …</source>
            <translation>重命名(&amp;R)…</translation>
        </message>
        <message>
            <source>Give the selected facility a new ID; its activity lines, instruments and equipment follow</source>
            <translation>为所选设施更换编号；其活动数据、电力凭证和制冷设备记录随之更新</translation>
        </message>
        <message>
            <source>Delete faci&amp;lity</source>
            <translation>删除设施(&amp;L)</translation>
        </message>
        <message>
            <source>Delete the selected facility</source>
            <translation>删除所选设施</translation>
        </message>
        <message>
            <source>New facility &amp;ID:</source>
            <translation>新设施编号(&amp;I)：</translation>
        </message>
        <message>
            <source>N&amp;ame:</source>
            <translation>名称(&amp;A)：</translation>
        </message>
        <message>
            <source>e.g. F4</source>
            <translation>如 F4</translation>
        </message>
        <message>
            <source>Facilities</source>
            <translation>设施</translation>
        </message>
        <message>
            <source>Electricity instruments (market-based Scope 2)</source>
            <translation>电力凭证（基于市场的范围二）</translation>
        </message>
        <message>
            <source>Under GB/T 32150 green certificates (绿证) and green power (绿电) count 0 for the MWh they cover; the rest of the facility's electricity counts the national factor without market-traded non-fossil power.</source>
            <translation>按 GB/T 32150，绿证和绿电所覆盖的电量按 0 计；该设施其余电量采用不含市场化交易非化石能源电量的全国电网排放因子。</translation>
        </message>
        <message>
            <source>Add i&amp;nstrument</source>
            <translation>添加凭证(&amp;N)</translation>
        </message>
        <message>
            <source>Add an electricity instrument (Ctrl+I in the table)</source>
            <translation>添加一条电力凭证（在表格中按 Ctrl+I）</translation>
        </message>
        <message>
            <source>Delete instr&amp;ument</source>
            <translation>删除凭证(&amp;U)</translation>
        </message>
        <message>
            <source>Delete the selected instruments (Ctrl+Del in the table)</source>
            <translation>删除所选电力凭证（在表格中按 Ctrl+Del）</translation>
        </message>
        <message>
            <source>Electricity instruments</source>
            <translation>电力凭证</translation>
        </message>
        <message>
            <source>Refrigerant equipment register (Scope 1, fugitive)</source>
            <translation>制冷设备清单（范围一，逸散排放）</translation>
        </message>
        <message>
            <source>Screening uses the EPA default leak rates of the equipment type; the material balances use the refrigerant bought, sold and held. Grey cells are not used by the line's method.</source>
            <translation>筛选法采用 EPA 按设备类型给出的默认泄漏率；物料平衡法依据制冷剂的购入、售出和库存量计算。灰色单元格不被该行所选方法使用。</translation>
        </message>
        <message>
            <source>Add equip&amp;ment</source>
            <translation>添加设备(&amp;M)</translation>
        </message>
        <message>
            <source>Add a line to the equipment register (Ctrl+I in the table)</source>
            <translation>在制冷设备清单中添加一行（在表格中按 Ctrl+I）</translation>
        </message>
        <message>
            <source>Delete e&amp;quipment</source>
            <translation>删除设备(&amp;Q)</translation>
        </message>
        <message>
            <source>Delete the selected equipment lines (Ctrl+Del in the table)</source>
            <translation>删除所选制冷设备记录（在表格中按 Ctrl+Del）</translation>
        </message>
        <message>
            <source>Refrigerant equipment register</source>
            <translation>制冷设备清单</translation>
        </message>
        <message>
            <source>Default of the standard (%1)</source>
            <translation>按核算标准默认（%1）</translation>
        </message>
    </context>
    <context>
        <name>BriefPage</name>
        <message>
            <source>The firm</source>
            <translation>企业概况</translation>
        </message>
        <message>
            <source>Source documents (read-only)</source>
            <translation>原始凭证（只读）</translation>
        </message>
        <message>
            <source>This case has no source documents.</source>
            <translation>本案例没有原始凭证。</translation>
        </message>
        <message>
            <source>Facilities</source>
            <translation>设施</translation>
        </message>
        <message>
            <source>Activity lines: %1</source>
            <translation>活动数据：%1 行</translation>
        </message>
    </context>
    <context>
        <name>ExercisesPage</name>
        <message>
            <source>Exercises</source>
            <translation>练习</translation>
        </message>
        <message>
            <source>Practise an exercise: build the inventory from the firm's documents</source>
            <translation>练习：根据企业资料编制温室气体排放清单</translation>
        </message>
        <message>
            <source>&amp;Open an exercise or exam file …</source>
            <translation>打开练习或考试文件(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Practice (check your work as often as you like)</source>
            <translation>练习模式(&amp;P)（可随时检查答案）</translation>
        </message>
        <message>
            <source>E&amp;xam (no feedback until you submit; the exercise's time limit)</source>
            <translation>考试模式(&amp;X)（提交前无反馈，按练习的时间限制）</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>开始(&amp;S)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Reading the exercises …</source>
            <translation>正在读取练习…</translation>
        </message>
        <message>
            <source>Your task</source>
            <translation>任务</translation>
        </message>
        <message>
            <source>Suggested time: %1 minutes</source>
            <translation>建议用时：%1 分钟</translation>
        </message>
        <message>
            <source>Source documents: %1</source>
            <translation>资料：%1 份</translation>
        </message>
        <message>
            <source>Hand calculation: enter your own results; the app shows its results once you have checked your work</source>
            <translation>手工计算：请填写您自己的计算结果；检查答案后软件才显示其计算结果</translation>
        </message>
        <message>
            <source>Set as an exam by its author; here you practise it</source>
            <translation>作者将其设为考试；此处作为练习</translation>
        </message>
        <message>
            <source>Steps to choose from: %1</source>
            <translation>可选步骤：%1 个</translation>
        </message>
        <message>
            <source>Check your steps as often as you like; save the answer for your instructor</source>
            <translation>可随时检查步骤，次数不限；保存答案交给讲师</translation>
        </message>
        <message>
            <source>Reading the exercise …</source>
            <translation>正在读取练习…</translation>
        </message>
        <message>
            <source>Open an exercise</source>
            <translation>打开练习</translation>
        </message>
        <message>
            <source>Exercises and exam packages (*.xlsx *.xlsm *.cmexam)</source>
            <translation>练习和考试包 (*.xlsx *.xlsm *.cmexam)</translation>
        </message>
        <message>
            <source>Preparing the exercise …</source>
            <translation>正在准备练习…</translation>
        </message>
    </context>
    <context>
        <name>FactorsPage</name>
        <message>
            <source>&amp;Search:</source>
            <translation>搜索(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;Region:</source>
            <translation>地区(&amp;R)：</translation>
        </message>
        <message>
            <source>Fa&amp;ctor set:</source>
            <translation>因子集(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Year:</source>
            <translation>年份(&amp;Y)：</translation>
        </message>
        <message>
            <source>Source &amp;type:</source>
            <translation>排放源类别(&amp;T)：</translation>
        </message>
        <message>
            <source>fuel, gas, grid, source …</source>
            <translation>燃料、气体、电网、来源…</translation>
        </message>
        <message>
            <source>Provenance</source>
            <translation>因子来源</translation>
        </message>
        <message>
            <source>&amp;Use this factor for the selected lines</source>
            <translation>对所选行使用此因子(&amp;U)</translation>
        </message>
        <message>
            <source>St&amp;atus:</source>
            <translation>状态(&amp;A)：</translation>
        </message>
        <message>
            <source>&amp;Override the selected lines' factor …</source>
            <translation>覆盖所选行的排放因子(&amp;O)…</translation>
        </message>
        <message>
            <source>Factor library</source>
            <translation>因子库</translation>
        </message>
        <message>
            <source>All sets</source>
            <translation>全部因子集</translation>
        </message>
        <message>
            <source>All regions</source>
            <translation>全部地区</translation>
        </message>
        <message>
            <source>All years</source>
            <translation>全部年份</translation>
        </message>
        <message>
            <source>All source types</source>
            <translation>全部排放源类别</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>%1 factors</source>
            <translation>共 %1 条因子</translation>
        </message>
        <message>
            <source>Select a factor to see where it comes from.</source>
            <translation>选择一个因子以查看其来源。</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Importing a workbook</source>
            <translation>导入工作簿</translation>
        </message>
        <message>
            <source>Reading and checking %1 …</source>
            <translation>正在读取并检查 %1…</translation>
        </message>
        <message>
            <source>Loading the lines of %1 …</source>
            <translation>正在载入 %1 的数据行…</translation>
        </message>
        <message>
            <source>Computing the inventory of %1 …</source>
            <translation>正在核算 %1 的排放清单…</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Facility</source>
            <translation>设施</translation>
        </message>
        <message>
            <source>Source type</source>
            <translation>排放源类别</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>品种</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>t CO2e</source>
            <translation>t CO2e</translation>
        </message>
        <message>
            <source>Scope</source>
            <translation>范围</translation>
        </message>
        <message>
            <source>NCV</source>
            <translation>低位发热量</translation>
        </message>
        <message>
            <source>NCV unit</source>
            <translation>低位发热量单位</translation>
        </message>
        <message>
            <source>Carbon content (tC/GJ)</source>
            <translation>单位热值含碳量（tC/GJ）</translation>
        </message>
        <message>
            <source>Carbon by mass (tC/t)</source>
            <translation>元素碳含量（tC/t）</translation>
        </message>
        <message>
            <source>Oxidation rate</source>
            <translation>碳氧化率</translation>
        </message>
        <message>
            <source>Purity</source>
            <translation>纯度</translation>
        </message>
        <message>
            <source>EF CO2</source>
            <translation>CO2 排放因子</translation>
        </message>
        <message>
            <source>EF CH4</source>
            <translation>CH4 排放因子</translation>
        </message>
        <message>
            <source>EF N2O</source>
            <translation>N2O 排放因子</translation>
        </message>
        <message>
            <source>EF CO2e</source>
            <translation>CO2e 排放因子</translation>
        </message>
        <message>
            <source>EF of the gas</source>
            <translation>气体排放因子</translation>
        </message>
        <message>
            <source>EF unit</source>
            <translation>排放因子单位</translation>
        </message>
        <message>
            <source>Heating value basis</source>
            <translation>热值基准</translation>
        </message>
        <message>
            <source>Steam enthalpy (kJ/kg)</source>
            <translation>蒸汽焓值（kJ/kg）</translation>
        </message>
        <message>
            <source>Hot water temperature (°C)</source>
            <translation>热水温度（°C）</translation>
        </message>
        <message>
            <source>Clinker CaO</source>
            <translation>熟料CaO含量</translation>
        </message>
        <message>
            <source>Clinker MgO</source>
            <translation>熟料MgO含量</translation>
        </message>
        <message>
            <source>Non-carbonate CaO</source>
            <translation>非碳酸盐CaO含量</translation>
        </message>
        <message>
            <source>Non-carbonate MgO</source>
            <translation>非碳酸盐MgO含量</translation>
        </message>
        <message>
            <source>Scope 3 category</source>
            <translation>范围三类别</translation>
        </message>
        <message>
            <source>Biogenic</source>
            <translation>生物质</translation>
        </message>
        <message>
            <source>Uncertainty (%)</source>
            <translation>不确定性（%）</translation>
        </message>
        <message>
            <source>Factor set</source>
            <translation>因子集</translation>
        </message>
        <message>
            <source>Factor variant</source>
            <translation>因子变体</translation>
        </message>
        <message>
            <source>Gas</source>
            <translation>气体</translation>
        </message>
        <message>
            <source>Evidence</source>
            <translation>证据</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>ID</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>地区</translation>
        </message>
        <message>
            <source>Equity share</source>
            <translation>股权比例</translation>
        </message>
        <message>
            <source>Financial control</source>
            <translation>财务控制</translation>
        </message>
        <message>
            <source>Operational control</source>
            <translation>运营控制</translation>
        </message>
        <message>
            <source>Case title</source>
            <translation>案例标题</translation>
        </message>
        <message>
            <source>Standard profile</source>
            <translation>核算标准</translation>
        </message>
        <message>
            <source>GWP set</source>
            <translation>GWP 值集</translation>
        </message>
        <message>
            <source>Reporting year</source>
            <translation>报告年度</translation>
        </message>
        <message>
            <source>Consolidation approach</source>
            <translation>合并方法</translation>
        </message>
        <message>
            <source>Residual mix factor</source>
            <translation>剩余组合排放因子</translation>
        </message>
        <message>
            <source>Grid factor set</source>
            <translation>电网因子集</translation>
        </message>
        <message>
            <source>AR6 methane rule</source>
            <translation>AR6 甲烷规则</translation>
        </message>
        <message>
            <source>Base year</source>
            <translation>基准年</translation>
        </message>
        <message>
            <source>Parameter</source>
            <translation>参数</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>年份</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>Publisher</source>
            <translation>发布机构</translation>
        </message>
        <message>
            <source>Published</source>
            <translation>发布年份</translation>
        </message>
        <message>
            <source>Valid for years</source>
            <translation>适用年份</translation>
        </message>
        <message>
            <source>GWP basis</source>
            <translation>GWP 依据</translation>
        </message>
        <message>
            <source>Verification tag</source>
            <translation>核实标记</translation>
        </message>
        <message>
            <source>Share</source>
            <translation>占比</translation>
        </message>
        <message>
            <source>t</source>
            <translation>吨</translation>
        </message>
        <message>
            <source>Instrument type</source>
            <translation>凭证类型</translation>
        </message>
        <message>
            <source>Quantity (MWh)</source>
            <translation>电量（MWh）</translation>
        </message>
        <message>
            <source>EF (t CO2e/MWh)</source>
            <translation>排放因子（t CO2e/MWh）</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>方法</translation>
        </message>
        <message>
            <source>Refrigerant</source>
            <translation>制冷剂</translation>
        </message>
        <message>
            <source>Equipment type</source>
            <translation>设备类型</translation>
        </message>
        <message>
            <source>Charge of new equipment (kg)</source>
            <translation>新设备充装量（kg）</translation>
        </message>
        <message>
            <source>Charge of operating equipment (kg)</source>
            <translation>运行设备充装量（kg）</translation>
        </message>
        <message>
            <source>Charge of disposed equipment (kg)</source>
            <translation>报废设备充装量（kg）</translation>
        </message>
        <message>
            <source>Inventory at start (kg)</source>
            <translation>期初库存量（kg）</translation>
        </message>
        <message>
            <source>Inventory at end (kg)</source>
            <translation>期末库存量（kg）</translation>
        </message>
        <message>
            <source>Purchased (kg)</source>
            <translation>购入量（kg）</translation>
        </message>
        <message>
            <source>Sold or returned (kg)</source>
            <translation>售出或退回量（kg）</translation>
        </message>
        <message>
            <source>Total capacity at start (kg)</source>
            <translation>期初设备总容量（kg）</translation>
        </message>
        <message>
            <source>Total capacity at end (kg)</source>
            <translation>期末设备总容量（kg）</translation>
        </message>
        <message>
            <source>Capacity of new equipment (kg)</source>
            <translation>新增设备容量（kg）</translation>
        </message>
        <message>
            <source>Recharge (kg)</source>
            <translation>补充充装量（kg）</translation>
        </message>
        <message>
            <source>Recovered (kg)</source>
            <translation>回收量（kg）</translation>
        </message>
        <message>
            <source>GB/T 32150 (China)</source>
            <translation>GB/T 32150（中国）</translation>
        </message>
        <message>
            <source>GHG Protocol</source>
            <translation>温室气体核算体系（GHG Protocol）</translation>
        </message>
        <message>
            <source>ISO 14064-1</source>
            <translation>ISO 14064-1</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>No</source>
            <translation>否</translation>
        </message>
        <message>
            <source>Joint</source>
            <translation>共同控制</translation>
        </message>
        <message>
            <source>Screening (EPA default rates)</source>
            <translation>筛选法（EPA 默认泄漏率）</translation>
        </message>
        <message>
            <source>Material balance</source>
            <translation>物料平衡法</translation>
        </message>
        <message>
            <source>Simplified material balance</source>
            <translation>简化物料平衡法</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>已核实</translation>
        </message>
        <message>
            <source>Secondary</source>
            <translation>二手数据</translation>
        </message>
        <message>
            <source>Unverified</source>
            <translation>未核实</translation>
        </message>
        <message>
            <source>Emission factor</source>
            <translation>排放因子</translation>
        </message>
        <message>
            <source>CO2e factor</source>
            <translation>CO2e 排放因子</translation>
        </message>
        <message>
            <source>CO2e factor (part)</source>
            <translation>CO2e 排放因子（分项）</translation>
        </message>
        <message>
            <source>Net calorific value</source>
            <translation>低位发热量</translation>
        </message>
        <message>
            <source>Carbon content</source>
            <translation>单位热值含碳量</translation>
        </message>
        <message>
            <source>Heat content</source>
            <translation>热值</translation>
        </message>
        <message>
            <source>edit %1</source>
            <translation>编辑%1</translation>
        </message>
        <message>
            <source>edit cells</source>
            <translation>编辑单元格</translation>
        </message>
        <message>
            <source>paste</source>
            <translation>粘贴</translation>
        </message>
        <message>
            <source>insert lines</source>
            <translation>插入行</translation>
        </message>
        <message>
            <source>delete lines</source>
            <translation>删除行</translation>
        </message>
        <message>
            <source>assign factor</source>
            <translation>指定因子</translation>
        </message>
        <message>
            <source>override factor</source>
            <translation>覆盖因子</translation>
        </message>
        <message>
            <source>clear factor override</source>
            <translation>清除自定义因子</translation>
        </message>
        <message>
            <source>edit facility %1</source>
            <translation>编辑设施%1</translation>
        </message>
        <message>
            <source>add facility</source>
            <translation>添加设施</translation>
        </message>
        <message>
            <source>rename facility %1</source>
            <translation>重命名设施 %1</translation>
        </message>
        <message>
            <source>delete facility %1</source>
            <translation>删除设施 %1</translation>
        </message>
        <message>
            <source>add instrument</source>
            <translation>添加电力凭证</translation>
        </message>
        <message>
            <source>delete instruments</source>
            <translation>删除电力凭证</translation>
        </message>
        <message>
            <source>edit instrument %1</source>
            <translation>编辑电力凭证的%1</translation>
        </message>
        <message>
            <source>add equipment line</source>
            <translation>添加制冷设备</translation>
        </message>
        <message>
            <source>delete equipment lines</source>
            <translation>删除制冷设备</translation>
        </message>
        <message>
            <source>edit equipment %1</source>
            <translation>编辑制冷设备的%1</translation>
        </message>
        <message>
            <source>add ETS unit</source>
            <translation>添加配额机组</translation>
        </message>
        <message>
            <source>delete ETS units</source>
            <translation>删除配额机组</translation>
        </message>
        <message>
            <source>edit ETS unit %1</source>
            <translation>编辑配额机组的%1</translation>
        </message>
        <message>
            <source>Company</source>
            <translation>公司名称</translation>
        </message>
        <message>
            <source>Unified social credit code</source>
            <translation>统一社会信用代码</translation>
        </message>
        <message>
            <source>Industry</source>
            <translation>所属行业</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Legal representative</source>
            <translation>法定代表人</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>联系人</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>简介</translation>
        </message>
        <message>
            <source>Grid factor year</source>
            <translation>电网因子年份</translation>
        </message>
        <message>
            <source>IPCC sector</source>
            <translation>IPCC 部门</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>排放总量</translation>
        </message>
        <message>
            <source>Scope 1</source>
            <translation>范围一</translation>
        </message>
        <message>
            <source>Scope 2 (reported)</source>
            <translation>范围二（报告值）</translation>
        </message>
        <message>
            <source>Location-based</source>
            <translation>基于位置</translation>
        </message>
        <message>
            <source>Market-based</source>
            <translation>基于市场</translation>
        </message>
        <message>
            <source>Scope 3</source>
            <translation>范围三</translation>
        </message>
        <message>
            <source>Exported (deducted)</source>
            <translation>输出电力/热力（扣减）</translation>
        </message>
        <message>
            <source>Biogenic CO2 (outside totals)</source>
            <translation>生物质 CO2（不计入总量）</translation>
        </message>
        <message>
            <source>activity data</source>
            <translation>活动数据</translation>
        </message>
        <message>
            <source>fuel consumed</source>
            <translation>燃料消耗量</translation>
        </message>
        <message>
            <source>net calorific value</source>
            <translation>低位发热量</translation>
        </message>
        <message>
            <source>carbon content per heat</source>
            <translation>单位热值含碳量</translation>
        </message>
        <message>
            <source>carbon content by mass</source>
            <translation>元素碳含量</translation>
        </message>
        <message>
            <source>oxidation rate</source>
            <translation>碳氧化率</translation>
        </message>
        <message>
            <source>emission factor</source>
            <translation>排放因子</translation>
        </message>
        <message>
            <source>factor for the rest</source>
            <translation>其余电量的排放因子</translation>
        </message>
        <message>
            <source>global warming potential</source>
            <translation>全球变暖潜势</translation>
        </message>
        <message>
            <source>mass</source>
            <translation>质量</translation>
        </message>
        <message>
            <source>purity</source>
            <translation>纯度</translation>
        </message>
        <message>
            <source>clinker (or dust) produced</source>
            <translation>熟料（或粉尘）产量</translation>
        </message>
        <message>
            <source>CaO content of the clinker</source>
            <translation>熟料中氧化钙含量</translation>
        </message>
        <message>
            <source>MgO content of the clinker</source>
            <translation>熟料中氧化镁含量</translation>
        </message>
        <message>
            <source>CaO not from carbonates</source>
            <translation>非碳酸盐来源的氧化钙</translation>
        </message>
        <message>
            <source>MgO not from carbonates</source>
            <translation>非碳酸盐来源的氧化镁</translation>
        </message>
        <message>
            <source>steam enthalpy</source>
            <translation>蒸汽焓值</translation>
        </message>
        <message>
            <source>hot water temperature</source>
            <translation>热水温度</translation>
        </message>
        <message>
            <source>exported</source>
            <translation>输出</translation>
        </message>
        <message>
            <source>others</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Not used by the method of this line</source>
            <translation>该行所选方法不使用此项</translation>
        </message>
        <message>
            <source>Edit the ID to rename the facility in every line that names it</source>
            <translation>修改编号即可在所有引用该设施的记录中重命名该设施</translation>
        </message>
        <message>
            <source>this line</source>
            <translation>本行</translation>
        </message>
        <message>
            <source>case setting</source>
            <translation>案例设置</translation>
        </message>
        <message>
            <source>factor library</source>
            <translation>因子库</translation>
        </message>
        <message>
            <source>constant</source>
            <translation>常数</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>CarbonMgr found unsaved work on “%1” from %2 (autosave). Recover it?</source>
            <translation>发现“%1”在 %2 自动保存的未保存工作。是否恢复？</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>&amp;Clear the list</source>
            <translation>清空列表(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>Open &amp;recent</source>
            <translation>最近打开(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>S&amp;tart page</source>
            <translation>开始页(&amp;T)</translation>
        </message>
        <message>
            <source>Open the demo, a new project, a workbook or a recent file</source>
            <translation>打开示例、新建项目、导入工作簿或打开最近的文件</translation>
        </message>
        <message>
            <source>&amp;New project …</source>
            <translation>新建项目(&amp;N)…</translation>
        </message>
        <message>
            <source>&amp;Open …</source>
            <translation>打开(&amp;O)…</translation>
        </message>
        <message>
            <source>Open a project (.carbon) or a case workbook (.xlsx)</source>
            <translation>打开项目（.carbon）或案例工作簿（.xlsx）</translation>
        </message>
        <message>
            <source>&amp;Import workbook …</source>
            <translation>导入工作簿(&amp;I)…</translation>
        </message>
        <message>
            <source>Import a case workbook into a new project</source>
            <translation>将案例工作簿导入为新项目</translation>
        </message>
        <message>
            <source>Exer&amp;cises …</source>
            <translation>练习(&amp;C)…</translation>
        </message>
        <message>
            <source>Practise a bundled exercise or open an exercise file</source>
            <translation>练习内置练习或打开练习文件</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <source>Save the project</source>
            <translation>保存项目</translation>
        </message>
        <message>
            <source>Save &amp;as …</source>
            <translation>另存为(&amp;A)…</translation>
        </message>
        <message>
            <source>Save the project under a new name</source>
            <translation>以新文件名保存项目</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>Quit CarbonMgr</source>
            <translation>退出 CarbonMgr</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>复制(&amp;C)</translation>
        </message>
        <message>
            <source>Copy the selected cells</source>
            <translation>复制所选单元格</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>粘贴(&amp;P)</translation>
        </message>
        <message>
            <source>Paste cells copied from Excel (tab-separated)</source>
            <translation>粘贴从 Excel 复制的单元格（制表符分隔）</translation>
        </message>
        <message>
            <source>&amp;Insert line</source>
            <translation>插入行(&amp;I)</translation>
        </message>
        <message>
            <source>Insert a new activity line</source>
            <translation>插入一行活动数据</translation>
        </message>
        <message>
            <source>&amp;Delete lines</source>
            <translation>删除行(&amp;D)</translation>
        </message>
        <message>
            <source>Delete the selected lines</source>
            <translation>删除所选行</translation>
        </message>
        <message>
            <source>Use the factor selected in the factor library for the selected lines</source>
            <translation>对所选行使用因子库中选中的因子</translation>
        </message>
        <message>
            <source>&amp;Override factor …</source>
            <translation>覆盖排放因子(&amp;O)…</translation>
        </message>
        <message>
            <source>Give the selected lines their own CO2e factor</source>
            <translation>为所选行填写自定义 CO2e 排放因子</translation>
        </message>
        <message>
            <source>C&amp;lear factor override</source>
            <translation>清除自定义因子(&amp;L)</translation>
        </message>
        <message>
            <source>Remove the lines' own CO2e factor</source>
            <translation>删除所选行的自定义 CO2e 排放因子</translation>
        </message>
        <message>
            <source>&amp;Find</source>
            <translation>查找(&amp;F)</translation>
        </message>
        <message>
            <source>Go to the search field</source>
            <translation>转到搜索框</translation>
        </message>
        <message>
            <source>Sor&amp;t lines by the current column</source>
            <translation>按当前列排序(&amp;T)</translation>
        </message>
        <message>
            <source>Sort the activity lines by the current column; again: descending; again: line order (or click a column header)</source>
            <translation>按当前列对活动数据排序；再按一次：降序；再按一次：恢复原始行顺序（也可点击列标题）</translation>
        </message>
        <message>
            <source>Compute the inventory again</source>
            <translation>重新计算排放清单</translation>
        </message>
        <message>
            <source>&amp;About CarbonMgr</source>
            <translation>关于 CarbonMgr(&amp;A)</translation>
        </message>
        <message>
            <source>About CarbonMgr</source>
            <translation>关于 CarbonMgr</translation>
        </message>
        <message>
            <source>Export re&amp;port (PDF) …</source>
            <translation>导出报告（PDF）(&amp;P)…</translation>
        </message>
        <message>
            <source>Write the PDF report of the case to a file of your choice</source>
            <translation>将本案例的 PDF 报告写入您选择的文件</translation>
        </message>
        <message>
            <source>Export inventory (E&amp;xcel) …</source>
            <translation>导出清单（Excel）(&amp;X)…</translation>
        </message>
        <message>
            <source>Write the case and its results to an Excel workbook</source>
            <translation>将案例及其核算结果写入 Excel 工作簿</translation>
        </message>
        <message>
            <source>Create a project: its title, standard, year and first facility with its region</source>
            <translation>新建项目：填写标题、核算标准、年份以及第一个设施及其所在地区</translation>
        </message>
        <message>
            <source>Use &amp;selected factor</source>
            <translation>使用所选因子(&amp;S)</translation>
        </message>
        <message>
            <source>R&amp;ecompute</source>
            <translation>重新核算(&amp;E)</translation>
        </message>
        <message>
            <source>Probl&amp;ems</source>
            <translation>问题(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Boundary</source>
            <translation>组织边界(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Activities</source>
            <translation>活动数据(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Factor library</source>
            <translation>因子库(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Results</source>
            <translation>核算结果(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Case brief</source>
            <translation>案例简介(&amp;C)</translation>
        </message>
        <message>
            <source>Re&amp;port</source>
            <translation>报告(&amp;P)</translation>
        </message>
        <message>
            <source>The firm's description and its source documents</source>
            <translation>企业概况及原始凭证</translation>
        </message>
        <message>
            <source>Organisational boundary and reporting settings</source>
            <translation>组织边界与报告设置</translation>
        </message>
        <message>
            <source>Activity data per facility and source type</source>
            <translation>按设施和排放源类别录入活动数据</translation>
        </message>
        <message>
            <source>Emission factors with their sources</source>
            <translation>排放因子及其来源</translation>
        </message>
        <message>
            <source>Totals, breakdowns and charts</source>
            <translation>合计、分项与图表</translation>
        </message>
        <message>
            <source>The PDF report of the inventory, with a preview of its first pages</source>
            <translation>排放清单的 PDF 报告，并预览其前几页</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>CarbonMgr — Carbon emission manager training</source>
            <translation>CarbonMgr — 碳排放管理员实训平台</translation>
        </message>
        <message>
            <source>Exam work</source>
            <translation>考试作答</translation>
        </message>
        <message>
            <source>%1 (not saved as a project yet)</source>
            <translation>%1（尚未保存为项目）</translation>
        </message>
        <message>
            <source>Untitled</source>
            <translation>未命名</translation>
        </message>
        <message>
            <source>%1 (read-only)</source>
            <translation>%1（只读）</translation>
        </message>
        <message>
            <source>&amp;Undo %1</source>
            <translation>撤销 %1(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>撤销(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Redo %1</source>
            <translation>重做 %1(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>重做(&amp;R)</translation>
        </message>
        <message>
            <source>%1 lines</source>
            <translation>%1 行</translation>
        </message>
        <message>
            <source>computed in %1 ms</source>
            <translation>核算用时 %1 毫秒</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <source>Import workbook</source>
            <translation>导入工作簿</translation>
        </message>
        <message>
            <source>Case workbooks (*.xlsx *.xlsm)</source>
            <translation>案例工作簿 (*.xlsx *.xlsm)</translation>
        </message>
        <message>
            <source>Save project</source>
            <translation>保存项目</translation>
        </message>
        <message>
            <source>CarbonMgr projects (*.carbon)</source>
            <translation>CarbonMgr 项目 (*.carbon)</translation>
        </message>
        <message>
            <source>Internal error: %1</source>
            <translation>内部错误：%1</translation>
        </message>
        <message>
            <source>Opening %1 …</source>
            <translation>正在打开 %1…</translation>
        </message>
        <message>
            <source>%1 is read-only (the file or its folder cannot be written): use Save As to keep your changes</source>
            <translation>%1 为只读（文件或其所在文件夹无法写入）：请用“另存为”保存您的修改</translation>
        </message>
        <message>
            <source>Open it read-only?</source>
            <translation>以只读方式打开？</translation>
        </message>
        <message>
            <source>“%1” exists. Replace it with the new project?</source>
            <translation>“%1”已存在。是否用新项目替换它？</translation>
        </message>
        <message>
            <source>Open the &amp;demo case</source>
            <translation>打开示例案例(&amp;D)</translation>
        </message>
        <message>
            <source>A Wuhan auto-parts maker's inventory, ready to explore: every figure with its formula and factor source</source>
            <translation>一家武汉汽车零部件企业的排放清单，可直接浏览：每个数字都附有公式和因子来源</translation>
        </message>
        <message>
            <source>Start a case of your own: title, standard, year and the first facility with its region</source>
            <translation>开始自己的案例：标题、核算标准、年份以及第一个设施及其所在地区</translation>
        </message>
        <message>
            <source>&amp;Import a workbook …</source>
            <translation>导入工作簿(&amp;I)…</translation>
        </message>
        <message>
            <source>Read a case workbook (.xlsx; carbonmgr template writes an empty one to fill in)</source>
            <translation>读取案例工作簿（.xlsx；carbonmgr template 可生成一份待填写的空白工作簿）</translation>
        </message>
        <message>
            <source>&amp;Open a file …</source>
            <translation>打开文件(&amp;O)…</translation>
        </message>
        <message>
            <source>A project (.carbon) or a case workbook (.xlsx)</source>
            <translation>项目（.carbon）或案例工作簿（.xlsx）</translation>
        </message>
        <message>
            <source>Class &amp;market</source>
            <translation>课堂碳市场(&amp;M)</translation>
        </message>
        <message>
            <source>Trade allowances with the class in call-auction rounds</source>
            <translation>与全班在集合竞价轮次中交易配额</translation>
        </message>
        <message>
            <source>Return to “%1”</source>
            <translation>返回“%1”</translation>
        </message>
        <message>
            <source>No activity lines yet. Add one with Add line (Ctrl+I), or paste rows copied from Excel (Ctrl+V): facility, source type, item, quantity, unit.</source>
            <translation>还没有活动数据。点击“添加行”（Ctrl+I）添加一行，或粘贴从 Excel 复制的行（Ctrl+V）：设施、排放源类别、品种、数量、单位。</translation>
        </message>
        <message>
            <source>CarbonMgr found unsaved changes to this project from %1 (autosave). Recover them?</source>
            <translation>发现该项目在 %1 自动保存的未保存修改。是否恢复？</translation>
        </message>
        <message>
            <source>Opened %1</source>
            <translation>已打开 %1</translation>
        </message>
        <message>
            <source>Select the facility to delete first.</source>
            <translation>请先选择要删除的设施。</translation>
        </message>
        <message>
            <source>Facility %1 is named by %2 activity line(s), %3 instrument(s) and %4 equipment line(s). Delete them together with the facility? (Undo brings everything back.)</source>
            <translation>设施 %1 被 %2 行活动数据、%3 条电力凭证和 %4 条制冷设备记录引用。是否将它们与该设施一并删除？（撤销可全部恢复。）</translation>
        </message>
        <message>
            <source>Facility %1 was not deleted: %2</source>
            <translation>未删除设施 %1：%2</translation>
        </message>
        <message>
            <source>Deleted facility %1</source>
            <translation>已删除设施 %1</translation>
        </message>
        <message>
            <source>Undone: %1</source>
            <translation>已撤销：%1</translation>
        </message>
        <message>
            <source>Redone: %1</source>
            <translation>已重做：%1</translation>
        </message>
        <message>
            <source>Pasted values that were not accepted</source>
            <translation>未被接受的粘贴值</translation>
        </message>
        <message>
            <source>Pasted %1 row(s)</source>
            <translation>已粘贴 %1 行</translation>
        </message>
        <message>
            <source>Select a factor in the factor library first.</source>
            <translation>请先在因子库中选择一个因子。</translation>
        </message>
        <message>
            <source>Select the activity lines first.</source>
            <translation>请先选择活动数据行。</translation>
        </message>
        <message>
            <source>Factor %1 used for %2 line(s)</source>
            <translation>已对 %2 行使用因子 %1</translation>
        </message>
        <message>
            <source>Computing …</source>
            <translation>正在核算…</translation>
        </message>
        <message>
            <source>Lines with problems (not counted in the totals)</source>
            <translation>有问题的行（未计入合计）</translation>
        </message>
        <message>
            <source>Projects, workbooks and submissions (*.carbon *.xlsx *.xlsm *.cmsub *.cmexam);;All files (*)</source>
            <translation>项目、工作簿和提交文件 (*.carbon *.xlsx *.xlsm *.cmsub *.cmexam);;所有文件 (*)</translation>
        </message>
        <message>
            <source>&amp;Return to the open case</source>
            <translation>返回当前案例(&amp;R)</translation>
        </message>
        <message>
            <source>Saving …</source>
            <translation>正在保存…</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <source>Save the changes to “%1”?</source>
            <translation>是否保存对“%1”的修改？</translation>
        </message>
        <message>
            <source>Autosave failed: %1</source>
            <translation>自动保存失败：%1</translation>
        </message>
        <message>
            <source>&lt;h3&gt;CarbonMgr %1&lt;/h3&gt;&lt;p&gt;Carbon emission manager training platform: greenhouse-gas inventories under GB/T 32150, the GHG Protocol and ISO 14064-1, with every number traced to its formula and factor source.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;CarbonMgr %1&lt;/h3&gt;&lt;p&gt;碳排放管理员实训平台：按 GB/T 32150、温室气体核算体系（GHG Protocol）和 ISO 14064-1 编制温室气体排放清单，每个数字都可追溯到公式和因子来源。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Importing %1 …</source>
            <translation>正在导入 %1…</translation>
        </message>
        <message>
            <source>Import cancelled</source>
            <translation>已取消导入</translation>
        </message>
        <message>
            <source>%1 was not imported: %2 problem(s)</source>
            <translation>%1 未导入：发现 %2 个问题</translation>
        </message>
    </context>
    <context>
        <name>NewProjectDialog</name>
        <message>
            <source>New project</source>
            <translation>新建项目</translation>
        </message>
        <message>
            <source>Case &amp;title:</source>
            <translation>案例标题(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Standard profile:</source>
            <translation>核算标准(&amp;S)：</translation>
        </message>
        <message>
            <source>Reporting &amp;year:</source>
            <translation>报告年度(&amp;Y)：</translation>
        </message>
        <message>
            <source>First facility &amp;ID:</source>
            <translation>第一个设施编号(&amp;I)：</translation>
        </message>
        <message>
            <source>Facility &amp;name:</source>
            <translation>设施名称(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Region (grid):</source>
            <translation>所在地区（电网）(&amp;R)：</translation>
        </message>
        <message>
            <source>Project &amp;file:</source>
            <translation>项目文件(&amp;F)：</translation>
        </message>
        <message>
            <source>e.g. Wuhan plant 2024 inventory</source>
            <translation>如：武汉工厂 2024 年排放清单</translation>
        </message>
        <message>
            <source>e.g. Main plant</source>
            <translation>如：总厂</translation>
        </message>
        <message>
            <source>Choose the region …</source>
            <translation>请选择地区…</translation>
        </message>
        <message>
            <source>&amp;Browse …</source>
            <translation>浏览(&amp;B)…</translation>
        </message>
        <message>
            <source>The region chooses the grid emission factor of the facility's purchased electricity. More facilities can be added on the Boundary page.</source>
            <translation>所在地区决定该设施外购电力使用的电网排放因子。其他设施可在“组织边界”页添加。</translation>
        </message>
        <message>
            <source>project</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>Project file</source>
            <translation>项目文件</translation>
        </message>
        <message>
            <source>CarbonMgr projects (*.carbon)</source>
            <translation>CarbonMgr 项目 (*.carbon)</translation>
        </message>
        <message>
            <source>Still needed: %1</source>
            <translation>尚需填写：%1</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
    </context>
    <context>
        <name>OverrideDialog</name>
        <message>
            <source>Override the emission factor</source>
            <translation>覆盖排放因子</translation>
        </message>
        <message>
            <source>&amp;CO2e factor:</source>
            <translation>CO2e 排放因子(&amp;C)：</translation>
        </message>
        <message>
            <source>Factor &amp;unit (e.g. t/t, kg/MWh):</source>
            <translation>因子单位（如 t/t、kg/MWh）(&amp;U)：</translation>
        </message>
    </context>
    <context>
        <name>Practice</name>
        <message>
            <source>E&amp;xercises …</source>
            <translation>练习(&amp;X)…</translation>
        </message>
        <message>
            <source>Practise a bundled exercise: build a firm's inventory from its documents and check your work</source>
            <translation>练习内置练习：根据企业资料编制排放清单并检查答案</translation>
        </message>
        <message>
            <source>Practice</source>
            <translation>练习</translation>
        </message>
        <message>
            <source>The firm</source>
            <translation>企业概况</translation>
        </message>
        <message>
            <source>Your task</source>
            <translation>任务</translation>
        </message>
        <message>
            <source>Suggested time: %1 minutes</source>
            <translation>建议用时：%1 分钟</translation>
        </message>
        <message>
            <source>Brief</source>
            <translation>案例说明</translation>
        </message>
        <message>
            <source>Results are shown once you have checked your work (hand calculation).</source>
            <translation>手工计算：检查答案后才显示核算结果。</translation>
        </message>
        <message>
            <source>Select a cell with a value in a source document first.</source>
            <translation>请先在资料中选择一个有数值的单元格。</translation>
        </message>
        <message>
            <source>Select the activity cell the value goes into first.</source>
            <translation>请先选择要填入数值的活动数据单元格。</translation>
        </message>
        <message>
            <source>The value cannot go into this column: choose an input cell.</source>
            <translation>该列不能填入数值：请选择一个输入单元格。</translation>
        </message>
        <message>
            <source>Taken from %1</source>
            <translation>已从 %1 取值</translation>
        </message>
        <message>
            <source>Checking …</source>
            <translation>正在检查…</translation>
        </message>
        <message>
            <source>Not checked yet.</source>
            <translation>尚未检查。</translation>
        </message>
        <message>
            <source>Score: %1 / 100 · %2 finding(s)</source>
            <translation>得分：%1 / 100 · 发现 %2 处问题</translation>
        </message>
        <message>
            <source>Score: %1 / 100 · no findings: well done.</source>
            <translation>得分：%1 / 100 · 没有发现问题，做得好。</translation>
        </message>
        <message>
            <source>−%1 points</source>
            <translation>扣 %1 分</translation>
        </message>
        <message>
            <source>Attempts: %1 (scores %2)</source>
            <translation>已检查 %1 次（得分依次为 %2）</translation>
        </message>
    </context>
    <context>
        <name>PracticePanel</name>
        <message>
            <source>Ta&amp;ke value</source>
            <translation>取值(&amp;K)</translation>
        </message>
        <message>
            <source>Put the selected document cell's value into the selected activity cell; the line notes the cell as its evidence</source>
            <translation>将资料中所选单元格的数值填入所选的活动数据单元格；该行记下此单元格作为证据</translation>
        </message>
        <message>
            <source>Check my &amp;work</source>
            <translation>检查我的答案(&amp;W)</translation>
        </message>
        <message>
            <source>Compare your inventory with the exercise's answer key</source>
            <translation>将您的排放清单与练习的标准答案进行比对</translation>
        </message>
    </context>
    <context>
        <name>RegistryChecklistPage</name>
        <message>
            <source>Registry steps</source>
            <translation>注册登记操作步骤</translation>
        </message>
        <message>
            <source>Tick the steps that are needed (Space) and put them in order: Move up and Move down, or Ctrl+Up and Ctrl+Down.</source>
            <translation>勾选需要的步骤（空格键），并排好顺序：用“上移”“下移”，或 Ctrl+↑、Ctrl+↓。</translation>
        </message>
        <message>
            <source>S&amp;teps</source>
            <translation>步骤(&amp;T)</translation>
        </message>
        <message>
            <source>F&amp;indings</source>
            <translation>发现的问题(&amp;I)</translation>
        </message>
        <message>
            <source>Move &amp;up</source>
            <translation>上移(&amp;U)</translation>
        </message>
        <message>
            <source>Move &amp;down</source>
            <translation>下移(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Check my steps</source>
            <translation>检查我的步骤(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Save answer …</source>
            <translation>保存答案(&amp;S)…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Answer saved: %1</source>
            <translation>答案已保存：%1</translation>
        </message>
        <message>
            <source>All steps are right and in order.</source>
            <translation>所有步骤正确，顺序也对。</translation>
        </message>
        <message>
            <source>Score: %1 / 100 (%2 finding(s))</source>
            <translation>得分：%1 / 100（%2 个问题）</translation>
        </message>
        <message>
            <source>Save the answer</source>
            <translation>保存答案</translation>
        </message>
        <message>
            <source>Checklist answers (*.json)</source>
            <translation>步骤清单答案 (*.json)</translation>
        </message>
    </context>
    <context>
        <name>ReportPage</name>
        <message>
            <source>&amp;Standard profile:</source>
            <translation>核算标准(&amp;S)：</translation>
        </message>
        <message>
            <source>Report &amp;language:</source>
            <translation>报告语言(&amp;L)：</translation>
        </message>
        <message>
            <source>&amp;Generate</source>
            <translation>生成(&amp;G)</translation>
        </message>
        <message>
            <source>Write the PDF report of the case in the background</source>
            <translation>在后台生成本案例的 PDF 报告</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>取消(&amp;C)</translation>
        </message>
        <message>
            <source>Stop writing the report</source>
            <translation>停止生成报告</translation>
        </message>
        <message>
            <source>Save P&amp;DF …</source>
            <translation>保存 PDF(&amp;D)…</translation>
        </message>
        <message>
            <source>Save a copy of the report where you choose</source>
            <translation>将报告另存到您选择的位置</translation>
        </message>
        <message>
            <source>&amp;Open in PDF viewer</source>
            <translation>用 PDF 阅读器打开(&amp;O)</translation>
        </message>
        <message>
            <source>Open the whole report in your PDF viewer</source>
            <translation>在 PDF 阅读器中打开完整报告</translation>
        </message>
        <message>
            <source>The standard the report follows (the totals differ by standard)</source>
            <translation>报告所依据的核算标准（不同标准的合计值不同）</translation>
        </message>
        <message>
            <source>The language of the report</source>
            <translation>报告使用的语言</translation>
        </message>
        <message>
            <source>&lt;h2&gt;No case is open&lt;/h2&gt;&lt;p&gt;Open a project or a case workbook (File › Open …) to write its report.&lt;/p&gt;</source>
            <translation>&lt;h2&gt;尚未打开案例&lt;/h2&gt;&lt;p&gt;请先打开项目或案例工作簿（文件 › 打开…），再生成其报告。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;h2&gt;Writing the report …&lt;/h2&gt;&lt;p&gt;Its first pages appear here when it is ready; you can go on working on the other pages meanwhile.&lt;/p&gt;</source>
            <translation>&lt;h2&gt;正在生成报告…&lt;/h2&gt;&lt;p&gt;生成后其前几页会显示在这里；其间您可以继续在其他页面工作。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;h2&gt;No report yet&lt;/h2&gt;&lt;p&gt;Choose the standard profile and the language of the report above, then click &lt;b&gt;Generate&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;The report is written in the background; its first pages appear here, and &lt;b&gt;Save PDF …&lt;/b&gt; keeps a copy where you choose.&lt;/p&gt;</source>
            <translation>&lt;h2&gt;尚未生成报告&lt;/h2&gt;&lt;p&gt;请在上方选择核算标准和报告语言，然后点击&lt;b&gt;生成&lt;/b&gt;。&lt;/p&gt;&lt;p&gt;报告在后台生成，完成后其前几页会显示在这里；点击&lt;b&gt;保存 PDF…&lt;/b&gt;可将报告保存到您选择的位置。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>preview of pages 1–%1 of %2</source>
            <translation>预览第 1–%1 页，共 %2 页</translation>
        </message>
        <message>
            <source>Page %1</source>
            <translation>第 %1 页</translation>
        </message>
        <message>
            <source>Computing the inventory …</source>
            <translation>正在核算排放清单…</translation>
        </message>
        <message>
            <source>Writing the report …</source>
            <translation>正在生成报告…</translation>
        </message>
        <message>
            <source>Rendering the preview …</source>
            <translation>正在生成预览…</translation>
        </message>
        <message>
            <source>The case has changed since this report was generated. Generate it again to include the changes.</source>
            <translation>报告生成后案例已有修改。请重新生成报告以纳入这些修改。</translation>
        </message>
        <message>
            <source>Report cancelled</source>
            <translation>已取消生成报告</translation>
        </message>
        <message>
            <source>The report was written, but its preview cannot be shown (%1). Use “Open in PDF viewer” or “Save PDF …”.</source>
            <translation>报告已生成，但无法显示预览（%1）。请使用“用 PDF 阅读器打开”或“保存 PDF…”。</translation>
        </message>
        <message>
            <source>The report is ready (%1 pages)</source>
            <translation>报告已生成（共 %1 页）</translation>
        </message>
        <message>
            <source>The report was not written</source>
            <translation>未生成报告</translation>
        </message>
        <message>
            <source>The report was not written: the case has %1 problem(s). Correct them first (see the list of problems).</source>
            <translation>未生成报告：案例中有 %1 个问题，请先更正（见问题列表）。</translation>
        </message>
        <message>
            <source>Internal error: %1</source>
            <translation>内部错误：%1</translation>
        </message>
        <message>
            <source>Save the report</source>
            <translation>保存报告</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <source>Export the inventory</source>
            <translation>导出排放清单</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <source>Could not save %1: %2</source>
            <translation>无法保存 %1：%2</translation>
        </message>
        <message>
            <source>Exporting the inventory to %1 …</source>
            <translation>正在将排放清单导出到 %1…</translation>
        </message>
        <message>
            <source>Exported the inventory to %1</source>
            <translation>已将排放清单导出到 %1</translation>
        </message>
        <message>
            <source>The inventory was not exported: the case has %1 problem(s)</source>
            <translation>未导出排放清单：案例中有 %1 个问题</translation>
        </message>
    </context>
    <context>
        <name>ResultsPage</name>
        <message>
            <source>Totals (t CO2e)</source>
            <translation>合计（t CO2e）</translation>
        </message>
        <message>
            <source>Breakdown</source>
            <translation>分项</translation>
        </message>
        <message>
            <source>Charts</source>
            <translation>图表</translation>
        </message>
        <message>
            <source>Charts appear here …</source>
            <translation>图表将显示在这里…</translation>
        </message>
        <message>
            <source>Charts are not available: %1</source>
            <translation>无法显示图表：%1</translation>
        </message>
    </context>
    <context>
        <name>StartPage</name>
        <message>
            <source>Welcome to CarbonMgr</source>
            <translation>欢迎使用 CarbonMgr</translation>
        </message>
        <message>
            <source>Greenhouse-gas inventories under GB/T 32150, the GHG Protocol and ISO 14064-1: every figure with its formula, inputs and factor source. Start with one of these:</source>
            <translation>按 GB/T 32150、温室气体核算体系（GHG Protocol）和 ISO 14064-1 编制温室气体排放清单，每个数字都附有公式、输入值和因子来源。从以下任一项开始：</translation>
        </message>
        <message>
            <source>Recent files</source>
            <translation>最近的文件</translation>
        </message>
        <message>
            <source>No recent files yet. Open the demo case to look around, or start a new project; the files you open will be listed here.</source>
            <translation>还没有最近的文件。可先打开示例案例浏览，或新建一个项目；打开过的文件会列在这里。</translation>
        </message>
    </context>
    <context>
        <name>TotalsBar</name>
        <message numerus="yes">
            <source>%n line(s) with problems (not counted)</source>
            <translation>
                <numerusform>%n 行有问题（未计入）</numerusform>
            </translation>
        </message>
    </context>
</TS>
