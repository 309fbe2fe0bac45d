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
    "demo.writing": ("生成演示数据 {table}（{rows} 行）", "Writing demo {table} ({rows} rows)"),
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
    "type.str": ("文本", "text"),
    "type.date": ("日期", "a date"),
    "type.int": ("整数", "an integer"),
    "type.bool": ("是/否", "true/false"),
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
