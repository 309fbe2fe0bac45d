"""The users file: who may sign in, with which role, over which regions.

    [users."zhang.wei@leshan.gov.cn"]
    name = "张伟"
    role = "viewer"            # viewer | analyst (+ import) | admin (+ rollback, users, audit)
    regions = ["511111000000"] # the regions the user sees, with everything below them; "*": all
    tokens = ["sha256:…"]      # optional: API tokens, stored hashed (the 用户管理 page)

Read again whenever the file changes, so a new role or scope takes effect without a restart.
A user who is not in the file is refused; so is everyone when the file is missing or broken in
a protected deployment.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from xieshang.access import settings
from xieshang.errors import UserError
from xieshang.i18n import Key

Role = Literal["viewer", "analyst", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "analyst", "admin")
# What each role may do; each role may do what the ones before it may.
ACTIONS: dict[str, Role] = {
    "view": "viewer",
    "import": "analyst",
    "followup": "analyst",
    "rollback": "admin",
    "targets": "admin",
    "users": "admin",
    "audit": "admin",
}
# Actions only an administrator of every region may take: the audit log names every user,
# region and file, so a county's administrator would read other counties' business in it.
EVERYWHERE_ONLY = frozenset({"audit"})
EVERYWHERE = "*"
TOKEN_PREFIX = "sha256:"  # noqa: S105 - the scheme of a token's hash, not a secret


class Unknown(UserError):
    """Signed in, but not in the users file: refused, never shown the demo."""

    def __init__(self, user_id: str):
        super().__init__("error.unknown_user", user=user_id)
        self.user_id = user_id


class NotAllowed(UserError):
    """The user's role does not allow this action."""

    def __init__(self, user_id: str, action: str):
        super().__init__("error.not_allowed", user=user_id, action=Key(f"permission.{action}"))
        self.action = action


@dataclass(frozen=True)
class User:
    id: str
    name: str
    role: Role
    regions: tuple[str, ...]  # ("*",): everything
    tokens: tuple[str, ...] = ()

    @property
    def everywhere(self) -> bool:
        return EVERYWHERE in self.regions

    def can(self, action: str) -> bool:
        if action in EVERYWHERE_ONLY and not self.everywhere:
            return False
        return ROLES.index(self.role) >= ROLES.index(ACTIONS[action])

    def require(self, action: str) -> None:
        if not self.can(action):
            raise NotAllowed(self.id, action)


def load(path: Path | None = None) -> dict[str, User]:
    """Every user in the file (re-read when it changes). A missing file is no users."""
    path = path or settings.users_file()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    # The inode too: the users page replaces the file whole, maybe twice within the clock's
    # tick and at the same size (a role changed from admin to viewer... and back).
    return _parse(str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)


def find(user_id: str | None) -> User:
    """The user with this id; Unknown if there is none (or no id at all)."""
    found = load().get((user_id or "").strip())
    if found is None:
        raise Unknown(user_id or "")
    return found


def by_token(token: str) -> User | None:
    """The user an API token belongs to (tokens are compared by their hash, in constant time)."""
    digest = TOKEN_PREFIX + hashlib.sha256(token.encode("utf-8")).hexdigest()
    for user in load().values():
        if any(hmac.compare_digest(digest, kept) for kept in user.tokens):
            return user
    return None


def new_token() -> tuple[str, str]:
    """A new API token and the hash to keep in the users file (the token itself is shown once)."""
    token = "xs_" + secrets.token_urlsafe(32)
    return token, TOKEN_PREFIX + hashlib.sha256(token.encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def _parse(path: str, _mtime: int, _size: int, _inode: int) -> dict[str, User]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError("error.users_unreadable", reason=str(exc)[:200]) from None
    return parse_text(text)


def parse_text(text: str) -> dict[str, User]:
    """Every user in the text of a users file; a UserError saying what is wrong otherwise."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError("error.users_unreadable", reason=str(exc)[:200]) from None
    entries = raw.get("users", {})
    if not isinstance(entries, dict):
        raise UserError("error.users_unreadable", reason="[users] is not a table")
    users: dict[str, User] = {}
    for user_id, entry in entries.items():
        if not isinstance(entry, dict):
            raise UserError("error.users_entry", user=user_id, field="users")
        role = entry.get("role", "viewer")
        regions = entry.get("regions", [])
        tokens = entry.get("tokens", [])
        if role not in ROLES:
            raise UserError("error.users_entry", user=user_id, field="role")
        if (
            not isinstance(regions, list)
            or not regions
            or not all(isinstance(r, str) and r.strip() for r in regions)
        ):
            raise UserError("error.users_entry", user=user_id, field="regions")
        if not isinstance(tokens, list) or not all(
            isinstance(x, str) and x.startswith(TOKEN_PREFIX) for x in tokens
        ):
            raise UserError("error.users_entry", user=user_id, field="tokens")
        users[str(user_id).strip()] = User(
            str(user_id).strip(),
            str(entry.get("name") or user_id),
            role,
            tuple(r.strip() for r in regions),
            tuple(tokens),
        )
    return users
