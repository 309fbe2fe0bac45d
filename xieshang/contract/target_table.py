"""The targets table: the targets analysts set for KPIs and cadence rules, as a file with Chinese
headers kept beside an export (目标表). Its columns, the words files use for them, and the
words for a target's direction. Which KPIs and rules exist is the KPI layer's to say
(xieshang.kpis.target_table validates the rows); here is only the file's shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from xieshang.contract.aliases import VALUES, normalise


@dataclass(frozen=True)
class TargetColumn:
    name: str
    # The header a template writes first, then the other words files use for it.
    headers: tuple[str, ...]
    required: bool = False


COLUMNS: tuple[TargetColumn, ...] = (
    TargetColumn("kpi", ("指标", "指标代码", "考核指标", "规则"), required=True),
    TargetColumn("level", ("层级", "适用层级", "地区层级")),
    TargetColumn("region_code", ("地区代码", "区划代码", "适用地区代码")),
    TargetColumn("year", ("年度", "年份", "考核年度")),
    TargetColumn("value", ("目标值", "目标", "指标值"), required=True),
    TargetColumn("direction", ("方向", "目标方向")),
    TargetColumn("source", ("来源/文号", "来源", "文号", "依据", "文件名")),
    TargetColumn("profile", ("月度分布", "月度进度", "进度分布")),
    TargetColumn("kinds", ("活动类型", "活动种类")),
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
HEADERS: dict[str, str] = {
    normalise(word): c.name for c in COLUMNS for word in (c.name, *c.headers)
}

# How a file says which way a target points.
DIRECTIONS: dict[str, bool] = {
    normalise(word): higher
    for higher, words in (
        (True, ("不低于", "高于", "至少", "≥", ">=", ">", "越高越好", "higher", "up")),
        (False, ("不高于", "低于", "至多", "不超过", "≤", "<=", "<", "越低越好", "lower", "down")),
    )
    for word in words
}


def header_of(name: str) -> str:
    """The Chinese header a template gives a column."""
    return next(c.headers[0] for c in COLUMNS if c.name == name)


def level_of(text: str) -> str | None:
    """A region level from its code (town) or a Chinese word for it (乡镇, 街道), else None."""
    return VALUES["level"].get(normalise(text))


def activity_kind_of(text: str) -> str | None:
    """An activity kind from its code (micro) or its Chinese name (小微协商), else None."""
    return VALUES["activities.kind"].get(normalise(text))
