"""Rule gates: a pattern is skipped only where it cannot match; rules compiled to match what re.compile does."""

import random
import re

from transforms.gates import any_word_test, compile_rule, gate_for, gate_test, opens
from transforms.reader.events import rules
from warehouse.reference import lexicon

RULES = rules(lexicon())  # the reader's event rules: one trigger pattern per (event, form) family
GATES = [gate_for(r.trigger) for r in RULES]


def test_gate_reads_required_words_off_the_pattern() -> None:
    gate = gate_for(re.compile(r"§(?P<p>\d+)\s+(?:scored|netted)\s+(?:a|his)\s+(?:header|volley)", re.I))
    assert frozenset({"header", "volley"}) in gate
    assert frozenset({"scored", "netted"}) in gate
    assert opens(gate, "§0 netted a volley")
    assert not opens(gate, "§0 netted a penalty")


def test_optional_parts_and_person_marks_are_not_required() -> None:
    gate = gate_for(re.compile(r"§(?P<p>\d+)(?:'s)?\s+(?:late\s+)?winner", re.I))
    assert gate == (frozenset({"winner"}),)
    assert gate_for(re.compile(r"§\d+|¤")) == ()  # nothing certain: always runs


def test_common_prefix_of_alternatives_is_kept() -> None:
    gate = gate_for(re.compile(r"made a (?:save|stop)", re.I))
    assert opens(gate, "§1 made a stop")
    assert opens(gate, "§1 made a save")


def test_an_alternation_needs_all_the_words_of_one_alternative() -> None:
    """'put ... ahead' or 'gave ... the lead': 'put' with 'the lead' is neither, though each word appears."""
    rx = re.compile(r"§(?P<p>\d+)\s+(?:put \S+ ahead|gave \S+ the lead)", re.I)
    gate = gate_for(rx)
    for text in ("§1 put ¤ ahead", "§1 gave ¤ the lead"):
        assert rx.search(text) and opens(gate, text.lower())
    assert not opens(gate, "§1 put in a cross and ¤ took the lead")


SENTENCES = [
    "§0 scored in the 12th minute after §1 had hit the post.",
    "§2 was sent off for a second bookable offence, and §3 was booked for dissent.",
    "§4 came on for §5, who limped off with a hamstring injury.",
    "A brace from §6 and a late header from §7 sealed it; §8 saw red.",
    "§9's penalty was saved by §10 before §11 had a goal ruled out for offside.",
    "¤ went ahead through §12, and §13 equalised with a curling free-kick into the top corner.",
    "§14 completed his hat-trick, then §15 fired wide and §16 wasted a glorious chance.",
    "The injured §17 was replaced by §18; §19 was forced off after a clash of heads.",
    "§20 produced a fine save, §21 struck the crossbar and §22 headed home the winner.",
    "Goals from §23 and §24 gave ¤ the lead, and §25 pulled one back for ¤.",
]


def test_every_rule_that_matches_a_sentence_passes_its_gate() -> None:
    fired = 0
    for rule, gate in zip(RULES, GATES, strict=True):
        for s in SENTENCES:
            if rule.trigger.search(s):
                fired += 1
                assert opens(gate, s.lower()), (rule.name, s)
    assert fired >= 20


def test_role_after_patterns_are_anchored_so_match_equals_search() -> None:
    """_role tries the patterns after a name with `match` and no gate: that is only right while each is
    anchored at the start (and not MULTILINE)."""
    from transforms.people import ROLE_AFTER

    assert all(rx.pattern.startswith("^") and not rx.flags & re.MULTILINE for rx, _ in ROLE_AFTER)


def _matches(rx: re.Pattern[str], texts: list[str]) -> list:
    return [[(m.span(), m.groups(), m.groupdict()) for m in rx.finditer(t)] for t in texts]


def test_compiled_rules_match_exactly_what_re_compile_matches() -> None:
    """Random alternations of words that share first letters (in either case), prefixes of each other and
    groups, with and without IGNORECASE, over texts with the letters that fold in surprising ways."""
    rng = random.Random(5)
    letters = "abcfkKsSFB"
    texts = [
        "".join(rng.choice(letters + " \u212a\u017f\u0130-§1") for _ in range(rng.randint(0, 40))) for _ in range(300)
    ]
    texts += ["Fired fires fire Kick kick \u212aick sent off send", "ab abc Abc ABC b bc"]

    def word() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(1, 4)))

    def alternation(depth: int) -> str:
        parts = [word() if depth or rng.random() < 0.7 else alternation(depth + 1) for _ in range(rng.randint(2, 7))]
        parts = [p + rng.choice(["", "", r"\b", "(?! )", f"(?P<g{rng.randint(0, 10**6)}>x)?"]) for p in parts]
        return "(?:" + "|".join(parts) + ")"

    checked = 0
    for _ in range(400):
        pattern = rng.choice([r"\b", "", "§1 ", r"(?:a|b)"]) + alternation(0) + rng.choice(["", r"\b", " s", "(?=k)"])
        for flags in (0, re.I):
            try:
                plain = re.compile(pattern, flags)
            except re.error:
                continue
            fast = compile_rule(pattern, flags)
            assert fast.pattern == pattern and fast.flags == plain.flags
            assert _matches(fast, texts) == _matches(plain, texts), (pattern, flags)
            checked += 1
    assert checked > 500


def test_rules_are_compiled_grouped_not_silently_plain() -> None:
    """The grouping really happened: the rule's program differs from the plain one (not a silent fallback)."""
    from transforms.reader.teams import _ANCHORS

    rule = _ANCHORS["team_role"][0]  # the role words after a team's name, grouped by first letter
    plain = re.compile(rule.pattern)
    texts = ["Northbrook manager Jan Berg", "the Eastwick goalkeeper and captain", "fans, supporters, full-back"]
    assert rule is not plain and rule.pattern == plain.pattern
    assert _matches(rule, texts) == _matches(plain, texts)
    assert rule != plain  # patterns compare by their programs: the same source, a different program


def test_gate_tests_answer_as_opens_does() -> None:
    """The unrolled gates say what `opens` says, for every rule's gate, on sentences that hold some of its words."""
    rng = random.Random(3)
    words = sorted({w for g in GATES for c in g if isinstance(c, frozenset) for w in c})
    texts = [" ".join(rng.sample(words, rng.randint(0, 12))) for _ in range(400)] + [s.lower() for s in SENTENCES]
    answers = [[opens(g, t) for t in texts] for g in GATES]
    assert [[gate_test(g)(t) for t in texts] for g in GATES] == answers
    assert sum(map(sum, answers)) > 100  # texts that open gates, not only ones that close them
    assert gate_test(())("anything") and any_word_test(["kick", "'s"])("a free-kick") and not any_word_test(["x"])("")
