"""Changes to the users file, made by an administrator on the 用户管理 page: add or edit a user
(name, role, regions), remove one, issue or revoke their API token.

- The file is edited with tomlkit, so the comments and layout someone wrote by hand survive.
- It is written whole to a temporary file beside it and moved into place (readers see the old
  file or the new one, never half of one), under a lock so two administrators cannot lose each
  other's change.
- Every change is recorded in the audit log; a token itself never is, nor kept: only its hash.
- A read-only replica changes nothing; an administrator cannot take away their own admin role
  (nor remove themselves), so a deployment always keeps someone who can manage it.
- An administrator whose own scope is limited (a county's) manages only the users wholly inside
  it and grants nothing beyond it: they can neither widen their own reach through another
  user's entry nor touch (edit, remove, issue a token to) a user who sees more than they do.

Roles and scopes are read per request (xieshang.access.users), so a change takes effect on the
user's next page, API call or command.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import tomlkit
from filelock import FileLock, Timeout

from xieshang.access import actions, audit, settings, users
from xieshang.access.users import EVERYWHERE, ROLES, User
from xieshang.errors import UserError

# A user id is a TOML key, shown on pages and kept in the log: one line, no spaces, bounded.
_MAX_ID = 200


def save(
    user_id: str,
    name: str,
    role: str,
    regions: list[str],
    acting: User | None,
    where: str | None = None,
    path: Path | None = None,
    covered: Callable[[str], bool] | None = None,
    adding: bool = False,
) -> bool:
    """Add the user (`adding`: only if there is no such user yet), or change their name, role
    and regions; True when they are new.

    An administrator whose own scope is limited grants nothing beyond it: not every region,
    and (`covered`, their grant's test) no region outside their own; nor changes a user who
    sees beyond it.
    """
    path = path or settings.users_file()
    user_id, name = _clean_id(user_id), " ".join(name.split())
    if role not in ROLES:
        raise UserError("error.roster_role", role=role)
    regions = _clean_regions(regions)
    _may(acting, where)
    _within(acting, regions, covered)
    if acting is not None and acting.id == user_id and role != "admin":
        raise UserError("error.roster_own_admin")
    with _editing(path) as document:
        table = _users(document)
        new = user_id not in table
        if adding and not new:
            raise UserError("error.roster_exists", user=user_id)
        if not new:
            _within(acting, _regions_of(table[user_id]), covered, user_id)
        entry = tomlkit.table() if new else table[user_id]
        entry["name"] = name or user_id
        entry["role"] = role
        entry["regions"] = regions
        if new:
            table[user_id] = entry
    audit.record(
        "users",
        acting.id if acting else None,
        where,
        action="add" if new else "edit",
        user=user_id,
        role=role,
        regions=regions,
    )
    return new


def remove(
    user_id: str,
    acting: User | None,
    where: str | None = None,
    path: Path | None = None,
    covered: Callable[[str], bool] | None = None,
) -> None:
    """Take the user out of the file: they are refused from their next request on."""
    if acting is not None and acting.id == user_id:
        _may(acting, where)
        raise UserError("error.roster_own_admin")

    def take_out(document: tomlkit.TOMLDocument, _entry: Any) -> None:
        del _users(document)[user_id]

    _change(user_id, acting, where, path, covered, "remove", take_out)


def issue_token(
    user_id: str,
    acting: User | None,
    where: str | None = None,
    path: Path | None = None,
    covered: Callable[[str], bool] | None = None,
) -> str:
    """A new API token for the user, replacing any they had; returned once, kept only hashed."""
    token, digest = users.new_token()

    def replace(_document: tomlkit.TOMLDocument, entry: Any) -> None:
        entry["tokens"] = [digest]

    _change(user_id, acting, where, path, covered, "token_issued", replace)
    return token


def revoke_tokens(
    user_id: str,
    acting: User | None,
    where: str | None = None,
    path: Path | None = None,
    covered: Callable[[str], bool] | None = None,
) -> None:
    """Revoke the user's API token: the API refuses it from the next call on."""

    def revoke(_document: tomlkit.TOMLDocument, entry: Any) -> None:
        if "tokens" in entry:
            del entry["tokens"]

    _change(user_id, acting, where, path, covered, "token_revoked", revoke)


def _change(
    user_id: str,
    acting: User | None,
    where: str | None,
    path: Path | None,
    covered: Callable[[str], bool] | None,
    action: str,
    change: Callable[[tomlkit.TOMLDocument, Any], None],
) -> None:
    """Change an existing user's entry, if the acting administrator may manage them: on a
    writing node, inside their scope; written back whole, then audited."""
    _may(acting, where)
    with _editing(path or settings.users_file()) as document:
        entry = _entry(document, user_id)
        _within(acting, _regions_of(entry), covered, user_id)
        change(document, entry)
    audit.record("users", acting.id if acting else None, where, action=action, user=user_id)


def _may(acting: User | None, where: str | None) -> None:
    """Refuse unless this node may write and the acting user may manage users (audited)."""
    if settings.read_only():
        audit.record("refused", acting.id if acting else None, where, action="users")
        raise UserError("error.roster_read_only")
    actions.require(acting, "users", where)


def within(
    acting: User | None, regions: Sequence[str], covered: Callable[[str], bool] | None
) -> bool:
    """Whether `regions` lie wholly inside the acting administrator's scope (`covered`: their
    grant's test). Everything lies inside an unlimited scope; nothing is known to lie inside a
    limited one without its test."""
    if acting is None or acting.everywhere:
        return True
    return covered is not None and all(r != EVERYWHERE and covered(r) for r in regions)


def _within(
    acting: User | None,
    regions: Sequence[str],
    covered: Callable[[str], bool] | None,
    user_id: str | None = None,
) -> None:
    if within(acting, regions, covered):
        return
    if user_id is not None:
        raise UserError("error.roster_beyond", user=user_id)
    outside = [r for r in regions if r == EVERYWHERE or covered is None or not covered(r)]
    raise UserError("error.roster_wider", regions="、".join(outside))


def _regions_of(entry: Any) -> list[str]:
    found = entry.get("regions") if hasattr(entry, "get") else None
    return [str(r) for r in found] if isinstance(found, list) else [EVERYWHERE]


def _clean_id(user_id: str) -> str:
    cleaned = user_id.strip()
    if not cleaned or len(cleaned) > _MAX_ID or any(c.isspace() or ord(c) < 32 for c in cleaned):
        raise UserError("error.roster_id", user=cleaned[:60])
    return cleaned


def _clean_regions(regions: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(r.strip() for r in regions if r.strip()))
    if not cleaned:
        raise UserError("error.roster_regions")
    return [EVERYWHERE] if EVERYWHERE in cleaned else cleaned


def _users(document: tomlkit.TOMLDocument) -> MutableMapping[str, Any]:
    if "users" not in document:
        document["users"] = tomlkit.table(is_super_table=True)
    table = document["users"]
    # A hand-written file may split [users."…"] tables with another table between them:
    # tomlkit then gives a proxy over the parts, a mapping like a table.
    if not isinstance(table, MutableMapping):
        raise UserError("error.users_unreadable", reason="[users] is not a table")
    return table


def _entry(document: tomlkit.TOMLDocument, user_id: str) -> Any:
    table = _users(document)
    if user_id not in table:
        raise users.Unknown(user_id)
    return table[user_id]


class _editing:
    """The users file as a tomlkit document: read under a lock, checked, written back
    atomically when the block ends without an error."""

    def __init__(self, path: Path):
        self.path = path
        self.lock = FileLock(str(path) + ".lock", timeout=10)

    def __enter__(self) -> tomlkit.TOMLDocument:
        try:
            self.lock.acquire()
        except Timeout:
            raise UserError("error.roster_busy") from None
        except OSError as exc:  # a read-only or vanished folder: a message, not a traceback
            raise UserError("error.users_unreadable", reason=str(exc)[:200]) from None
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except (OSError, UnicodeDecodeError) as exc:
            self.lock.release()
            raise UserError("error.users_unreadable", reason=str(exc)[:200]) from None
        try:
            self.document = tomlkit.parse(text)
        except tomlkit.exceptions.TOMLKitError as exc:
            self.lock.release()
            raise UserError("error.users_unreadable", reason=str(exc)[:200]) from None
        return self.document

    def __exit__(self, kind: object, error: object, _tb: object) -> None:
        try:
            if error is None:
                self._write(tomlkit.dumps(self.document))
        except OSError as exc:
            raise UserError("error.users_unwritable", reason=str(exc)[:200]) from None
        finally:
            self.lock.release()

    def _write(self, text: str) -> None:
        # The new file must read back as a users file: a change never breaks every sign-in.
        users.parse_text(text)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".users-", suffix=".toml", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.chmod(temporary, self.path.stat().st_mode & 0o777)
            except FileNotFoundError:
                os.chmod(temporary, 0o640)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        folder = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)  # the rename itself survives a crash
        finally:
            os.close(folder)
