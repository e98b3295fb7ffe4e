"""Messages of the project store (``.carbon`` files)."""

MESSAGES = {
    "store.not_found": {"en": 'project file "{path}" does not exist',
                        "zh": "项目文件“{path}”不存在"},
    "store.damaged": {"en": 'project "{path}" is damaged and cannot be read ({detail}); open its autosave or a backup copy',
                      "zh": "项目文件“{path}”已损坏，无法读取（{detail}）；请打开其自动保存文件或备份"},
    "store.bad_number": {"en": 'project "{path}" holds a number that cannot be right: {sheet} row {row}, {field} = {value} '
                              "(NaN or infinity; {count} such value(s)); the file was changed outside "
                              "CarbonMgr or it is damaged: open its autosave or a backup copy",
                        "zh": "项目文件“{path}”中有不可能正确的数值：{sheet} 第 {row} 行，{field} = {value}"
                              "（NaN 或无穷大；共 {count} 个）；该文件在 CarbonMgr 之外被修改过或已损坏，"
                              "请打开其自动保存文件或备份"},
    "store.not_a_project": {"en": '"{path}" is not a CarbonMgr project file (or it is damaged)',
                            "zh": "“{path}”不是 CarbonMgr 项目文件（或文件已损坏）"},
    "store.newer_schema": {"en": "this project was saved by a newer version of CarbonMgr (file format {found}; "
                                 "this version reads up to {supported}); please update CarbonMgr",
                           "zh": "该项目由更新版本的 CarbonMgr 保存（文件格式版本 {found}；当前版本最高支持 {supported}），"
                                 "请升级 CarbonMgr"},
    "store.unexpected_schema": {"en": '"{path}" was not opened: it holds database objects (triggers, views or '
                                      'changed tables) that CarbonMgr does not create; the file was changed by '
                                      'another program',
                                "zh": "未打开“{path}”：文件中有 CarbonMgr 不会创建的数据库对象（触发器、视图或被改动的表），"
                                      "文件已被其他程序改动"},
    "store.no_such_run": {"en": "the project has no stored result number {id}",
                          "zh": "项目中没有编号为 {id} 的已保存核算结果"},
    "store.in_use": {"en": '"{path}" is open for editing by {user} on {host} since {since} (UTC); '
                           'open it read-only, or save your work under another name',
                     "zh": "“{path}”正由 {host} 上的 {user} 编辑（自 {since} UTC 起）；"
                           "可以只读方式打开，或将您的工作另存为其他文件"},
    "store.in_use_unknown": {"en": '"{path}" is open for editing in another CarbonMgr window or on another '
                                   'computer; open it read-only, or save your work under another name',
                             "zh": "“{path}”正在另一个 CarbonMgr 窗口或另一台电脑上编辑；"
                                   "可以只读方式打开，或将您的工作另存为其他文件"},
    "store.read_only_session": {"en": '"{path}" is open read-only here (it is being edited elsewhere): '
                                      'use Save As to keep your changes in a file of your own',
                                "zh": "“{path}”在此处以只读方式打开（正在别处编辑）：请用“另存为”将您的修改保存到自己的文件"},
    "store.read_only_file": {"en": '"{path}" cannot be changed: the file or its folder is read-only. '
                                   'Use Save As to keep your changes in a folder you can write in',
                             "zh": "“{path}”无法修改：该文件或其所在文件夹为只读。请用“另存为”将修改保存到可写入的文件夹"},
    "store.read_only_needs_upgrade": {"en": '"{path}" was saved by an earlier version of CarbonMgr and must be '
                                            'updated, but the file or its folder is read-only: copy it to a folder '
                                            'you can write in and open the copy',
                                      "zh": "“{path}”由较早版本的 CarbonMgr 保存，需要更新文件格式，但该文件或其所在文件夹为只读："
                                            "请将其复制到可写入的文件夹后打开副本"},
    "store.exists": {"en": 'project file "{path}" already exists',
                     "zh": "项目文件“{path}”已存在"},
    "store.write_failed": {"en": 'could not write project file "{path}": {error}',
                           "zh": "无法写入项目文件“{path}”：{error}"},
    "store.closed": {"en": "the project is closed",
                     "zh": "项目已关闭"},
    "store.inventory_mismatch": {"en": "the inventory does not belong to the project's current activity lines "
                                       "({lines} lines computed, {activities} lines in the project); compute again",
                                 "zh": "该核算结果与项目当前的活动数据不一致（核算 {lines} 行，项目有 {activities} 行），"
                                       "请重新核算"},
    "store.no_such_activity": {"en": "activity line {id} does not exist",
                               "zh": "活动数据行 {id} 不存在"},
    "store.facility_exists": {"en": 'facility "{id}" already exists', "zh": "设施“{id}”已存在"},
    "store.no_such_facility": {"en": 'facility "{id}" does not exist',
                               "zh": "设施“{id}”不存在"},
    "store.unknown_field": {"en": 'field "{field}" cannot be edited in {entity}',
                            "zh": "{entity} 中没有可编辑的字段“{field}”"},
    "store.bad_value": {"en": 'value "{value}" is not valid for field "{field}"',
                        "zh": "值“{value}”不适用于字段“{field}”"},
    "store.no_such_instrument": {"en": "instrument {index} does not exist",
                                 "zh": "电力凭证 {index} 不存在"},
    "store.no_such_equipment": {"en": "equipment line {index} does not exist",
                                "zh": "制冷设备记录 {index} 不存在"},
    "store.no_such_ets_unit": {"en": "ETS unit {index} does not exist", "zh": "配额机组 {index} 不存在"},
    "store.facility_in_use": {"en": 'facility "{id}" is still used by {activities} activity line(s), {instruments} '
                                    "instrument(s) and {equipment} equipment line(s); delete them or assign them to "
                                    "another facility first",
                              "zh": "设施“{id}”仍被 {activities} 行活动数据、{instruments} 条电力凭证和 {equipment} 条"
                                    "制冷设备记录引用；请先删除这些记录或将其改为其他设施"},
    "store.facility_id_referenced": {"en": 'lines already refer to facility id "{id}", which is not listed; choose '
                                           "another id",
                                     "zh": "已有记录引用了未列出的设施编号“{id}”；请换一个编号"},
    # The edit session
    "editing.new_case_title": {"en": "New case", "zh": "新建案例"},
    "editing.facility_id_taken": {"en": 'the facility ID "{id}" is already used by "{name}": choose another ID',
                                  "zh": "设施编号“{id}”已被“{name}”使用，请换一个编号"},
    "editing.new_case_facility": {"en": "Head office", "zh": "总部"},
}
