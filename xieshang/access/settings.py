"""The deployment's access settings, from the environment or `.streamlit/secrets.toml`.

    XIESHANG_AUTH             open (default) | header | oidc   ([auth] mode in secrets.toml)
    XIESHANG_AUTH_HEADER      the trusted header with the user id (default X-Remote-User)
    XIESHANG_TRUSTED_PROXIES  addresses the header is honoured from (CIDRs, comma separated;
                              default 127.0.0.1/32 and ::1/128)
    XIESHANG_USERS            the users file (default users.toml in the data dir)
    XIESHANG_READ_ONLY        1: this replica never imports or rolls back

Read on every call, so a change in the environment of a test or of the users file needs no
restart; an unknown mode is refused rather than taken as open.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from xieshang.errors import UserError
from xieshang.paths import ROOT, data_dir

Mode = Literal["open", "header", "oidc"]
MODES: tuple[Mode, ...] = ("open", "header", "oidc")
SECRETS = ROOT / ".streamlit" / "secrets.toml"
DEFAULT_HEADER = "X-Remote-User"
DEFAULT_PROXIES = "127.0.0.1/32,::1/128"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class BadSetting(UserError):
    """A setting that cannot be used: the app refuses to serve rather than guess."""


def mode() -> Mode:
    """The access mode in force. An unreadable or unknown setting is an error, never open."""
    raw = os.environ.get("XIESHANG_AUTH") or _secrets_mode() or "open"
    value = raw.strip().lower()
    if value not in MODES:
        raise BadSetting("error.auth_mode", value=raw, choices="/".join(MODES))
    return value


def protected() -> bool:
    """Whether every figure needs an identity (header or oidc mode)."""
    return mode() != "open"


def header_name() -> str:
    return os.environ.get("XIESHANG_AUTH_HEADER") or DEFAULT_HEADER


def trusted_proxies() -> tuple[Network, ...]:
    return _networks(os.environ.get("XIESHANG_TRUSTED_PROXIES") or DEFAULT_PROXIES)


def is_trusted(address: str | None) -> bool:
    """Whether a request from `address` may carry the identity header (an IPv4 client seen
    through an IPv6 socket, ::ffff:127.0.0.1, is its IPv4 address)."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip.version == net.version and ip in net for net in trusted_proxies())


def users_file() -> Path:
    override = os.environ.get("XIESHANG_USERS")
    return Path(override).resolve() if override else data_dir() / "users.toml"


def read_only() -> bool:
    return (os.environ.get("XIESHANG_READ_ONLY") or "").strip().lower() in ("1", "true", "yes")


def _secrets_mode() -> str | None:
    try:
        stat = SECRETS.stat()
    except OSError:
        return None
    return _read_secrets_mode(str(SECRETS), stat.st_mtime_ns)


@lru_cache(maxsize=4)
def _read_secrets_mode(path: str, _mtime: int) -> str | None:
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BadSetting("error.secrets_unreadable", reason=str(exc)[:200]) from None
    auth = raw.get("auth")
    found = auth.get("mode") if isinstance(auth, dict) else None
    return str(found) if found is not None else None


@lru_cache(maxsize=16)
def _networks(text: str) -> tuple[Network, ...]:
    try:
        return tuple(
            ipaddress.ip_network(part.strip(), strict=False)
            for part in text.split(",")
            if part.strip()
        )
    except ValueError:
        raise BadSetting("error.trusted_proxies", value=text) from None
