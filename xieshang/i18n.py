"""The message catalogue: every user-facing text, Chinese (zh-CN) first, English second."""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

# key -> (zh-CN, English). Placeholders use str.format names.
MESSAGES: dict[str, tuple[str, str]] = {
    # --- general
    "app.title": ("协商议事平台监测", "Consultation platform oversight"),
    "all_regions": ("全部地区", "All regions"),
    "demo_badge": ("演示数据", "demo data"),
    "snapshot": ("数据快照", "Snapshot"),
    "snapshot_imported": ("导入时间", "Imported"),
    "region": ("地区", "Region"),
    "period": ("时段", "Period"),
    "from": ("起始日期", "From"),
    "to": ("截止日期", "To"),
    "no_data": ("暂无数据", "No data"),
    "rank": ("排名", "Rank"),
    "score": ("综合得分", "Composite score"),
    "code": ("代码", "Code"),
    "name": ("名称", "Name"),
    "level": ("层级", "Level"),
    # --- levels and enums shown to users
    "level.province": ("省", "Province"),
    "level.city": ("市", "City"),
    "level.county": ("县（区）", "County"),
    "level.town": ("乡镇（街道）", "Town"),
    "level.village": ("村（社区）", "Village"),
    "committee.national": ("全国政协", "National"),
    "committee.provincial": ("省政协", "Provincial"),
    "committee.city": ("市政协", "City"),
    "committee.county": ("县（区）政协", "County"),
    "activity_kind.thematic": ("专题协商", "Thematic"),
    "activity_kind.micro": ("小微协商", "Micro"),
    "activity_kind.talk": ("恳谈协商", "Talk"),
    "activity_kind.supervision": ("民主监督", "Supervision"),
    "activity_kind.member_day": ("委员活动日", "Member day"),
    "activity_kind.other": ("其他", "Other"),
    "suggestion_kind.proposal": ("提案", "Proposal"),
    "suggestion_kind.opinion": ("意见建议", "Opinion"),
    "suggestion_kind.info": ("社情民意信息", "Public-opinion report"),
    # --- KPI blocks
    "block.rooms": ("议事室覆盖", "Room coverage"),
    "block.members": ("委员下沉", "Member sinking"),
    "block.activities": ("协商活动", "Activities"),
    "block.suggestions": ("建议采纳", "Adoption"),
    "kpi.rooms.active": ("在用议事室", "Active rooms"),
    "kpi.rooms.towns": ("乡镇（街道）数", "Towns"),
    "kpi.rooms.towns_covered": ("已覆盖乡镇", "Towns covered"),
    "kpi.rooms.town_coverage": ("乡镇覆盖率", "Town coverage"),
    "kpi.rooms.villages": ("村（社区）数", "Villages"),
    "kpi.rooms.villages_covered": ("已覆盖村（社区）", "Villages covered"),
    "kpi.rooms.village_coverage": ("村（社区）覆盖率", "Village coverage"),
    "kpi.rooms.assessed": ("已评估议事室", "Rooms assessed"),
    "kpi.rooms.standards_met": ("“六有”达标", "Meeting the standard"),
    "kpi.rooms.standards_rate": ("“六有”达标率", "Standard rate"),
    "kpi.rooms.with_member": ("有委员进驻", "Rooms with a member"),
    "kpi.rooms.fail_rate": ("未达标率", "Fail rate"),
    "kpi.rooms.with_member_rate": ("委员进驻率", "Rooms with a member (rate)"),
    "kpi.members.active": ("在任委员", "Active members"),
    "kpi.members.posted": ("下沉委员", "Members posted"),
    "kpi.members.sinking_rate": ("委员下沉率", "Sinking rate"),
    "kpi.members.posted_here": ("下沉至本地委员", "Members posted here"),
    "kpi.members.villages_with_member": ("有委员下沉的村（社区）", "Villages with a member"),
    "kpi.members.villages_with_member_rate": (
        "村（社区）委员覆盖率",
        "Villages with a member (rate)",
    ),
    "kpi.activities.count": ("协商活动", "Activities"),
    "kpi.activities.public_participants": ("群众参与人次", "Public participants"),
    "kpi.activities.problems_solved": ("解决问题数", "Problems solved"),
    "kpi.activities.towns_meeting_target": ("协商次数达标乡镇", "Towns meeting the target"),
    "kpi.activities.towns_meeting_target_rate": (
        "乡镇协商达标率",
        "Towns meeting the target (rate)",
    ),
    "kpi.activities.silent_towns": ("未开展协商的乡镇", "Towns holding no activity"),
    "kpi.suggestions.submitted": ("提交", "Submitted"),
    "kpi.suggestions.filed": ("立案", "Filed"),
    "kpi.suggestions.concluded": ("办结", "Concluded"),
    "kpi.suggestions.adopted": ("采纳", "Adopted"),
    "kpi.suggestions.partially_adopted": ("部分采纳", "Partially adopted"),
    "kpi.suggestions.not_adopted": ("未采纳", "Not adopted"),
    "kpi.suggestions.filing_rate": ("立案率", "Filing rate"),
    "kpi.suggestions.conclusion_rate": ("办结率", "Conclusion rate"),
    "kpi.suggestions.adoption_rate": ("采纳率", "Adoption rate"),
    "kpi.suggestions.median_days_to_conclude": ("办结用时中位数（天）", "Median days to conclude"),
    "kpi.suggestions.satisfaction_rate": ("满意率", "Satisfaction rate"),
    # --- errors a user can cause
    "error.unknown_region": ("未找到地区代码“{code}”", "Unknown region code “{code}”"),
    "error.bad_date": (
        "无法识别的日期“{value}”，应为 2024-03-31 这样的格式",
        "Cannot read the date “{value}”; use a form like 2024-03-31",
    ),
    "error.period_order": (
        "起始日期 {date_from} 晚于截止日期 {date_to}",
        "The start date {date_from} is after the end date {date_to}",
    ),
    "error.unknown_level": (
        "未知的层级“{value}”，可选：{choices}",
        "Unknown level “{value}”; choose from {choices}",
    ),
    "error.unknown_kind": (
        "未知的建议类型“{value}”，可选：{choices}",
        "Unknown suggestion kind “{value}”; choose from {choices}",
    ),
    "error.unknown": ("出现了无法处理的情况", "Something went wrong"),
    "error.stale_base": (
        "校验后当前快照已被他人更新，请重新校验后再导入",
        "The current snapshot changed after this import was checked; check it again",
    ),
    "error.internal": (
        "内部错误：{reason}（数据未被改动）",
        "Internal error: {reason} (no data was changed)",
    ),
    "error.unknown_sort": (
        "无法按“{value}”排序，可选：{choices}",
        "Cannot sort by “{value}”; choose from {choices}",
    ),
    "rollback.done": (
        "已回滚：新快照 {snapshot} 与 {target} 内容相同",
        "Rolled back: new snapshot {snapshot} holds the same data as {target}",
    ),
    "error.store_busy": (
        "另一个导入正在进行，请稍后再试",
        "Another import is running; try again shortly",
    ),
    "error.unknown_snapshot": ("未找到数据快照“{snapshot}”", "Unknown snapshot “{snapshot}”"),
    "error.snapshot_unreadable": (
        "当前数据快照无法读取：{reason}",
        "The current snapshot cannot be read: {reason}",
    ),
    "error.no_input": ("没有找到可导入的文件：{path}", "No file to import found at {path}"),
    # --- validation report
    "report.valid": (
        "校验通过：{tables} 张表，共 {rows} 行",
        "Valid: {tables} tables, {rows} rows",
    ),
    "report.invalid": (
        "校验未通过：发现 {count} 个问题，未做任何改动",
        "Not valid: {count} problems found; nothing was changed",
    ),
    "report.more": ("……同类问题另有 {count} 处", "… and {count} more of the same kind"),
    "report.where": (
        "文件 {file}，第 {row} 行，列 {column}",
        "file {file}, row {row}, column {column}",
    ),
    "report.where_file": ("文件 {file}", "file {file}"),
    "report.where_column": ("文件 {file}，列 {column}", "file {file}, column {column}"),
    "report.value": ("值“{value}”", "value “{value}”"),
    "report.carried_over": ("（沿用当前快照）", "(carried over from the current snapshot)"),
    "import.done": ("已导入新快照 {snapshot}：{tables}", "Imported snapshot {snapshot}: {tables}"),
    "import.reading": ("读取 {file}", "Reading {file}"),
    "import.validating": ("校验数据", "Validating"),
    "import.writing": ("写入 {table}", "Writing {table}"),
    "import.deriving": (
        "预先汇总统计（{done}/{total}）",
        "Precomputing summaries ({done}/{total})",
    ),
    "demo.writing": ("生成演示数据 {table}（{rows} 行）", "Writing demo {table} ({rows} rows)"),
    "scale.province": (
        "已生成 {done}/{total} 个省，共 {rows} 行",
        "{done}/{total} provinces written, {rows} rows",
    ),
    "error.scale_needs_out": (
        "生成大规模数据时请用 --out 指定输出目录",
        "Give --out for a scale export",
    ),
    "demo.done": ("演示数据已写入 {path}", "Demo export written to {path}"),
    # --- validation problems (one per rule)
    "problem.unknown_file": (
        "无法判断文件对应哪张表：文件名应为 {tables} 之一（.parquet）",
        "Cannot tell which table this file holds: name it one of {tables} (.parquet)",
    ),
    "problem.unreadable": ("文件无法读取：{reason}", "The file cannot be read: {reason}"),
    "problem.duplicate_table": (
        "表 {table} 被提供了不止一次",
        "Table {table} was given more than once",
    ),
    "problem.missing_column": ("缺少必需的列 {column}", "Required column {column} is missing"),
    "problem.wrong_type": (
        "列类型应为{expected}，实际为 {actual}",
        "Column should be {expected}, found {actual}",
    ),
    "problem.required": ("必填项为空", "Required value is empty"),
    "problem.not_unique": ("编号重复", "Duplicate key"),
    "problem.enum": ("取值无效，应为 {choices} 之一", "Invalid value; expected one of {choices}"),
    "problem.reference": ("引用不存在：{target} 中没有该值", "Reference not found in {target}"),
    "problem.date_order": (
        "{later} 应{relation} {earlier}",
        "{later} must be {relation} {earlier}",
    ),
    "relation.after": ("晚于", "after"),
    "relation.not_before": ("不早于", "on or after"),
    "problem.requires": ("填写了 {column} 就必须填写 {needs}", "{column} requires {needs}"),
    "problem.cycle": ("区划上下级形成循环", "The region tree has a cycle here"),
    "problem.orphan_top": (
        "只有最高层级（{top}）的区划可以不填上级代码",
        "Only regions at the top level ({top}) may have no parent_code",
    ),
    "problem.upload_too_large": (
        "本次上传共 {size}，超过上限 {limit}",
        "This upload is {size}, over the limit of {limit}",
    ),
    "problem.file_too_large": (
        "文件大小 {size}，超过上限 {limit}",
        "The file is {size}, over the limit of {limit}",
    ),
    "problem.too_many_rows": (
        "共 {rows} 行，超过每张表 {limit} 行的上限",
        "{rows} rows, over the limit of {limit} rows per table",
    ),
    "problem.zip_bomb": (
        "压缩包解压后约 {unpacked}（压缩比 {ratio}:1），超过限制，未解压",
        "The archive would unpack to {unpacked} (ratio {ratio}:1), over the limit; it was not unpacked",
    ),
    "problem.nested_zip": (
        "压缩包中不能再包含压缩包",
        "An archive inside an archive is not accepted",
    ),
    "problem.empty_file": ("文件是空的", "The file is empty"),
    "problem.old_xls": (
        "这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再上传",
        "This is an old Excel (.xls) file; save it as .xlsx in Excel and upload again",
    ),
    "problem.bad_encoding": (
        "无法识别文件编码：只接受 UTF-8 或 GBK/GB18030 编码的 CSV，请在 Excel 中另存为“CSV UTF-8”",
        "Cannot read the file's encoding: CSV must be UTF-8 or GBK/GB18030; save it as “CSV UTF-8” in Excel",
    ),
    "problem.no_header": (
        "找不到表头：前 12 行中没有一行包含任何一张表的列名。请用表名命名文件或工作表（如 平台.csv），或使用模板中的表头",
        "No header found: none of the first 12 rows names the columns of any table. Name the file or sheet after its table (e.g. rooms.csv) or use a template's headers",
    ),
    "problem.ambiguous_table": (
        "无法判断是哪张表：表头同时符合 {tables}。请在文件名或工作表名中注明表名",
        "Cannot tell which table this is: the headers fit {tables}. Put the table's name in the file or sheet name",
    ),
    "problem.duplicate_header": (
        "多个列都对应 {column}：{headers}，请只保留一个",
        "Several columns mean {column}: {headers}; keep only one",
    ),
    "problem.unparsable": ("{reason}", "{reason}"),
    "problem.exists": (
        "追加模式下编号已存在于当前数据中",
        "In append mode this id is already in the current data",
    ),
    "parse.date": (
        "无法识别的日期，应为 2023-05-06、2023/5/6、2023年5月6日 或 20230506",
        "Not a date; use 2023-05-06, 2023/5/6, 2023年5月6日 or 20230506",
    ),
    "parse.int": ("应为整数", "Should be a whole number"),
    "parse.bool": (
        "应为 是/否（或 达标/未达标、√/×、1/0）",
        "Should be yes/no (是/否, 达标/未达标, √/×, 1/0)",
    ),
    "parse.code": (
        "代码应为文本（整数），不能带小数",
        "A code must be text (digits), not a decimal",
    ),
    "parse.scientific": (
        "代码被 Excel 显示成了科学计数法，末尾数字已丢失。请把该列设为“文本”格式后重新导出",
        "Excel turned this code into scientific notation and lost its last digits; format the column as Text and export again",
    ),
    "parse.enum": ("取值无效", "Invalid value"),
    "note.footer_rows": (
        "已跳过合计、小计或说明行：第 {rows} 行",
        "Skipped total, subtotal or note rows: {rows}",
    ),
    "note.extra_columns": (
        "以下列不在数据规范中，已原样保留：{columns}",
        "These columns are not in the contract and were kept as they are: {columns}",
    ),
    "note.skipped_member": ("压缩包中的此文件不是数据文件，已跳过", "Not a data file; skipped"),
    "report.file": ("{file}：{table}，{rows} 行", "{file}: {table}, {rows} rows"),
    "type.str": ("文本", "text"),
    "type.date": ("日期", "a date"),
    "type.int": ("整数", "an integer"),
    "type.bool": ("是/否", "true/false"),
    # --- pages
    "page.overview": ("总览", "Overview"),
    "page.rooms": ("议事室覆盖", "Rooms"),
    "page.members": ("委员下沉", "Members"),
    "page.adoption": ("建议采纳", "Adoption"),
    "page.regions": ("区域比较", "Regions"),
    "page.import": ("数据导入", "Import"),
    "page.screen": ("大屏", "Big screen"),
    "page.subtitle": ("{region} · {period}", "{region} · {period}"),
    # --- shared controls
    "control.lang": ("语言 / Language", "语言 / Language"),
    "control.level": ("按层级选择地区", "Pick a region by level"),
    "control.region_pick": ("地区（可输入名称搜索）", "Region (type to search)"),
    "control.grain": ("时段类型", "Period type"),
    "control.period_value": ("时段", "Period"),
    "control.custom_range": ("起止日期", "From – to"),
    "control.kind": ("建议类型", "Suggestion kind"),
    "control.room_type": ("平台类型", "Room type"),
    "control.committee": ("委员所属政协", "Committee level"),
    "control.all": ("全部", "All"),
    "control.drill_hint": (
        "点击表格中的行或图中的条形，进入该下级地区",
        "Click a row or a bar to drill down into that region",
    ),
    "control.region_top": ("全部地区", "All regions"),
    "control.weights": ("综合得分权重（可调整）", "Composite score weights (adjustable)"),
    "control.compare_regions": (
        "选择要比较的地区（两个或以上）",
        "Regions to compare (two or more)",
    ),
    "control.compare_kpi": ("比较指标", "Indicator"),
    "control.show_list": ("查看明细", "Show the rows"),
    "grain.year": ("年度", "Year"),
    "grain.quarter": ("季度", "Quarter"),
    "grain.month": ("月度", "Month"),
    "grain.custom": ("自定义", "Custom"),
    "codebook_line": ("办理结果对照：{name}", "Outcome codebook: {name}"),
    "snapshot_line": (
        "数据快照 {snapshot} · 导入于 {imported}",
        "Snapshot {snapshot} · imported {imported}",
    ),
    "demo_note": (
        "当前显示的是内置演示数据（虚构地区），导入真实数据后自动替换",
        "Showing the built-in demo export (fictional regions); an import replaces it",
    ),
    # --- URL problems
    "url.bad_region": (
        "链接中的地区代码“{code}”不存在，已改为显示全部地区",
        "The region code “{code}” in the link does not exist; showing all regions",
    ),
    "url.bad_date": (
        "链接中的日期“{value}”无法识别，已改为默认时段",
        "The date “{value}” in the link cannot be read; showing the default period",
    ),
    "url.period_order": (
        "链接中的起始日期晚于截止日期，已改为默认时段",
        "The link's start date is after its end date; showing the default period",
    ),
    "url.bad_kind": (
        "链接中的建议类型“{value}”不存在，已改为全部类型",
        "The suggestion kind “{value}” in the link does not exist; showing every kind",
    ),
    # --- targets and changes
    "status.met": ("✔ 达标", "✔ met"),
    "status.near": ("◐ 接近", "◐ near"),
    "status.missed": ("✖ 未达标", "✖ missed"),
    "target": ("目标 {value}", "target {value}"),
    "yoy": ("同比", "YoY"),
    "pop": ("环比", "vs previous"),
    "points": ("百分点", "pts"),
    "change.none": ("无可比数据", "no comparison"),
    "tier.top": ("前三分之一", "Top third"),
    "tier.middle": ("中间", "Middle"),
    "tier.bottom": ("后三分之一", "Bottom third"),
    # --- empty states
    "empty.no_children": (
        "所选地区没有下级地区可比较",
        "The selected region has no child regions to compare",
    ),
    "empty.no_rooms": (
        "所选地区在截止日期没有在用的议事室",
        "No active rooms in the selected region on the end date",
    ),
    "empty.no_assessments": (
        "所选地区的议事室在截止日期前没有评估记录",
        "No room in the selected region was assessed by the end date",
    ),
    "empty.no_members": (
        "所选地区在截止日期没有在任委员",
        "No active members in the selected region on the end date",
    ),
    "empty.no_postings": (
        "所选地区在截止日期没有委员下沉",
        "No member is posted in the selected region on the end date",
    ),
    "empty.no_activities": (
        "所选时段内没有协商活动记录",
        "No activities were held in the selected period",
    ),
    "empty.no_suggestions": (
        "所选时段内没有提交的建议",
        "No suggestions were submitted in the selected period",
    ),
    "empty.none_left": ("没有符合条件的记录", "Nothing matches"),
    "empty.pick_two": ("请至少选择两个地区", "Pick at least two regions"),
    # --- downloads
    "download.csv": ("下载 CSV", "Download CSV"),
    "download.xlsx": ("下载 Excel", "Download Excel"),
    "rows_shown": ("共 {count} 条", "{count} rows"),
    "rows_capped": (
        "共 {count} 条，显示前 {shown} 条（下载亦为前 {shown} 条）",
        "{count} rows; the first {shown} are shown and downloaded",
    ),
    # --- overview
    "attention.title": ("需要关注", "Needs attention"),
    "attention.regions_missing": (
        "{count} 个下级地区{kpi}未达标：{names}",
        "{count} child regions miss the {kpi} target: {names}",
    ),
    "attention.rooms_without_member": (
        "{count} 个议事室没有在岗委员",
        "{count} rooms have no posted member",
    ),
    "attention.rooms_failing": (
        "{count} 个议事室未达到“六有”标准",
        "{count} rooms fail the “六有” standard",
    ),
    "attention.silent_towns": (
        "{count} 个乡镇（街道）本时段未报送任何协商活动",
        "{count} towns reported no activity in the period",
    ),
    "attention.uncovered": (
        "{count} 个乡镇或村（社区）尚未建成议事室",
        "{count} towns or villages have no room yet",
    ),
    "attention.none": ("暂无需要关注的事项", "Nothing needs attention"),
    "attention.open": ("查看", "Open"),
    # --- rooms page
    "rooms.coverage_by_child": ("下级地区村（社区）覆盖率", "Village coverage by child region"),
    "rooms.town_coverage_by_child": ("下级地区乡镇覆盖率", "Town coverage by child region"),
    "rooms.uncovered": ("未覆盖的乡镇和村（社区）", "Towns and villages without a room"),
    "rooms.failing_criteria": (
        "“六有”各项未达标率（按最近一次评估）",
        "Share of rooms failing each “六有” criterion (latest assessment)",
    ),
    "rooms.without_member": ("没有在岗委员的议事室", "Rooms without a posted member"),
    "rooms.failing_rooms": ("未达到“六有”标准的议事室", "Rooms failing the “六有” standard"),
    "rooms.by_type": ("在用议事室类型", "Active rooms by type"),
    "rooms.openings": ("议事室建成与在用数量（按年）", "Rooms opened and active per year"),
    "rooms.opened": ("新建", "Opened"),
    "rooms.closed": ("撤销", "Closed"),
    "rooms.active_year_end": ("年末在用", "Active at year end"),
    # --- members page
    "members.by_level": ("各级政协委员下沉率", "Sinking rate by committee level"),
    "members.by_child": ("下级地区委员下沉率", "Sinking rate by child region"),
    "members.villages_by_child": (
        "下级地区有委员下沉的村（社区）比例",
        "Villages with a posted member, by child region",
    ),
    "members.by_mode": ("固定下沉与流动下沉", "Fixed and mobile postings"),
    "members.attendance": ("委员参加协商活动情况", "Members' attendance at activities"),
    "members.below_list": ("参加活动未达标的委员名单", "Members below the attendance target"),
    "members.none_below": ("委员参加活动均已达标", "Every member meets the attendance target"),
    "members.below_target": (
        "参加活动少于 {target} 次的委员（年度目标 {yearly} 次，按时段折算）",
        "Members attending fewer than {target} activities (yearly target {yearly}, pro-rated)",
    ),
    "members.postings": ("下沉人次", "Postings"),
    "members.distinct": ("下沉委员", "Members"),
    # --- adoption page
    "adoption.funnel": (
        "建议办理漏斗：提交 → 立案 → 办结 → 采纳",
        "Suggestion funnel: submitted → filed → concluded → adopted",
    ),
    "adoption.adopted_any": ("采纳或部分采纳", "Adopted or partly"),
    "adoption.by_kind": ("各类建议的办理情况", "Handling by kind"),
    "adoption.by_child": ("下级地区采纳率", "Adoption rate by child region"),
    "adoption.monthly": (
        "每月提交与采纳（按提交月份）",
        "Submitted and adopted per month of submission",
    ),
    "adoption.monthly_rate": ("每月采纳率（按提交月份）", "Adoption rate per month of submission"),
    "adoption.satisfaction": ("办结建议的满意度", "Satisfaction with concluded suggestions"),
    "adoption.list": ("建议明细", "Suggestions"),
    "adoption.outcome_filter": ("办理结果", "Outcome"),
    "outcome.pending": ("尚未办结", "Not yet concluded"),
    "satisfaction.none": ("未评价", "Not rated"),
    # --- regions page
    "regions.ranking": ("下级地区排名", "Ranking of child regions"),
    "regions.trend": ("地区对比趋势（按季度）", "Regions over time (by quarter)"),
    "regions.weights_note": (
        "综合得分 = 各项比率按权重加权平均 × 100；缺少数据的项不计入",
        "Composite score = weighted mean of the rates × 100; missing rates are left out",
    ),
    # --- big screen
    "screen.ranking": ("区域排名", "Regional ranking"),
    "screen.missed": ("✖ {count} 项未达标：{names}", "✖ {count} targets missed: {names}"),
    "screen.trend": ("近八个季度走势", "The last eight quarters"),
    "screen.map": ("村（社区）覆盖地图", "Village coverage map"),
    "screen.top_members": ("参加协商活动最多的委员", "Members attending most activities"),
    "screen.data_time": ("数据时间 {time}", "Data as of {time}"),
    "screen.frozen": ("数据截至 {date}（已锁定）", "Data as of {date} (frozen)"),
    "screen.stale": ("⚠ 数据暂未更新", "⚠ data not refreshed"),
    "screen.paused": ("已暂停（空格继续）", "Paused (space to resume)"),
    "screen.unavailable": (
        "数据暂时无法读取，稍后自动重试",
        "The data cannot be read right now; retrying shortly",
    ),
    # --- import page
    "import.tab_upload": ("上传导入", "Upload"),
    "import.tab_history": ("导入历史", "History"),
    "import.tab_templates": ("模板下载", "Templates"),
    "import.upload_label": (
        "拖放或选择文件（可多选）：CSV、Excel（.xlsx）、Parquet 或 ZIP 压缩包",
        "Drop or choose files (several at once): CSV, Excel (.xlsx), Parquet or ZIP",
    ),
    "import.upload_help": (
        "文件名或工作表名写明表名（如 平台.csv、委员下沉.xlsx）最稳妥；CSV 可为 UTF-8 或 GBK 编码",
        "Naming the file or sheet after its table (e.g. rooms.csv) is safest; CSV may be UTF-8 or GBK",
    ),
    "import.mode": ("导入方式", "Mode"),
    "mode.replace": ("替换所选表（默认）", "Replace the given tables (default)"),
    "mode.append": ("追加新记录", "Append new rows"),
    "import.checking": ("正在校验……", "Checking…"),
    "import.committing": ("正在写入新快照……", "Writing the new snapshot…"),
    "import.valid": ("全部文件校验通过，可以导入", "Every file is valid and can be imported"),
    "import.table_unknown": ("未识别", "not recognised"),
    "import.download_report": (
        "下载完整校验报告（Excel）",
        "Download the full validation report (Excel)",
    ),
    "import.problems_note": (
        "同类问题每组列出前 {shown} 处，完整清单见校验报告；当前数据未做任何改动",
        "The first {shown} problems of each kind are listed; the report has them all. Nothing was changed",
    ),
    "import.preview": ("导入后的变化", "What the import changes"),
    "import.kpi_scope": ("主要指标：{region} · {period}", "Headline figures: {region} · {period}"),
    "import.who": ("导入人（记入历史）", "Your name (recorded in the history)"),
    "import.commit": ("确认导入", "Import"),
    "import.anonymous": ("页面导入", "page upload"),
    "import.committed": (
        "已导入，新数据快照 {snapshot} 已生效",
        "Imported: snapshot {snapshot} is now current",
    ),
    "import.rollback": ("回滚", "Roll back"),
    "import.rollback_pick": ("回滚到哪个快照", "Snapshot to go back to"),
    "import.rollback_confirm": (
        "确认将 {snapshot} 恢复为当前数据（会新增一条回滚记录，可再次撤销）",
        "Make {snapshot} current again (recorded as a new snapshot, itself reversible)",
    ),
    "import.rollback_button": ("回滚", "Roll back"),
    "import.templates_note": (
        "每张表一个模板：中文表头和一行示例数据。填好后直接上传即可",
        "One template per table with Chinese headers and an example row; fill it in and upload it",
    ),
    "action.import": ("导入", "import"),
    "action.rollback": ("回滚", "rollback"),
    "action.demo": ("内置演示数据", "built-in demo"),
    "table.regions": ("行政区划：省、市、县、乡镇、村（社区）", "Regions: province to village"),
    "table.rooms": (
        "协商议事平台（议事室、联络站、委员工作室等）",
        "Consultation rooms and other platforms",
    ),
    "table.room_assessments": (
        "平台“六有”评估，每项一行",
        "“六有” assessments, one row per criterion",
    ),
    "table.members": ("政协委员", "Committee members"),
    "table.member_postings": ("委员下沉（固定、流动）", "Member postings (fixed, mobile)"),
    "table.activities": ("协商活动", "Consultation activities"),
    "table.activity_members": ("参加活动的委员", "Members attending activities"),
    "table.suggestions": (
        "提案、意见建议、社情民意信息及办理情况",
        "Proposals, opinions and reports, with their handling",
    ),
    "col.file": ("文件", "File"),
    "col.table": ("识别为", "Table"),
    "col.table_name": ("数据表", "Table"),
    "col.rows": ("行数", "Rows"),
    "col.notes": ("说明", "Notes"),
    "col.row": ("行", "Row"),
    "col.column": ("列", "Column"),
    "col.value": ("值", "Value"),
    "col.problem": ("问题", "Problem"),
    "col.before": ("当前", "Now"),
    "col.after": ("导入后", "After"),
    "col.added": ("新增", "Added"),
    "col.removed": ("删除", "Removed"),
    "col.kpi": ("指标", "Indicator"),
    "col.current": ("当前", "Current"),
    "col.snapshot": ("快照", "Snapshot"),
    "col.created_at": ("时间", "Time"),
    "col.who": ("操作人", "Who"),
    "col.action": ("操作", "Action"),
    "col.sources": ("来源文件", "Source files"),
    # --- enums shown in tables
    "room_type.council_room": ("协商议事室", "Council room"),
    "room_type.liaison_station": ("政协委员联络站", "Liaison station"),
    "room_type.member_studio": ("委员工作室", "Member studio"),
    "room_type.sector_room": ("界别协商议事室", "Sector room"),
    "room_type.info_point": ("社情民意信息站", "Public-opinion point"),
    "room_type.other": ("其他", "Other"),
    "mode.fixed": ("固定下沉", "Fixed"),
    "mode.mobile": ("流动下沉", "Mobile"),
    "outcome.adopted": ("采纳", "Adopted"),
    "outcome.partially_adopted": ("部分采纳", "Partially adopted"),
    "outcome.not_adopted": ("未采纳", "Not adopted"),
    "satisfaction.satisfied": ("满意", "Satisfied"),
    "satisfaction.basically_satisfied": ("基本满意", "Basically satisfied"),
    "satisfaction.unsatisfied": ("不满意", "Unsatisfied"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # --- table columns
    "col.region_code": ("区划代码", "Region code"),
    "col.name": ("名称", "Name"),
    "col.parent_name": ("上级区划", "Parent"),
    "col.level": ("层级", "Level"),
    "col.room_id": ("平台编号", "Room ID"),
    "col.room_type": ("平台类型", "Room type"),
    "col.region_name": ("所在地区", "Region"),
    "col.region_level": ("地区层级", "Region level"),
    "col.opened_on": ("建成日期", "Opened"),
    "col.assessed_on": ("最近评估日期", "Last assessed"),
    "col.is_assessed": ("已评估", "Assessed"),
    "col.is_standard_met": ("“六有”达标", "Meets “六有”"),
    "col.criteria_failed": ("未达标项数", "Criteria failed"),
    "col.has_member": ("有委员进驻", "Has a member"),
    "col.criterion": ("评估项", "Criterion"),
    "col.assessed": ("评估议事室数", "Rooms assessed"),
    "col.failed": ("未达标数", "Failed"),
    "col.fail_rate": ("未达标率", "Fail rate"),
    "col.member_id": ("委员编号", "Member ID"),
    "col.committee_level": ("所属政协层级", "Committee level"),
    "col.committee_name": ("所属政协", "Committee"),
    "col.sector": ("界别", "Sector"),
    "col.attended": ("参加活动次数", "Activities attended"),
    "col.is_posted": ("已下沉", "Posted"),
    "col.suggestion_id": ("建议编号", "Suggestion ID"),
    "col.kind": ("类型", "Kind"),
    "col.submitted_on": ("提交日期", "Submitted"),
    "col.filed_on": ("立案日期", "Filed"),
    "col.concluded_on": ("办结日期", "Concluded"),
    "col.outcome": ("办理结果", "Outcome"),
    "col.satisfaction": ("满意度", "Satisfaction"),
    "col.rank": ("排名", "Rank"),
    "col.score": ("综合得分", "Score"),
    "col.tier": ("分组", "Group"),
    "col.status": ("目标状态", "Target"),
    # --- KPI definitions (口径), one click away on every tile and column
    "def.rooms.active": (
        "截止日期在用的议事室：建成日期不晚于截止日期，且未撤销或撤销日期晚于截止日期",
        "Rooms opened on or before the end date and not closed by then",
    ),
    "def.rooms.town_coverage": (
        "本级设有在用议事室的乡镇（街道）÷ 全部乡镇（街道）",
        "Towns with an active room of their own ÷ all towns",
    ),
    "def.rooms.village_coverage": (
        "本级设有在用议事室的村（社区）÷ 全部村（社区）",
        "Villages with an active room of their own ÷ all villages",
    ),
    "def.rooms.standards_rate": (
        "按截止日期前最近一次评估，“六有”各项全部达标的议事室 ÷ 已评估的在用议事室",
        "Rooms meeting every criterion at their latest assessment ÷ active rooms assessed",
    ),
    "def.rooms.with_member_rate": (
        "有在岗下沉委员的在用议事室 ÷ 在用议事室",
        "Active rooms with an active posting ÷ active rooms",
    ),
    "def.members.sinking_rate": (
        "有在岗下沉任务的在任委员 ÷ 在任委员（按委员所属政协统计）",
        "Active members with an active posting ÷ active members (by the member's committee)",
    ),
    "def.members.posted": (
        "有至少一项在岗下沉任务的在任委员",
        "Active members with at least one active posting",
    ),
    "def.members.posted_here": (
        "下沉到本地区的委员（不论所属政协）",
        "Members of any committee posted into this region",
    ),
    "def.members.villages_with_member_rate": (
        "有委员在岗下沉的村（社区）÷ 全部村（社区）",
        "Villages with an active posting ÷ all villages",
    ),
    "def.activities.count": (
        "时段内在本地区举行的协商活动",
        "Activities held in the region within the period",
    ),
    "def.activities.towns_meeting_target_rate": (
        "时段内本级及所辖村（社区）开展协商活动达到目标次数的乡镇 ÷ 全部乡镇",
        "Towns holding at least the target number of activities (town and its villages) ÷ all towns",
    ),
    "def.activities.silent_towns": (
        "时段内本级及所辖村（社区）未开展任何协商活动的乡镇",
        "Towns with no activity at all in the period (the town or its villages)",
    ),
    "def.suggestions.submitted": (
        "时段内提交的建议（按提交日期）",
        "Suggestions submitted within the period",
    ),
    "def.suggestions.filing_rate": (
        "已立案 ÷ 已提交（同一批建议）",
        "Filed ÷ submitted (same cohort)",
    ),
    "def.suggestions.conclusion_rate": ("已办结 ÷ 已立案", "Concluded ÷ filed"),
    "def.suggestions.adoption_rate": (
        "（采纳 + 部分采纳）÷ 已办结",
        "(Adopted + partially adopted) ÷ concluded",
    ),
    "def.suggestions.median_days_to_conclude": (
        "已办结建议从提交到办结的天数中位数",
        "Median days from submission to conclusion",
    ),
    "def.suggestions.satisfaction_rate": (
        "（满意 + 基本满意）÷ 有满意度评价的建议",
        "(Satisfied + basically satisfied) ÷ rated suggestions",
    ),
    "def.score": ("各项比率按权重加权平均 × 100", "Weighted mean of the rates × 100"),
}


class Key(str):
    """A parameter that is itself a catalogue key, translated along with its message."""

    __slots__ = ()


def t(key: str, lang: Lang = "zh", /, **params: object) -> str:
    """The message for `key` in `lang`, with `params` filled in."""
    zh, en = MESSAGES[key]
    text = zh if lang == "zh" else en
    if not params:
        return text
    return text.format(**{k: t(v, lang) if isinstance(v, Key) else v for k, v in params.items()})


def normalize_lang(value: str | None) -> Lang:
    return "en" if (value or "").lower().startswith("en") else "zh"
