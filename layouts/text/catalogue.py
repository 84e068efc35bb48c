"""The dashboard's UI strings: key -> (Chinese, English). Looked up by i18n.t."""

from __future__ import annotations

CATEGORY_LABELS = {
    "creation": ("知识产权创造", "IP creation"),
    "use": ("知识产权运用", "IP use"),
    "protection": ("知识产权保护", "IP protection"),
    "management_service": ("知识产权管理与服务", "IP management and services"),
    "environment_talent": ("环境与人才", "Environment and talent"),
    "international": ("国际合作", "International cooperation"),
}


STRINGS: dict[str, tuple[str, str]] = {
    # shell
    "nav.overview": ("总览", "Overview"),
    "nav.detail": ("指标详情", "Indicator detail"),
    "nav.compare": ("地区对比", "Compare regions"),
    "nav.upload": ("数据上传", "Upload"),
    "nav.history": ("上传记录", "History"),
    "nav.method": ("说明", "Method"),
    "nav.audit": ("审计日志", "Audit log"),
    "auth.login": ("登录", "Log in"),
    "auth.logout": ("退出", "Log out"),
    "auth.user_role": ("{name}（{role}）", "{name} ({role})"),
    "role.viewer": ("查看者", "viewer"),
    "role.editor": ("编辑", "editor"),
    "role.admin": ("管理员", "admin"),
    "lang.switch": ("English", "中文"),
    "lang.switch_title": ("Switch to English", "切换为中文"),
    "shell.sample_banner": (
        "当前展示的是示例数据，仅供演示，不代表真实统计结果。请在“数据上传”页面上传正式数据。",
        "You are looking at sample data for demonstration only, not real statistics. "
        "Upload the official figures on the Upload page.",
    ),
    "shell.footer": (
        "数据口径以规划文件原文为准；进度按序时进度法计算，详见“说明”。",
        "Targets are quoted from the plan documents; progress follows the time-share "
        "method, see Method.",
    ),
    "shell.not_found": ("未找到该页面", "Page not found"),
    "shell.not_found_hint": ("请从上方导航进入各页面。", "Use the navigation above."),
    "shell.back_home": ("返回总览", "Back to the overview"),
    "shell.page_error": ("页面无法显示", "This page cannot be shown"),
    # common
    "common.all": ("全部", "All"),
    "common.unit": ("单位", "Unit"),
    "common.year": ("年份", "Year"),
    "common.value": ("数值", "Value"),
    "common.none": ("—", "—"),
    "common.year_suffix": ("{year}年", "{year}"),
    "common.as_of": ("数据截至 {year} 年", "Data as of {year}"),
    "common.no_data_title": ("暂无实际数据", "No actual data yet"),
    "common.no_data_hint": (
        "请先在“数据上传”页面上传年度统计数据，之后这里会显示进度。",
        "Upload the yearly statistics on the Upload page; progress will show here.",
    ),
    "common.go_upload": ("前往数据上传", "Go to Upload"),
    "common.download_png": ("下载图片", "Download image"),
    "common.unverified": ("未核实", "unverified"),
    "common.unverified_hint": (
        "该目标的数值或出处尚未与原文逐字核对。",
        "This target's number or source has not been checked against the text yet.",
    ),
    # regions (fallback when the registry has no name)
    "region.CN": ("全国", "China"),
    "region.CN-CQ": ("重庆市", "Chongqing"),
    # overview
    "overview.title": ("目标完成情况总览", "Overview of target progress"),
    "overview.subtitle": ("共 {count} 项目标", "{count} targets"),
    "overview.filter_document": ("规划文件", "Document"),
    "overview.filter_region": ("地区", "Region"),
    "overview.filter_category": ("类别", "Category"),
    "overview.filter_as_of": ("数据截至", "As of"),
    "overview.export_csv": ("导出 CSV", "Export CSV"),
    "overview.export_xlsx": ("导出 Excel", "Export Excel"),
    "overview.export_docx": ("评估报告（Word）", "Evaluation report (Word)"),
    "overview.export_docx_help": (
        "按当前筛选生成评估报告：总体情况、目标完成情况表、需要关注的目标、进度图和评估方法",
        "The evaluation report of the current selection: summary, table of targets, targets "
        "that need attention, progress chart and method",
    ),
    "overview.summary_title": ("评估摘要", "Evaluation summary"),
    "overview.summary_help": (
        "按评估报告的写法计数；目标年之前已达到目标的计为提前完成。预计完成情况的判断方法见“说明”。",
        "Counted as evaluations write them; a target met before its target year counts as met "
        "early. How forecasts are judged: see Method.",
    ),
    "overview.tile_share": ("占 {share}", "{share} of targets"),
    "overview.tile_click": ("点击在差距报告中只看此状态，再次点击取消", "Click to show only this status in the gap report; click again to clear"),
    "overview.chart_help": (
        "圆点为目标完成度（从基期到目标走过的比例），竖线为时间进度（规划期已过去的比例）；"
        "圆点在竖线右侧即快于序时进度。按类别分组，每组内由慢到快排列。点击圆点查看该指标详情。",
        "Dots show progress (share of the way from baseline to target); the bar marks time "
        "elapsed in the plan period. A dot right of its bar is ahead of schedule. Grouped by "
        "category, slowest first. Click a dot for the indicator's page.",
    ),
    "overview.table_title": ("差距报告", "Gap report"),
    "overview.table_help": (
        "点击列标题排序，使用列菜单筛选；点击指标名称查看详情。导出的文件与命令行生成的文件相同。",
        "Click a header to sort, use the column menu to filter, click a name for details. "
        "Exports are the same files the command line writes.",
    ),
    "overview.missing_title": ("待补充数据", "Missing data"),
    "overview.missing_intro": (
        "以下 {count} 个指标序列没有 {year} 年的数据，请补充后上传。",
        "These {count} series have no value for {year}; please collect and upload them.",
    ),
    "overview.missing_none": (
        "所有指标序列都有 {year} 年的数据。", "Every series has a value for {year}."
    ),
    "overview.missing_more": (
        "另有 {count} 个序列未列出；导出差距报告（最新数据年份一列）可查看全部。",
        "{count} more series are not listed; export the gap report (latest year column) for all.",
    ),
    "overview.chart_limited": (
        "目标较多，图中只显示落后最多的 {shown} 项（共 {total} 项可评估）：先按状态（逆向变化、滞后、略滞后……），"
        "再按序时进度比由低到高。用上方筛选缩小范围，或在下方差距报告中查看全部。",
        "Many targets: the chart shows the {shown} furthest behind (of {total} assessable), by "
        "status (moving away, behind, slightly behind, ...) then by lowest schedule ratio. "
        "Narrow the filters above, or see every target in the gap report below.",
    ),
    "overview.table_help_large": (
        "共 {count} 行，滚动时分批载入；排序和筛选在服务器上进行。点击指标名称查看详情。"
        "导出的文件与命令行生成的文件相同。",
        "{count} rows, loaded in blocks as you scroll; sorting and filtering run on the server. "
        "Click a name for details. Exports are the same files the command line writes.",
    ),
    "overview.latest_is": ("最新数据为 {year}", "latest value {year}"),
    "overview.releases_intro": (
        "以下 {count} 个全国指标序列应已发布更新的官方数据（某年的数据通常在次年发布），请收集后上传：",
        "A newer official figure should be out for these {count} national series (a year's "
        "figures are released during the next year); please collect and upload them:",
    ),
    "overview.release_item": (
        "最新已存 {year} 年数据为 {value}，应有 {expected} 年数据",
        "latest stored figure {value} for {year}; the {expected} figure is due",
    ),
    "overview.no_data_at_all": ("暂无任何数据", "no data at all"),
    # detail
    "detail.unknown": ("没有找到这个指标或地区", "No such indicator or region"),
    "detail.unknown_hint": (
        "该指标在此地区没有目标，或链接有误。请从列表中选择。",
        "This indicator has no target in this region, or the link is wrong. Pick one from the list.",
    ),
    "detail.pick": ("选择指标", "Pick an indicator"),
    "detail.pick_hint": (
        "选择一个指标查看其实际值、规划路径、差距和数据来源。",
        "Pick an indicator to see its actuals, planned path, gaps and sources.",
    ),
    "detail.category": ("类别", "Category"),
    "detail.chart_help": (
        "实线为实际值，点线为各文件的规划路径，虚线为按最小二乘法对基期和已有实际值拟合的趋势外推至目标年。",
        "Solid: actual values. Dotted: each document's planned path. Dashed: the least-squares "
        "trend through the baseline and the actuals, projected to the target year.",
    ),
    "detail.targets_title": ("目标与差距（{count} 项）", "Targets and gaps ({count})"),
    "detail.definition_title": ("指标定义", "Definition"),
    "detail.no_definition": ("规划文件未给出该指标的定义。", "The documents give no definition."),
    "detail.higher_better": ("数值越高越好。", "Higher is better."),
    "detail.lower_better": ("数值越低越好。", "Lower is better."),
    "detail.data_title": ("已上传数据及来源", "Uploaded data and provenance"),
    "detail.no_values": ("该指标尚无上传数据。", "No values uploaded for this series yet."),
    "detail.note": ("备注", "Note"),
    "detail.upload": ("上传批次", "Upload"),
    "detail.who": ("上传人", "Uploaded by"),
    "detail.when": ("上传时间（北京时间）", "Uploaded at (Beijing time)"),
    "detail.note_edit": ("修改备注", "Edit note"),
    "detail.note_help": (
        "只修改所选年份数值的备注（如口径变化、数据来源、普查后修订），数值不变。"
        "每次修改都记为一次上传，可在“上传记录”中撤销。",
        "Changes only the note of the chosen year's value (a change of definition, the source, "
        "a revision after a census); the value stays. Each change is recorded as an upload "
        "and can be reverted on the History page.",
    ),
    "detail.note_text": ("新备注", "New note"),
    "detail.note_placeholder": ("例如：第五次经济普查后修订", "e.g. revised after the fifth economic census"),
    "detail.note_save": ("保存备注", "Save note"),
    "detail.note_saved": ("备注已保存（上传 {id}）。", "Note saved (upload #{id})."),
    "detail.note_unchanged": ("备注与当前相同，未作修改。", "The note is the same as now; nothing was changed."),
    "detail.note_failed": ("备注未保存：{msg}", "The note was not saved: {msg}"),
    "detail.source": ("出处", "Source"),
    "detail.forecast": ("预计：", "Forecast: "),
    "detail.value_source": ("数据来源", "Published in"),
    "detail.published": ("发布", "released"),
    "detail.outside_text": (
        "原文本缺少该表格，数值按已发布的规划文件录入。",
        "The table is missing from the source text; the figures are entered from the published plan.",
    ),
    # method
    "method.title": ("计算方法说明", "How progress is measured"),
    "method.formulas": ("进度怎么算", "The figures"),
    "method.statuses": ("状态怎么判定", "The statuses"),
    "method.statuses_intro": (
        "按下表自上而下判断，符合的第一条即为该目标的状态：",
        "The rules are applied top to bottom; the first that applies gives the status:",
    ),
    "method.forecast": ("预计完成情况怎么判断", "The forecast"),
    "method.forecast_intro": (
        "目标年实际值公布前，每项目标旁给出预计：看趋势预测值能否在目标年达到目标，看基期以来的年均增速是否"
        "够得上剩余年份所需的年均增速。阈值同样取自 config.yaml：",
        "Until the target year's actual is out, each target gets a forecast: does the trend line reach "
        "the target by the target year, and is the growth achieved since the baseline enough for the "
        "growth still required? Thresholds from config.yaml:",
    ),
    "method.thresholds_note": (
        "阈值取自系统配置文件 config.yaml 中当前生效的设置。",
        "The thresholds are the ones currently set in config.yaml.",
    ),
    # figures
    "fig.progress.title": ("各项目标完成度与时间进度", "Progress of every target against time elapsed"),
    "fig.progress.x": ("目标完成度（从基期到目标的百分比）", "Progress (% of the way from baseline to target)"),
    "fig.progress.time_share": ("时间进度", "Time elapsed"),
    "fig.progress.target_line": ("目标", "Target"),
    "fig.progress.empty": ("所选范围内没有可计算进度的目标", "No target in this selection has a progress figure"),
    "fig.trajectory.title": ("{name}（{region}）：实际值与规划路径", "{name} ({region}): actuals and planned path"),
    "fig.trajectory.y": ("数值（{unit}）", "Value ({unit})"),
    "fig.trajectory.x": ("年份", "Year"),
    "fig.trajectory.actual": ("实际值", "Actual"),
    "fig.trajectory.actual_cumulative": ("实际累计值", "Actual (cumulative)"),
    "fig.trajectory.baseline": ("基期值", "Baseline"),
    "fig.trajectory.target": ("目标：{document}", "Target: {document}"),
    "fig.trajectory.path": ("规划路径：{document}", "Planned path: {document}"),
    "fig.trajectory.projection": ("趋势外推：{document}", "Trend projection: {document}"),
    "fig.trajectory.target_year": ("目标年 {year}", "Target year {year}"),
    "fig.gap.title": (
        "与规划路径的差距（逐年，柱色为当年状态）",
        "Gap to the planned path by year (bar colour: that year's status)",
    ),
    "fig.gap.empty": (
        "基期之后尚无实际数据，暂无差距可显示",
        "No actual after the baseline year yet, so no gap to show",
    ),
    "fig.gap.y": ("差距（{unit}，正值为落后）", "Gap ({unit}, positive = behind)"),
    "fig.gap.behind": ("落后于路径", "Behind the path"),
    "fig.gap.ahead": ("领先于路径", "Ahead of the path"),
    "fig.compare.title": ("{a}与{b}：目标完成度对比", "{a} vs {b}: progress"),
    "fig.compare.y": ("目标完成度", "Progress"),
    "fig.compare.schedule": ("{region}序时进度", "{region} on schedule"),
    "compare.title": ("地区对比", "Regions compared"),
    "compare.heading": ("{a}与{b}对比", "{a} vs {b}"),
    "compare.subtitle": (
        "同一指标在两个地区的目标完成度（统一为从基期到目标的百分比）",
        "Progress on the same indicator in two regions, as a share of the way "
        "from baseline to target",
    ),
    "compare.region_a": ("基准地区（A）", "Reference region (A)"),
    "compare.region_b": ("对比地区（B）", "Compared region (B)"),
    "compare.same_region": ("请选择两个不同的地区进行对比", "Choose two different regions to compare"),
    "compare.summary": (
        "{count} 项指标两地都设定了目标：{b}快于{a} {ahead} 项，基本同步 {level} 项，"
        "慢于{a} {behind} 项，无法比较 {unknown} 项",
        "{count} indicators have targets in both: {b} ahead of {a} on {ahead}, level on {level}, "
        "behind on {behind}, cannot compare {unknown}",
    ),
    "compare.page": ("第 {page}/{pages} 页（第 {first}–{last} 项）",
                     "Page {page} of {pages} (indicators {first}–{last})"),
    "compare.chart_help": (
        "实线为各地区的目标完成度，虚线为该地区规划的序时进度（按期应达到的完成度）。"
        "实线高于同色虚线，即快于本地规划进度。指标按两地区序时进度比之差从大到小排列"
        "（差距最大的在前，缺少数据无法比较的在后），每页 {size} 项，表格与图同页。点击数据点查看详情。",
        "Solid lines: each region's progress. Dashed: where its own plan says it should be by "
        "then. Solid above dashed means ahead of schedule. Indicators are ordered by the "
        "difference between the two regions' schedule ratios, largest first (those that cannot "
        "be compared last), {size} to a page; the table shows the same page. "
        "Click a point for details.",
    ),
    "compare.table_title": ("逐项对比", "Indicator by indicator"),
    "compare.indicator": ("指标", "Indicator"),
    "compare.verdict": ("{b}相对{a}", "{b} vs {a}"),
    "compare.progress_pair": ("完成度 {progress}（时间进度 {time}）", "progress {progress} (time {time})"),
    "compare.cannot_compare": ("无法比较（缺少数据或比率）", "cannot compare (data or ratio missing)"),
    "compare.level": ("与{other}基本同步", "level with {other}"),
    "compare.ahead": (
        "{region}快于{other}（序时进度比高 {points} 个百分点）",
        "{region} ahead of {other} (schedule ratio {points} points higher)",
    ),
    "compare.behind": (
        "{region}慢于{other}（序时进度比低 {points} 个百分点）",
        "{region} behind {other} (schedule ratio {points} points lower)",
    ),
    "compare.none": (
        "没有同时在{a}和{b}设定目标的指标",
        "No indicator has targets in both {a} and {b}",
    ),
    "fig.empty": ("暂无可绘制的数据", "Nothing to plot yet"),
    # hover labels
    "hover.region": ("地区", "Region"),
    "hover.document": ("文件", "Document"),
    "hover.baseline": ("基期", "Baseline"),
    "hover.target": ("目标", "Target"),
    "hover.latest": ("最新", "Latest"),
    "hover.progress": ("目标完成度", "Progress"),
    "hover.time_share": ("时间进度", "Time elapsed"),
    "hover.status": ("状态", "Status"),
    "hover.planned": ("规划路径值", "Planned value"),
    "hover.gap": ("差距", "Gap"),
    "hover.click": ("点击查看详情", "Click for details"),
    "hover.beyond": ("超出坐标范围，实际 {value}", "off the scale, actual {value}"),
}
