"""Events pass: goals, cards, substitutions, injuries and penalties, in any outlet's words.

Each prose sentence is templated: a person becomes `§k` (doc.people[k]; a pronoun or epithet that
stands for a player becomes that player's `§k`, 'his' becomes `§k's`), a coach or referee `¶`,
a team `¤k`. The phrases of `event_words.csv` then fire through a handful of structural rules, one
per `form` of the table:

    subject          §a ... scored             the actor stands before the words
    object           a goal from §a            the actor stands after them
    possessive       §a's header gave ...      the actor owns the noun
    team             ¤t took the lead          a team's goal, scorer not named here
    team_object      ¤t ... through §a         a team's goal and its scorer
    pair_subject     §a replaced §r            substitutions: on, then off
    pair_object      §r made way for §a        substitutions: off, then on
    saved_penalty    saved §a's penalty

`implies` adds what the words say beyond the event (penalty, own_goal, header, brace, hat_trick)
or what they need to count (needs_target: 'fired' only with 'into the net' or 'past the keeper').
Clocks come from the same stretch of the sentence, a live-text line's stamp, or "six minutes
later" after the previous event.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from transforms.gates import compile_rule
from transforms.minutes import MinuteMention, goal_count_at
from transforms.people import fold_name
from transforms.reader.doc import Doc, Template, template
from transforms.reader.lexicon import Lexicon, alternation, fill_slots, inflections
from transforms.reader.minutes import minutes_in
from transforms.records import EventMention

# between the actor and the words: no other acting person, no clause break; a possessive person
# ("§2's cross") or an object ("fouled by §1", "for ¤3") may stand there
GAP = (
    r"(?:[^§¶¤.;!?]|§\d+(?:'s|’s|')(?=\s)|(?<=by |of |to |on |at )§\d+|(?<=from |with |past |over )§\d+"
    r"|(?<= a )§\d+(?= \w)|¶|¤\d+(?:'s|’s|')(?=\s)|(?:(?<=v )|(?<=to |of |by |at |on |vs )|(?<=for )|(?<=over |past |with |from |beat )|(?<=against ))¤\d+"
    r"|(?<=the )¤\d+(?= (?:goal|box|area|defence|half|net|keeper|goalkeeper|fans|crowd|wall))"
    r"|¤\d+(?= (?:youth|academy|loanee|graduate|product|old boy|international|striker|defender|midfielder|forward|winger))"
    r")"
)
GAP_SHORT = GAP + r"{0,80}?"
GAP_LONG = GAP + r"{0,100}?"
TEAM_GOAL_VERBS = (
    r"opened the scoring|opening the scoring|took the lead|(?:take|took|taking) (?:a|an|the) (?:[\w-]+ ){0,3}?lead|taking the lead|went ahead|"
    r"went in front|equali[sz]ed|equali[sz]e|equali[sz]ing|levelled|leveled|level|drew level|brought it level|"
    r"pull(?:ed|s|ing)? (?:one|a goal) back|hit back|doubled their lead|doubled the lead|doubling their lead|extended their lead|"
    r"extending their lead|restored their lead|restore their lead|restoring their lead|restored their advantage|"
    r"retook the lead|scored|responded|replied|led|struck|went \d-\d up|won"
)
OBJECT_FILL = (  # 'the French striker X', 'defender X': no clause word, preposition, article or -ing verb
    r"(?:(?:the|his|her|their)\s+)?(?:(?!(?:while|when|as|after|before|but|and|because|with|on|for|to|of|in|at|by|"
    r"from|a|an|the)\b)(?![\w'’-]+ing\b)[\w'’-]+\s+){0,3}?"
)
TARGET = re.compile(
    r"^\s+(?:a|the|his|her)\s+(?:[\w-]+\s+)?(?:penalty|spot-kick|spot kick)\b|^\s+(?:the\s+)?(?:keeper|goalkeeper)\b"
    r"|^(?:\s+§\d+['’]s(?=\s))?(?:[^.;§]|(?<=a )§\d+(?= (?:corner|cross|free[- ]kick|pass|delivery)\b)){0,70}?(?:\b(?:into|in)\s+(?:the|an|his|her|a)\s+(?:[\w-]+\s+){0,3}?(?:net|goal|corner|roof|top|bottom)"
    r"|\bpast\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:§\d+|keeper|goalkeeper)|\bbeyond\s+(?:the\s+)?(?:§\d+|keeper|goalkeeper)"
    r"|\b(?:home|in)\b(?!\s+(?:§\d+['’]s|his|her)\s)(?!\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?(?:[\w-]+\s+)?(?:box|area|air|cross|corner|free-kick|ball|delivery|shot|pass|first|second|\d))"
    r"|\b(?:home|in)\s+(?:§\d+['’]s|his|her)\s+(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th)|maiden|debut)\b"
    r"|\binside\s+the\s+(?:far|near|left|right)"
    r"|\b(?:the|an?|a\s+late)\s+(?:winner|equali[sz]er|opener|go-ahead)|\binto\s+(?:an\s+)?empty\s+net|\bthe\s+(?:bottom|top)\s+(?:left\s+|right\s+)?corner"
    r"|\bthe\s+back\s+of\s+the\s+net|\bover\s+the\s+line|\bunder\s+[^.]{0,20}hands)",
    re.I,
)
SUCCESS_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:gave|give|put|earned|secured|sealed|won|made it|levelled|restored|handed|proved|was enough|"
    r"rescued|snatched|clinched|cancelled out|drew|broke|went in|flew in|crept in|found the net|deflected in|"
    r"was the difference|settled|decided|came in|came after|doubled|halved|pulled|hit the net|nestled|earn|earning|"
    r"salvaged?|rescue)\b",
    re.I,
)
INJURY_WORDS = re.compile(
    r"^[^.;]{0,60}?\b(?:injur\w*|knock|strain|problem|fracture|broken|tear|hamstring|ankle|knee|shin|hurt|limp\w*|"
    r"holding|clutching)\b",
    re.I,
)
GOAL_CONTEXT = re.compile(
    r"\b(?:scor\w*|equali[sz]\w*|level\w*|lead|ahead|in front|won|win|beat|beating|defeated|drew|net\w*|doubl\w*|restor\w*|pulled|hit back|"
    r"repl\w*|answer\w*|respond\w*|reduc\w*|halv\w*)\b[^.;]{0,40}\b(?:with|through|via|thanks to|courtesy of|after)\s+(?:[\w,¤]+\s+){0,4}$"
    r"|\b(?:thanks\s+to|courtesy\s+of)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}$",  # 'thanks to a late § strike'
    re.I,
)
PARTICIPLE = re.compile(r"^\s+(?:after|before|while|since|by|on)\s+$")


def _main_subject(text: str, before: int) -> int | None:
    """The first person of the template who is no object: the subject of the sentence."""
    for m in re.finditer(r"§(\d+)", text[:before]):
        if not re.search(
            r"(?:\b(?:with|to|by|for|from|on|at|over|past|and)\s+)$", text[max(0, m.start() - 10) : m.start()]
        ):
            return int(m[1])
    return None


_SUBORDINATE = re.compile(r"\b(?:where|when|whereas|although|though|as|after|because)\s+(?:[\w'’-]+\s+){0,2}?$")


def _subject_of_participle(text: str, a: int, w: int, actor: int) -> int:
    """'Varga succeeded where Olsen had failed, opening the scoring': a participle after a comma
    belongs to the main clause's subject, not to a person of a clause in between."""
    a = a - 1 if text[a - 1 : a] == "§" else a  # the group holds the index only
    if not re.search(r",\s*$", text[:w]) or not _SUBORDINATE.search(text, max(0, a - 30), a):
        return actor
    main = _main_subject(text, a)
    return main if main is not None else actor


TOLD_AS_GOAL = re.compile(
    r"\b(?:followed by|thanks to|through|courtesy of|via|with|from|after|before|cancelled out by|levelled by|"
    r"equali[sz]ed by|answered by|replied through|(?:dented|sunk|beaten|undone|stunned|settled|decided|won|rescued|"
    r"saved|punished) by)\s+(?:a\s+|an\s+)?$",
    re.I,
)
GOAL_WORD_BEFORE = re.compile(r"\b(?:goals?|scored|equali[sz]er|equali[sz]ed|opener|winner)\b", re.I)
CARD_WORDS = re.compile(r"\b(?:yellow|red|card|booking|caution|sent off)\b", re.I)
PENALTY_CLAUSE = re.compile(
    r"\b(?:penalty|spot[- ]kick|from the spot|pen)\b(?!\s+(?:area|box|shoot-?outs?|appeals?|claims?|decision|shout|competition))",
    re.I,
)
OWN_GOAL = re.compile(r"\bown[- ]goal\b|\bown net\b|\bown (?:keeper|goalkeeper)\b|\binto (?:his|her) own\b", re.I)
GOALISH = re.compile(r"\b(?:goal|scor\w*|behind|deficit|lead|ahead|in front|level\w*|equali[sz]\w*|opener|net)\b", re.I)
SECOND_YELLOW = re.compile(
    r"\bsecond (?:yellow|booking|caution|bookable)|\btwo (?:yellow cards|yellows|cautions|bookings|bookable)|\bdouble warning"
    r"|\bsecond (?:[a-z]+ )?(?:tackle|foul|offence|challenge)\b",  # 'sent off for a second rash tackle'
    re.I,
)
STRAIGHT_RED = re.compile(r"\bstraight red\b", re.I)
SCORE_NEXT = re.compile(r"^\s*\d{1,2}\s?[-–]\s?\d{1,2}")
PAIRED = re.compile(r"§(\d+)\s+(?:and|&)\s+(?:[a-z][\w-]*\s+|[A-Z][a-z]+\s+(?=[a-z]+\s+§)){0,2}§(\d+)")


@dataclass(slots=True, eq=False)
class Rule:
    """One (event, form) family of phrases: a trigger pattern over the phrases; the form's binder finds
    the actor (and the player replaced, or the team) around each trigger."""

    name: str
    event: str
    form: str
    trigger: re.Pattern[str]
    implies: dict[str, frozenset[str]]  # phrase (lower) -> implied tags
    cues: frozenset[str]  # a word every phrase of the rule holds one of: a sentence without any is skipped
    by_first: dict[str, re.Pattern[str]] = field(default_factory=dict)  # first word -> its phrases, anchored
    rest: re.Pattern[str] | None = None  # phrases opening with a wildcard, a stem or a team slot
    loose: tuple | None = None  # (letters -> tags, [(pattern, tags)]) for tags_of, built on first use

    def tags_of(self, phrase: str) -> frozenset[str]:
        """The tags of the row a matched phrase comes from: by its words, by its letters ('spot kick' for
        'spot-kick' rows aside), or by the pattern of a row with a wildcard or a team slot."""
        tags = self.implies.get(phrase)
        if tags is not None:
            return tags
        if self.loose is None:
            self.loose = _loose_index(self.implies)
        loose, patterned = self.loose
        tags = loose.get(phrase.replace(" ", ""))
        if tags is not None:
            return tags
        return next((t for rx, t in patterned if rx.fullmatch(phrase)), frozenset())

    def matches(self, text: str, at: dict[str, list[int]]) -> list[re.Match[str]]:
        """The trigger's matches in text, left to right (longest first where two start together), tried
        only where a phrase's first word stands (`at`: word -> its offsets): one big
        alternation scanned at every character is most of the reader's time otherwise."""
        found = []
        by_first = self.by_first
        for word, offsets in at.items():  # the sentence's few words looked up, not the rule's many
            rx = by_first.get(word)
            if rx is not None:
                found += [m for pos in offsets if (m := rx.match(text, pos))]
        if self.rest is not None:
            found += self.rest.finditer(text)
        found.sort(key=lambda m: (m.start(), -m.end()))
        return found  # overlapping ones too: 'to turn' failing its check leaves 'turn in' to be read


@lru_cache(maxsize=4)
def rules(lex: Lexicon) -> list[Rule]:
    """The event rules: for each event and form, one trigger over every phrase of that form."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in lex.rows("event_words"):
        if r["event"] in ("negation", "shootout"):
            continue
        groups.setdefault((r["event"], r["form"]), []).append(r)
    order = [
        "substitution",
        "second_yellow",
        "red_card",
        "yellow_card",
        "injury",
        "penalty_miss",
        "goal",
        "assist",
        "woodwork",
    ]
    out = []
    for event in order:
        for form in FORMS:
            rows = groups.get((event, form))
            if not rows:
                continue
            rows = rows + [
                {**r, "phrase": form_of}
                for r in rows
                if event in INFLECTED
                and form in ("subject", "team", "pair_subject", "pair_object")
                and "as_written" not in r["implies"].split()
                for form_of in other_forms(r["phrase"])
                if event not in CARD_EVENTS or (" " in r["phrase"] and form_of.split()[0].endswith("ing"))
            ]  # a card's -ing form only of a phrase ('getting a yellow card'): 'booking' is a noun, 'dismisses' news
            phrases = [r["phrase"].removeprefix("'s ").strip() for r in rows]
            implies = {_phrase_key(r["phrase"].removeprefix("'s ")): frozenset(r["implies"].split()) for r in rows}
            trigger = _trigger(phrases)
            by_first, rest = _indexed(phrases)
            cues = frozenset(_cue(p) for p in phrases)
            out.append(Rule(f"{event}/{form}", event, form, trigger, implies, cues, by_first, rest))
    return out


@lru_cache(maxsize=4)
def _rule_index(rules_: tuple[Rule, ...]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """First word -> the rules (by position) with a phrase opening on it; and the rules with phrases
    that open on a wildcard or a team slot, tried wherever their cue word stands."""
    index: dict[str, list[int]] = {}
    for i, rule in enumerate(rules_):
        for word in rule.by_first:
            index.setdefault(word, []).append(i)
    return {w: tuple(ix) for w, ix in index.items()}, tuple(i for i, r in enumerate(rules_) if r.rest is not None)


def candidate_rules(rules_: list[Rule], at: dict[str, list[int]]) -> list[tuple[Rule, dict[str, list[int]]]]:
    """The rules a sentence can fire, in rule order: those with a phrase opening on one of its words,
    each with those words' offsets (all of them for a rule that also scans: its `rest`)."""
    index, scanned = _rule_index(tuple(rules_))
    chosen: dict[int, dict[str, list[int]]] = {i: {} for i in scanned}
    for w, offsets in at.items():
        for i in index.get(w, ()):
            chosen.setdefault(i, {})[w] = offsets
    words = at.keys()
    return [(rules_[i], chosen[i]) for i in sorted(chosen) if not rules_[i].cues.isdisjoint(words)]


def _loose_index(implies: dict[str, frozenset[str]]):
    loose = {p.replace(" ", ""): t for p, t in implies.items()}
    patterned = [(re.compile(templated(alternation([p])), re.I), t)
                 for p, t in implies.items() if "*" in p or "¤" in p]  # fmt: skip
    return loose, patterned


def _trigger(phrases: list[str]) -> re.Pattern[str]:
    return compile_rule(rf"(?<![\w-])(?P<w>{templated(alternation(phrases))})(?![\w-])", re.I)


_PRONOUN_WORD = re.compile(r"(?<![\w'’])(?P<w>his|her|he|she)(?=\\s\+|\)|\||$)")


def templated(pattern: str) -> str:
    """A phrase pattern over templated text: its team slot reads any team ('¤3'), its 'his'/'her' the
    player a pronoun was read as ('§0's'), its 'he'/'she' the player ('§0')."""
    pattern = fill_slots(pattern, r"(?:the\s+)?¤\d+")
    return _PRONOUN_WORD.sub(
        lambda m: rf"(?:{m['w']}|§\d+['’]s)" if m["w"] in ("his", "her") else rf"(?:{m['w']}|§\d+)", pattern
    )


def _indexed(phrases: list[str]) -> tuple[dict[str, re.Pattern[str]], re.Pattern[str] | None]:
    """Phrases grouped by their first word (lower case), each group one anchored pattern; the phrases
    whose first word is a wildcard, a stem ('equalis-') or a team slot stay in one scanned pattern."""
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for p in phrases:
        first = p.split()[0].lower().replace("’", "'") if p.split() else ""
        if _WORD_TOKEN.fullmatch(first) and not first.endswith("-"):
            groups.setdefault(first, []).append(p)
        else:
            rest.append(p)
    return {w: _trigger(ps) for w, ps in groups.items()}, (_trigger(rest) if rest else None)


_WORD_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")


def word_offsets(text: str) -> dict[str, list[int]]:
    """Every word of a template (lower case) and where it starts: where a rule's phrases may begin."""
    at: dict[str, list[int]] = {}
    lowered = text.lower().replace("’", "'")
    if len(lowered) != len(text):  # a letter whose lower case is two characters: offsets would shift
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text).replace("’", "'")
    for m in _WORD_TOKEN.finditer(lowered):
        at.setdefault(m.group(), []).append(m.start())
    return at


def other_forms(phrase: str) -> list[str]:
    """The -ing and -s forms ('slotting home', 'limps off'), and the base form after 'to' ('rose to head
    in'): a bare base form is left out, being a noun as often as a verb ('a strike', 'the shot')."""
    forms = inflections(phrase)
    return [f for f in forms[1:] if f != phrase] + [f"to {forms[0]}"] if forms else []


_STOPWORDS = frozenset(
    ["a", "an", "the", "to", "of", "for", "in", "on", "at", "by", "with", "from", "his", "her", "their", "into", "and"]
)


def _cue(phrase: str) -> str:
    """The phrase's longest plain word (lower case): a sentence without it cannot hold the phrase."""
    words = [w.rstrip("-!") for w in phrase.lower().replace("’", "'").split()]
    plain = [w for w in words if w[:1].isalpha() and w not in _STOPWORDS and not w.endswith("-")]
    if not plain:
        plain = [w for w in words if w[:1].isalpha() and not w.endswith("-")] or [phrase.lower()]
    return max(plain, key=len)


_CUE_WORD = re.compile(r"[a-z][a-z'’-]*")


def _phrase_key(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.lower().replace("’", "'")).strip()


CARD_EVENTS = frozenset({"yellow_card", "red_card", "second_yellow"})
INFLECTED = frozenset({"goal", "substitution", "injury", "penalty_miss", "woodwork"}) | CARD_EVENTS
FORMS = ("pair_subject", "pair_object", "pair_object_into", "pair_possessive", "subject", "object", "possessive", "attributive",
         "for_to", "label", "team_object", "team", "saved_penalty", "as_did")  # fmt: skip


class Hit:
    """A rule's match in a template: the spans of its parts, read as a regex match would give them."""

    __slots__ = ("end_", "spans", "start_")

    def __init__(self, spans: dict[str, tuple[int, int]], start: int, end: int) -> None:
        self.spans, self.start_, self.end_ = spans, start, end

    def start(self, group: str | None = None) -> int:
        return self.start_ if group is None else self.spans[group][0]

    def end(self, group: str | None = None) -> int:
        return self.end_ if group is None else self.spans[group][1]

    def span(self, group: str) -> tuple[int, int]:
        return self.spans[group]

    def groupdict(self) -> dict[str, str | None]:
        return {k: self.text[a:b] for k, (a, b) in self.spans.items()}  # type: ignore[attr-defined]

    def __getitem__(self, group: str) -> str:
        a, b = self.spans[group]
        return self.text[a:b]  # type: ignore[attr-defined]


class _Hit(Hit):
    __slots__ = ("text",)

    def __init__(self, text: str, spans: dict[str, tuple[int, int]], start: int, end: int) -> None:
        super().__init__(spans, start, end)
        self.text = text


_ACTOR = re.compile(r"§(\d+)(?!\d|'s|’s)")
# "§0 celebrates with §1 and §2 after scoring": the ones celebrated with scored nothing
_WITH_COMPANIONS = re.compile(
    r"§(\d+)(?!\d)(?:['’]s)?\s+(?:[a-z]+\s+){1,3}?(?:with|alongside)\s+(?:[a-z-]+\s+){0,2}?"
    r"§\d+(?:(?:\s*,\s*|\s+and\s+)§\d+)*\s+(?:after|having|following)\s(?:[^§¤.;]{0,40}\s)?\Z"
)
_GAP_NEAR = re.compile(rf"{GAP}{{0,80}}")
_GAP_AND = re.compile(rf"{GAP}{{0,140}}\band\s+(?:then\s+|later\s+|also\s+)?")
_GAP_FAR = re.compile(rf"{GAP}{{0,100}}")
_RELATED_AFTER = re.compile(
    r"\s+(?:(?:the|an?)\s+)?(?:(?P<hurt>injured|stricken|limping|hobbling)\s+)?(?:[\w'’-]+\s+){0,3}?§(?P<r>\d+)"
)
_ACTOR_AFTER = re.compile(r"\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?§(?P<a>\d+)")
_ACTOR_INTO = re.compile(r"\s+§(?P<a>\d+)\s+(?:into the (?:fray|game|action)|on)\b")
_OBJECT_AFTER = re.compile(rf"\s+{OBJECT_FILL}§(?P<a>\d+)(?!\d|'s|’s)")
_POSSESSIVE_BEFORE = re.compile(r"§(?P<a>\d+)(?:'s|’s|')\s+(?:[\w-]+\s+){0,3}?\Z")
_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:[Aa]|[Aa]n|[Tt]he)\s+(?:[\w-]+\s+){0,2}?§(?P<a>\d+)\s+\Z")
_FOR_TO_BEFORE = re.compile(r"\b(?:for|found|allow\w*|leaving|left|enabl\w*|set up|teed up)\s+§(?P<a>\d+)\s+to\s+\Z")
_LABEL_BEFORE = re.compile(r"(?:\A|\n)\s*(?:[-•*–]\s*)?\Z")
_LABEL_AFTER = re.compile(r"[:!]?\s+§(?P<a>\d+)")
_AS_DID_AFTER = re.compile(r"\s+§(?P<a>\d+)(?!\d|'s|’s)")
_SAVED_AFTER = re.compile(r"\s+§(?P<a>\d+)(?:'s|’s|')\s+(?:[\w-]+\s+)?(?:penalty|spot[- ]kick)")
_POSSESSOR_BEFORE = re.compile(r"§(?P<r>\d+)(?:'s|’s)\s+(?:[a-z][\w-]*\s+)?\Z")
_NAMED_AFTER = re.compile(r"\s*,?\s+§(?P<a>\d+)(?!\d)")
_TEAM_BEFORE = re.compile(r"¤(?P<t>\d+)(?:\s+[^§¶¤.;!?]{0,40}?)?\s+\Z")
_TEAM_VERB_BEFORE = re.compile(
    rf"(?:¤(?P<t>\d+)[^§¶.;!?]{{0,40}}?)?(?<![\w-])(?P<v>{TEAM_GOAL_VERBS})[^§¶.;!?]{{0,50}}?\Z", re.I
)
_SCORER_AFTER = re.compile(
    r"\s+(?:(?:the|a|an)\s+)?(?:[\w'’,-]+\s+){0,5}?§(?P<a>\d+)(?!\d)"
    r"(?:(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?(?:effort|strike|header|goal|finish|shot|volley|penalty))?(?!'s|’s)"
)


_PARTICIPLE_LEAD = re.compile(r"\b(?:when|after|while|before|by|on)\s+$")
_OPENING_POSSESSOR = re.compile(r"\s*§(\d+)(?='s|’s)")


def _possessor_of_participle(text: str, ws: int) -> re.Match[str] | None:
    """ "X's afternoon had started badly when scoring an own goal": a participle whose sentence opens
    with a player's possessive is that player's."""
    if not text[ws:].split(" ", 1)[0].lower().endswith("ing") or not _PARTICIPLE_LEAD.search(text, max(0, ws - 8), ws):
        return None
    m = _OPENING_POSSESSOR.match(text)
    return m if m and not re.search(r"§\d+(?!\d|'s|’s)", text[m.end() : ws]) else None


def _actor_before(text: str, ws: int, gap: re.Pattern[str], *alternatives: re.Pattern[str]) -> re.Match[str] | None:
    """The earliest person before ws whose stretch of words up to ws is a valid gap (no other actor)."""
    for am in _ACTOR.finditer(text, max(0, ws - 150), ws):
        for g in (gap, *alternatives):
            if g.fullmatch(text, am.end(), ws):
                return am
    return None


def hits(rule: Rule, text: str, at: dict[str, list[int]] | None = None):
    """Every match of a rule in a template, each a Hit with the groups the checks read."""
    form = rule.form
    for t in rule.matches(text, word_offsets(text) if at is None else at):
        ws, we = t.span("w")
        spans = {"w": (ws, we)}
        if form in ("subject", "pair_subject", "pair_object", "pair_object_into"):
            gap = _GAP_NEAR if form == "subject" else _GAP_FAR
            extra = (_GAP_AND,) if form == "subject" else ()
            am = _actor_before(text, ws, gap, *extra)
            if am is not None and form == "subject":
                am = _WITH_COMPANIONS.search(text, max(0, ws - 160), ws) or am
            if am is None and form == "subject":
                am = _possessor_of_participle(text, ws)
            coordinated_vp = am is None and form == "subject"
            if coordinated_vp:  # '§0 opened the scoring ..., doubled the lead ..., and claimed a third'
                am = _COORDINATED_VP.match(text, 0, ws)
            if am is None:
                continue
            role = "a" if form in ("subject", "pair_subject") else "r"
            spans[role] = am.span(1)
            start, end = (ws if coordinated_vp else am.start()), we  # its own clause, its own clock
            if form == "pair_subject":
                rm = _RELATED_AFTER.match(text, we)
                if rm is None:
                    continue
                spans["r"] = rm.span("r")
                if rm["hurt"]:
                    spans["hurt"] = rm.span("hurt")
                end = rm.end()
            elif form in ("pair_object", "pair_object_into"):
                xm = (_ACTOR_AFTER if form == "pair_object" else _ACTOR_INTO).match(text, we)
                if xm is None:
                    continue
                spans["a"] = xm.span("a")
                end = xm.end()
            yield _Hit(text, spans, start, end)
            continue
        if form == "pair_possessive":  # "with his replacement §2's shot": §2 came on for the possessor
            bm = _POSSESSOR_BEFORE.search(text, max(0, ws - 40), ws)
            am = _NAMED_AFTER.match(text, we)
            if bm is None or am is None or bm["r"] == am["a"]:
                continue
            spans["r"], spans["a"] = bm.span("r"), am.span("a")
            yield _Hit(text, spans, bm.start(), am.end())
            continue
        if form in ("possessive", "attributive", "for_to", "team"):
            rx = {"possessive": _POSSESSIVE_BEFORE, "attributive": _ATTRIBUTIVE_BEFORE,
                  "for_to": _FOR_TO_BEFORE, "team": _TEAM_BEFORE}[form]  # fmt: skip
            lo = max(0, ws - 70)
            bm = rx.search(text, lo, ws)
            if bm is None:
                continue
            key = "t" if form == "team" else "a"
            spans[key] = bm.span(key)
            yield _Hit(text, spans, bm.start(), we)
            continue
        if form == "label":
            if not _LABEL_BEFORE.search(text, max(0, ws - 8), ws):
                continue
            xm = _LABEL_AFTER.match(text, we)
            if xm:
                spans["a"] = xm.span("a")
                yield _Hit(text, spans, ws, xm.end())
            continue
        if form == "team_object":
            vm = _TEAM_VERB_BEFORE.search(text, max(0, ws - 100), ws)
            xm = _SCORER_AFTER.match(text, we) if vm else None
            if xm is None:
                continue
            spans["a"], spans["v"] = xm.span("a"), vm.span("v")
            if vm["t"]:
                spans["t"] = vm.span("t")
            yield _Hit(text, spans, vm.start(), xm.end())
            continue
        after = {"object": _OBJECT_AFTER, "as_did": _AS_DID_AFTER, "saved_penalty": _SAVED_AFTER}[form]
        xm = after.match(text, we)
        if xm:
            spans["a"] = xm.span("a")
            yield _Hit(text, spans, ws, xm.end())


_CARD_UNDONE = re.compile(
    r"^[^.;]{0,60}\bbut\b[^.;]{0,50}?\b(?:overturned|rescinded|reversed|withdrawn|downgraded|cancelled)\b", re.I
)


@lru_cache(maxsize=4)
def negations(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    before = alternation(lex.phrases("event_words", event="negation", form="before"))
    after = alternation(lex.phrases("event_words", event="negation", form="after"))
    shootout = alternation(lex.phrases("event_words", event="shootout"))
    return (
        re.compile(rf"(?<![\w-])(?:{templated(before)})(?![\w-])", re.I),
        re.compile(rf"^[^.;§]{{0,30}}?(?<![\w-])(?:{templated(after)})(?![\w-])", re.I),
        re.compile(rf"(?<![\w-])(?:{shootout})(?![\w-])", re.I),
    )


# ---- the pass ------------------------------------------------------------------------------------


def read(doc: Doc) -> None:
    """Fill doc.events from prose and line-ups, each tied to a fixture of the article."""
    if not doc.matches:
        doc.events = []
        return
    reader = SentenceReader(doc)
    events: list[EventMention] = []
    for k, (s0, s1) in enumerate(doc.sentences):
        events += reader.read(k, s0, s1)
    events += reader.heading_scorers()
    events += sheet_events(doc)
    doc.events = events


class SentenceReader:
    """The per-article state events need: the clock of the last event, the fixture being told."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.rules = rules(doc.lex)
        self.neg_before, self.neg_after, self.shootout = negations(doc.lex)
        self.last_minute: int | None = None
        self.pending: tuple[int, int | None, int] | None = None  # a goal's clock told before its scorer
        self.current = 0
        self.here = 0
        self.sentence_only: int | None = None
        self.ref_starts = sorted(doc.pronouns)
        self.ref_keys = [r[0] for r in self.ref_starts]
        self.people_order = sorted(range(len(doc.people)), key=lambda i: doc.people[i].char_start)
        self.people_starts = [doc.people[i].char_start for i in self.people_order]

    def read(self, k: int, s0: int, s1: int) -> list[EventMention]:
        doc = self.doc
        lo, hi = bisect_left(self.people_starts, s0), bisect_left(self.people_starts, s1)
        people = [i for i in self.people_order[lo:hi] if doc.people[i].char_end <= s1]
        lo, hi = bisect_left(self.ref_keys, s0), bisect_left(self.ref_keys, s1)
        refs = [r for r in self.ref_starts[lo:hi] if r[1] <= s1]
        teams = doc.teams_in(s0, s1)
        self.sentence_only = None
        self.current = self.fixture_for(s0, s1, teams)
        self.here = self.sentence_only if self.sentence_only is not None else self.current
        if not people and not refs and not teams:
            self.keep_clock(s0, s1)
            return []
        tpl = self.template_of(s0, s1, people, refs, teams)
        if "§" not in tpl.text and "¤" not in tpl.text:
            self.keep_clock(s0, s1)
            return []
        found = self.fire(tpl)
        out = []
        for f in found:
            ev = self.to_event(tpl, f, s0, s1)
            if ev is not None:
                if ev.event_type == "goal" and ev.minute is None and self.pending and k - self.pending[2] == 1:
                    ev.minute, ev.added_time = self.pending[0], self.pending[1]
                    self.last_minute = ev.minute + (ev.added_time or 0)
                    self.pending = None
                out.append(ev)
                count = goal_count_at(doc.text, ev.char_end) if ev.event_type == "goal" else None
                if count:  # 'strikes from Varga (2), Olsen and Berg': two goals, no clock
                    ev.minute = ev.added_time = None
                    out += [replace(ev, rule=ev.rule + "/more") for _ in range(count - 1)]
                    continue
                clocks = self.listed_clocks(ev, f, tpl) if ev.event_type == "goal" else []
                if clocks:
                    ev.minute, ev.added_time = clocks[0]
                    for minute, added in clocks[1:]:  # "scored twice (56', 75')": one goal per clock
                        out.append(replace(ev, minute=minute, added_time=added, rule=ev.rule + "/listed"))
                out += extra_goals(ev, f, len(clocks))
        if not found:
            self.remember_goal_clock(k, s0, s1)
        if not out:
            self.keep_clock(s0, s1)
        return out

    def keep_clock(self, s0: int, s1: int) -> None:
        """'A save on 54 minutes. A minute later X fired home': 'later' counts from the last clock told."""
        told = [mm for mm in minutes_in(self.doc, s0, s1) if mm.minute is not None]
        if told:
            self.last_minute = told[-1].minute + (told[-1].added or 0)

    def template_of(self, s0: int, s1: int, people: list[int], refs: list, teams: list) -> Template:
        """The sentence with players as §k (others as ¶), pronouns standing for players as §k, teams as ¤k."""
        doc = self.doc
        marks = []
        for i in people:
            p = doc.people[i]
            marks.append((p.char_start, p.char_end, f"§{i}" if p.role == "player" else "¶"))
        for s, e, i, poss in refs:
            marks.append((s, e, f"§{i}'s" if poss else f"§{i}"))
        marks += doc.team_marks(teams)
        if "." in doc.text[s0 : s1 - 1]:  # 'since Oct. 29, blasted ...': an abbreviation's dot ends no clause
            marks += [
                (m.start(), m.start() + len(m[1]), m[1][:-1]) for m in _MONTH_ABBREVIATION.finditer(doc.text, s0, s1)
            ]
        return template(doc.text, s0, s1, marks)

    def listed_clocks(self, ev: EventMention, f: Found, tpl: Template) -> list[tuple[int, int | None]]:
        """Clocks in brackets right after the scorer's name or right after the words of the goal."""
        clocks = bracket_minutes(self.doc.text, ev.char_end)
        if not clocks:
            _, end = tpl.span(f.words[0], f.words[1])
            clocks = bracket_minutes(self.doc.text, end) or minute_list(self.doc.text, end)
        return clocks

    def remember_goal_clock(self, k: int, s0: int, s1: int) -> None:
        """'They found themselves behind in the 12th minute' names no scorer: its clock waits for the
        next sentence's goal ('He was beaten to the ball by X, who rolled into an empty net')."""
        if not GOALISH.search(self.doc.text, s0, s1):
            return
        inside = [m for m in minutes_in(self.doc, s0, s1) if m.minute is not None]
        named = any(s0 <= p.char_start < s1 and p.role == "player" for p in self.doc.people)
        if len(inside) == 1 and not named and GOALISH.search(self.doc.text, s0, s1):
            self.pending = (inside[0].minute, inside[0].added, k)
            self.last_minute = inside[0].minute + (inside[0].added or 0)

    def fire(self, tpl: Template) -> list[Found]:
        """Every rule's matches in one templated sentence; an actor is claimed once per event family."""
        found: list[Found] = []
        claimed: set[tuple[str, int | str]] = set()
        shootout = bool(self.shootout.search(tpl.text)) and not any(
            mm.minute is not None or mm.relative is not None for mm in minutes_in(self.doc, tpl.start, tpl.end)
        )  # "volleyed in in stoppage time to send the tie to a shoot-out" is a goal
        persons, teams = "§" in tpl.text, "¤" in tpl.text
        at = word_offsets(tpl.text)
        for rule, firsts in candidate_rules(self.rules, at):
            if not (teams if rule.form == "team" else persons):
                continue
            taken: list[tuple[int, int]] = []  # words of this rule already read: an overlapping phrase is
            for m in hits(rule, tpl.text, firsts):  # tried only when the longer one failed its checks
                ws, we = m.span("w")
                if any(ws < b and a < we for a, b in taken):
                    continue
                f = self.check(tpl, rule, m, shootout)
                if f is None:
                    continue
                taken.append((ws, we))
                if rule.form == "as_did":  # "X scored a brace, as did Y": Y did what X did
                    told = [g for g in found if g.rule.event == "goal" and g.start < m.start()]
                    if not told:
                        continue
                    f = Found(
                        told[-1].rule,
                        f.actor,
                        None,
                        None,
                        f.start,
                        f.end,
                        told[-1].phrase,
                        told[-1].tags,
                        False,
                        f.words,
                    )
                key = (family(rule.event), f.actor if f.actor is not None else f"t{f.team_ref}")
                if key in claimed and rule.event != "goal":
                    continue
                if (
                    rule.event == "goal"
                    and key in claimed
                    and "brace" not in f.tags
                    and "hat_trick" not in f.tags
                    and not (
                        _NEXT_VERB_PHRASE.search(tpl.text, max(0, ws - 12), ws)
                        and not re.match(r"(?:to\s|\w+ing\b)", m["w"], re.I)
                    )
                ):  # '..., doubled the lead in the 50th, and claimed a third in the 75th': each its own goal
                    _lend_team(found, f, tpl.text)
                    continue
                pairs = respective_pairs(tpl.text, f) if rule.form == "pair_subject" else []
                found += [replace(f, actor=a, related=r) for a, r in pairs] or [f]
                claimed.add(key)
                claimed.update((family(rule.event), a) for a, _ in pairs)
                for partner in coordinated(tpl.text, f.actor, m, rule.form):
                    pkey = (family(rule.event), partner)
                    if pkey not in claimed:
                        found.append(
                            Found(
                                rule, partner, f.related, f.team_ref, f.start, f.end, f.phrase, f.tags, False, f.words
                            )
                        )
                        claimed.add(pkey)
                if f.hurt and f.related is not None and (("injury", f.related) not in claimed):
                    found.append(
                        Found(
                            self._injury_rule(),
                            f.related,
                            None,
                            None,
                            f.start,
                            f.end,
                            "injured",
                            frozenset(),
                            False,
                            f.words,
                        )
                    )
                    claimed.add(("injury", f.related))
        # a team's goal told in the same sentence as a named scorer's is that scorer's goal
        named = [f for f in found if f.rule.event == "goal" and f.actor is not None]
        team_goals = [f for f in found if f.rule.form == "team" and f.rule.event == "goal"]
        later = [t for t in team_goals if named and t.start > max(n.end for n in named)]  # 'Varga scored twice
        team_goals = [t for t in team_goals if t not in later]  # before Eastwick pulled one back': a goal of its own
        if len(team_goals) == 1:  # "Eastwick equalised, with Varga doing the honours": the goal told twice
            after = [n for n in named if n.start >= team_goals[0].start]
            scorer = after if len(after) == 1 else named if len(named) == 1 else []
            if scorer and scorer[0].team_ref is None:
                scorer[0].team_ref = team_goals[0].team_ref
        return [f for f in found if not (f.rule.form == "team" and named and f not in later)]

    def _injury_rule(self) -> Rule:
        return next(r for r in self.rules if r.event == "injury")

    def check(self, tpl: Template, rule: Rule, m: re.Match[str], shootout: bool) -> Found | None:
        """One match to a Found, or None when the words around say it did not happen."""
        phrase = _phrase_key(m["w"])
        tags = rule.tags_of(phrase)
        text = tpl.text
        after = text[m.end() :]
        if rule.event in ("goal", "penalty_miss") and shootout:
            return None
        if rule.event == "goal" and _IN_THE_SHOOTOUT.match(after):
            return None  # 'scored two penalties in the shootout': kicks, not goals, whatever clock the sentence has
        if "needs_target" in tags and not TARGET.match(after):
            return None
        if "needs_score" in tags and not SCORE_NEXT.match(after):
            return None
        if "needs_injury" in tags and not INJURY_WORDS.match(after):
            return None
        if rule.event == "injury" and _OFF_THE_BENCH.match(after):
            return None  # 'came off the bench for the injured X': came on
        if "needs_participle" in tags and not (
            m.groupdict().get("a")
            and m.groupdict().get("t")
            and not text[m.end("w") : m.start("a") - 1].strip()
            and _PARTICIPLE_NEXT.match(after)
        ):  # the team's verb, then the player at once
            return None  # 'levelled with §1 getting in front', never 'equalised with ten men after §1 ...'
        if "needs_off" in tags and not re.match(r"\s+off\b", after):
            return None  # 'a knock forced §0 off', never 'forced §0 into a mistake'
        if "needs_card_context" in tags and not CARD_WORDS.search(text):
            return None
        if rule.event == "goal" and m["w"].lower().endswith("scoring") and SCORING_ADJECTIVE.match(after):
            return None  # 'produced a scoring chance', 'a scoring touch': an adjective, no goal
        if "delivery" in tags and re.search(
            r"\b(?:from|onto|on to|met|meets|meeting|converted|headed in)\s+$", text[max(0, m.start() - 20) : m.start()]
        ):
            return None  # "a header from X's free kick": X delivered it, someone else's goal
        if tags & _COUNTED and _COUNT_OF_TIME.match(after):
            tags = tags - _COUNTED  # 'scored four minutes into the second half': one goal and a clock
        if "ordinal_goal" in tags and NOT_A_GOAL_NOUN.match(after):
            return None  # "his second in the 58th minute", never "his second language"
        if "needs_goal_for" in tags and not GOAL_FOR.match(after):
            return None  # 'teed up X for the third' is X's goal; 'set up X' alone is not
        if "needs_finish" in tags and not FINISH_AFTER.match(after):
            return None  # 'spun to beat the keeper with a first-time effort'
        if "needs_object" in tags and not GOAL_OBJECT.match(after):
            return None  # 'grabbed the opener', never 'grabbed at his hamstring'
        if rule.event == "goal" and SEASON_TALLY.match(after):
            return None  # 'has scored six goals for Eastwick this season': a tally, no match event
        if rule.event == "goal" and NOUN_BEFORE.search(text, max(0, m.start("w") - 30), m.start("w")):
            return None  # "X's goal that made it 1-0": the goal is told by its noun, not by a new scorer
        if "adjacent" in tags and not (m.groupdict().get("a") and ADJACENT.fullmatch(text, m.end("a"), m.start("w"))):
            return None  # 'Olsen on for Varga', never '... booked late on for shoving Varga'
        if "needs_success" in tags and not (
            SUCCESS_AFTER.match(after)
            or (self.doc.lex is not None and _benefit_words(self.doc.lex).match(text, m.end()))  # '... fired ¤ ahead'
            or TOLD_AS_GOAL.search(text[max(0, m.start() - 25) : m.start()])
            or SCORING_MODIFIER.search(text, max(0, m.start("w") - 25), m.start("w"))
        ):
            return None
        if "needs_goal_context" in tags and not (
            SUCCESS_AFTER.match(after)
            or GOAL_CONTEXT.search(text[max(0, m.start() - 60) : m.start()])
            or GOAL_WORD_BEFORE.search(text[: m.start()])
            or _concedes(self.doc.lex, text[max(0, m.start() - 60) : m.start()])  # 'fell behind to a § header'
            or (self.doc.lex is not None and _benefit_words(self.doc.lex).match(text, m.end()))  # '... fired ¤ ahead'
        ):
            return None
        if rule.event in ("goal", "yellow_card", "red_card", "second_yellow", "substitution", "injury"):
            lo = m.start("a") if m.groupdict().get("a") and m.start("a") < m.start("w") else m.start()
            clause_start = max(text.rfind(",", 0, lo), text.rfind(";", 0, lo), text.rfind(" but ", 0, lo), lo - 14, 0)
            to = _LEADING_TO.match(m["w"])  # 'failed to score': the negation stands before the infinitive's 'to'
            if self.neg_before.search(text, clause_start, m.start("w") + (to.end() if to else 0)):
                return None
            if rule.event == "goal" and (
                self.neg_after.match(after)
                or re.match(
                    r"^[^.;]{0,40}\bbut\b[^.;]{0,40}\b(?:disallowed|ruled out|offside|chalked off|called back|overturned)",
                    after,
                )
            ):
                return None
            if rule.event in ("yellow_card", "red_card", "second_yellow") and _CARD_UNDONE.match(after):
                return None  # 'was booked for diving, but the decision was overturned'
            if rule.event == "goal" and re.search(
                r"\bnot\s+(?:\w+\s+)?$", text[max(0, m.start("w") - 12) : m.start("w")]
            ):
                return None
        if rule.form == "subject" and _SPEAKER_BEFORE.search(text, max(0, m.start("w") - 20), m.start("w")):
            return None  # '"... had we scored our other chances"': the speakers' side, no player's goal
        if rule.form == "pair_subject" and _PASSIVE_BEFORE.search(text, max(0, m.start("w") - 25), m.start("w")):
            return None  # '§0 limped off and was replaced by §1': the passive is read by pair_object
        actor = int(m["a"]) if m.groupdict().get("a") else None
        related = int(m["r"]) if m.groupdict().get("r") else None
        team = int(m["t"]) if m.groupdict().get("t") else None
        if (
            rule.form == "subject"
            and actor is not None
            and PARTICIPLE.search(text, m.end("a"), m.start("w") + 1)
            and m["w"].lower().endswith("ing")
        ):
            actor = _main_subject(text, m.start()) or actor  # "X celebrates with Y after scoring": X scored
        if (
            rule.form == "subject"
            and actor is not None
            and _LEADING_TO.match(m["w"])
            and _AFTER_PREP.search(text, max(0, m.start("a") - 14), m.start("a") - 1)
        ):  # 'profited from an error from X to score': X is the one the error came from, not the scorer
            actor = _main_subject(text, m.start("a") - 1)
            if actor is None:
                return None
        if rule.form == "subject" and actor is not None and m["w"].split()[0].lower().endswith("ing"):
            actor = _subject_of_participle(text, m.start("a"), m.start("w"), actor)
        if rule.form == "subject":
            absolute = _WITH_BEFORE.search(text, max(0, m.start("w") - 20), m.start("w"))
            if absolute:  # 'Varga scored, with §1 providing the assist', '... with §1 booked': §1 acts
                actor = int(absolute[1])
        if rule.form == "subject" and actor is not None and "," in text[m.end("a") : m.start("w")]:
            rel = _INSIDE_RELATIVE.search(text, max(0, m.start("a") - 80), m.start("a") - 1)
            if rel:  # '§1, who replaced §2 in the 77th minute, scored': §1 scored
                actor = int(rel[1])
        if rule.form == "subject" and actor is not None:
            gap = text[m.end("a") : m.start("w")]
            who = list(re.finditer(r"§(\d+)(?:'s|’s)?,?\s+(?:who|whose)\b", text[m.start("a") : m.start("w")]))
            if who:
                actor = int(who[-1][1])  # "felled by the defender, who was sent off": the one before 'who'
            elif owner := _OWNER_BEFORE.search(gap):
                actor = int(owner[1])  # "X fouled Y and picked up his second booking": the booking is his
            elif re.search(r"\band\s+(?:then\s+|later\s+|also\s+)?$", gap) and "§" in gap:
                actor = _main_subject(text, m.start("w")) or actor  # "X tackles Y ... and receives a booking"
        if actor is not None and self.doc.people[actor].role != "player":
            return None
        return Found(
            rule, actor, related, team, m.start(), m.end(), phrase, tags, bool(m.groupdict().get("hurt")), m.span("w")
        )

    # ---- one found event to a record ----------------------------------------------------------
    def to_event(self, tpl: Template, f: Found, s0: int, s1: int) -> EventMention | None:
        doc = self.doc
        rule = f.rule
        if f.actor is None and rule.form != "team":
            return None
        t0, t1 = tpl.span(f.start, f.end)
        if f.actor is not None:
            actor = doc.people[f.actor]
            a_start, a_end = _actor_span(tpl, f)
        else:
            actor = None
            a_start, a_end = t0, t1
        minute, added = self.minute_of(tpl, f, s0, s1, t0, t1)
        clause = doc.text[min(t0, a_start) : max(t1, self.zone_end(tpl, f, s1, t1))]
        etype = rule.event
        is_pen = "penalty" in f.tags or (etype == "goal" and bool(PENALTY_CLAUSE.search(clause)))
        if etype == "red_card" and SECOND_YELLOW.search(clause) and not STRAIGHT_RED.search(clause):
            etype = "second_yellow"
        team = self.team_of_event(tpl, f)
        own = "own_goal" in f.tags or (etype == "goal" and bool(OWN_GOAL.search(clause)))
        if own and "own_goal" not in f.tags:
            team = None  # "deflected it past his own keeper to bring Chelsea level": Chelsea is the other side
        ev = EventMention(
            event_type=etype,
            char_start=a_start,
            char_end=a_end,
            player_name=actor.name if actor else None,
            team=team,
            related_player_name=doc.people[f.related].name if f.related is not None else None,
            minute=minute,
            added_time=added,
            is_penalty=is_pen and etype == "goal",
            is_own_goal=own,
            rule=f"{rule.name}/{f.phrase}",
            fixture_index=self.here,
        )
        if minute is not None:
            self.last_minute = minute + (added or 0)
        return ev

    def minute_of(self, tpl: Template, f: Found, s0: int, s1: int, t0: int, t1: int) -> tuple[int | None, int | None]:
        """The clock of an event: a time phrase in its stretch of the sentence (nearest the words), the
        scene-setting minute before any name, the live-text line's stamp, or 'N minutes later'."""
        doc = self.doc
        lo = min(t0, doc.people[f.actor].char_start) if f.actor is not None else t0
        hi = self.zone_end(tpl, f, s1, t1)
        inside = minutes_in(doc, s0, s1)
        zone = [m for m in inside if lo - 40 <= m.start and m.end <= hi and not self.told_of_another(f, s0, m, lo)]
        mm: MinuteMention | None = None
        if zone:  # nearest the event's own words, after them rather than before
            at = tpl.span(*f.words)[0] if f.words[1] > f.words[0] else t0
            mm = min(zone, key=lambda m: abs(m.start - at) + (0 if m.start >= at else 15))
        else:
            first_person = min((p.char_start for p in doc.people if s0 <= p.char_start < s1), default=s1)
            scene = [m for m in inside if m.end <= first_person]
            if len(scene) == 1:
                mm = scene[0]
        if mm is None:
            stamp = doc.line_minutes.get(doc.line_at(s0)[0])
            if stamp is not None:
                return stamp.minute, stamp.added
            return None, None
        if mm.relative is not None:
            if self.last_minute is None:
                return None, None
            total = self.last_minute + mm.relative
            if total > 90 and not doc.extra_time:
                return 90, total - 90
            return total, None
        return mm.minute, mm.added

    def told_of_another(self, f: Found, s0: int, mm: MinuteMention, lo: int) -> bool:
        """'X was sent off in the 80th minute and Y later saw red': a clock before this actor that follows
        another player's name is that player's."""
        if mm.start >= lo:
            return False
        people = self.doc.people
        return any(
            i not in (f.actor, f.related) and people[i].role == "player" for i in self.people_between(s0, mm.start)
        )

    def zone_end(self, tpl: Template, f: Found, s1: int, t1: int) -> int:
        """Where this event's stretch of the sentence ends: at the next acting person after it."""
        doc = self.doc
        for i in self.people_between(t1, s1):
            p = doc.people[i]
            if i in (f.actor, f.related):
                continue
            if _PERSON_AS_OBJECT.search(doc.text, max(0, p.char_start - 30), p.char_start) and not (
                _WITH_RAW.search(doc.text, max(0, p.char_start - 6), p.char_start)
                and _PARTICIPLE_NEXT.match(doc.text, p.char_end)
            ):
                continue  # an object; but 'with X doubling the lead' is X acting
            if not doc.text[t1 : p.char_start].strip() and _POSSESSIVE.match(doc.text, p.char_end):
                continue  # 'headed in Olsen's cross in the 20th minute': the object's owner acts in no clause
            return p.char_start
        return s1

    def people_between(self, start: int, end: int) -> list[int]:
        """Indexes of the people named from start to end, in text order."""
        return self.people_order[bisect_left(self.people_starts, start) : bisect_left(self.people_starts, end)]

    def team_of_event(self, tpl: Template, f: Found) -> str | None:
        """The actor's team when the words say it: 'for ¤', '¤ took the lead through §', '(¤)' after the name."""
        doc = self.doc
        if f.team_ref is not None:
            return _team_or_side(doc, f.team_ref)
        text = tpl.text
        m = re.search(r"¤(\d+)", f.phrase_text(text)) if f.rule.event == "goal" else None
        if m:
            return _team_or_side(doc, int(m[1]))
        after = text[f.end : f.end + 50]
        m = re.match(r"^[^§.;]{0,30}?\bfor\s+(?:the\s+)?(?:host\s+|hosts\s+)?¤(\d+)", after)
        if m and f.rule.event in ("goal", "substitution"):
            return _team_or_side(doc, int(m[1]))
        m = _LEAD_TO.match(after)
        if m and f.rule.event == "goal":  # "made it 2-1 to the home side": the side now ahead scored it
            return _team_or_side(doc, int(m[1]))
        m = _benefit_words(doc.lex).match(text, f.end) if f.rule.event == "goal" and doc.lex is not None else None
        if m and not _NO_BENEFIT.match(text, m.end()):
            helped = _team_or_side(doc, int(m[1]))  # "§0's strike gave ¤ the win": the team it helped is his
            if "own_goal" not in f.tags:
                return helped
            return self.other_side(helped)  # "§0's own goal put ¤ in front": he plays for the other side
        m = _AND_THEN_WON.match(text, f.end) if f.rule.event == "goal" and "own_goal" not in f.tags else None
        if m:  # "§0 scored in the 12th minute and ¤ beat ¤ 2-1": the side that won is his
            return _team_or_side(doc, int(m[1]))
        if f.actor is not None:
            a = text.find(f"§{f.actor}")
            m = re.match(r"§\d+\s*\(¤(\d+)\)", text[a:]) if a >= 0 else None
            if m:
                return doc.teams[int(m[1])].team
        if f.rule.event == "goal" and f.rule.form in ("object", "attributive"):
            return self.subject_side(text, f)
        return None

    def other_side(self, team: str | None) -> str | None:
        """The other team of the match being told ('@home' and '@away' swap)."""
        if team is None:
            return None
        if team.startswith("@"):
            return "@away" if team == "@home" else "@home"
        home, away = self.doc.match_teams(self.here)
        return away if team == home else home if team == away else None

    def subject_side(self, text: str, f: Found) -> str | None:
        """'Eastwick hit back with strikes from §1 and §2': a goal told as a noun belongs to the team the
        sentence is about; 'Eastwick trailed to a §1 penalty', '... were stunned by a §1 header': to the
        other side (the conceding words are `team_words.csv` rows `concede`)."""
        m = None
        for m in _TEAM_SUBJECT.finditer(text, 0, f.start):
            pass  # the clause subject nearest before the goal's words
        if m is None or f.start - m.end() > 160:
            return None
        between = text[m.end() : f.start]
        if re.search(r"[.;:\"“”]|(?<!from )(?<!by )(?<!through )(?<!and )(?<!, )(?<!a )(?<!an )§\d|¶", between):
            return None  # another clause, a quote, or a person acting between them
        team = _team_or_side(self.doc, int(m[1]))
        if team is None or not (_concedes(self.doc.lex, between) or _AGENT_BEFORE.search(between)):
            return team
        if team.startswith("@"):
            return "@away" if team == "@home" else "@home"
        home, away = self.doc.match_teams(self.here)
        return away if team == home else home if team == away else None

    # ---- which fixture a sentence tells -------------------------------------------------------
    def fixture_for(self, s0: int, s1: int, teams) -> int:
        """A round-up's section, else the match whose teams this sentence names, else the one being told."""
        doc = self.doc
        for sc in doc.scopes:
            if sc.start <= s0 < sc.end:
                return sc.match
        named = {t.team for t in teams if t.team}
        if named and len(doc.matches) > 1:
            hits = [k for k, m in enumerate(doc.matches) if {m.home_team, m.away_team} & named]
            if self.current in hits:
                return self.current
            if hits:
                told = [k for k in hits if s0 <= doc.matches[k].char_start < s1]
                k = told[0] if told else hits[0]
                # a result told inside a quote or brackets ('(beating Zaragoza 4-1 on Saturday)') holds for
                # its own sentence only; told in the narrative, it starts telling that match
                if k != 0 and _aside(doc.text, doc.matches[k].char_start, s0):
                    self.sentence_only = k
                    return self.current
                if k != 0 and _relative(doc.text, doc.matches[k].char_start, s0):
                    return self.current
                return k
        return self.current

    # ---- structured blocks ----------------------------------------------------------------------
    def heading_scorers(self) -> list[EventMention]:
        """Scorer lists printed with a score heading: 'Liverpool (2) 3 (Varga 32, 51, Olsen 39)', or on the
        lines under it ('• Varga 32’, 116’' / '• Olsen 37’'; 'Berg (61', 91')' under a score box): the
        first list is the home side's, the second the away side's."""
        doc = self.doc
        out: list[EventMention] = []
        for h in doc.headings:
            k = next((i for i, m in enumerate(doc.matches)
                      if {m.home_team, m.away_team} >= {_team_at(doc, h.first[0]), _team_at(doc, h.second[0])}), None)  # fmt: skip
            if k is None or any(h.scorers):
                continue
            lists = scorer_lines(doc, h.end)
            if not lists:
                continue
            first, second = _team_at(doc, h.first[0]), _team_at(doc, h.second[0])
            if len(lists) == 1 and 0 in h.goals:
                sides = [first if h.goals[0] else second]
            else:
                sides = [first, second][: len(lists)]
            for span, team in zip(lists, sides, strict=False):
                out += scorer_list(doc.text, span, team, k)
        for h in doc.headings:
            k = next((i for i, m in enumerate(doc.matches) if doc.text[h.first[0] : h.first[1]] and
                      {m.home_team, m.away_team} >= {_team_at(doc, h.first[0]), _team_at(doc, h.second[0])}), None)  # fmt: skip
            if k is None:
                continue
            for side, span in zip((h.first, h.second), h.scorers, strict=True):
                if span is None:
                    continue
                team = _team_at(doc, side[0])
                out += scorer_list(doc.text, span, team, k)
        return out


@dataclass(slots=True)
class Found:
    rule: Rule
    actor: int | None
    related: int | None
    team_ref: int | None
    start: int
    end: int
    phrase: str
    tags: frozenset[str]
    hurt: bool = False
    words: tuple[int, int] = (0, 0)  # template span of the lexicon phrase itself

    def phrase_text(self, text: str) -> str:
        return text[self.words[0] : self.words[1]]


def _aside(text: str, pos: int, s0: int) -> bool:
    """Is pos inside quoted speech or brackets (counted from the paragraph's start)?"""
    para = text.rfind("\n\n", 0, pos) + 1
    before = text[para:pos]
    quotes = before.count('"') + before.count("“") + before.count("”")
    return quotes % 2 == 1 or before.count("(") > before.count(")")


SCORING_ADJECTIVE = re.compile(
    r"\s+(?:chances?|opportunit\w+|positions?|touch|record|run|streak|form|spree|charts|boots|"
    r"sheet|ability|instincts?|threat|burden|responsibility)\b",
    re.I,
)
_COUNTED = frozenset({"brace", "hat_trick", "four"})
_COUNT_OF_TIME = re.compile(r"\s*(?:minutes?|mins?|seconds|secs)\b", re.I)
NOT_A_GOAL_NOUN = re.compile(
    r"\s+(?!(?:goal|goals|strike|header|effort|finish|of|in|on|at|from|after|before|came|was|arrived|just|and|with|"
    r"for|to|soon|moments|minutes|seconds|shortly|late|early|then|when|as|a|an|the)\b)[a-z]+\b"
)


def _lend_team(found: list[Found], f: Found, text: str) -> None:
    """'Varga headed home to give Northbrook the lead': the second phrase tells no second goal, but whose
    goal the first one was."""
    slot = re.search(r"¤(\d+)", f.phrase_text(text))
    ref = f.team_ref if f.team_ref is not None else int(slot[1]) if slot else None
    if ref is None or "own_goal" in f.tags:
        return
    for g in found:
        if g.rule.event == "goal" and g.actor == f.actor and g.team_ref is None:
            g.team_ref = ref
            return


SCORING_MODIFIER = re.compile(
    r"\b(?:match-winning|game-winning|winning|decisive|opening|equalising|equalizing|"
    r"consolation|clinching|late winning)\s+$",
    re.I,
)  # "his match-winning strike"
GOAL_FOR = re.compile(
    r"\s*(?:for\s+(?:the|his|her|a|an)\s+(?:[\w-]+\s+)?(?:opener|winner|equali[sz]er|second|third|fourth|fifth|sixth|goal|header|finish)"
    r"|to\s+(?:score|head|fire|slot|tap|volley|nod|curl|stroke|sweep|rifle|drill|finish|convert)\b)",
    re.I,
)
FINISH_AFTER = re.compile(
    r"\s+(?:the\s+)?(?:§\d+|keeper|goalkeeper)\s+(?:with|from)\s+(?:a|an|his|her)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:effort|shot|strike|finish|header|volley|drive|chip|lob)\b",
    re.I,
)
GOAL_OBJECT = re.compile(r"\s+(?:a|an|the|his|her|their|two|three|four|\w+(?:st|nd|rd|th))\b", re.I)
SEASON_TALLY = re.compile(
    r"\s+(?:\w+\s+){0,2}goals\b[^.;]{0,40}?\b(?:this|that|last) (?:season|campaign|term|year)\b", re.I
)
NOUN_BEFORE = re.compile(r"\b(?:goal|strike|header|effort|finish|penalty|volley)\s+(?:that|which)\s+$", re.I)
_LEAD_TO = re.compile(r"\s*\d{1,2}\s?[-–]\s?\d{1,2}\s+to\s+(?:the\s+)?¤(\d+)")
_PERSON_AS_OBJECT = re.compile(
    r"(?:\b(?:on|onto|into|for|by|from|past|over|with|against|to|of|beat|beyond|round)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:goalkeeper|keeper|defender|team-mate|teammate|substitute)\s+)?|(?:'s|’s)\s+)$"
)
_MONTH_ABBREVIATION = re.compile(r"\b((?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)\s+\d")
_TEAM_SUBJECT = re.compile(
    r"(?:^\s*|[,;]\s+|\b(?:but|while|and|as|before|after|when|then)\s+)(?:[Tt]he\s+)?¤(\d+)(?!'|’)(?:\s+[a-z][\w-]*){0,2}?(?=\s)"
)
_AGENT_BEFORE = re.compile(
    r"(?:\bby|(?<!thanks )(?<!due )(?<!owing )(?<!back )\bto)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}\Z"
)


@lru_cache(maxsize=4)
def _concede_words(lex: Lexicon) -> re.Pattern[str]:
    words = lex.phrases("team_words", means="concede")
    return re.compile(rf"\b(?:{alternation(words)})\b", re.I) if words else re.compile(r"(?!)")


@lru_cache(maxsize=4)
def _benefit_words(lex: Lexicon) -> re.Pattern[str]:
    """After a goal's words, the team it helped: 'gave ¤', 'put ¤ 3-2 up', 'a famous win for a young ¤ side'
    (`team_words.csv` rows `benefit`), in the goal's clause."""
    words = lex.phrases("team_words", means="benefit")
    if not words:
        return re.compile(r"(?!)")
    return re.compile(
        rf"[^§¶.;:]{{0,60}}?\b(?:{alternation(words)})\s+(?:(?:the|a|an|ten-man|10-man)\s+)?(?:[\w-]+\s+){{0,2}}?¤(\d+)",
        re.I,
    )


_AND_THEN_WON = re.compile(  # AP's lead: '§ scored twice and the ¤ beat ¤ 2-0', '... and ¤ held on to beat ¤'
    r"[^§¶.;:]{0,60}?\band\s+(?:the\s+)?¤(\d+)\s+(?:(?:held|hung)\s+on\s+to\s+)?"
    r"(?:beat|defeated|topped|edged|downed|blanked|routed|won|rallied\s+to\s+beat|held\s+off)\b"
)
_NO_BENEFIT = re.compile(  # "gave ¤ a mountain to climb", "sent ¤ crashing out": the team it hurt
    r"(?:['’]s)?\s+(?:(?:a|an|the|their|its|first|second|late|heavy|\w+ing)\s+){0,2}"
    r"(?:defeat|loss|beating|hammering|thrashing|mountain|blow|setback|scare|headache|problems?|trouble|out)\b",
    re.I,
)


def _concedes(lex: Lexicon | None, between: str) -> bool:
    return lex is not None and bool(_concede_words(lex).search(between))


_BRACKETED = re.compile(r"\s*\([^()§¤]{1,12}\)")
_COORDINATED_VP = re.compile(r"\s*§(\d+)(?!\d)(?:(?!§)[^.;:])*,\s+(?:and\s+)?(?:then\s+|later\s+)?\Z")
_NEXT_VERB_PHRASE = re.compile(r",\s+(?:and\s+)?(?:then\s+|later\s+)?\Z")
_WITH_RAW = re.compile(r"\bwith\s+\Z")
_WITH_BEFORE = re.compile(r"\bwith\s+§(\d+)\s+\Z")
_PARTICIPLE_NEXT = re.compile(r"\s+(?:[a-z]+ly\s+)?[a-z]+ing\b")
_OFF_THE_BENCH = re.compile(r"\s+the\s+(?:substitutes'?\s+)?bench\b", re.I)
_IN_THE_SHOOTOUT = re.compile(r"[^.;]{0,40}?\b(?:in|during)\s+the\s+(?:penalty\s+)?shoot-?out\b", re.I)
_INSIDE_RELATIVE = re.compile(  # '§1, who replaced §2 ...,' and '§1, who is from Long Beach, §2 (a place),'
    r"§(\d+),\s+(?:who|whose)\s+(?:[^,;§]*|(?:is|was|hails)\s+(?:originally\s+)?from\s+[^;]{0,60}?,\s+)\Z"
)
_SPEAKER_BEFORE = re.compile(
    r"\b(?:we|they|I|you)\s+(?:(?:had|have|has|would|could|should|might|also|then|just)\s+)?\Z", re.I
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|get|gets|got)\s+(?:[a-z]+ly\s+)?\Z")
_OWNER_BEFORE = re.compile(r"§(\d+)(?:'s|’s)\s+\Z")
_POSSESSIVE = re.compile(r"(?:'s|’s|')\s")
_AFTER_PREP = re.compile(r"\b(?:from|by|of|past|over|with|against|beat|beating|on)\s+(?:the\s+)?$")
_LEADING_TO = re.compile(r"to\s+(?:be\s+)?", re.I)
ADJACENT = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?")
_RELATIVE = re.compile(r"[^,.;]{0,40}?,\s+(?:who|which|whose)\s")


def _relative(text: str, pos: int, s0: int) -> bool:
    """'... to keep pressure on Eastwick, who beat Southport 3-1': a result in a relative clause is said in
    passing; the sentence's events stay with the match being told."""
    return pos > s0 and bool(_RELATIVE.match(text, pos, pos + 60))


def _team_or_side(doc: Doc, k: int) -> str | None:
    """A team word's team; for 'the hosts' / 'the visitors' the side ('@home', '@away'), placed by settle."""
    ref = doc.teams[k]
    if ref.team:
        return ref.team
    return f"@{ref.side}" if ref.side else None


def _actor_span(tpl: Template, f: Found) -> tuple[int, int]:
    """The actor's words in the article: the name, or the pronoun or epithet standing for it."""
    token = f"§{f.actor}"
    k = tpl.text.find(token, f.start, f.end + 1)
    if k < 0:
        k = tpl.text.find(token)
    if k < 0:
        return tpl.span(f.start, f.end)
    return tpl.span(k, k + len(token))


def family(event: str) -> str:
    if event in ("yellow_card", "second_yellow", "red_card"):
        return "card"
    return event


_LISTED_BEFORE = re.compile(
    r"§(\d+)(?:\s*\([^()§]{1,12}\))?(?:\s*,\s*|(?:\s*,)?\s+(?:and|&)\s+(?:the\s+)?"
    r"(?:(?!(?:while|when|as|but|who|after|before|then|was|were|had|has)\b)[a-z][\w-]*\s+){0,2})\Z"
)


def listed_before(tpl: str, actor_start: int) -> list[int]:
    """'§1 (90+13) and the substitutes §2 and §3 were sent off': everyone listed before the actor."""
    out, pos = [], actor_start
    while m := _LISTED_BEFORE.search(tpl, max(0, pos - 60), pos):
        if _AFTER_PREP.search(tpl, max(0, m.start() - 12), m.start()) and (
            " and " not in m[0] or _OBJECT_OF.search(tpl, max(0, m.start() - 12), m.start())
        ):
            break  # 'pulled back by §1, §2 earned himself a red card', 'a clash with §1 and §2 came on'
            # (an agent or the object of a preposition, then the subject)
        out.append(int(m[1]))
        pos = m.start()
    return out


def respective_pairs(tpl: str, f: Found) -> list[tuple[int, int]]:
    """'§1 and §2 come on for §3 and §4 (respectively)': the first for the first, the second for the second."""
    before = re.search(r"§(\d+)\s+(?:and|&)\s+$", tpl[: f.start])
    rel = re.search(rf"§{f.related}(?!\d)\s+(?:and|&)\s+§(\d+)(?!\d|'s)", tpl[f.start :])
    if not before or not rel or f.actor is None or f.related is None:
        return []
    return [(int(before[1]), f.related), (f.actor, int(rel[1]))]


_OBJECT_OF = re.compile(r"\b(?:with|by|from|against|over|to|for|of|on|past|beyond)\s+$")


def coordinated(tpl: str, actor: int | None, m: re.Match[str], form: str) -> list[int]:
    """'§1 and §2 scored', 'goals from §1, §2 and §3': the others who share the words."""
    if actor is None or form in ("pair_subject", "pair_object", "pair_possessive", "possessive", "team"):
        return []
    out = []
    if form == "subject":
        for p in PAIRED.finditer(tpl, 0, m.start() + len(str(actor)) + 1):
            if int(p[2]) == actor and not _OBJECT_OF.search(tpl, max(0, p.start() - 12), p.start()):
                out.append(int(p[1]))  # never 'a clash with §1 and §2 came on': §1 is the clash's
        out += listed_before(tpl, m.start())
        lst = re.search(rf"((?:§\d+,\s+)+)§\d+,?\s+and\s+§{actor}(?!\d)", tpl)
        if lst:
            out += [int(x) for x in re.findall(r"§(\d+)", lst[1])]
            first = re.search(r"§(\d+),?\s+and\s+§" + str(actor) + r"(?!\d)", tpl)
            if first:
                out.append(int(first[1]))
    elif form in ("object", "team_object"):
        tail = _BRACKETED.sub(lambda b: " " * len(b[0]), tpl[m.end() :])  # 'from §1 (2), §2 and §3'
        tail = tail.replace(" ,", ",")
        for x in re.finditer(r"^\s*(?:,\s*|\s+and\s+|,\s+and\s+)§(\d+)(?!\d|'s)", tail):
            out.append(int(x[1]))
        chain = re.match(r"\s*((?:\s*(?:,\s*|\s+and\s+|,\s+and\s+)§\d+(?!\d|'s))+)", tail)
        if chain:
            out = [int(x) for x in re.findall(r"§(\d+)", chain[1])]
    return [p for p in dict.fromkeys(out) if p != actor]


_MARK = r"(?:['’′]|st|nd|rd|th)?"  # '24'', '24th': a minute's mark, if any
_BRACKET_MINUTES = re.compile(
    rf"\s*\(\s*(?P<list>\d{{1,3}}\s*{_MARK}\s*(?:\+\s*\d{{1,2}}\s*{_MARK})?(?:\s*[,;]\s*\d{{1,3}}\s*{_MARK}\s*(?:\+\s*\d{{1,2}}\s*{_MARK})?)*)\s*\)"
)
_ONE_CLOCK = re.compile(rf"(\d{{1,3}})\s*{_MARK}\s*(?:\+\s*(\d{{1,2}}))?")


def bracket_minutes(text: str, pos: int) -> list[tuple[int, int | None]]:
    """'Rios (24', 54', 72', 90'+1)', 'scored twice (56', 75')': the clocks listed in brackets at pos."""
    m = _BRACKET_MINUTES.match(text, pos)
    if not m:
        return []
    out = []
    for c in _ONE_CLOCK.finditer(m["list"]):
        minute, added = int(c[1]), int(c[2]) if c[2] else None
        if minute > 130:
            return []
        out.append((minute, added))
    return out


_NTH = r"(\d{1,3})(?:st|nd|rd|th)"
_MINUTE_LIST = re.compile(
    rf"[ \t]+(?:in|on)[ \t]+the[ \t]+{_NTH}((?:[ \t]*,[ \t]*{_NTH})*),?[ \t]+and[ \t]+(?:the[ \t]+)?{_NTH}[ \t]+minutes?\b"
)


def minute_list(text: str, pos: int) -> list[tuple[int, int | None]]:
    """'found the net in the 7th, 10th, 11th and 30th minute', 'in the 21st and 61st minutes': a goal
    phrase told once for every minute listed after it."""
    m = _MINUTE_LIST.match(text, pos)
    if not m:
        return []
    minutes = [int(m[1]), *(int(x) for x in re.findall(r"\d{1,3}", m[2] or "")), int(m[4])]
    return [(n, None) for n in minutes] if all(1 <= n <= 120 for n in minutes) else []


def extra_goals(ev: EventMention, f: Found, listed: int = 0) -> list[EventMention]:
    """A brace is two goals, a hat-trick three, a quadruple four: the others untimed, unless told apart
    elsewhere (or listed in brackets: then one goal per clock, added by the caller)."""
    n = 1 if "brace" in f.tags else 2 if "hat_trick" in f.tags else 3 if "four" in f.tags else 0
    out = []
    for _ in range(max(0, n - max(0, listed - 1))):
        out.append(
            EventMention(
                "goal",
                ev.char_start,
                ev.char_end,
                ev.player_name,
                ev.team,
                None,
                None,
                None,
                False,
                False,
                ev.rule + "/more",
                ev.fixture_index,
            )  # fmt: skip
        )
    return out


def _team_at(doc: Doc, pos: int) -> str | None:
    for t in doc.teams:
        if t.start == pos:
            return t.team
    return None


_SCORER_TOKEN = re.compile(
    r"(?P<og>\b(?:OG|O\.G\.)\b)|(?P<name>[^\W\d_][\w'’.\-]*(?:\s+(?!(?i:pen|p|og)\b)[^\W\d_][\w'’.\-]*){0,3})"
    r"|(?P<min>\d{1,3})\s*(?:\+\s*(?P<add>\d{1,2}))?\s*['’′]?"
)
_FLAG_WORDS = {"pen": "pen", "p": "pen", "p.": "pen", "og": "og", "o.g.": "og", "own goal": "og"}


def scorer_list(text: str, span: tuple[int, int], team: str | None, fixture: int) -> list[EventMention]:
    """'Varga 32, 51, Olsen 39', 'Berg 6, (pen) 60', 'OG 24′, Kral 72′', 'Marsh (og) 42', 'Kell (61', 91')':
    each minute goes to the name before it; 'pen' and 'og' beside a minute mark that goal."""
    out: list[EventMention] = []
    name: tuple[int, int] | None = None
    own_name = False
    pending_flag = ""
    for m in _SCORER_TOKEN.finditer(text, *span):
        if m["og"]:
            name, own_name = (m.start(), m.end()), True
            continue
        if m["name"]:
            word = m["name"].lower().rstrip(".")
            if word in ("pen", "p", "og", "o.g", "own goal"):
                flag = _FLAG_WORDS.get(word, _FLAG_WORDS.get(word + ".", ""))
                if (
                    out
                    and out[-1].char_start == (name or (0, 0))[0]
                    and not pending_flag
                    and re.search(r"\d\s*['’′]?\s*\(?\s*$", text[span[0] : m.start()])
                ):
                    last = out[-1]
                    last.is_penalty |= flag == "pen"
                    if flag == "og":
                        last.is_own_goal, last.team = True, None
                else:
                    pending_flag = flag
                continue
            name, own_name = (m.start(), m.end()), False
            continue
        if name is None:
            continue
        minute = int(m["min"])
        added = int(m["add"]) if m["add"] else None
        if minute > 130:
            continue
        own = own_name or pending_flag == "og"
        player = None if own_name else text[name[0] : name[1]]
        out.append(
            EventMention(
                "goal",
                name[0],
                name[1],
                player,
                None if own else team,
                None,
                minute,
                added,
                pending_flag == "pen",
                own,
                "sheet_heading_scorers",
                fixture,
            )  # fmt: skip
        )
        pending_flag = ""
    return out


_SCORER_LINE = re.compile(
    r"(?:[-•*–]\s*)?(?:[A-ZÀ-Ý][\w'’.\-]*(?:\s+[A-ZÀ-Ý][\w'’.\-]*){0,3}\s*(?:\(\s*)?(?:(?:pen|og|p)\.?\s+)?\d{1,3}\s*(?:\+\s*\d{1,2})?\s*['’′]?"
    r"(?:\s*(?:\(?(?:pen|og|p)\.?\)?))?(?:\s*,\s*\d{1,3}\s*(?:\+\s*\d{1,2})?\s*['’′]?(?:\s*\(?(?:pen|og|p)\.?\)?)?)*\s*\)?\s*[,;]?\s*)+"
)


_SIDES_SPLIT = re.compile(r"\s+[-–—]\s+|\s*;\s*|\s*\|\s*")


def _both_sides(text: str, s: int, e: int) -> list[tuple[int, int]] | None:
    """A bracketed line holding the home scorers, a dash (or ';'), then the away scorers; a side that
    scored nothing may be left empty ('(Varga 4′ – )'). None when the line is not that."""
    if not (text[s] == "(" and text[e - 1] == ")"):
        return None
    cut = list(_SIDES_SPLIT.finditer(text, s + 1, e - 1))
    if len(cut) != 1:
        return None
    parts = [(s + 1, cut[0].start()), (cut[0].end(), e - 1)]
    if not all(not text[a:b].strip() or (_SCORER_LINE.fullmatch(text, a, b) and re.search(r"\d", text[a:b]))
               for a, b in parts):  # fmt: skip
        return None
    return parts


def scorer_lines(doc: Doc, after: int) -> list[tuple[int, int]]:
    """The lines right under a score heading that are only scorers and minutes (at most two)."""
    out = []
    lines = [ln for ln in doc.lines if ln[0] >= after][:6]
    skipped = 0
    headings = {h.start for h in doc.headings}
    for s, e in lines:
        line = doc.text[s:e]
        if s in headings or doc.teams_in(s, e):
            break  # the next match's score line, not this one's scorers
        sides = _both_sides(doc.text, s, e) if not out else None
        if sides:  # '(Varga 4′, Berg 51′ – Olsen 45′)': both sides' scorers on one bracketed line
            return sides
        a, b = (s + 1, e - 1) if line[:1] == "(" and line[-1:] == ")" else (s, e)  # '(Kral 12', Kell 80')'
        if _SCORER_LINE.fullmatch(doc.text, a, b) and re.search(r"\d", line) and re.search(r"[A-Za-z]{3}", line):
            out.append((a, b))
            if len(out) == 2:
                break
        elif out and (skipped or len(line) > 15):
            break
        elif out:
            skipped += 1  # "FT(HT: 0-1)" between the two sides' lists
    return out


def sheet_events(doc: Doc) -> list[EventMention]:
    """Events the line-ups and summaries list, tied to the match of the sheet's team (or of the section it
    stands in, else the main one); a sheet's side ('home'/'away') becomes that match's team."""
    from transforms.reader.teams import canonical_name, team_of_tag

    out: list[EventMention] = []
    for sheet in doc.sheets:
        label = canonical_name(doc.book, sheet.team, doc) if sheet.team else None
        k = next((i for i, m in enumerate(doc.matches) if label in (m.home_team, m.away_team)), None)
        if k is None:
            k = next((sc.match for sc in doc.scopes if sc.start <= sheet.char_start < sc.end), 0)
        match = doc.matches[k]
        for e in sheet.events:
            if e.team in ("home", "away"):
                doc.side_events.append(e)
                e.team = match.home_team if e.team == "home" else match.away_team
            elif e.team:
                e.team = team_of_tag(e.team, (match.home_team, match.away_team)) or canonical_name(
                    doc.book, e.team, doc
                ) or e.team
            e.fixture_index = k
            out.append(e)
    return out


# "Eastwick striker Varga", "Eastwick's Varga": on one line (a heading's last team is not the next line's player's)
_LABEL_GAP = re.compile(r"(?:'s|’s|')?[^\S\n]+(?:[\w-]+[^\S\n]+){0,2}?(?:(?:[\w-]+)[^\S\n]+)?")
_NOT_HIS_TEAM = re.compile(
    r"\b(?:former|ex|old|against|v|vs|beat|beating|over|to|from|past|and|loanee|loan|academy|youth|product|graduate)\b"
)
_PLAYS_FOR = re.compile(r"[^.;]{0,50}?\bfor\s+(?:the\s+)?(?:host\s+|hosts\s+)?([A-Z][\w'’. -]{1,30}?)(?=[\s,.;])")
_TEAM_IN_BRACKETS = re.compile(r"\s*\(([^)]{2,30})\)")


def player_votes(doc: Doc) -> dict[str, Counter[str]]:
    """Which team each player plays for, from the words: '¤ goalkeeper §', '§ (¤)', '¤'s §', '§ ... for ¤'.
    Kept on the doc while its people, their binding and its teams stay as they are (several passes ask)."""
    key = (len(doc.people), len(doc.binding), len(doc.teams), id(doc.people))
    if doc.votes_key != key:
        doc.votes, doc.votes_key = _player_votes(doc), key
    return doc.votes


def _player_votes(doc: Doc) -> dict[str, Counter[str]]:
    from transforms.reader.teams import canonical_name

    text = doc.text
    votes: dict[str, Counter[str]] = {}
    starts = {t.start: t for t in doc.teams if t.team}
    for p in doc.people:
        if p.role != "player":
            continue
        key = fold_name(doc.binding.get(p.name, p.name))
        before = [
            t for t in doc.teams_in(max(0, p.char_start - 80), p.char_start) if t.team and p.char_start - t.end <= 60
        ]
        for t in before[-1:]:
            gap = text[t.end : p.char_start]
            if _LABEL_GAP.fullmatch(gap) and not _NOT_HIS_TEAM.search(gap + text[max(0, t.start - 10) : t.start]):
                votes.setdefault(key, Counter())[t.team] += 2
        m = _PLAYS_FOR.match(text, p.char_end, p.char_end + 70)
        if m:
            hit = starts.get(m.start(1))
            if hit:
                votes.setdefault(key, Counter())[hit.team] += 1
        m = _TEAM_IN_BRACKETS.match(text, p.char_end, p.char_end + 40)
        if m:
            team = canonical_name(doc.book, m[1], doc)
            if team and any(t.team == team for t in doc.teams):
                votes.setdefault(key, Counter())[team] += 2
    return votes
