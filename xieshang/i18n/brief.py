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
    "brief.activities.target": (
        "{towns}个乡镇（街道）开展协商活动{target}次以上，占全部乡镇（街道）的{rate}{change}",
        "{towns} towns held at least {target} consultations, {rate} of all towns{change}",
    ),
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
        "下级地区不足三个，不分档次。",
        "With fewer than three regions, no thirds are drawn.",
    ),
    "brief.ranking.caption": ("{level}综合得分排名", "Ranking of the {level} by composite score"),
    "brief.ranking.tier": ("档次", "Third"),
    "brief.tier.top": ("前三分之一", "Top third"),
    "brief.tier.middle": ("中间三分之一", "Middle third"),
    "brief.tier.bottom": ("后三分之一", "Bottom third"),
    "brief.ranking.note": (
        "综合得分：{weights}各项比率按权重加权平均后乘以100；缺少数据的比率不计入。",
        "Composite score: the weighted mean of the rates ({weights}) × 100; a rate without data is left out.",
    ),
    # --- 存在问题
    "brief.problems.missed": (
        "{area}有{count}项指标未达到目标：{items}",
        "{area} missed {count} targets: {items}",
    ),
    "brief.problems.target_item": (
        "{kpi}{value}（目标{target}）",
        "{kpi} {value} (target {target})",
    ),
    "brief.problems.near": (
        "{items}接近目标但尚未达到",
        "{items} came close to their targets without reaching them",
    ),
    "brief.problems.regions_missing": (
        "{kpi}未达到目标的{level}有{names}",
        "{kpi} fell short of its target in these regions ({level}): {names}",
    ),
    "brief.problems.uncovered": (
        "尚有{count}个乡镇（街道）、村（社区）未建有议事室",
        "{count} towns and villages still had no room of their own",
    ),
    "brief.problems.rooms_without_member": (
        "{count}个在用议事室尚无委员进驻",
        "{count} active rooms had no member posted to them",
    ),
    "brief.problems.rooms_failing": (
        "{count}个议事室未全部达到“六有”标准",
        "{count} rooms fell short of the “six haves” standard",
    ),
    "brief.problems.silent": (
        "{names}等{count}个乡镇（街道）本期未开展协商活动、未报送活动情况",
        "{count} towns reported no consultation activity in the period, among them {names}",
    ),
    "brief.problems.silent_one": (
        "{names}本期未开展协商活动、未报送活动情况",
        "{names} reported no consultation activity in the period",
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
