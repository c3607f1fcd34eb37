"""Gates for rule patterns: words a pattern cannot match without, read off the pattern itself.

Most sentences carry none of a rule's verbs, and Python's regex engine tries every position of
every sentence; checking a few substrings first skips the pattern where it cannot fire. The gate
is derived from the pattern's syntax tree, so it cannot drift from the pattern as rules change.
`gate_test` turns a gate into one function for the hot loops; `compile_rule` compiles a rule with its
word alternations grouped by first letter (same matches, fewer tries).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
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
    """Whether the lowercased text satisfies every clause of the gate (the reference `gate_test` is checked
    against; hot loops use `gate_test`)."""
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


def gate_test(gate: Gate) -> Callable[[str], bool]:
    """The gate as one function of the lowercased text, `opens` unrolled: ('a' in s or 'b' in s) and ...

    Asked for every rule of every sentence with a cue word, where `opens`'s loops and type checks cost
    more than the substring tests themselves. The words are the patterns' literals, quoted by `repr`.
    """
    return eval(f"lambda s: {_test_source(gate)}")  # the source holds only repr()-quoted literals


def any_word_test(words: Iterable[str]) -> Callable[[str], bool]:
    """Whether the text holds any of the words, as one function (see `gate_test`)."""
    return gate_test((frozenset(words),))


def _test_source(gate: Gate) -> str:
    parts = []
    for clause in gate:
        if isinstance(clause, frozenset):
            parts.append("(" + " or ".join(f"{w!r} in s" for w in sorted(clause, key=lambda w: (-len(w), w))) + ")")
        else:
            parts.append("(" + " or ".join(f"({_test_source(alt)})" for alt in clause) + ")")  # type: ignore[arg-type]
    return " and ".join(parts) if parts else "True"


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


def compile_rule(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile`, with each alternation of words grouped by first letter and, case-blind, guarded by them.

    Python's engine tries an alternation's branches one by one, and under IGNORECASE it cannot skip a
    branch by its first letter: a list of 100 verbs costs 100 tries at every word the rule reaches.
    Grouping the branches by first letter ('f(?:ired|ires)|d(?:rilled)') and checking the next letter
    against all of them first ('(?=[fd])') matches the same text: branches that open on different
    letters cannot both match at one place, so their order never mattered, and within a letter it is
    kept. Only ASCII first letters are grouped (case folding beyond ASCII has surprises). Any trouble
    with the engine's internals and the plain compiled pattern is returned.
    """
    plain = re.compile(pattern, flags)
    try:
        import _sre
        from re import _compiler, _parser
        from re import _constants as sre

        tree = _parser.parse(pattern, flags)
        state = tree.state
        _group_branches(tree, sre, _parser.SubPattern, bool(state.flags & re.IGNORECASE))
        index = [None] * state.groups
        for name, i in state.groupdict.items():
            index[i] = name
        # as re._compiler.compile does, but keeping the source: gates and readers look at `.pattern`
        code = _compiler._code(tree, flags)
        fast = _sre.compile(pattern, flags | state.flags, code, state.groups - 1, state.groupdict, tuple(index))
    except Exception:
        return plain
    same_groups = (fast.groupindex, fast.groups, fast.flags) == (plain.groupindex, plain.groups, plain.flags)
    return fast if same_groups else plain


def _group_branches(tree, sre: ModuleType, node: type, fold: bool) -> None:
    """Regroup every alternation in the parsed pattern, innermost first, in place; `fold` under IGNORECASE."""
    items = tree.data
    out = []
    for op, av in items:
        if op is sre.BRANCH:
            for alt in av[1]:
                _group_branches(alt, sre, node, fold)
            out += _by_first_letter(av[1], tree.state, sre, node, fold)
            continue
        if op is sre.SUBPATTERN:
            if av[1] or av[2]:
                raise ValueError("scoped flags: letters may fold in one part and not another")
            _group_branches(av[3], sre, node, fold)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _group_branches(av[2], sre, node, fold)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            _group_branches(av[1], sre, node, fold)
        elif op is sre.ATOMIC_GROUP:
            _group_branches(av, sre, node, fold)
        out.append((op, av))
    tree.data = out


def _by_first_letter(alternatives: list, state: object, sre: ModuleType, node: type, fold: bool) -> list:
    """One alternation as items: grouped by ASCII first letter, behind a look-ahead on those letters."""
    firsts = [_first_letters(alt.data, sre, fold) for alt in alternatives]
    if any(f is None for f in firsts):
        return [(sre.BRANCH, (None, alternatives))]
    letters = node(state, [(sre.IN, [(sre.LITERAL, ord(c)) for c in sorted(set().union(*firsts))])])
    # case-blind only: a case-sensitive branch already skips on its first letter, and a search for a
    # pattern that opens with it skips ahead to those letters, which a look-ahead in front would stop
    guard = [(sre.ASSERT, (1, letters))] if fold else []
    if not all(alt.data[0][0] is sre.LITERAL for alt in alternatives):  # a group first: only the look-ahead
        return [*guard, (sre.BRANCH, (None, alternatives))]
    groups: dict[str, list] = {}
    for alt in alternatives:
        letter = chr(alt.data[0][1])
        groups.setdefault(letter.lower() if fold else letter, []).append(alt)
    merged = []
    for same in groups.values():
        if len(same) == 1:
            merged.append(same[0])
        else:
            rest = [node(state, alt.data[1:]) for alt in same]
            merged.append(node(state, [same[0].data[0], (sre.BRANCH, (None, rest))]))
    return [*guard, (sre.BRANCH, (None, merged))]


def _first_letters(items: Sequence, sre: ModuleType, fold: bool) -> set[str] | None:
    """The ASCII letters (lowercased if `fold`) a match of these items opens with; None when it may open
    with something else."""
    if not items:
        return None
    op, av = items[0]
    if op is sre.LITERAL:
        return {chr(av).lower() if fold else chr(av)} if av < 128 and chr(av).isalpha() else None
    if op is sre.SUBPATTERN:
        return _first_letters(av[3], sre, fold)
    if op is sre.BRANCH:
        firsts = [_first_letters(alt.data, sre, fold) for alt in av[1]]
        return None if any(f is None for f in firsts) else set().union(*firsts)
    return None
