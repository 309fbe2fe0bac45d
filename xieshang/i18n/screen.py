"""The big screen."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- big screen
    "screen.ranking": ("区域排名", "Regional ranking"),
    "screen.missed": ("✖ {count} 项未达标：", "✖ {count} targets missed: "),
    "screen.list_separator": ("、", ", "),
    "screen.trend": ("近八个季度走势", "The last eight quarters"),
    "screen.axis_year": ("{year}年", "{year}"),
    "screen.axis_quarter": ("第{quarter}季度", "Q{quarter}"),
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
}
