"""The words exports really use: Chinese table names, header aliases and value labels.

Matching is done on normalised text (see `normalise`): full-width characters folded to
half-width, spaces removed, letters lower-cased, so "区划代码 ", "区 划 代 码" and "区划代码"
are one header, and "ＡＢＣ" is "abc".
"""

from __future__ import annotations

import re
import unicodedata

from xieshang.contract.tables import TABLE_NAMES

# Table names as they appear in file and sheet names. Longest match wins, so 平台评估 beats 平台.
TABLE_ALIASES: dict[str, tuple[str, ...]] = {
    "regions": ("区划", "行政区划"),
    "rooms": ("平台", "议事室", "协商平台", "协商议事室"),
    "room_assessments": ("平台评估", "议事室评估", "六有评估", "评估"),
    "members": ("委员", "委员名单"),
    "member_postings": ("委员下沉", "下沉", "下沉委员"),
    "activities": ("活动", "协商活动"),
    "activity_members": ("活动委员", "参加活动委员", "活动参加委员"),
    "suggestions": ("建议", "提案", "意见建议", "提案建议"),
}

# Header aliases per table and column (the contract's English name is always accepted too).
_COMMON = {
    "region_code": ("区划代码",),
    "name": ("名称",),
}
HEADER_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "regions": {
        "region_code": ("区划代码", "代码"),
        "name": ("名称", "区划名称", "地区名称"),
        "level": ("层级", "级别", "区划层级"),
        "parent_code": ("上级代码", "上级区划代码", "上级区划"),
        "kind": ("类型", "区划类型"),
    },
    "rooms": {
        "room_id": ("平台编号", "议事室编号", "编号"),
        "name": ("名称", "平台名称", "议事室名称"),
        "region_code": ("区划代码", "所在区划代码"),
        "room_type": ("平台类型", "议事室类型", "类型"),
        "opened_on": ("建成日期", "成立日期", "建立日期"),
        "closed_on": ("撤销日期", "关闭日期"),
    },
    "room_assessments": {
        "room_id": ("平台编号", "议事室编号"),
        "assessed_on": ("评估日期",),
        "criterion": ("评估项", "标准", "评估标准"),
        "met": ("是否达标", "达标"),
    },
    "members": {
        "member_id": ("委员编号", "编号"),
        "name": ("姓名", "名称", "委员姓名"),
        "committee_level": ("委员层级", "所属政协层级", "政协层级"),
        "committee_region_code": ("所属政协区划代码", "政协区划代码"),
        "sector": ("界别",),
        "joined_on": ("任职日期", "任职时间"),
        "left_on": ("离任日期", "离任时间"),
    },
    "member_postings": {
        "member_id": ("委员编号",),
        "region_code": ("下沉区划代码", "区划代码"),
        "room_id": ("平台编号", "议事室编号"),
        "mode": ("下沉方式",),
        "start_on": ("开始日期",),
        "end_on": ("结束日期",),
    },
    "activities": {
        "activity_id": ("活动编号", "编号"),
        "region_code": ("区划代码",),
        "room_id": ("平台编号", "议事室编号"),
        "held_on": ("活动日期",),
        "kind": ("活动类型", "类型"),
        "topic": ("议题",),
        "topic_source": ("议题来源",),
        "public_participants": ("群众参与人数", "参与群众人数", "参与人数"),
        "problems_solved": ("解决问题数", "解决问题"),
    },
    "activity_members": {
        "activity_id": ("活动编号",),
        "member_id": ("委员编号",),
    },
    "suggestions": {
        "suggestion_id": ("建议编号", "提案编号", "编号"),
        "kind": ("建议类型", "类型"),
        "region_code": ("区划代码",),
        "activity_id": ("活动编号",),
        "member_id": ("委员编号",),
        "submitted_on": ("提交日期",),
        "filed_on": ("立案日期",),
        "concluded_on": ("办结日期",),
        "outcome": ("办理结果", "采纳情况"),
        "satisfaction": ("满意度",),
    },
}

# Chinese (and English) labels for every enum value.
VALUE_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "level": {
        "province": ("省", "省级", "自治区", "直辖市"),
        "city": ("市", "市级", "地级市", "州", "盟"),
        "county": ("县区", "区", "县", "县级", "县级市", "旗", "县（区）"),
        "town": ("乡镇", "镇", "乡", "街道", "乡镇（街道）", "乡镇街道"),
        "village": ("村", "社区", "村（社区）", "村社区", "居委会", "村委会"),
    },
    "room_type": {
        "council_room": ("协商议事室", "议事室"),
        "liaison_station": ("联络站", "工作站", "政协委员联络站", "政协工作站"),
        "member_studio": ("委员工作室",),
        "sector_room": ("界别协商议事室",),
        "info_point": ("社情民意信息站", "信息站"),
        "other": ("其他",),
    },
    "committee_level": {
        "national": ("全国", "全国政协"),
        "provincial": ("省", "省级", "省政协"),
        "city": ("市", "市级", "市政协"),
        "county": ("县区", "县", "区", "县级", "县政协", "区政协", "县（区）", "县（区）政协"),
    },
    "mode": {
        "fixed": ("固定", "固定下沉"),
        "mobile": ("流动", "流动下沉"),
    },
    "activities.kind": {
        "thematic": ("专题协商",),
        "micro": ("小微协商",),
        "talk": ("恳谈协商",),
        "supervision": ("民主监督",),
        "member_day": ("委员活动日",),
        "other": ("其他",),
    },
    "topic_source": {
        "public": ("群众出题",),
        "society": ("社会征题",),
        "member": ("委员荐题",),
        "party_gov": ("党政点题",),
        "other": ("其他",),
    },
    "suggestions.kind": {
        "proposal": ("提案",),
        "opinion": ("意见建议", "建议"),
        "info": ("社情民意信息", "社情民意"),
    },
    "outcome": {
        "adopted": ("采纳", "已采纳"),
        "partially_adopted": ("部分采纳",),
        "not_adopted": ("未采纳", "不予采纳", "留作参考"),
    },
    "satisfaction": {
        "satisfied": ("满意",),
        "basically_satisfied": ("基本满意",),
        "unsatisfied": ("不满意",),
    },
}

TRUE_WORDS = ("是", "达标", "√", "✓", "✔", "1", "true", "yes", "y", "合格", "有")
FALSE_WORDS = ("否", "未达标", "不达标", "×", "✗", "✘", "0", "false", "no", "n", "不合格", "无")
# Rows whose first filled cell says one of these are totals, not records.
TOTAL_WORDS = ("合计", "小计", "总计", "总数", "total", "subtotal")

_SPACES = re.compile(r"\s+")


def normalise(text: object) -> str:
    """Fold full-width to half-width, drop spaces, lower-case: how headers and labels match."""
    folded = unicodedata.normalize("NFKC", str(text))
    return _SPACES.sub("", folded).strip().lower()


def _norm_map(items: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, words in items.items():
        out[normalise(key)] = key
        for word in words:
            out[normalise(word)] = key
    return out


HEADERS: dict[str, dict[str, str]] = {t: _norm_map(cols) for t, cols in HEADER_ALIASES.items()}
VALUES: dict[str, dict[str, str]] = {k: _norm_map(v) for k, v in VALUE_LABELS.items()}
TABLE_WORDS: dict[str, str] = {
    normalise(word): table for table in TABLE_NAMES for word in (table, *TABLE_ALIASES[table])
}


def value_labels(table: str, column: str) -> dict[str, str] | None:
    """The normalised label -> contract value map for an enum column, if it has one."""
    return VALUES.get(f"{table}.{column}") or VALUES.get(column)


def table_from_name(name: str) -> str | None:
    """The table a file or sheet name announces, by the longest table word it contains.

    Two different tables matched by equally long words is no answer (the headers decide).
    """
    text = normalise(name)
    found = [(len(word), table) for word, table in TABLE_WORDS.items() if word and word in text]
    if not found:
        return None
    longest = max(length for length, _ in found)
    tables = {table for length, table in found if length == longest}
    return tables.pop() if len(tables) == 1 else None
