"""What a committee sets once for its briefs: the platform's name and the typefaces.

`brief.toml` in the data dir (optional):

    platform = "有事来协商"          # the name in the title; default: the name quoted in most
    platform_en = "Come and Consult" #   of the region's room names, else 有事好商量
    [fonts]                          # default: the official faces where installed, else Noto
    title = "方正小标宋简体"
    body = "仿宋_GB2312"

Faces are chosen the way the official format (GB/T 9704) sets them: 标题 in 方正小标宋, 一级标题
in 黑体, 二级标题 in 楷体, 正文 in 仿宋_GB2312 — where the machine has them (fontconfig), else the
Noto CJK faces every supported machine has (Noto Serif CJK for song/fang-song, Noto Sans CJK
for hei).
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from xieshang.brief.model import Fonts
from xieshang.errors import UserError
from xieshang.paths import data_dir

SETTINGS_FILE = "brief.toml"
DEFAULT_PLATFORM = "有事好商量"
NOTO_SERIF = "Noto Serif CJK SC"
NOTO_SANS = "Noto Sans CJK SC"
# Each face's official choices, best first, then the Noto face standing in for it.
FACES: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", NOTO_SERIF),
    "heading": ("黑体", "SimHei", NOTO_SANS),
    "subheading": ("楷体_GB2312", "楷体", "KaiTi", NOTO_SERIF),
    "body": ("仿宋_GB2312", "仿宋", "FangSong", NOTO_SERIF),
    "table": ("仿宋_GB2312", "仿宋", "FangSong", NOTO_SERIF),
}


@dataclass(frozen=True)
class Settings:
    platform: str | None = None
    platform_en: str | None = None
    fonts: Fonts | None = None


def load(path: Path | None = None) -> Settings:
    """The settings in `brief.toml` in the data dir (or `path`); defaults when absent."""
    path = path or data_dir() / SETTINGS_FILE
    if not path.is_file():
        return Settings(fonts=fonts())
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        chosen = raw.get("fonts", {})
        unknown = set(chosen) - set(FACES)
        if unknown:
            raise ValueError(f"unknown face {', '.join(sorted(unknown))}")
        return Settings(
            platform=_text(raw.get("platform")),
            platform_en=_text(raw.get("platform_en")),
            fonts=fonts({k: str(v) for k, v in chosen.items()}),
        )
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, TypeError, ValueError) as exc:
        raise UserError("error.brief_settings", path=path, reason=exc) from None


def fonts(chosen: dict[str, str] | None = None) -> Fonts:
    """The faces: as chosen, else the first official face installed, else Noto."""
    installed = installed_families()
    picked = {}
    for face, choices in FACES.items():
        wanted = (chosen or {}).get(face)
        picked[face] = wanted or next((c for c in choices if c in installed), choices[-1])
    return Fonts(**picked)


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Font families fontconfig knows (each name and alias); empty without fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset()
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command, no user input
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(
        name.strip() for line in done.stdout.splitlines() for name in line.split(",") if name
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"not a name: {value!r}")
    return " ".join(value.split())
