"""What a request may see: a grant of regions (each with everything below it), carried by every
KPI call in its scope and checked there, below every page, the wall, the CLI and the API.

A protected deployment (header or oidc) refuses a call that carries no grant at all: however
the app is started, a figure never reaches a request without an identity.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from xieshang.access import settings
from xieshang.engine import sql
from xieshang.errors import UserError
from xieshang.i18n import Key
from xieshang.store.snapshots import Snapshot

if TYPE_CHECKING:
    from xieshang.access.users import User


class Forbidden(UserError):
    """A region outside the user's scope, or no identity where one is needed: 无权访问."""

    def __init__(self, region: str | None, user: str | None = None):
        super().__init__(
            "error.forbidden" if user else "error.no_identity",
            region=region or Key("access.everything"),
            user=user,
        )
        self.region = region
        self.user = user


@dataclass(frozen=True)
class Grant:
    """The regions a request may see (`roots`, with their subtrees; None: every region) and who
    it is for (None in an open deployment)."""

    roots: frozenset[str] | None
    user: str | None = None
    # Where the request comes from (an address, or cli:login), for the audit log's refusals.
    origin: str | None = None

    @classmethod
    def everything(cls, user: str | None = None) -> Grant:
        return cls(None, user)

    @classmethod
    def of(cls, user: User, origin: str | None = None) -> Grant:
        return cls(None if user.everywhere else frozenset(user.regions), user.id, origin)

    @property
    def restricted(self) -> bool:
        return self.roots is not None

    def covers(self, snapshot: Snapshot, region: str | None) -> bool:
        """Whether `region` (None: everything) lies inside the grant."""
        if self.roots is None:
            return True
        if region is None:
            return False
        return not self.roots.isdisjoint(_ancestors(str(snapshot.path), region))

    def require(self, snapshot: Snapshot, region: str | None) -> None:
        """Refuse (and record in the audit log) a region outside the grant."""
        if not self.covers(snapshot, region):
            from xieshang.access import audit  # only on a refusal: the CLI starts faster

            audit.record("refused", self.user, self.origin, region=region or "*")
            raise Forbidden(region, self.user)

    def home(self, snapshot: Snapshot) -> str | None:
        """Where this grant opens: its first region the snapshot holds (None: everything)."""
        if self.roots is None:
            return None
        present = sorted(r for r in self.roots if _ancestors(str(snapshot.path), r))
        return present[0] if present else None


def guard(snapshot: Snapshot, grant: Grant | None, region: str | None) -> None:
    """Refuse a figure of `region` to a request this grant does not cover; in a protected
    deployment, refuse any request that carries no grant (fail closed)."""
    if grant is None:
        if settings.protected():
            from xieshang.access import audit

            audit.record("refused", None, None, region=region or "*", reason="no identity")
            raise Forbidden(region)
        return
    grant.require(snapshot, region)


@lru_cache(maxsize=8192)
def _ancestors(snapshot_path: str, region: str) -> frozenset[str]:
    """The region and every region above it (empty if the snapshot has no such region)."""
    return frozenset(
        str(row["region_code"]) for row in sql.rows_at(snapshot_path, "meta/region", region=region)
    )
