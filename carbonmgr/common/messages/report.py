"""Messages of the report writer and the Excel export (:mod:`carbonmgr.report`)."""

MESSAGES = {
    "report.font_missing": {
        "en": "no Chinese (CJK) TrueType font was found for the PDF report{tried}. Install one (Windows: "
              "Microsoft YaHei msyh.ttc or SimSun simsun.ttc; Linux: fonts-wqy-microhei; macOS: STHeiti), or set "
              "the environment variable CARBONMGR_CJK_FONT to the path of a .ttf/.ttc file (append #N to choose "
              "the N-th font of a .ttc). OpenType/CFF fonts (.otf, Noto Sans CJK, Source Han) cannot be embedded.",
        "zh": "未找到可用于 PDF 报告的中文 TrueType 字体{tried}。请安装中文字体（Windows：微软雅黑 msyh.ttc 或宋体 "
              "simsun.ttc；Linux：fonts-wqy-microhei；macOS：华文黑体 STHeiti），或将环境变量 CARBONMGR_CJK_FONT "
              "设为 .ttf/.ttc 字体文件的路径（.ttc 可在末尾加 #N 选择其中第 N 个字体）。OpenType/CFF 字体（.otf、"
              "Noto Sans CJK、思源黑体）无法嵌入。",
    },
    "report.font_tried": {"en": " (rejected: {items})", "zh": "（已排除：{items}）"},
    "report.font_rejected": {"en": "{path}: {reason}", "zh": "{path}：{reason}"},
    "report.font_reason.missing": {"en": "file not found", "zh": "文件不存在"},
    "report.font_reason.cff": {"en": "CFF/PostScript outlines cannot be embedded", "zh": "CFF/PostScript 轮廓字体无法嵌入"},
    "report.font_reason.not_font": {"en": "not a TrueType font file", "zh": "不是 TrueType 字体文件"},
    "report.font_reason.index": {"en": "no such font in the collection", "zh": "字体集合中没有该序号的字体"},
    "report.font_reason.no_cjk": {"en": "has no Chinese characters", "zh": "不含中文字符"},
    "report.font_reason.unreadable": {"en": "cannot be read", "zh": "无法读取"},
    "report.cancelled": {
        "en": "the report was cancelled; nothing was written",
        "zh": "已取消生成报告，未写入任何文件",
    },
    "report.write_failed": {
        "en": 'cannot write "{name}": {detail}',
        "zh": "无法写入“{name}”：{detail}",
    },
    "report.missing_library": {
        "en": "the PDF report needs the Python package {package} (pip install {package})",
        "zh": "生成 PDF 报告需要 Python 软件包 {package}（pip install {package}）",
    },
    "report.standard_unknown": {
        "en": 'standard "{standard}" is not one of gbt32150, ghgp, iso14064',
        "zh": "核算标准“{standard}”应为 gbt32150、ghgp 或 iso14064",
    },
}
