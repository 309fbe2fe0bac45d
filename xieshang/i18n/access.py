"""Sign-in, roles and scopes, the audit log and the users page."""

MESSAGES: dict[str, tuple[str, str]] = {
    "who.anonymous": ("匿名（未启用访问控制）", "anonymous (access control off)"),
    "signin.prompt": (
        "本系统已启用访问控制，请使用单位统一身份认证账号登录。",
        "Access control is on: sign in with your organisation's account.",
    ),
    "signin.button": ("登录", "Sign in"),
    "signin.not_configured": (
        "本系统设置为统一身份认证（OIDC）登录，但登录尚未配置完成：secrets.toml 的 [auth] 缺少 {keys}。请联系系统管理员。",
        "This deployment signs people in with OpenID Connect, but sign-in is not configured: the [auth] section of secrets.toml lacks {keys}. Please contact the administrator.",
    ),
    "signin.out": ("退出登录", "Sign out"),
    "signin.as": ("当前用户：{name}", "Signed in as {name}"),
    "access.open_notice": (
        "访问控制未开启：任何能打开本页面的人都能看到全部数据并导入、回滚（仅用于演示和本机分析）",
        "Access control is off: anyone who can open this page sees every figure and may import "
        "and roll back (for the demo and local analysis only)",
    ),
    "access.read_only": (
        "本节点为只读副本：可以查看，不能导入或回滚",
        "This replica is read-only: figures can be seen, not imported or rolled back",
    ),
    "access.scope_line": ("权限范围：{regions}", "Your scope: {regions}"),
    "access.everything": ("全部地区", "every region"),
    "role.viewer": ("查看者", "Viewer"),
    "role.analyst": ("分析员", "Analyst"),
    "role.admin": ("管理员", "Administrator"),
    "error.roster_role": ("未知角色：{role}", "Unknown role: {role}"),
    "error.roster_id": (
        "用户标识不能为空、不能含空格，且不超过 200 个字符：{user}",
        "A user id must not be empty or hold spaces, and is at most 200 characters: {user}",
    ),
    "error.roster_regions": (
        "至少选择一个地区（或“全部地区”）",
        "Pick at least one region (or every region)",
    ),
    "error.roster_own_admin": (
        "不能取消自己的管理员角色，也不能删除自己：请另一位管理员操作",
        "You cannot take away your own administrator role or remove yourself: ask another "
        "administrator",
    ),
    "error.roster_wider": (
        "不能授予超出自己权限范围的地区：{regions}",
        "You cannot grant regions beyond your own scope: {regions}",
    ),
    "error.roster_exists": (
        "已有用户 {user}：请在上方选择该用户进行修改",
        "There is already a user {user}: pick them above to change them",
    ),
    "error.roster_beyond": (
        "{user} 的权限范围超出您的范围，不能修改",
        "{user} sees beyond your own scope: you cannot change them",
    ),
    "error.users_unwritable": (
        "用户文件无法写入：{reason}",
        "The users file cannot be written: {reason}",
    ),
    "error.roster_busy": (
        "另一位管理员正在修改用户文件，请稍后再试",
        "Another administrator is changing the users file: try again in a moment",
    ),
    "error.roster_read_only": (
        "本节点为只读副本：用户只能在写入节点上修改",
        "This replica is read-only: users can be changed only on the writing node",
    ),
    # 用户管理 (Users)
    "page.users": ("用户管理", "Users"),
    "users.intro": (
        "用户文件：{file}。角色和地区在用户下一次打开页面或调用接口时生效，无需重启。",
        "Users file: {file}. Roles and regions take effect on the user's next page or API call, "
        "without a restart.",
    ),
    "users.none": ("用户文件中还没有用户", "The users file holds no users yet"),
    "users.col_id": ("用户标识", "User id"),
    "users.col_name": ("姓名", "Name"),
    "users.col_role": ("角色", "Role"),
    "users.col_regions": ("地区", "Regions"),
    "users.col_token": ("API 令牌", "API token"),
    "users.edit": ("添加或修改用户", "Add or edit a user"),
    "users.pick": ("选择用户", "User"),
    "users.new": ("（新用户）", "(new user)"),
    "users.id": ("用户标识（登录账号，如邮箱）", "User id (the sign-in account, e.g. an e-mail)"),
    "users.name": ("姓名", "Name"),
    "users.role": ("角色", "Role"),
    "users.regions": ("地区（含下级）", "Regions (with everything below them)"),
    "users.save": ("保存", "Save"),
    "users.added": ("已添加用户 {user}", "User {user} added"),
    "users.saved": ("已保存用户 {user}", "User {user} saved"),
    "users.remove": ("删除用户", "Remove a user"),
    "users.remove_confirm": ("确认删除 {user}", "Yes, remove {user}"),
    "users.remove_button": ("删除", "Remove"),
    "users.removed": ("已删除用户 {user}", "User {user} removed"),
    "users.token": ("API 令牌", "API token"),
    "users.token_help": (
        "签发新令牌会替换该用户原有的令牌；令牌只显示这一次，文件中只保存其哈希值。",
        "A new token replaces the user's old one; it is shown only now, and only its hash is "
        "kept in the file.",
    ),
    "users.token_issue": ("签发令牌", "Issue a token"),
    "users.token_revoke": ("吊销令牌", "Revoke the token"),
    "users.token_issued": (
        "{user} 的新令牌如下，请立即复制并妥善保管，关闭后无法再次查看：",
        "{user}'s new token, shown only now: copy it and keep it safe:",
    ),
    "users.token_revoked": ("已吊销 {user} 的令牌", "{user}'s token revoked"),
    "users.has_token": ("有", "yes"),
    "users.no_token": ("无", "no"),
    # 审计日志 (Audit log)
    "page.audit": ("审计日志", "Audit log"),
    "audit.intro": (
        "登录、拒绝访问、导入、回滚、下载、接口调用和用户变更，逐条追加记录于 {file}。时间为 UTC。",
        "Sign-ins, refusals, imports, rollbacks, downloads, API calls and user changes, each "
        "appended to {file}. Times are UTC.",
    ),
    "audit.from": ("起始日期", "From"),
    "audit.to": ("截止日期", "To"),
    "audit.who": ("用户", "User"),
    "audit.event": ("事件", "Event"),
    "audit.text": ("包含文字", "Containing"),
    "audit.all": ("全部", "all"),
    "audit.none": ("没有符合条件的记录", "No event matches"),
    "audit.col_at": ("时间（UTC）", "Time (UTC)"),
    "audit.col_event": ("事件", "Event"),
    "audit.col_who": ("用户", "User"),
    "audit.col_from": ("来源", "From"),
    "audit.col_details": ("详情", "Details"),
    "audit.file_name": ("审计日志", "audit_log"),
    "audit.event_sign_in": ("登录", "sign-in"),
    "audit.event_refused": ("拒绝访问", "refused"),
    "audit.event_import": ("导入", "import"),
    "audit.event_rollback": ("回滚", "rollback"),
    "audit.event_download": ("下载", "download"),
    "audit.event_api": ("接口调用", "API call"),
    "audit.event_users": ("用户变更", "user change"),
    "audit.event_targets": ("目标变更", "targets change"),
    "audit.event_followup": ("登记督办", "follow-up"),
}
