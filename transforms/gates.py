"""Gates for rule patterns: words a pattern cannot match without, read off the pattern itself.

Most sentences carry none of a rule's verbs, and Python's regex engine tries every position of
every sentence; checking a few substrings first skips the pattern where it cannot fire. The gate
is derived from the pattern's syntax tree, so it cannot drift from the pattern as rules change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import ModuleType

Gate = tuple[frozenset[str], ...]  # every set must have a member in the text (lowercased)


def gate_for(pattern: re.Pattern[str], most: int = 3) -> Gate:
    """The most selective sets of strings of which every match contains one each (lowercased).

    Empty when nothing is certain (or on a Python whose regex internals differ): the pattern always runs.
    """
    try:
        from re import _constants as sre
        from re import _parser

        found = _required(_parser.parse(pattern.pattern, pattern.flags), sre)
    except Exception:
        return ()
    return tuple(sorted(set(found), key=_selectivity, reverse=True)[:most])


def opens(gate: Gate, lowered: str) -> bool:
    """Whether the lowercased text has something of every set of the gate (plain loops: asked ~250 times a report)."""
    for words in gate:
        for word in words:
            if word in lowered:
                break
        else:
            return False
    return True


def _required(items: Sequence, sre: ModuleType) -> list[frozenset[str]]:
    """Sets of strings required one each by a sequence of regex items, in order."""
    found: list[frozenset[str]] = []
    literal: list[str] = []

    def flush() -> None:
        if literal:
            found.append(frozenset(["".join(literal)]))
        literal.clear()

    for op, av in items:
        if op is sre.LITERAL:
            literal.append(chr(av).lower())
            continue
        flush()
        if op is sre.SUBPATTERN:
            found += _required(av[3], sre)
        elif op is sre.BRANCH:
            options = [_best(_required(b, sre)) for b in av[1]]
            if all(options):
                found.append(frozenset().union(*options))  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found += _required(av[2], sre)
    flush()
    return [s for s in found if all(w.strip("§¤ ") for w in s)]  # '§' is in every sentence read: no use


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    return max(sets, key=_selectivity, default=None)


def _selectivity(words: frozenset[str]) -> float:
    """Fewer, longer strings rule out more text."""
    return min(map(len, words)) / len(words) ** 0.5
