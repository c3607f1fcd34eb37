"""Finding and reading article files: bytes in, never a crash for an odd file."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a match report is kilobytes; 5 MiB is no article
MIB = 1024 * 1024


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
    return list_folder(folder)[0]


def check_folder(folder: Path) -> None:
    """The articles folder is there and is a folder (the command line asks before starting a flow)."""
    if not folder.exists():
        raise ArticlesFolderError(f"articles folder {folder} does not exist")
    if not folder.is_dir():
        raise ArticlesFolderError(f"articles folder {folder} is not a folder")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise ArticlesFolderError(f"articles folder {folder} cannot be read: Permission denied")


def list_folder(folder: Path) -> tuple[list[Path], list[RawFile]]:
    """Regular, visible files of the folder (not recursive), in name order, and the visible entries that
    are not: dangling symlinks, sub-folders, FIFOs, each with why it is not read (never opened: a FIFO
    would block the run)."""
    check_folder(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError as err:
        raise ArticlesFolderError(f"articles folder {folder} cannot be read: {err.strerror}") from err
    files, skipped = [], []
    for e in entries:
        if e.name.startswith("."):
            continue
        problem = _not_a_file(e)
        if problem:
            skipped.append(RawFile(e.name, None, problem))
        else:
            files.append(Path(e.path))
    return files, skipped


def _not_a_file(e: os.DirEntry) -> str | None:
    """Why a folder entry is not read as an article, or None for a regular file (or a link to one)."""
    try:
        if e.is_file():
            return None
        if e.is_dir():
            return "a folder, not a file (sub-folders are not read)"
        if e.is_symlink() and not os.path.exists(e.path):
            return "dangling symlink (its target does not exist)"
    except OSError as err:
        return f"cannot read file: {err.strerror or err}"
    return "not a regular file (a FIFO, socket or device)"


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
                too_large = f"file too large ({size / MIB:.1f} MiB > {MAX_ARTICLE_BYTES // MIB} MiB)"
                yield RawFile(path.name, None, too_large, size)
                continue
            yield RawFile(path.name, path.read_bytes(), None, size)
        except OSError as err:
            yield RawFile(path.name, None, f"cannot read file: {err.strerror or err}")
