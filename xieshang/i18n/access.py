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
}
