"""Messages of the desktop app's start (printed before Qt runs, so they cannot use Qt's
translations): the ``[gui]`` extra missing, no display, libraries of Qt's platform plugin
missing."""

MESSAGES = {
    "app.start.no_gui_extra": {
        "en": 'The desktop app needs the optional "gui" part of CarbonMgr (PySide6), which is not installed.\n'
              'Install it with:  pip install "carbonmgr[gui]"   (in a source checkout: pip install -e ".[gui]",\n'
              'or bash tools/dev.sh setup). The command line works without it: carbonmgr --help',
        "zh": "桌面程序需要 CarbonMgr 的可选组件“gui”（PySide6），当前未安装。\n"
              '安装方法：pip install "carbonmgr[gui]"（在源代码目录中：pip install -e ".[gui]"，\n'
              "或 bash tools/dev.sh setup）。命令行无需此组件即可使用：carbonmgr --help"},
    "app.start.gui_broken": {
        "en": "The desktop app's Qt libraries (PySide6) are installed but cannot be loaded: {error}\n"
              "Reinstall them with:  pip install --force-reinstall \"carbonmgr[gui]\"",
        "zh": "桌面程序所需的 Qt 库（PySide6）已安装但无法加载：{error}\n"
              '请重新安装：pip install --force-reinstall "carbonmgr[gui]"'},
    "app.start.no_display": {
        "en": "No graphical display found: start the app in a desktop session, or under a virtual display "
              "(xvfb-run carbonmgr gui). The command line works without a display: carbonmgr --help",
        "zh": "没有可用的图形显示：请在桌面环境中启动本程序，或在虚拟显示下运行（xvfb-run carbonmgr gui）。"
              "命令行无需图形显示即可使用：carbonmgr --help"},
    "app.start.xcb_missing": {
        "en": "The desktop app cannot start: Qt's X11 platform plugin needs system libraries that are "
              "missing: {libraries}.\n{install}",
        "zh": "桌面程序无法启动：Qt 的 X11 平台插件所需的系统库缺失：{libraries}。\n{install}"},
    "app.start.xcb_install": {
        "en": "On Debian/Ubuntu install them as root with:  apt-get install {packages}\n"
              "(bash tools/dev.sh setup does this when run as root)",
        "zh": "在 Debian/Ubuntu 上请以 root 身份安装：apt-get install {packages}\n"
              "（以 root 身份运行 bash tools/dev.sh setup 会自动安装）"},
    "app.start.xcb_unknown_package": {
        "en": "Install the packages of your system that provide them (on Debian/Ubuntu: apt-file search NAME).",
        "zh": "请安装系统中提供这些库的软件包（Debian/Ubuntu 上可用 apt-file search 库名 查找）。"},
}
