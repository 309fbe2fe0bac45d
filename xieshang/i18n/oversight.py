"""Oversight: targets and pacing, cadence rules, the scorecard (评分表), 督办 and its follow-ups,
the targets table (目标管理)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- pages
    "page.scorecard": ("评分表", "Scorecard"),
    "page.supervision": ("督办", "Supervision"),
    "page.targets": ("目标管理", "Targets"),
    # --- cadence rules, as KPIs: their labels and definitions (口径)
    "kpi.cadence.town_activities": ("乡镇协商频次达标", "Towns keeping the cadence"),
    "kpi.cadence.village_activities": ("村（社区）协商频次达标", "Villages keeping the cadence"),
    "kpi.cadence.member_attendance": ("下沉委员履职达标", "Posted members keeping the cadence"),
    "def.cadence.town_activities": (
        "每个乡镇（街道）每年至少开展 N 次协商（含其下村、社区开展的）；评分表中为达标或进度正常的乡镇 ÷ 全部乡镇",
        "Each town holds at least N activities a year (its villages' included); in the scorecard, towns meeting it or on pace ÷ all towns",
    ),
    "def.cadence.village_activities": (
        "每个村（社区）每年至少开展 N 次协商议事；评分表中为达标或进度正常的村（社区） ÷ 全部村（社区）",
        "Each village or community holds at least N activities a year; in the scorecard, villages meeting it or on pace ÷ all villages",
    ),
    "def.cadence.member_attendance": (
        "每名下沉到本地的委员每年至少参加 N 次协商活动；评分表中为达标或进度正常的委员 ÷ 全部下沉委员",
        "Each member posted here attends at least N activities a year; in the scorecard, members meeting it or on pace ÷ all posted members",
    ),
    "short.cadence.town_activities": ("乡镇频次", "Town cadence"),
    "short.cadence.village_activities": ("村频次", "Village cadence"),
    "short.cadence.member_attendance": ("委员履职", "Member cadence"),
    "cadence.rule_short.cadence.town_activities": (
        "每个乡镇 ≥{value} 次/年",
        "each town ≥{value} a year",
    ),
    "cadence.rule_short.cadence.village_activities": (
        "每个村（社区） ≥{value} 次/年",
        "each village ≥{value} a year",
    ),
    "cadence.rule_short.cadence.member_attendance": (
        "每名下沉委员 ≥{value} 次/年",
        "each posted member ≥{value} a year",
    ),
    # --- states against a target, paced through the year
    "state.met": ("达标", "met"),
    "state.on_track": ("进度正常", "on track"),
    "state.at_risk": ("进度滞后", "behind pace"),
    "state.missed": ("未达标", "missed"),
    "state.no_data": ("未报送", "nothing reported"),
    "target.source": ("（依据：{source}）", "(source: {source})"),
    # --- what is missing
    "missing.cadence.town_activities": ("还需开展 {count} 次", "{count} more to hold"),
    "missing.cadence.village_activities": ("还需开展 {count} 次", "{count} more to hold"),
    "missing.cadence.member_attendance": ("还需参加 {count} 次", "{count} more to attend"),
    "missing.by_now": ("（按进度此时应已达到 {expected} 次）", " ({expected} expected by now)"),
    "missing.by_now_count": ("（按进度此时应达到 {expected}）", " ({expected} expected by now)"),
    "missing.points": ("还差 {points} 个百分点", "{points} points short"),
    "missing.count": ("还差 {value}{unit}", "{value} {unit} short"),
    "missing.over": ("超出 {value}", "{value} over"),
    "missing.room": ("{count} 项未达标：{criteria}", "{count} criteria failed: {criteria}"),
    "missing.not_reported": ("本时段未报送", "nothing reported in the period"),
    "unit_kind.room": ("议事室", "Room"),
    "unit_kind.member": ("委员", "Member"),
    # --- follow-ups
    "follow_up.pending": ("待督办", "to follow up"),
    "follow_up.supervised": ("已督办", "followed up"),
    "follow_up.rectified": ("已整改", "put right"),
    "follow_up.not_applicable": ("不适用", "not applicable"),
    # --- columns
    "col.actual": ("实际值", "Value"),
    "col.target": ("目标", "Target"),
    "col.expected": ("按进度应达", "Expected by now"),
    "col.state": ("状态", "Status"),
    "col.missing": ("差距", "Missing"),
    "col.source": ("目标依据", "Target source"),
    "col.follow_up": ("督办状态", "Follow-up"),
    "col.due": ("整改期限", "Due"),
    "col.note": ("督办说明", "Note"),
    "file.scorecard": ("考核评分表", "scorecard"),
    "file.supervision": ("督办清单", "supervision list"),
    # --- the scorecard
    "scorecard.rules": (
        "综合得分 = 各项比率按权重加权平均 × 100（保留一位小数）；样本少于 {min_n} 个的比率标注 * 和 n，"
        "不计入得分、平均值、排序和分组；得分相同者名次相同（如 1、2、2、4），"
        "跨越分组界线的同分地区一并归入较好的一组；每组约占三分之一（四舍五入），同分时可多于三分之一",
        "Score = weighted mean of the rates × 100 (one decimal). A rate from fewer than {min_n} "
        "items is marked * with its n and left out of the score, the average, the sorting and "
        "the thirds. Equal scores share a rank (1, 2, 2, 4); equal scores across a third's "
        "boundary all go to the better third; each third holds about a third (rounded), more "
        "when scores tie",
    ),
    "scorecard.weights_note": (
        "权重为 0 的指标不计入综合得分；活动数、建议数仅作参考，不计分",
        "A weight of 0 leaves a column out of the score; activities and suggestions are shown "
        "for context, never scored",
    ),
    "scorecard.min_n": ("最少样本数（n）", "Smallest sample (n)"),
    "scorecard.min_n_help": (
        "比率的分母少于该数时，该比率不计入得分、排序和分组",
        "A rate whose base is smaller is not scored, ranked or grouped",
    ),
    "scorecard.sort": ("排序依据", "Sort by"),
    "scorecard.filter": ("显示", "Show"),
    "scorecard.filter_all": ("全部", "All"),
    "scorecard.filter_below_average": ("低于平均", "Below average"),
    "scorecard.filter_failing": ("未达标或滞后", "Missed or behind"),
    "scorecard.none_left": (
        "没有符合筛选条件的地区",
        "No region matches the filter",
    ),
    "scorecard.average": ("平均值", "Average"),
    "scorecard.target_row": ("目标", "Target"),
    "scorecard.unranked": ("未排名", "Unranked"),
    "scorecard.unranked_note": (
        "未排名（没有可计分的比率）：{names}",
        "Unranked (no rate to score): {names}",
    ),
    "scorecard.legend": (
        "✔ 达标 · ➜ 进度正常 · ⚠ 进度滞后 · ✖ 未达标 · ∅ 未报送 · ↑↓→ 较上期 · * 样本不足（n）",
        "✔ met · ➜ on track · ⚠ behind pace · ✖ missed · ∅ nothing reported · ↑↓→ vs the "
        "previous period · * small sample (n)",
    ),
    "scorecard.thirds": ("分组：表扬与督办", "Thirds: praise and supervision"),
    "scorecard.praise": ("前三分之一（表扬并通报）", "Top third (praised)"),
    "scorecard.supervise": ("后三分之一（督办）", "Bottom third (supervised)"),
    "scorecard.nobody": ("无", "None"),
    # --- 督办
    "supervision.intro": (
        "本时段低于目标或进度滞后的下级地区、未报送的地区、协商频次不足的乡镇和村（社区）、"
        "未达到“六有”标准的议事室、参加活动不足的下沉委员。可直接在表中填写督办状态、期限和说明",
        "Child regions below target or behind pace, regions that reported nothing, towns and "
        "villages behind their cadence, rooms failing the “六有” standard, posted members "
        "behind their attendance. Record each follow-up in the list",
    ),
    "supervision.none": ("本时段没有需要督办的事项", "Nothing to follow up in the period"),
    "supervision.followed": ("已督办或已整改", "Followed up"),
    "supervision.part": ("范围", "Scope"),
    "supervision.part_all": ("全部", "All"),
    "supervision.part_regions": ("下级地区", "Child regions"),
    "supervision.part_cadence": ("乡镇和村", "Towns and villages"),
    "supervision.part_members": ("下沉委员", "Posted members"),
    "supervision.part_rooms": ("议事室", "Rooms"),
    "supervision.who": ("督办人", "Followed up by"),
    "supervision.edit_note": (
        "修改“督办状态”“整改期限”或“督办说明”后立即保存；记录只追加、不覆盖",
        "A change to the follow-up, due date or note is saved at once; the log is only ever "
        "added to",
    ),
    "supervision.read_only": ("只能查看，不能登记督办", "View only: follow-ups cannot be recorded"),
    "supervision.saved": ("已记录 {count} 条督办", "{count} follow-ups recorded"),
    "supervision.closed": ("已销号", "Closed"),
    "supervision.none_closed": (
        "本时段没有自动销号的督办事项",
        "No followed-up item has closed in the period",
    ),
    "supervision.closed_met": ("已达标，自动销号", "target met, closed automatically"),
    "supervision.closed_on_track": ("已恢复正常进度", "back on pace"),
    "supervision.log_note": (
        "督办记录保存在数据目录的 {file} 中，按单位、指标和时段跨数据快照延续",
        "Follow-ups are kept in {file} in the data dir, carried across snapshots by unit, "
        "indicator and period",
    ),
    # --- overview: what needs attention (from the 督办 items)
    "attention.regions_behind": (
        "{count} 个下级地区{kpi}进度滞后：{names}",
        "{count} child regions are behind pace on {kpi}: {names}",
    ),
    "attention.regions_silent": (
        "{count} 个下级地区本时段未报送{kpi}：{names}",
        "{count} child regions reported no {kpi} in the period: {names}",
    ),
    "attention.silent_villages": (
        "{count} 个村（社区）本时段未报送协商活动",
        "{count} villages reported no activity in the period",
    ),
    "attention.towns_cadence": (
        "{count} 个乡镇（街道）协商次数未达到每年 {target} 次的要求或进度滞后",
        "{count} towns are short of {target} activities a year, or behind pace",
    ),
    "attention.villages_cadence": (
        "{count} 个村（社区）协商次数未达到每年 {target} 次的要求或进度滞后",
        "{count} villages are short of {target} activities a year, or behind pace",
    ),
    "attention.members_cadence": (
        "{count} 名下沉委员参加活动未达到每年 {target} 次或进度滞后",
        "{count} posted members attend fewer than {target} activities a year, or are behind",
    ),
    # --- the targets table
    "targets.intro": (
        "目标可按指标、层级、地区和年度设定，最具体的目标优先；未设定的使用默认目标。"
        "对按年累计的指标和协商频次，时段未满一年时按进度（按天或按月度分布）折算",
        "Targets are set per indicator, level, region and year; the most specific applies, "
        "the defaults otherwise. Yearly counts and cadences are paced for shorter periods "
        "(by days, or by a monthly profile)",
    ),
    "targets.in_force": ("现行目标", "Targets in force"),
    "targets.edit": ("编辑目标表", "Edit the targets table"),
    "targets.read_only": (
        "只能查看目标：修改目标需要管理员角色，且须在写入节点操作",
        "View only: changing targets needs the administrator role, on the writing node",
    ),
    "targets.defaults_only": (
        "当前数据快照没有目标表，使用默认目标",
        "This snapshot has no targets table: the defaults apply",
    ),
    "targets.table_line": (
        "目标表：{source}（{rows} 项，{who} 于 {saved} 保存）",
        "Targets table: {source} ({rows} targets, saved by {who} on {saved})",
    ),
    "targets.origin": ("来自", "From"),
    "targets.origin_table": ("目标表", "targets table"),
    "targets.origin_defaults": ("默认目标", "defaults"),
    "targets.kpi_name": ("指标名称", "Indicator name"),
    "targets.direction_higher": ("不低于", "at least"),
    "targets.direction_lower": ("不高于", "at most"),
    "targets.sheet": ("目标表", "targets"),
    "targets.notes_sheet": ("说明", "instructions"),
    "targets.notes": (
        "指标：指标代码（如 rooms.village_coverage）或指标名称；协商频次规则为 cadence.town_activities、"
        "cadence.village_activities、cadence.member_attendance\n"
        "层级：省、市、县（区）、乡镇（街道）、村（社区），可空\n"
        "地区代码：只适用于该地区及其下级，可空\n"
        "年度：只适用于该年度，可空\n"
        "目标值：比率写 90% 或 0.9；次数写整数\n"
        "方向：不低于 / 不高于，可空（按指标本身）\n"
        "来源/文号：目标的依据\n"
        "月度分布：12 个数（如 1,1,1,1,1,1,1,1,1,1,1,1），按月分配全年目标，可空（按天折算）\n"
        "活动类型：协商频次规则只计这些类型的活动（如 小微协商、恳谈协商），可空（全部）\n"
        "“指标名称”一列仅供阅读，导入时不读取；最具体的目标优先",
        "Indicator: its key (e.g. rooms.village_coverage) or name; the cadence rules are "
        "cadence.town_activities, cadence.village_activities, cadence.member_attendance\n"
        "Level: province, city, county, town or village; may be empty\n"
        "Region code: only that region and those inside it; may be empty\n"
        "Year: only that year; may be empty\n"
        "Target: a rate as 90% or 0.9; a count as a whole number\n"
        "Direction: at least / at most; may be empty (the indicator's own)\n"
        "Source: where the target comes from (a document, its number)\n"
        "Monthly profile: 12 numbers spreading the year's target over the months; may be "
        "empty (by days)\n"
        "Activity kinds: a cadence counts only these kinds; may be empty (all)\n"
        "The indicator name column is for reading only; the most specific target applies",
    ),
    "targets.file_name": ("目标表", "targets"),
    "targets.import_note": (
        "目标表像数据一样导入：CSV 或 Excel，中文表头（指标、层级、地区代码、年度、目标值、方向、"
        "来源/文号、月度分布、活动类型）。可先下载现行目标修改后再导入；每次导入生成新的数据快照，可在历史中回滚",
        "A targets table is imported like an export: CSV or Excel with Chinese headers. "
        "Download the targets in force, edit them and import them; each import makes a new "
        "snapshot, which the history can roll back",
    ),
    "targets.upload_label": ("上传目标表", "Upload a targets table"),
    "targets.valid": ("目标表有效：{rows} 项目标", "The targets table is valid: {rows} targets"),
    "targets.commit": ("导入目标表", "Import the targets"),
    "targets.save": ("保存为新版本", "Save as a new version"),
    "targets.committed": (
        "已保存 {rows} 项目标，新数据快照 {snapshot}",
        "{rows} targets saved in the new snapshot {snapshot}",
    ),
    "targets.imported": (
        "已导入 {rows} 项目标，新数据快照 {snapshot}",
        "{rows} targets imported in the new snapshot {snapshot}",
    ),
    "targets.exported": ("已将 {rows} 项目标写入 {path}", "{rows} targets written to {path}"),
    "targets.stale": (
        "数据已被他人更新，请刷新后重试",
        "The data changed meanwhile; reload and try again",
    ),
    "targets.edit_from_defaults": (
        "当前使用默认目标；保存后将成为本数据快照的目标表",
        "The defaults apply now; saving makes them this snapshot's targets table",
    ),
    "targets.editor_source": ("目标管理页面", "the targets page"),
    "targets.kpi_help": (
        "指标代码或名称，如 rooms.village_coverage、cadence.town_activities",
        "An indicator's key or name, e.g. rooms.village_coverage, cadence.town_activities",
    ),
    "targets.value_help": ("比率写 90% 或 0.9；次数写整数", "A rate as 90% or 0.9; a count whole"),
    "import.tab_targets": ("目标表", "Targets"),
    "action.targets": ("目标表", "targets"),
    # --- the command line
    "error.unknown_column": (
        "评分表没有“{value}”这一列，可选：{choices}",
        "The scorecard has no column “{value}”; choose from {choices}",
    ),
    "error.bad_weight": (
        "无法识别的权重“{value}”，应为 指标=数字",
        "Cannot read the weight “{value}”; use KEY=NUMBER",
    ),
    # --- problems of a targets table
    "problem.target_no_header": (
        "没有找到目标表的表头：需要“指标”和“目标值”两列",
        "No targets header found: the columns 指标 (indicator) and 目标值 (target) are needed",
    ),
    "problem.target_too_many": (
        "目标表超过 {limit} 行，不像是目标表",
        "More than {limit} rows: this is not a targets table",
    ),
    "problem.target_empty": ("目标表中没有任何目标", "The targets table holds no target"),
    "problem.target_missing": ("必填项为空", "A required value is empty"),
    "problem.target_unknown_kpi": (
        "未知的指标：应为指标代码或指标名称",
        "Unknown indicator: use an indicator's key or name",
    ),
    "problem.target_bad_level": ("未知的层级，可选：{choices}", "Unknown level; use {choices}"),
    "problem.target_rule_level": (
        "该频次规则只适用于其规定的层级",
        "This cadence rule applies only at its own level",
    ),
    "problem.target_unknown_region": (
        "当前数据中没有这个地区代码",
        "The current data has no region with this code",
    ),
    "problem.target_bad_year": (
        "年度应为 {first}—{last} 之间的年份",
        "Use a year in {first}–{last}",
    ),
    "problem.target_bad_value": ("目标值应为非负数", "The target must be a number of 0 or more"),
    "problem.target_rate_range": ("比率目标应在 0—100% 之间", "A rate's target must be 0–100%"),
    "problem.target_not_rate": (
        "该指标不是比率，目标值不能写百分数",
        "This indicator is not a rate: its target cannot be a percentage",
    ),
    "problem.target_cadence_count": (
        "频次目标应为正整数（次/年）",
        "A cadence's target must be a whole number of 1 or more a year",
    ),
    "problem.target_bad_direction": (
        "方向应为“不低于”或“不高于”",
        "Use 不低于 (at least) or 不高于 (at most) for the direction",
    ),
    "problem.target_bad_profile": (
        "月度分布应为 12 个非负数，且不全为 0",
        "A monthly profile must be 12 numbers of 0 or more, not all 0",
    ),
    "problem.target_kinds_not_cadence": (
        "只有协商频次规则可以限定活动类型",
        "Only a cadence rule of activities can name activity kinds",
    ),
    "problem.target_bad_kinds": (
        "未知的活动类型，可选：{choices}",
        "Unknown activity kind; use {choices}",
    ),
    "problem.target_duplicate": (
        "与第 {first} 行重复（同一指标、层级、地区和年度）",
        "Repeats row {first} (the same indicator, level, region and year)",
    ),
}
