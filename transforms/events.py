"""Match events in prose: goals, cards, substitutions, injuries, penalties and the finer moments.

Each sentence is turned into a template where every person becomes `§k` and every team `¤`,
so one small set of patterns per event family reads "§3 was sent off", "§1 replaced §0",
"a penalty from §2" whatever the names are. The actor's span is the name's span in the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from transforms.gates import any_word_test, compile_rule, gate_for, gate_test
from transforms.minutes import MinuteMention
from transforms.records import PersonMention

P = r"§(?P<p>\d+)"
R = r"§(?P<r>\d+)"
_GAP = (  # a possessive name ("§2's cross") or an object ("watched by §1", "for ¤") is no subject
    r"(?:[^§¤.;!?]|§\d+(?:'s|’s|'|’)(?=\s)|¤(?:'s|’s|'|’)|(?<=by |of |to )§\d+"
    r"|(?:(?<=for )|(?<=against )|(?<=over )|(?<=with ))¤|(?:(?<= a )|(?<= an ))§\d+(?= \w)"
    r")"
)
G = _GAP + r"{0,40}?"  # a short gap inside a clause, no other acting person
GL = _GAP + r"{0,90}?"
NEG = compile_rule(
    r"\b(?:almost|nearly|should have|could have|would have|went close|came close|disallowed|ruled out|"
    r"chalked off|denied|wasted|missed|failed to|before|if|unless|hoping|hopes|will|would)\b",
    re.I,
)
MISS_AFTER = compile_rule(
    r"^[^.;]{0,25}\b(?:wide|over the bar|over|against the (?:post|bar|crossbar|woodwork)|"
    r"onto the (?:post|bar)|the (?:post|bar|crossbar|woodwork|upright)|straight at|saved|"
    r"blocked|off target)\b",
    re.I,
)

GOAL_STRONG = (
    r"(?:scored|scores|netted|nets|notched|bagged|grabbed|opened the scoring|equali[sz]ed|equali[sz]es|"
    r"levelled|leveled|converted|converts|slotted|slots|tapped in|tapped home|found the net|"
    r"found the back of the net|pulled (?:one|a goal) back|reduced the deficit|completed the scoring|"
    r"wrapped up|sealed (?:it|the win|victory|the points)|doubled (?:the|their|his) (?:lead|advantage)|"
    r"added (?:a|the) (?:second|third|fourth|fifth|sixth|late|consolation|fine)|got the winner|"
    r"struck the winner|hit the winner|headed the winner|scored the winner|restored (?:the|their) lead|"
    r"put \S+(?: \S+)? (?:ahead|in front)|gave \S+(?: \S+)? (?:the|a|an) (?:\w+ )?lead|gave ¤ hope|"
    r"(?:fired|shot|headed|put|drew) ¤ level|drew ¤ (?:back )?level|"
    r"rolled (?:the|his) (?:penalty|spot[- ]kick) home|dispatched (?:a|the|his) (?:penalty|spot[- ]kick)|"
    r"buried (?:a|the|his) (?:penalty|spot[- ]kick|chance|header|shot|effort)|"
    r"made no (?:such )?mistake|broke the deadlock|made it \d-\d|put ¤ on the (?:board|scoresheet)|"
    r"(?:dispatched|converted|buried|smashed|rolled|slotted|struck) (?:a|the|his|her) (?:[\w-]+ ){0,2}"
    r"(?:penalty|spot[- ]kick)|got (?:the|his) goal|had (?:earlier )?scored|"
    r"to give ¤ (?:a |an |the )?(?:\w+ )?(?:victory|win|lead|advantage|point|draw|hope)|"
    r"(?:gave|put) \S+ (?:an? )?(?:\w+ )?(?:start|lead|advantage) with (?:a|his|her) (?:\w+ )?(?:goal|header|"
    r"strike|penalty|finish|volley))"
)
GOAL_WEAK = (
    r"(?:fired|fires|drilled|drills|headed|heads|nodded|nods|curled|curls|volleyed|volleys|smashed|"
    r"lashed|blasted|rifled|steered|swept|bundled|turned|poked|stabbed|glanced|side-footed|chipped|"
    r"lobbed|prodded|thumped|hammered|powered|struck|strikes|finished|rolled|drove|placed|sent(?! off)|"
    r"send(?! off)|squeezed|flicked|reacted|met|tapped|slid|scuffed|deflected|firing|drilling|heading|"
    r"nodding|curling|volleying|smashing|lashing|blasting|rifling|steering|sweeping|poking|chipping|"
    r"lobbing|prodding|powering|striking|finishing|rolling|driving|placing|sending(?! off)|squeezing|"
    r"flicking|tapping|sliding)"
)
GOAL_NEAR = r"\s+(?:\w+\s+){0,2}?(?:home|in)\b(?! the (?:box|area|air|first|second|\d))(?!\s+(?:a|the|his|her) cross)"
GOAL_TARGET = (
    r"(?:\bpast (?:keeper |goalkeeper )?§\d+|\bpast (?:the "
    r"(?:goalkeeper|keeper|stranded|helpless|diving)|§\d+)|\bbeyond (?:the|§\d+)|\bthe winner\b|"
    r"\bthe equali[sz]er\b|\bthe opener\b|\binto (?:the|an|his own|her own) (?:\w+ ){0,3}?(?:net|goal|"
    r"corner|roof)\b|\bthe (?:bottom|top) (?:left |right )?corner\b|\bthe back of the net\b)"
)
GOAL_NOUN_SURE = r"(?:goal|penalty|spot[- ]kick|double|brace|winner|equali[sz]er|opener|tap-in|own goal|hat-trick)"
GOAL_NOUN = (
    r"(?:goal|strike|header|volley|finish|effort|penalty|spot[- ]kick|shot|double|brace|winner|equali[sz]er|"
    r"opener|tap-in|free[- ]kick|lob|chip)"
)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    template: str
    people: list[PersonMention]
    index: list[int]  # template offset -> text offset, per char of template


SENTENCE_END = compile_rule(r"(?<!\b[A-Z])(?<!\bSt)(?<!\bMr)(?<!\bvs)[.!?]+[\"”’')]*(?=\s+[\"“‘(]?[A-Z0-9]|\s*$)|\n+")
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


def template(text: str, s0: int, s1: int, people: list[PersonMention], teams: list[tuple[int, int]]) -> Sentence:
    """The sentence with `§k` for people and `¤` for teams; index maps template chars back to text."""
    marks = sorted(
        [(p.char_start, p.char_end, f"§{k}") for k, p in enumerate(people)]
        + [
            (a, b, "¤")
            for a, b in teams
            if s0 <= a and b <= s1 and not any(p.char_start < b and a < p.char_end for p in people)
        ]
    )
    out: list[str] = []
    index: list[int] = []
    pos = s0
    for a, b, tag in marks:
        if a < pos:
            continue
        out.append(text[pos:a])
        index.extend(range(pos, a))
        out.append(tag)
        index.extend([a] * len(tag))
        pos = b
    out.append(text[pos:s1])
    index.extend(range(pos, s1))
    return Sentence(s0, s1, "".join(out), people, index)


# (event_type, rule name, pattern over the template). `p` is the actor, `r` the related player.
FAMILIES: list[tuple[str, str, str]] = [
    # substitutions first: "replaced" must not read as anything else
    (
        "substitution",
        "sub_replaced",
        rf"{P}{GL}\b(?:replaced|replacing|came on for|came on in place of|came off the bench "
        rf"(?:to replace|for)|on for|was introduced for|took over from|stepped in for)\s+"
        rf"(?:the\s+)?(?:(?P<hurt>injured|stricken|limping|hobbling)\s+)?{R}",
    ),
    (
        "substitution",
        "sub_made_way",
        rf"{R}{GL}\b(?:made way for|was replaced by|was substituted by|was taken off for|"
        rf"was withdrawn for|being substituted by|being replaced by|replaced by)\s+{P}",
    ),
    ("substitution", "sub_replacement", rf"{R}{GL}\b(?:his|her) (?:replacement|substitute)\s+{P}"),
    (
        "substitution",
        "sub_implicit",
        rf"^(?P<imp>)(?:[^§.;!?]){{0,90}}?\b(?:being substituted by|was replaced by|was "
        rf"substituted by|made way for|being replaced by)\s+{P}",
    ),
    (
        "substitution",
        "sub_replace_him",
        rf"{P}{GL}\b(?:came on to replace|came on for|replaced|replacing)\s+"
        rf"(?P<pron>him|her)\b",
    ),
    # cards
    (
        "second_yellow",
        "card_second_yellow",
        rf"{P}{GL}\b(?:second (?:yellow|booking|caution)|two yellow cards|"
        rf"booked (?:for the|a) second time)",
    ),
    ("second_yellow", "card_second_yellow_for", rf"\bsecond (?:yellow(?: card)?|booking|caution)\s+(?:for|to)\s+{P}"),
    (
        "red_card",
        "card_sent_off",
        rf"{P}{G}\b(?:was|were|got|had been|been|is|being)?\s*(?:sent off|dismissed|red[- ]carded|sent for "
        rf"an early bath|given his marching orders)",
    ),
    (
        "red_card",
        "card_shown_red",
        rf"{P}{G}\b(?:was shown|received|got|picked up|saw|earned|collected)\s+(?:a\s+)?"
        rf"(?:straight\s+|second\s+|late\s+|\w+\s+)?red(?: card)?",
    ),
    ("red_card", "card_saw_red", rf"{P}{G}\bsaw red"),
    ("red_card", "card_red_for", rf"\b(?:red card|sending[- ]off|dismissal)\s+(?:for|to|of)\s+{P}"),
    ("red_card", "card_possessive_red", rf"{P}(?:'s|’s|')\s+(?:\S+\s+){{0,2}}?(?:sending[- ]off|dismissal|red card)"),
    ("red_card", "card_reduced", rf"\breduced to (?:10|ten|nine|9) men\b{GL}\bwhen\s+{P}"),
    (
        "yellow_card",
        "card_booked",
        rf"{P}{G}\b(?:was|were|got|had been|been|is)?\s*(?:booked|cautioned|yellow[- ]carded)",
    ),
    (
        "yellow_card",
        "card_shown_yellow",
        rf"{P}{G}\b(?:was shown|received|got|picked up|collected|earned)\s+(?:a\s+)?"
        rf"(?:\w+\s+)?yellow(?: card)?",
    ),
    ("yellow_card", "card_yellow_for", rf"\b(?:yellow card|booking|caution)\s+(?:for|to)\s+{P}"),
    ("yellow_card", "card_booked_obj", rf"\bbooked\s+{P}"),
    # injuries
    (
        "injury",
        "injury_off",
        rf"{P}{G}\b(?:limped|hobbled|was carried|was stretchered|was helped|was forced|had to go|"
        rf"had to come|went|came|was taken)\s+(?:\w+\s+)?off\b(?P<inj>[^.]{{0,60}})",
    ),
    (
        "injury",
        "injury_forced",
        rf"{P}{G}\b(?:limped out|pulled up|went down injured|was injured|picked up an? "
        rf"(?:\w+ )?(?:injury|knock)|suffered an? (?:\w+ ){{0,3}}(?:injury|knock|problem|strain)|"
        rf"had to be withdrawn|was withdrawn (?:injured|through injury|with)|"
        rf"went off injured|was forced out)",
    ),
    ("injury", "injury_to", rf"\binjury to\s+{P}"),
    (
        "injury",
        "injury_leave_field",
        rf"{P}{G}\b(?:forced|had|was forced|were forced)\s+to\s+(?:leave the (?:field|pitch)|"
        rf"come off|go off|be (?:replaced|withdrawn|substituted))\b",
    ),
    ("injury", "injury_adjective", rf"\b(?:replaced|replacing|for|without)\s+(?:the\s+)?(?:injured|stricken)\s+{P}"),
    (
        "injury",
        "injury_pair_first",
        rf"{P}\s+and\s+§\d+\s+(?:were\s+)?(?:both\s+)?(?:forced off|forced to leave|forced "
        rf"out|limped off|went off injured|were injured)",
    ),
    (
        "injury",
        "injury_pair_second",
        rf"§\d+\s+and\s+{P}\s+(?:were\s+)?(?:both\s+)?(?:forced off|forced to leave|"
        rf"forced out|limped off|went off injured|were injured)",
    ),
    (
        "injury",
        "injury_forcing_him",
        rf"{P}[^§.;]{{0,20}}?(?:§\d+(?:'s|’s)\s+)?[^§.;]{{0,40}}?\bforc(?:ing|ed)\s+(?:him|"
        rf"her)\s+(?:off|out|to)",
    ),
    # penalties missed, saved, won
    (
        "penalty_miss",
        "pen_missed",
        rf"{P}{G}\b(?:missed|put|blazed|fired|sent|skied|hit|struck|smashed|dragged|"
        rf"slammed)\s+(?:a|his|her|the)\s+(?:\w+\s+)?(?:penalty|spot[- ]kick)\s*"
        rf"(?P<out>wide|over|against the (?:post|bar|crossbar)|onto the (?:post|bar))?",
    ),
    ("penalty_miss", "pen_saved", rf"\bsaved\s+{P}(?:'s|’s|')\s+(?:\w+\s+)?(?:penalty|spot[- ]kick)"),
    (
        "penalty_miss",
        "pen_was_saved",
        rf"{P}(?:'s|’s|')\s+(?:\w+\s+)?(?:penalty|spot[- ]kick)\s+(?:was|is)\s+"
        rf"(?:saved|missed|blocked)",
    ),
    (
        "penalty_won",
        "pen_won",
        rf"{P}{G}\b(?:was|were|being)\s+(?:\w+\s+)?(?:brought down|fouled|tripped|upended|clipped|"
        rf"felled|bundled over|pulled down|hauled down)\s+(?:\w+\s+){{0,3}}in (?:the|his|their) "
        rf"(?:box|area|penalty area)",
    ),
    (
        "penalty_won",
        "pen_drew",
        rf"{P}{GL}\b(?:won|earned|drew|drawing|winning|earning) (?:a|the) (?:penalty|foul that led)",
    ),
    # finer events
    (
        "woodwork",
        "woodwork",
        rf"{P}{GL}\b(?:hit|struck|rattled|clipped|smacked|thumped|crashed|rattle|hit|strike)"
        rf"\s+(?:\w+\s+){{0,3}}?(?:the|a)\s+(?:post|bar|crossbar|woodwork|upright|frame)",
    ),
    (
        "save",
        "save",
        rf"{P}{G}\b(?:produced|made|pulled off|was forced into)\s+(?:a|an|the)\s+(?:\w+[- ]?){{0,4}}"
        rf"(?:save|stop)",
    ),
    (
        "chance_missed",
        "chance_missed",
        rf"{P}{G}\b(?:wasted|missed|squandered|spurned|fluffed|blazed)\s+(?:a|an|the|"
        rf"his|another)\s+(?:\w+[- ]?){{0,3}}(?:chance|header|opportunity|sitter)",
    ),
    (
        "disallowed_goal",
        "disallowed",
        rf"{P}{GL}\b(?:had|saw)\s+(?:a|an|his|two)\s+(?:\w+\s+)?(?:goals?|effort|strike)\s+"
        rf"(?:\w+\s+)?(?:disallowed|ruled out|chalked off)",
    ),
    # goals
    ("goal", "goal_own", rf"{P}{GL}\b(?:own goal|own-goal|into his own net|into her own net|own net)"),
    ("goal", "goal_strong", rf"{P}{GL}\b{GOAL_STRONG}"),
    ("goal", "goal_weak", rf"{P}{GL}\b{GOAL_WEAK}\b(?={GOAL_NEAR}|[^.;]{{0,60}}?{GOAL_TARGET})"),
    (
        "goal",
        "goal_noun_from",
        rf"\b(?:a|an|the|his|her)\s+(?:\w+[- ]?){{0,3}}?{GOAL_NOUN_SURE}\s+(?:from|by)\s+{P}"
        rf"(?![^.;]{{0,20}}\b(?:was|were) (?:disallowed|ruled out|saved|blocked))",
    ),
    (
        "goal",
        "goal_through",
        rf"\b(?:equali[sz]ed|levelled|scored|struck|hit back|led|took the lead|went ahead|went \d-\d up|"
        rf"went in front|pulled one back|responded|replied)\b[^.;§]{{0,40}}?\bthrough\s+{P}",
    ),
    (
        "goal",
        "goal_through_second",
        rf"\b(?:equali[sz]ed|levelled|scored|took the lead|went ahead|went \d-\d up|went in front)\b[^.;§]{{0,40}}?"
        rf"\bthrough\s+§\d+\s+and\s+{P}",
    ),
    (
        "goal",
        "goal_possessive",
        rf"{P}(?:'s|’s|')\s+(?:\w+[- ]?){{0,3}}?{GOAL_NOUN}\s+(?:\w+\s+){{0,2}}?(?:gave|put|"
        rf"earned|secured|sealed|won|made it|levelled|restored|handed|proved|was enough|"
        rf"rescued|snatched|clinched|had given|had put|cancelled out)",
    ),
    ("goal", "goal_double", rf"\b(?:a|an)\s+(?:\w+\s+)?(?:double|brace)\s+from\s+{P}"),
    (
        "goal",
        "goal_hat_trick",
        rf"{P}{GL}\b(?:scored|netted|grabbed|bagged|hit|completed|claimed) (?:a |his |her )?"
        rf"(?:\w+ )?hat-?trick",
    ),
    (
        "goal",
        "goal_for_to_score",
        rf"\bfor\s+{P}\s+to\s+(?:score|head home|fire home|tap in|slot home|net|head in|"
        rf"fire in|finish)",
    ),
    (
        "goal",
        "goal_teed_up",
        rf"\b(?:teed up|set up|laid on|picked out|found|played in)\s+{P}\s+(?:for|to score|to "
        rf"fire|to head|to finish|to slot|to tap)\s*(?:the|a|an|his|her)?\s*(?:\w+\s+)?"
        rf"(?:second|third|fourth|fifth|opener|winner|equali[sz]er|goal|home|in)?",
    ),
    (
        "goal",
        "goal_possessive_sure",
        rf"{P}(?:'s|’s|')\s+(?:\w+[- ]?){{0,2}}?(?:goal|winner|equali[sz]er|opener|"
        rf"brace|double|hat-trick|spot-kick|penalty)\b(?![^.;]{{0,40}}\b(?:disallowed|"
        rf"ruled out|chalked off|was saved|went wide|was blocked|hit the))",
    ),
    (
        "goal",
        "goal_double",
        rf"{P}{G}\b(?:scored twice|"
        rf"struck twice|netted twice|bagged a brace|scored a brace|grabbed a brace|hit a brace|"
        rf"scored a double|netted a double)",
    ),
    ("goal", "goal_cancelled_by", rf"\b(?:cancelled out|wiped out|levelled|equali[sz]ed|answered|matched) by\s+{P}"),
    ("goal", "goal_list", rf"\b(?:goals|strikes|finishes|headers)\s+(?:\w+\s+){{0,3}}?from\s+{P}"),
    (
        "goal",
        "goal_list_second",
        rf"\b(?:goals|strikes|finishes|headers)\s+(?:\w+\s+){{0,3}}?from\s+§\d+\s*(?:,|and)\s+{P}",
    ),
    (
        "goal",
        "goal_noun_from_broad",
        rf"\b(?:a|an|the)\s+(?:\w+[- ]?){{0,3}}?(?:flick|finish|strike|header|volley|"
        rf"effort|shot|tap-in|lob|chip)\s+from\s+{P}(?P<needs_goal>)",
    ),
]


_COMPILED = [(etype, rule, compile_rule(rx, re.I)) for etype, rule, rx in FAMILIES]
_GATES = [gate_for(rx) for _, _, rx in _COMPILED]
# Words without which a family cannot fire: a sentence lacking them skips that family's patterns.
_GOAL_CUES = (
    "scor",
    "net",
    "goal",
    "equali",
    "level",
    "convert",
    "slot",
    "tap",
    "found",
    "pull",
    "deficit",
    "complet",
    "wrap",
    "seal",
    "doubl",
    "add",
    "winner",
    "restor",
    "ahead",
    "front",
    "lead",
    "hope",
    "penalt",
    "spot",
    "mistake",
    "deadlock",
    "made it",
    "board",
    "brace",
    "double",
    "hat",
    "strike",
    "finish",
    "header",
    "through",
    "cancel",
    "fire",
    "drill",
    "head",
    "nod",
    "curl",
    "volley",
    "smash",
    "lash",
    "blast",
    "rifl",
    "steer",
    "swept",
    "sweep",
    "bundl",
    "turn",
    "pok",
    "stab",
    "glanc",
    "foot",
    "chip",
    "lob",
    "prod",
    "thump",
    "hammer",
    "power",
    "struck",
    "strik",
    "roll",
    "drov",
    "driv",
    "plac",
    "sen",
    "squeez",
    "flick",
    "react",
    "met",
    "slid",
    "scuff",
    "deflect",
    "own",
    "teed",
    "set up",
    "laid",
    "picked",
    "played in",
    "effort",
    "shot",
    "flick",
    "tap-in",
    "give",
    "gave",
    "put",
)
_CUES: dict[str, tuple[str, ...]] = {
    "goal": _GOAL_CUES,
    "substitution": (
        "replac",
        "came on",
        "on for",
        "introduc",
        "took over",
        "stepped in",
        "made way",
        "substitut",
        "taken off",
        "withdrawn",
    ),
    "second_yellow": ("second", "two yellow"),
    "red_card": ("sent", "sending", "dismiss", "red", "marching", "reduced to", "early bath"),
    "yellow_card": ("book", "caution", "yellow"),
    "injury": ("off", "injur", "pulled up", "limp", "knock", "strain", "problem", "withdrawn", "forc", "stretcher"),
    "penalty_miss": ("penalt", "spot"),
    "penalty_won": (
        "brought down",
        "fouled",
        "tripped",
        "upended",
        "clipped",
        "felled",
        "bundled",
        "pulled down",
        "hauled",
        "won",
        "earned",
        "drew",
        "drawing",
        "winning",
        "earning",
    ),
    "woodwork": ("post", "bar", "woodwork", "upright", "frame"),
    "save": ("save", "stop"),
    "chance_missed": ("chance", "header", "opportunit", "sitter"),
    "disallowed_goal": ("disallowed", "ruled out", "chalked off"),
}
GOAL_WORD = compile_rule(r"(?<![-\w])(?:goals?|scored|scoring|net|equali[sz]er|lead)(?![-\w])", re.I)
PENALTY_WORDS = compile_rule(r"\b(?:penalty|spot[- ]kick|from the spot|pen)\b", re.I)
ASSISTED = compile_rule(
    r"§\d+(?:'s|’s|')\s+(?:\w+\s+)?(?:goal|strike|header|effort|penalty|shot|finish)|\b(?:assist(?:ed|ing)?|set up|"
    r"teed up|laid on|provid(?:ed|ing))\b",
    re.I,
)
SHOOTOUT = compile_rule(r"\bshoot-?out\b|\bon penalties\b|\bpenalty competition\b|\bsudden[- ]death\b", re.I)
HYPOTHETICAL = compile_rule(
    r"\b(?:almost|nearly|should have|could have|would have|came close|went close|if|"
    r"thought (?:he|she) had|appeared to have|seemed to have)\b",
    re.I,
)


@dataclass(slots=True)
class Found:
    event_type: str
    rule: str
    actor: int | None
    related: int | None
    t_start: int
    t_end: int
    pronoun: bool = False
    extra: str = ""


# a family with many cue words is one regex scan; one with a few, a few substring tests
_CUE_TESTS: list[tuple[str, Callable[[str], object]]] = [
    (etype, compile_rule("|".join(map(re.escape, words))).search if len(words) > 12 else any_word_test(words))
    for etype, words in _CUES.items()
]
_GATE_TESTS = [gate_test(gate) for gate in _GATES]


def _cued_families(lowered: str) -> frozenset[str]:
    """The event families with a cue word in the (lowercased) sentence."""
    return frozenset(etype for etype, test in _CUE_TESTS if test(lowered))


@cache  # a few dozen combinations of families occur
def _cued_rules(cued: frozenset[str]) -> list[tuple[str, str, re.Pattern[str], Callable[[str], bool]]]:
    """The rules of the cued families, in rule order (the order decides which reading claims an actor),
    each with its gate's test."""
    return [
        (etype, rule, rx, test) for (etype, rule, rx), test in zip(_COMPILED, _GATE_TESTS, strict=True) if etype in cued
    ]


def read_sentence(sent: Sentence) -> list[Found]:
    """Every pattern that fires in one templated sentence; one actor may fire several families."""
    found: list[Found] = []
    claimed: list[tuple[int, int, str]] = []
    if "§" not in sent.template:  # every event has an actor: no person, nothing to read
        return found
    lowered = sent.template.lower()
    for etype, rule, rx, gate_opens in _cued_rules(_cued_families(lowered)):
        if not gate_opens(lowered):
            continue
        for m in rx.finditer(sent.template):
            actor = int(m["p"]) if m.groupdict().get("p") else None
            related = int(m["r"]) if m.groupdict().get("r") else None
            family = _family(etype)
            span = (m.start(), m.end())
            if any(fam == family and a == actor for _, a, fam in claimed) and family != "goal":
                continue
            if (
                family == "goal"
                and any(a == actor and fam == "goal" and abs(st - span[0]) < 60 for st, a, fam in claimed)
                and rule not in ("goal_double", "goal_hat_trick")
            ):
                continue
            if etype == "goal" and not _really_scored(sent.template, m, rule):
                continue
            if m.groupdict().get("needs_goal") is not None and not GOAL_WORD.search(sent.template):
                continue
            implicit = bool(m.groupdict().get("pron")) or m.groupdict().get("imp") is not None
            found.append(
                Found(
                    etype,
                    rule,
                    actor,
                    related,
                    *span,
                    pronoun=implicit,
                    extra=m.groupdict().get("out") or m.groupdict().get("inj") or "",
                )
            )
            claimed.append((span[0], actor if actor is not None else -1, family))
            partner = _coordinated(sent.template, actor) if family in ("goal", "card", "injury") else None
            if partner is not None and not any(a == partner and fam == family for _, a, fam in claimed):
                found.append(Found(etype, rule, partner, related, *span))  # "X and Y scored early"
                claimed.append((span[0], partner, family))
            if m.groupdict().get("hurt") and related is not None:  # "replaced the injured X": X was hurt too
                found.append(Found("injury", "injury_replaced", related, None, *span))
                claimed.append((span[0], related, "injury"))
    return found


def _coordinated(tmpl: str, actor: int | None) -> int | None:
    """The person joined to the actor by 'and' as one subject ('§1 and §2 scored'), if any."""
    if actor is None:
        return None
    m = re.search(rf"§(\d+)\s+and\s+§{actor}(?!\d)(?!'s|’s)", tmpl)
    return int(m[1]) if m else None


def _family(etype: str) -> str:
    if etype in ("yellow_card", "second_yellow", "red_card"):
        return "card"
    if etype in ("penalty_miss", "chance_missed", "woodwork", "disallowed_goal", "save"):
        return "miss"
    return etype


def _really_scored(tmpl: str, m: re.Match[str], rule: str) -> bool:
    """A goal verb in a clause that says it did not happen ('almost equalised', 'fired wide') is no goal."""
    clause_start = max(tmpl.rfind(",", 0, m.start()), tmpl.rfind(";", 0, m.start()), 0)
    pre = tmpl[clause_start : m.start()]
    body = tmpl[m.start() : m.end()]
    if HYPOTHETICAL.search(pre + body) and rule != "goal_own":
        return False
    if SHOOTOUT.search(tmpl):  # kicks in a shoot-out are not goals
        return False
    if rule in ("goal_strong", "goal_weak") and ASSISTED.search(body):
        return False  # "X assisted Y's goal that made it 1-0": the goal is Y's
    if rule in ("goal_weak", "goal_strong") and MISS_AFTER.match(tmpl[m.end() :]):
        return False
    return not (rule == "goal_strong" and re.search(r"\bdisallowed|ruled out|offside\b", tmpl[m.end() : m.end() + 60]))


def nearest_minute(minutes: list[MinuteMention], s0: int, s1: int, anchor: int) -> MinuteMention | None:
    """The time expression in the sentence closest to the trigger, preferring the same clause."""
    inside = [m for m in minutes if s0 <= m.start and m.end <= s1]
    if not inside:
        return None
    return min(inside, key=lambda m: abs(m.start - anchor) + (0 if m.start >= anchor else 15))
