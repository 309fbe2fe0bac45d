"""Messages every layer uses: names, levels, enums and the errors a user can cause."""

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
    # --- errors a user can cause
    "error.unknown_region": ("未找到地区代码“{code}”", "Unknown region code “{code}”"),
    # --- access: sign-in, roles and scopes
    "error.forbidden": (
        "无权访问：{region} 不在用户 {user} 的权限范围内",
        "Access denied: {region} is outside the scope of user {user}",
    ),
    "error.no_identity": (
        "无权访问：未识别用户身份（本系统已启用访问控制，请通过统一身份认证登录）",
        "Access denied: no identity (access control is on; sign in through the organisation's gateway)",
    ),
    "error.unknown_user": (
        "用户 {user} 未登记，无权访问，请联系系统管理员",
        "User {user} is not registered and may not sign in; ask an administrator",
    ),
    "error.not_allowed": (
        "用户 {user} 无权{action}",
        "User {user} may not {action}",
    ),
    "error.users_unreadable": (
        "用户名单文件无法读取：{reason}",
        "The users file cannot be read: {reason}",
    ),
    "error.users_entry": (
        "用户名单中 {user} 的 {field} 无效",
        "The users file's entry for {user} has an invalid {field}",
    ),
    "error.auth_mode": (
        "访问控制模式“{value}”无效，应为 {choices}",
        "Unknown access mode “{value}”; use one of {choices}",
    ),
    "error.secrets_unreadable": (
        ".streamlit/secrets.toml 无法读取：{reason}",
        ".streamlit/secrets.toml cannot be read: {reason}",
    ),
    "error.trusted_proxies": (
        "可信代理地址“{value}”无效，应为逗号分隔的网段（如 127.0.0.1/32）",
        "Invalid trusted proxies “{value}”; use comma-separated networks such as 127.0.0.1/32",
    ),
    "error.read_only": (
        "本节点为只读副本，不能导入或回滚数据，请在写入节点操作",
        "This replica is read-only: import and roll back on the writing node",
    ),
    "permission.view": ("查看数据", "view figures"),
    "permission.import": ("导入数据", "import data"),
    "permission.rollback": ("回滚数据", "roll back data"),
    "permission.targets": ("管理目标", "manage targets"),
    "permission.users": ("管理用户", "manage users"),
    "permission.audit": ("查看审计日志", "read the audit log"),
    "error.bad_date": (
        "无法识别的日期“{value}”，应为 2024-03-31 这样的格式",
        "Cannot read the date “{value}”; use a form like 2024-03-31",
    ),
    "error.date_range": (
        "日期“{value}”超出可选范围（{first}—{last}年）",
        "The date “{value}” is outside {first}–{last}",
    ),
    "error.period_order": (
        "起始日期 {date_from} 晚于截止日期 {date_to}",
        "The start date {date_from} is after the end date {date_to}",
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
    "error.unknown_level": (
        "无法识别的层级“{value}”，可选：{choices}",
        "Unknown level “{value}”; choose from {choices}",
    ),
    "error.cli_needs_as": (
        "本系统已启用访问控制（{mode}）：请用 --as 用户名 说明以谁的身份操作",
        "Access control is on ({mode}): say who you act as with --as USER",
    ),
    "error.api_no_identity": (
        "未登录：请经单位统一身份认证访问，或使用 API 令牌（Authorization: Bearer …）",
        "Not signed in: come through the organisation's sign-on or use an API token "
        "(Authorization: Bearer …)",
    ),
    "error.api_bad_token": (
        "API 令牌无效或已被撤销",
        "The API token is not valid or has been revoked",
    ),
    "error.api_not_found": (
        "没有这个接口：{path}（可用：/api/v1/kpis、/api/v1/compare、/api/v1/regions）",
        "No such endpoint: {path} (available: /api/v1/kpis, /api/v1/compare, /api/v1/regions)",
    ),
    "error.api_bad_parameter": (
        "不认识的参数：{names}（可用：{allowed}）",
        "Unknown parameters: {names} (allowed: {allowed})",
    ),
    "error.gateway_missing": (
        "未经单位统一身份认证网关访问：缺少身份信息，拒绝访问",
        "Not through the organisation's sign-on gateway: no identity, access refused",
    ),
    "error.gateway_untrusted": (
        "身份信息来自不受信任的地址 {address}，拒绝访问",
        "The identity came from an untrusted address ({address}): access refused",
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
    "error.no_input": ("没有找到可导入的文件：{path}", "No file to import found at {path}"),
}
