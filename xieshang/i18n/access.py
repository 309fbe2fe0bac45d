"""Sign-in, roles and scopes, the audit log and the users page."""

MESSAGES: dict[str, tuple[str, str]] = {
    "who.anonymous": ("匿名（未启用访问控制）", "anonymous (access control off)"),
    "signin.prompt": (
        "本系统已启用访问控制，请使用单位统一身份认证账号登录。",
        "Access control is on: sign in with your organisation's account.",
    ),
    "signin.button": ("登录", "Sign in"),
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
    "error.roster_busy": (
        "另一位管理员正在修改用户文件，请稍后再试",
        "Another administrator is changing the users file: try again in a moment",
    ),
    "error.roster_read_only": (
        "本节点为只读副本：用户只能在写入节点上修改",
        "This replica is read-only: users can be changed only on the writing node",
    ),
}
