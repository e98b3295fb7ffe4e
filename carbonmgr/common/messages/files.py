"""Messages of the file writer (carbonmgr.io.fileio): why a file could not be written."""

MESSAGES = {
    # the names the app suggests for the PDF report and the Excel export (made safe by safe_file_stem)
    "file.name.report": {"en": "{stem} report {standard} {language}", "zh": "{stem} 报告 {standard} {language}"},
    "file.name.inventory": {"en": "{stem} inventory", "zh": "{stem} 排放清单"},
    "file.write_failed": {"en": 'cannot write "{name}": {detail}',
                          "zh": "无法写入“{name}”：{detail}"},
    "file.disk_full": {"en": 'cannot write "{name}": the disk is full. Free some space or choose another folder; '
                             'the file that was there before is unchanged',
                       "zh": "无法写入“{name}”：磁盘已满。请释放空间或选择其他文件夹；原有文件未被改动"},
    "file.read_only": {"en": 'cannot write "{name}": the folder "{folder}" is read-only or you may not write there, '
                             'or the file is open in another program. Choose another folder or close that program; '
                             'the file that was there before is unchanged',
                       "zh": "无法写入“{name}”：文件夹“{folder}”为只读或没有写入权限，或该文件正被其他程序打开。"
                             "请选择其他文件夹或关闭该程序；原有文件未被改动"},
    "file.no_folder": {"en": 'cannot write "{name}": the folder "{folder}" does not exist',
                       "zh": "无法写入“{name}”：文件夹“{folder}”不存在"},
}
