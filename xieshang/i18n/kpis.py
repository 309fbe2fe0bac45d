"""KPI names and their definitions (口径): one label and one definition per registry entry."""

MESSAGES: dict[str, tuple[str, str]] = {
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
    "kpi.suggestions.adopted_any": ("采纳或部分采纳", "Adopted or partially adopted"),
    "kpi.suggestions.filing_rate": ("立案率", "Filing rate"),
    "kpi.suggestions.conclusion_rate": ("办结率", "Conclusion rate"),
    "kpi.suggestions.adoption_rate": ("采纳率", "Adoption rate"),
    "kpi.suggestions.median_days_to_conclude": ("办结用时中位数（天）", "Median days to conclude"),
    "kpi.suggestions.satisfaction_rate": ("满意率", "Satisfaction rate"),
    # --- units of KPIs (the registry's `unit`): what a count counts
    "unit.rooms": ("个", "rooms"),
    "unit.towns": ("个", "towns"),
    "unit.villages": ("个", "villages"),
    "unit.members": ("名", "members"),
    "unit.activities": ("次", "activities"),
    "unit.people": ("人次", "people"),
    "unit.problems": ("个", "problems"),
    "unit.suggestions": ("件", "suggestions"),
    "unit.days": ("天", "days"),
    "unit.percent": ("%", "%"),
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
    "def.rooms.towns": (
        "本地区的乡镇（街道），不论是否设有议事室",
        "Towns (and sub-districts) in the region, with or without a room",
    ),
    "def.rooms.towns_covered": (
        "截止日期本级设有在用议事室的乡镇（街道）；设有多个议事室的只计一次",
        "Towns with an active room of their own on the end date, each counted once",
    ),
    "def.rooms.villages": (
        "本地区的村（社区），不论是否设有议事室",
        "Villages (and communities) in the region, with or without a room",
    ),
    "def.rooms.villages_covered": (
        "截止日期本级设有在用议事室的村（社区）；设有多个议事室的只计一次",
        "Villages with an active room of their own on the end date, each counted once",
    ),
    "def.rooms.assessed": (
        "截止日期前至少评估过一次的在用议事室",
        "Active rooms assessed at least once on or before the end date",
    ),
    "def.rooms.standards_met": (
        "按截止日期前最近一次评估，“六有”各项全部达标的在用议事室",
        "Active rooms meeting every criterion at their latest assessment on or before the end date",
    ),
    "def.rooms.with_member": (
        "截止日期有委员在岗下沉到本议事室的在用议事室",
        "Active rooms with a member's posting to them active on the end date",
    ),
    "def.members.active": (
        "截止日期在任的委员：任职日期不晚于截止日期，且未离任或离任日期晚于截止日期（按委员所属政协统计）",
        "Members joined on or before the end date and not left by then (by the member's committee)",
    ),
    "def.members.villages_with_member": (
        "截止日期有委员在岗下沉的村（社区）；有多名委员的只计一次",
        "Villages with a member's posting active on the end date, each counted once",
    ),
    "def.activities.public_participants": (
        "时段内本地区协商活动的群众参与人次之和",
        "Sum of public participants at the region's activities in the period",
    ),
    "def.activities.problems_solved": (
        "时段内本地区协商活动解决问题数之和",
        "Sum of problems solved by the region's activities in the period",
    ),
    "def.activities.towns_meeting_target": (
        "时段内本级及所辖村（社区）开展协商活动达到目标次数的乡镇",
        "Towns holding at least the target number of activities (the town and its villages)",
    ),
    "def.suggestions.filed": (
        "时段内提交的建议中已立案的",
        "Suggestions submitted in the period that were filed (accepted for handling)",
    ),
    "def.suggestions.concluded": (
        "时段内提交的建议中已办结的",
        "Suggestions submitted in the period that were concluded",
    ),
    "def.suggestions.adopted": (
        "时段内提交并已办结的建议中，办理结果为采纳的",
        "Concluded suggestions of the period's cohort whose outcome is adopted",
    ),
    "def.suggestions.partially_adopted": (
        "时段内提交并已办结的建议中，办理结果为部分采纳的",
        "Concluded suggestions of the period's cohort whose outcome is partially adopted",
    ),
    "def.suggestions.not_adopted": (
        "时段内提交并已办结的建议中，办理结果为未采纳的",
        "Concluded suggestions of the period's cohort whose outcome is not adopted",
    ),
    "def.suggestions.adopted_any": (
        "时段内提交并已办结的建议中，办理结果为采纳或部分采纳的",
        "Concluded suggestions of the period's cohort adopted or partially adopted",
    ),
    "def.score": ("各项比率按权重加权平均 × 100", "Weighted mean of the rates × 100"),
}
