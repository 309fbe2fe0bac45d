"""Size limits for imports, configurable by environment, checked before anything is unpacked."""

from __future__ import annotations

import os
from dataclasses import dataclass

MB = 1024 * 1024


def _env(name: str, default: float) -> float:
    raw = os.environ.get(name)
    try:
        return float(raw) if raw else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 500 * MB
    max_upload_bytes: int = 2048 * MB
    max_rows_per_table: int = 30_000_000
    # Zip archives and xlsx files (which are zips): refused before unpacking when their
    # content would unpack to more than this, or more than `max_ratio` times their size.
    max_unpacked_bytes: int = 4096 * MB
    max_ratio: float = 200.0
    # Columns outside the contract are kept, but each one widens every scan of the table.
    max_extra_columns: int = 200

    @classmethod
    def from_env(cls) -> Limits:
        """XIESHANG_MAX_FILE_MB, XIESHANG_MAX_UPLOAD_MB, XIESHANG_MAX_ROWS,
        XIESHANG_MAX_UNPACKED_MB, XIESHANG_MAX_ZIP_RATIO and XIESHANG_MAX_EXTRA_COLUMNS
        override the defaults."""
        d = cls()
        return cls(
            max_file_bytes=int(_env("XIESHANG_MAX_FILE_MB", d.max_file_bytes / MB) * MB),
            max_upload_bytes=int(_env("XIESHANG_MAX_UPLOAD_MB", d.max_upload_bytes / MB) * MB),
            max_rows_per_table=int(_env("XIESHANG_MAX_ROWS", d.max_rows_per_table)),
            max_unpacked_bytes=int(
                _env("XIESHANG_MAX_UNPACKED_MB", d.max_unpacked_bytes / MB) * MB
            ),
            max_ratio=_env("XIESHANG_MAX_ZIP_RATIO", d.max_ratio),
            max_extra_columns=int(_env("XIESHANG_MAX_EXTRA_COLUMNS", d.max_extra_columns)),
        )
