"""Finding and reading article files: bytes in, never a crash for an odd file."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a match report is kilobytes; 5 MB is no article


class ArticlesFolderError(RuntimeError):
    """The articles folder cannot be read at all: the run cannot start."""


@dataclass(frozen=True, slots=True)
class RawFile:
    file_name: str
    raw: bytes | None  # None when refused before reading
    problem: str | None = None
    size: int = 0


def list_articles(folder: Path) -> list[Path]:
    """Regular, visible files of the folder (not recursive), in name order."""
    if not folder.exists():
        raise ArticlesFolderError(f"articles folder {folder} does not exist")
    if not folder.is_dir():
        raise ArticlesFolderError(f"articles folder {folder} is not a folder")
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError as err:
        raise ArticlesFolderError(f"articles folder {folder} cannot be read: {err.strerror}") from err
    return [Path(e.path) for e in entries if not e.name.startswith(".") and e.is_file()]


def content_sha256(path: Path) -> str | None:
    """The sha256 of a file's bytes; None when it cannot be read or is too large (reading it will say why)."""
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def read_files(paths: list[Path]) -> Iterator[RawFile]:
    """Bytes of each file; an unreadable or oversized file comes back with its problem instead."""
    for path in paths:
        try:
            size = path.stat().st_size
            if size > MAX_ARTICLE_BYTES:
                yield RawFile(
                    path.name, None, f"file too large ({size / 1e6:.1f} MB > {MAX_ARTICLE_BYTES / 1e6:.0f} MB)", size
                )
                continue
            yield RawFile(path.name, path.read_bytes(), None, size)
        except OSError as err:
            yield RawFile(path.name, None, f"cannot read file: {err.strerror or err}")
