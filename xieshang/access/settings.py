"""The deployment's access settings, from the environment or Streamlit's secrets files.

    XIESHANG_AUTH             open (default) | header | oidc   ([auth] mode in secrets.toml)
    XIESHANG_AUTH_HEADER      the trusted header with the user id (default X-Remote-User)
    XIESHANG_TRUSTED_PROXIES  addresses the header is honoured from (CIDRs, comma separated;
                              default 127.0.0.1/32 and ::1/128)
    XIESHANG_USERS            the users file (default users.toml in the data dir)
    XIESHANG_READ_ONLY        1: this replica never imports or rolls back

Read on every call, so a change in the environment of a test or of the users file needs no
restart; an unknown mode is refused rather than taken as open.

`[auth] mode` is read from the same secrets files Streamlit reads (and `st.login` takes its
provider from): STREAMLIT_SECRETS_FILES (what `streamlit run --secrets.files` sets), else
~/.streamlit/secrets.toml, the working directory's .streamlit/secrets.toml and the app's own,
later files winning. A server started with the files in its config instead hands them over
(`use_secrets_files`). Folders (Kubernetes-style secrets) and files that do not exist are
skipped: a mode is never written as a folder of files.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Literal

from xieshang.errors import UserError
from xieshang.paths import ROOT, data_dir

Mode = Literal["open", "header", "oidc"]
MODES: tuple[Mode, ...] = ("open", "header", "oidc")
SECRETS = ROOT / ".streamlit" / "secrets.toml"
# What the deployment must say for Streamlit's st.login with its default provider.
# The claims that name a signed-in user in the users file, the first one the provider gives.
OIDC_CLAIMS = ("email", "preferred_username", "sub")


def oidc_user_id(claims: Mapping[str, object]) -> str | None:
    """The signed-in user's id in the users file: the first of `OIDC_CLAIMS` the provider gave.
    An e-mail address the provider says it has not verified names nobody (a user could have
    typed anyone's address into their account); the next claim is used instead."""
    for claim in OIDC_CLAIMS:
        if claim == "email" and claims.get("email_verified") is False:
            continue
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


OIDC_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
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


def secrets_files() -> tuple[Path, ...]:
    """The secrets files Streamlit reads, first to last (a later file wins)."""
    if _served_files is not None:
        return _served_files
    listed = os.environ.get("STREAMLIT_SECRETS_FILES", "").split()
    if listed:
        return tuple(Path(p) for p in listed)
    name = Path(".streamlit") / "secrets.toml"
    return tuple(dict.fromkeys((Path.home() / name, Path.cwd() / name, SECRETS)))


def use_secrets_files(paths: Iterable[str]) -> None:
    """The files the running server's Streamlit reads (its `secrets.files` option), so the mode
    comes from exactly where st.login takes its provider."""
    global _served_files
    _served_files = tuple(Path(p) for p in paths)


def oidc_missing(auth: Mapping[str, object] | None) -> list[str]:
    """The keys st.login needs that the `[auth]` section lacks (all of them without one)."""
    section = auth or {}
    return [key for key in OIDC_KEYS if not str(section.get(key) or "").strip()]


_served_files: tuple[Path, ...] | None = None


def _secrets_mode() -> str | None:
    found = None
    for path in secrets_files():
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_dir():
            # A folder of Kubernetes-style secrets, as Streamlit reads it: a sub-folder per
            # section, a file per key. Its auth/mode counts like [auth] mode in a file:
            # skipping it would serve an oidc deployment open.
            found = _folder_mode(path / "auth" / "mode") or found
            continue
        found = _read_secrets_mode(str(path), stat.st_mtime_ns) or found
    return found


def _folder_mode(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadSetting("error.secrets_unreadable", reason=str(exc)[:200]) from None


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
