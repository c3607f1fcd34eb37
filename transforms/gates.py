"""Gates for rule patterns: words a pattern cannot match without, read off the pattern itself.

Most sentences carry none of a rule's verbs, and Python's regex engine tries every position of
every sentence; checking a few substrings first skips the pattern where it cannot fire. The gate
is derived from the pattern's syntax tree, so it cannot drift from the pattern as rules change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import ModuleType

Words = frozenset[str]  # one of these must be in the text
# one of the alternatives must hold, each a tuple of clauses that must all hold ('put X ahead' | 'gave X the lead')
Either = tuple[tuple["Words | Either", ...], ...]
Gate = tuple["Words | Either", ...]  # every clause must hold (lowercased text)


def gate_for(pattern: re.Pattern[str], most: int = 3) -> Gate:
    """The most selective clauses that every match satisfies: sets of strings of which the match contains
    one, then, for alternations, which alternative's own strings it contains.

    Empty when nothing is certain (or on a Python whose regex internals differ): the pattern always runs.
    """
    try:
        from re import _constants as sre
        from re import _parser

        found = _required(_parser.parse(pattern.pattern, pattern.flags), sre)
    except Exception:
        return ()
    words = sorted({c for c in found if isinstance(c, frozenset)}, key=_selectivity, reverse=True)[:most]
    eithers = list(dict.fromkeys(c for c in found if not isinstance(c, frozenset)))[:most]
    return (*words, *eithers)  # the cheap sets first: most texts fail there


def opens(gate: Gate, lowered: str) -> bool:
    """Whether the lowercased text satisfies every clause of the gate (plain loops: asked ~250 times a report)."""
    for clause in gate:
        if type(clause) is frozenset:
            for word in clause:
                if word in lowered:
                    break
            else:
                return False
        elif not any(opens(alternative, lowered) for alternative in clause):  # type: ignore[arg-type]
            return False
    return True


def _required(items: Sequence, sre: ModuleType) -> list[Words | Either]:
    """Clauses required by a sequence of regex items, in order."""
    found: list[Words | Either] = []
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
            found += _branch(av[1], sre)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found += _required(av[2], sre)
    flush()
    return [c for c in (_useful(c) for c in found) if c is not None]


def _branch(alternatives: Sequence, sre: ModuleType) -> list[Words | Either]:
    """An alternation needs one alternative: the union of each one's best set, and which one as an Either."""
    needs = [_required(alt, sre) for alt in alternatives]
    if not all(needs):  # an alternative that needs nothing: nothing is certain
        return []
    out: list[Words | Either] = []
    best = [_best([c for c in need if isinstance(c, frozenset)]) for need in needs]
    if all(best):
        out.append(frozenset().union(*best))  # type: ignore[arg-type]
    if not all(best) or any(len(need) > 1 for need in needs):  # the union does not say it all
        out.append(tuple(tuple(need) for need in needs))
    return out


def _useful(clause: Words | Either) -> Words | Either | None:
    """'§' and '¤' are in every sentence read: a set of only those, or an alternative needing nothing else,
    says nothing."""
    if isinstance(clause, frozenset):
        return clause if all(w.strip("§¤ ") for w in clause) else None
    alternatives = [tuple(c for c in (_useful(c) for c in alt) if c is not None) for alt in clause]
    return tuple(alternatives) if all(alternatives) else None


def _best(sets: list[Words]) -> Words | None:
    return max(sets, key=_selectivity, default=None)


def _selectivity(words: Words) -> float:
    """Fewer, longer strings rule out more text."""
    return min(map(len, words)) / len(words) ** 0.5
