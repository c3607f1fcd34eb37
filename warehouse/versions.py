"""The warehouse's bookkeeping: which version of each article is current, and which refusals still hold.

An article is known by its file name; its bytes are a version. A file whose bytes change (a
publisher's correction) is loaded again, and its new version replaces the earlier one: the earlier
`sources` row stays, marked `is_current = false` with `superseded_by`, and its raw records and
quarantine notes go, so nothing it said is fused any more. A file whose new bytes are refused leaves
the earlier version current (a run never loses what was loaded for a bad file). With `--prune`, a
current article whose bytes (or text) are in no file of the folder any more is retracted the same
way, without `superseded_by`; without it, runs only add (drop folders get emptied). A file renamed
(its old name gone, its bytes under a new one) is the same article under its new name.

A refusal (a quarantine row or a `rejected_sources` row of a file) holds until the file loads fine:
then it expires. Under `--prune` it also expires when its file is gone or was read again this run
(the new reading is on record instead), so a pruned run's ledger is what a full rebuild would give.
No I/O here: the flow hands in what the run found and writes what comes out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Protocol

import polars as pl


@dataclass(slots=True)
class Outcome:
    """What this run found in the articles folder, per file name."""

    listed: set[str] = field(default_factory=set)  # every visible entry of the folder
    read: set[str] = field(default_factory=set)  # entries this run read or looked at again
    known: dict[str, str] = field(default_factory=dict)  # file -> current source_id with its bytes or text
    loaded: dict[str, str] = field(default_factory=dict)  # file -> source_id parsed and loaded this run


def retirements(current: pl.DataFrame, found: Outcome, prune: bool) -> dict[str, str | None]:
    """Current versions that stop being current: source_id -> the version superseding it (None: pruned).

    A file loaded this run supersedes every current version of the same file name; with `prune`, a
    current version that no file of the folder holds any more is retracted.
    """
    present = set(found.known.values()) | set(found.loaded.values())
    retire: dict[str, str | None] = {}
    for source_id, file_name in current.select("source_id", "file_name").iter_rows():
        newer = found.loaded.get(file_name)
        if newer is not None and newer != source_id:
            retire[source_id] = newer
        elif prune and source_id not in present:
            retire[source_id] = None
    return retire


def renames(current: pl.DataFrame, found: Outcome) -> dict[str, str]:
    """Current versions whose file is gone while a file of the folder holds the same bytes or text: the
    article was renamed. source_id -> the new file name (the first by name, as a full rebuild picks it)."""
    holders: dict[str, list[str]] = {}
    for file_name, source_id in found.known.items():
        holders.setdefault(source_id, []).append(file_name)
    out = {}
    for source_id, file_name in current.select("source_id", "file_name").iter_rows():
        if file_name not in found.listed and source_id in holders:
            out[source_id] = min(holders[source_id])
    return out


class _Batch(Protocol):
    quarantine: list[dict]
    refused: list[dict]


def quarantine_key(q: dict) -> tuple:
    return (q["stage"], q["file_name"], q["source_id"], q["reason"], q["record"])


def refused_key(r: dict) -> tuple:
    return (r["file_name"], r["reason"], r["content_sha256"])


class Ledger:
    """Quarantine rows and refused files: those carried from earlier runs and those this run found."""

    def __init__(self, quarantine: list[dict], refused: list[dict]) -> None:
        self.carried = quarantine
        self.carried_refused = [relative_path(r) for r in refused]
        self.relocated = any(r is not o for r, o in zip(self.carried_refused, refused, strict=True))
        self.quarantine: list[dict] = list(quarantine)
        self.refused: list[dict] = list(self.carried_refused)
        self.found: list[dict] = []
        self.found_refused: list[dict] = []
        self.changed = False

    def take(self, got: _Batch) -> None:
        """One batch's rejections, kept in the order found."""
        self.found += got.quarantine
        self.found_refused += got.refused

    def settle(self, files_of: dict[str, str], found: Outcome, prune: bool, was: dict[str, str] | None = None) -> None:
        """The run's ledger: carried rows that still hold, then this run's, each once.

        `files_of` maps every source current after this run to its file name, `was` to the name it had
        before (a renamed file): a row of a current article about that article (a decoding note, a
        rejected record) holds while it is current, under the article's file name now.
        """
        was = was or {}
        fine = set(found.loaded) | {f for f, s in found.known.items() if files_of.get(s) == f}

        def note(q: dict) -> dict | None:
            sid = q["source_id"]
            if sid in files_of and q["file_name"] in (files_of[sid], was.get(sid)):
                return {**q, "file_name": files_of[sid]}
            return None

        def holds(file_name: str | None) -> bool:
            if file_name in fine:
                return False
            return not prune or (file_name in found.listed and file_name not in found.read)

        carried = []
        for q in self.carried:
            kept = note(q) or (q if holds(q["file_name"]) else None)
            if kept is not None:
                carried.append(kept)
        self.quarantine = _once(carried + self.found)
        refused = [r for r in self.carried_refused if holds(r["file_name"])]
        self.refused = _once(refused + self.found_refused, refused_key)
        before = {quarantine_key(q) for q in self.carried}, {refused_key(r) for r in self.carried_refused}
        after = {quarantine_key(q) for q in self.quarantine}, {refused_key(r) for r in self.refused}
        self.changed = before != after or self.relocated


def _once(rows: list[dict], key=quarantine_key) -> list[dict]:
    seen: set[tuple] = set()
    out = []
    for r in rows:
        k = key(r)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def relative_path(row: dict) -> dict:
    """A refused file's `path` relative to the articles folder: older runs stored absolute local paths."""
    path = row.get("path")
    if path and PurePath(path).is_absolute():
        return {**row, "path": PurePath(path).name}
    return row
