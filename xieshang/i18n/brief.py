"""The meeting brief (通报): its title, headings and the sentence templates its text is written
from. A template's placeholders are figures already worded (xieshang.brief.wording); a clause
whose figure is missing is left out whole, so no sentence dangles."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- title block and marks
    "brief.title": (
        "{region}{period}“{platform}”平台建设运行情况通报",
        "{region}, {period}: how the “{platform}” consultation platform was built and run",
    ),
    "brief.kind_line": ("（{kind}）", "({kind} only)"),
    "brief.data_line": (
        "数据截至{date}　数据快照：{snapshot}（{imported}导入）",
        "Data to {date} · snapshot {snapshot} (imported {imported})",
    ),
    "brief.mark.demo": ("演示数据", "Demo data"),
    "brief.mark.internal": ("内部资料", "Internal"),
    "brief.demo_note": (
        "本通报使用内置演示数据（虚构地区），仅供演示，不反映任何真实情况。",
        "This brief uses the built-in demo export (fictional regions) and describes nothing real.",
    ),
    "brief.lead": (
        "为全面掌握{area}“{platform}”协商议事平台建设运行情况，根据协商议事平台监测数据，现将{period}有关情况通报如下。",
        "This brief reports how the “{platform}” consultation platform was built and run in {area} in {period}, from the monitoring data.",
    ),
    "brief.everywhere": ("各地", "all regions"),
    "brief.area_whole": ("全{unit}", "the whole {unit}"),
    # --- headings
    "brief.h.basic": ("基本情况", "Overview"),
    "brief.h.rooms": ("议事室建设", "Consultation rooms"),
    "brief.h.members": ("委员下沉", "Members posted to the grass roots"),
    "brief.h.activities": ("协商活动开展情况", "Consultation activities"),
    "brief.h.suggestions": ("意见建议办理情况", "How suggestions were handled"),
    "brief.h.ranking": ("比较与排名", "Comparison and ranking"),
    "brief.h.problems": ("存在问题", "Problems"),
    "brief.h.definitions": ("附件1　{title}", "Annex 1. {title}"),
    "brief.h.tables": ("附件2　{title}", "Annex 2. {title}"),
    "brief.annex.definitions": ("指标口径", "What each figure counts"),
    "brief.annex.tables": ("主要指标表", "The figures"),
    # --- 基本情况: rooms
    "brief.rooms.active": (
        "截至{date}，{area}共有在用协商议事室{active}个{change}",
        "As of {date}, {area} had {active} active consultation rooms{change}",
    ),
    "brief.rooms.towns": (
        "{towns}个乡镇（街道）中{towns_covered}个建有议事室，覆盖率{rate}{change}",
        "{towns_covered} of its {towns} towns had a room of their own, a coverage of {rate}{change}",
    ),
    "brief.rooms.villages": (
        "{villages}个村（社区）中{villages_covered}个建有议事室，覆盖率{rate}{change}",
        "{villages_covered} of its {villages} villages had a room, a coverage of {rate}{change}",
    ),
    "brief.rooms.standards": (
        "按“六有”标准，已评估的{assessed}个议事室中{standards_met}个全部达标，达标率{rate}{change}",
        "Of the {assessed} rooms assessed against the “six haves” standard, {standards_met} met every criterion ({rate}){change}",
    ),
    "brief.rooms.with_member": (
        "有委员进驻的议事室{with_member}个，占在用议事室的{rate}",
        "{with_member} rooms had a member posted to them ({rate} of active rooms)",
    ),
    # --- 基本情况: members
    "brief.members.sinking": (
        "{area}在任政协委员{active}名，其中有在岗下沉任务的{posted}名，下沉率{rate}{change}",
        "{area} had {active} active committee members, {posted} of them posted to the grass roots (a sinking rate of {rate}){change}",
    ),
    "brief.members.by_level": ("分级看，{levels}", "By committee: {levels}"),
    "brief.members.level_item": ("{committee}委员下沉率{rate}", "{committee} {rate}"),
    "brief.members.villages": (
        "委员已下沉到{villages}个村（社区），村（社区）委员覆盖率{rate}{change}",
        "Members were posted in {villages} villages, {rate} of all villages{change}",
    ),
    "brief.members.posted_here": (
        "下沉至{area}的各级政协委员共{posted_here}名",
        "{posted_here} members of committees at every level were posted in {area}",
    ),
    # --- 协商活动
    "brief.activities.count": (
        "{period}，{area}共开展协商活动{count}次{change}",
        "In {period}, {area} held {count} consultation activities{change}",
    ),
    "brief.activities.kinds": ("其中{kinds}", "of which {kinds}"),
    "brief.activities.kind_item": ("{kind}{count}次", "{count} {kind}"),
    "brief.activities.participants": (
        "群众参与{people}人次{change}",
        "{people} members of the public took part{change}",
    ),
    "brief.activities.solved": (
        "协商推动解决实际问题{problems}个",
        "the consultations helped solve {problems} problems",
    ),
    # The cadence rules (xieshang.kpis.cadence): units keeping each rule, met (the year is over)
    # or met or on pace (while it runs).
    "brief.cadence.towns": (
        "{units}个乡镇（街道）中{keeping}个{reached}每年至少开展{target}次协商的要求",
        "{keeping} of {units} towns {reached} the rule of at least {target} consultations a year",
    ),
    "brief.cadence.villages": (
        "{units}个村（社区）中{keeping}个{reached}每年至少开展{target}次协商议事的要求",
        "{keeping} of {units} villages {reached} the rule of at least {target} a year",
    ),
    "brief.cadence.members": (
        "下沉委员{units}名中{keeping}名{reached}每年至少参加{target}次活动的要求",
        "{keeping} of {units} posted members {reached} the rule of attending at least {target} activities a year",
    ),
    "brief.cadence.met": ("达到", "met"),
    "brief.cadence.on_pace": ("达到或按进度符合", "met or are on pace for"),
    "brief.activities.none": (
        "{period}，{area}暂无协商活动记录。",
        "No consultation activity was recorded in {area} in {period}.",
    ),
    # --- 建议办理
    "brief.suggestions.submitted": (
        "{period}，{area}共征集到{things}{submitted}件{change}",
        "In {period}, {area} received {submitted} {things}{change}",
    ),
    "brief.suggestions.kinds": ("其中{kinds}", "of which {kinds}"),
    "brief.suggestions.kind_item": ("{kind}{count}件", "{count} {kind}"),
    "brief.suggestions.filed": (
        "经审查立案{filed}件，立案率{rate}",
        "{filed} were accepted for handling, a filing rate of {rate}",
    ),
    "brief.suggestions.concluded": (
        "目前，立案{things}已办结{concluded}件，办结率{rate}",
        "So far {concluded} of the filed {things} have been concluded, a conclusion rate of {rate}",
    ),
    "brief.suggestions.adopted": (
        "所提意见和建议采纳或部分采纳{adopted_any}件、占{rate}{change}",
        "{adopted_any} were adopted or partially adopted ({rate}){change}",
    ),
    "brief.suggestions.days": (
        "已办结{things}从提交到办结用时中位数为{days}天{change}",
        "The concluded {things} took a median of {days} days from submission to conclusion{change}",
    ),
    "brief.suggestions.satisfaction": (
        "有满意度评价的{things}中满意或基本满意的占{rate}{change}",
        "Of the rated {things}, {rate} were satisfied or basically satisfied{change}",
    ),
    "brief.suggestions.none": (
        "{period}，{area}暂无{things}提交记录。",
        "No {things} were submitted in {area} in {period}.",
    ),
    "brief.suggestions.things": ("建议", "suggestions"),
    # --- 比较与排名
    "brief.ranking.basis": (
        "按{rates}等{count}项比率的加权平均计算综合得分，对{children}个{level}进行排名（见下表）",
        "{children} regions ({level}) are ranked by a composite score, the weighted mean of {count} rates such as {rates} (table below)",
    ),
    "brief.ranking.small": (
        "样本少于{min_n}个的比率不计入得分和分档",
        "rates from fewer than {min_n} items are left out of the scores and thirds",
    ),
    "brief.ranking.unranked": (
        "{names}没有可计分的比率，未参与排名",
        "{names} had no rate to score and are not ranked",
    ),
    "brief.ranking.best": (
        "综合得分最高的是{first}（{first_score}分），最低的是{last}（{last_score}分）",
        "{first} scored highest ({first_score}) and {last} lowest ({last_score})",
    ),
    "brief.ranking.top": (
        "综合得分排名前三分之一的{names}予以表扬",
        "The top third — {names} — are commended",
    ),
    "brief.ranking.bottom": (
        "排名后三分之一的{names}要对照目标查找差距、补齐短板，请加强督促",
        "The bottom third — {names} — are urged to find and close their gaps",
    ),
    "brief.ranking.few": (
        "参与排名的下级地区不足两个，不分档次。",
        "With fewer than two regions ranked, no thirds are drawn.",
    ),
    "brief.ranking.small_cells": (
        "标注*的样本数：{cells}。",
        " Items behind a rate marked *: {cells}.",
    ),
    "brief.ranking.small_cell": ("{name}{kpi}（n={n}）", "{name}, {kpi}: n={n}"),
    "brief.ranking.caption": ("{level}综合得分排名", "Ranking of the {level} by composite score"),
    "brief.ranking.tier": ("档次", "Third"),
    "brief.tier.top": ("前三分之一", "Top third"),
    "brief.tier.middle": ("中间三分之一", "Middle third"),
    "brief.tier.bottom": ("后三分之一", "Bottom third"),
    "brief.ranking.note": (
        "计分比率：{weights}。{rules}。",
        "Scored rates: {weights}. {rules}.",
    ),
    # --- 存在问题 (from the 督办 items: xieshang.kpis.supervision)
    "brief.problems.missed": (
        "{area}有{count}项指标未达到目标：{items}",
        "{area} missed {count} targets: {items}",
    ),
    "brief.problems.behind": (
        "{area}有{count}项指标进度滞后：{items}",
        "{area} is behind pace on {count} targets: {items}",
    ),
    "brief.problems.target_item": (
        "{kpi}{value}（目标{target}，{gap}）",
        "{kpi} {value} (target {target}, {gap})",
    ),
    "brief.problems.paced_item": (
        "{kpi}{value}（按进度应达{expected}，{behind}；全年目标{target}，{gap}）",
        "{kpi} {value} ({expected} expected by now, {behind}; {target} for the year, {gap})",
    ),
    "brief.problems.points_short": ("还差{points}个百分点", "{points} points short"),
    "brief.problems.short": ("还需{value}", "{value} more needed"),
    "brief.problems.behind_by": ("落后{value}", "{value} behind"),
    "brief.problems.over": ("超出{value}", "{value} over"),
    "brief.problems.regions": ("从各{level}看，{groups}", "By {level}: {groups}"),
    "brief.problems.regions_missed": (
        "{kpi}未达到目标的有{names}",
        "{names} missed the targets for {kpi}",
    ),
    "brief.problems.regions_behind": (
        "{kpi}进度滞后的有{names}",
        "{names} are behind pace on {kpi}",
    ),
    "brief.problems.silent": (
        "{names}本期未开展协商活动、未报送活动情况",
        "{names} held and reported no consultation activity in the period",
    ),
    "brief.problems.silent_suggestions": (
        "{names}本期未报送{things}",
        "{names} submitted no {things} in the period",
    ),
    "brief.problems.towns_missed": (
        "{names}未达到每年至少开展{target}次协商的要求",
        "{names} held fewer than the {target} consultations a year required",
    ),
    "brief.problems.towns_behind": (
        "{names}协商次数落后于每年至少开展{target}次的进度",
        "{names} are behind the pace of {target} consultations a year",
    ),
    "brief.problems.villages_missed": (
        "{names}未达到每年至少开展{target}次协商议事的要求",
        "{names} held fewer than the {target} consultations a year required",
    ),
    "brief.problems.villages_behind": (
        "{names}协商议事次数落后于每年至少开展{target}次的进度",
        "{names} are behind the pace of {target} consultations a year",
    ),
    "brief.problems.unit_missed": (
        "{name}（开展{value}次，还需开展{needed}次）",
        "{name} ({value} held, {needed} more to hold)",
    ),
    "brief.problems.unit_behind": (
        "{name}（开展{value}次，按进度应开展{expected}次，还需开展{needed}次）",
        "{name} ({value} held, {expected} expected by now, {needed} more to hold)",
    ),
    "brief.problems.members_missed": (
        "{count}名下沉委员参加活动未达到每年至少{target}次的要求",
        "{count} posted members attended fewer than the {target} activities a year required",
    ),
    "brief.problems.members_behind": (
        "{count}名下沉委员参加活动次数落后于每年至少{target}次的进度，按进度此时应已参加{expected}次",
        "{count} posted members are behind the pace of {target} activities a year ({expected} expected by now)",
    ),
    "brief.problems.rooms_failing": (
        "{count}个议事室未全部达到“六有”标准",
        "{count} rooms fell short of the “six haves” standard",
    ),
    "brief.problems.uncovered": (
        "尚有{count}个乡镇（街道）、村（社区）未建有议事室",
        "{count} towns and villages still had no room of their own",
    ),
    "brief.problems.rooms_without_member": (
        "{count}个在用议事室尚无委员进驻",
        "{count} active rooms had no member posted to them",
    ),
    "brief.problems.open": (
        "本期督办事项中尚有{count}项未办结，其中{statuses}",
        "{count} supervised items of the period are still open: {statuses}",
    ),
    "brief.problems.status_item": ("{status}{count}项", "{count} {status}"),
    "brief.problems.closed": (
        "已有{count}项督办事项经核实达标、自动销号",
        "{count} followed-up items have closed, their targets met",
    ),
    "brief.problems.none": (
        "本期各项指标均达到目标，暂未发现需要重点关注的问题。",
        "Every figure met its target; nothing needs particular attention.",
    ),
    # --- charts
    "brief.chart.coverage": ("各{level}议事室覆盖率", "Room coverage by {level}"),
    "brief.chart.sinking": ("各级政协委员下沉率", "Sinking rate by committee"),
    "brief.chart.kinds": ("协商活动按类型", "Consultation activities by kind"),
    "brief.chart.funnel": ("{things}办理情况", "How the {things} were handled"),
    "brief.chart.score": ("各{level}综合得分", "Composite score by {level}"),
    "brief.chart.figure": ("图{number}　{title}", "Figure {number}. {title}"),
    "brief.chart.alt": ("{title}：{values}", "{title}: {values}"),
    # --- appendix tables
    "brief.table.kpi": ("指标", "Figure"),
    "brief.table.now": ("本期", "This period"),
    "brief.table.year_ago": ("上年同期", "A year earlier"),
    "brief.table.change": ("同比", "Change"),
    "brief.table.definition": ("口径", "What it counts"),
    "brief.table.number": ("表{number}　{title}", "Table {number}. {title}"),
    "brief.table.periods": (
        "本期：{now}；上年同期：{year_ago}。比率的同比为百分点差，其余为增减幅度。",
        "This period: {now}; a year earlier: {year_ago}. A rate's change is in percentage points, others in per cent.",
    ),
    "brief.table.points": ("{sign}{value}个百分点", "{sign}{value} pts"),
    # --- download and errors
    "brief.file": ("情况通报", "brief"),
    "brief.generate": ("生成通报", "Write the brief"),
    "brief.internal_option": ("标注“内部资料”", "Mark it “Internal”"),
    "brief.download": ("下载通报（{format}）", "Download the brief ({format})"),
    "brief.help": (
        "按当前地区、时段和建议类型生成书面情况通报（与命令行 xieshang brief 相同）",
        "A written brief of this region, period and kind (the same as `xieshang brief`)",
    ),
    "brief.pdf_needs_pango": (
        "本机缺少 Pango 排版库，无法生成 PDF（make brief-deps 可安装）",
        "PDF needs the Pango library, missing here (make brief-deps installs it)",
    ),
    "brief.written": ("已写入通报：{path}", "Brief written: {path}"),
    "error.brief_format": (
        "无法识别的输出格式“{value}”：文件名应以 .docx 或 .pdf 结尾",
        "Unknown output format “{value}”: the file name must end in .docx or .pdf",
    ),
    "error.brief_unwritable": (
        "无法写入“{path}”：{reason}",
        "Cannot write “{path}”: {reason}",
    ),
    "brief.is_folder": ("这是一个文件夹，请给出文件名", "it is a folder; give a file name"),
    "brief.no_folder": ("所在文件夹不存在", "its folder does not exist"),
    "brief.no_permission": ("没有写入权限", "no permission to write there"),
    "error.brief_pdf_unavailable": (
        "本机无法生成 PDF（缺少 Pango 排版库：{reason}），请安装 libpango-1.0-0 与 libpangoft2-1.0-0，或改为生成 DOCX",
        "This machine cannot write PDF (the Pango library is missing: {reason}); install libpango-1.0-0 and libpangoft2-1.0-0, or write DOCX",
    ),
    "error.brief_settings": (
        "通报设置文件 {path} 有误：{reason}",
        "The brief's settings file {path} cannot be used: {reason}",
    ),
}
