"""Sentences: where prose sentences end, offsets kept ('St.', initials and 'Oct. 29' end none)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from transforms.gates import compile_rule

SENTENCE_END = compile_rule(  # 'St.', 'Mr.', 'vs.', 'def.' (a US result: 'A def. B 2-1') end none
    r"(?<!\b[A-Z])(?<!\bSt)(?<!\bMr)(?<!\bvs)(?<!\bdef)[.!?]+[\"”’')]*(?=\s+[\"“‘(]?[A-Z0-9]|\s*$)|\n+"
)
_STOP = compile_rule(r"[.!?\n]")
_MONTH_DOT = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.\s+\d")  # 'since Oct. 29, ...'


def sentence_ends(text: str) -> Iterator[re.Match[str]]:
    """SENTENCE_END's matches, as `finditer` gives them, tried only at stops and line breaks: its
    lookbehinds would otherwise be tried at every character (six times faster)."""
    pos = 0
    while (stop := _STOP.search(text, pos)) is not None:
        m = SENTENCE_END.match(text, stop.start())
        if m is not None and not _MONTH_DOT.search(text, max(0, stop.start() - 5), stop.end() + 3):
            yield m
        pos = m.end() if m is not None else stop.start() + 1


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences by punctuation and line breaks, offsets kept; 'St.' and initials do not end one."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    s = start
    for m in sentence_ends(text[start:end]):
        e = start + m.end()
        if text[s:e].strip():
            out.append((s, e))
        s = e
    if text[s:end].strip():
        out.append((s, end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out]
