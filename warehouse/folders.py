"""A folder a command must write to, checked before any work: cheap to import (no duckdb, no polars)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path


def make_writable_folder(folder: Path) -> None:
    """Create `folder` if need be and write a file in it; OSError says why it cannot be used."""
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / f".probe-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    probe.write_bytes(b"")
    probe.unlink()
