"""What a user may do besides viewing: import, record 督办 follow-ups, roll back, edit targets,
manage users, read the audit log. Checked here, below the pages and the CLI, and recorded in the
audit log.

- An open deployment lets everyone act, as before access control existed (the demo, local
  analysis); a protected one needs a known user whose role allows the action.
- A read-only replica (XIESHANG_READ_ONLY=1) never writes the store, whoever asks.
"""

from __future__ import annotations

from xieshang.access import audit, settings
from xieshang.access.grants import Forbidden
from xieshang.access.users import User
from xieshang.errors import UserError

# Actions that write the shared store: refused on a read-only replica.
WRITES = frozenset({"import", "followup", "rollback", "targets"})


class ReadOnly(UserError):
    def __init__(self) -> None:
        super().__init__("error.read_only")


def allowed(user: User | None, action: str) -> bool:
    """Whether `user` (None: nobody signed in) may do `action` here, without raising."""
    try:
        require(user, action)
    except UserError:
        return False
    return True


def require(user: User | None, action: str, where: str | None = None) -> None:
    """Refuse `action` unless this node may write (for writes) and the user's role allows it;
    a refusal is recorded in the audit log when `where` (the client) is given."""
    try:
        if action in WRITES and settings.read_only():
            raise ReadOnly()
        if user is None:
            if settings.protected():
                raise Forbidden(None)
            return
        user.require(action)
    except UserError as exc:
        if where is not None:
            audit.record("refused", user.id if user else None, where, action=action, reason=exc.key)
        raise


def author(user: User | None, anonymous: str) -> str:
    """The name a snapshot records for who made it: the signed-in user's id and name."""
    if user is None:
        return anonymous
    return user.id if user.name == user.id else f"{user.name} <{user.id}>"
