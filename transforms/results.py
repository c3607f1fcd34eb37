"""Results: score lines and the words around them, read the way a sub-editor writes them.

"Man City 0-2 Man Utd" (home first), "Match ends, Ajax 3, PSV Eindhoven 1.", "Barcelona, who beat
Elche 3-1", "a dramatic 2-1 victory over Rayo", "a 2-0 defeat at home to Atletico", "drew 2-2".
Shoot-outs and aggregates are kept apart from the match score; running scores ("made it 1-0",
"went 2-0 up") are not results.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from transforms.gates import compile_rule
from transforms.records import FixtureMention

DASH = r"\s?[-\u2013\u2014]\s?"
SCORE = rf"(?P<s1>\d{{1,2}}){DASH}(?P<s2>\d{{1,2}})"
_CAP = r"[A-ZÀ-Ý][\w'’.\-]*"
TEAM_RUN = rf"{_CAP}(?:[ \t]+(?:{_CAP}|de|of|and|&))*?"  # learned team names: capitalised run

WIN_VERBS = (
    r"(?:beating|defeating|thrashing|hammering|edging|overcoming|crushing|stunning|routing|downing|"
    r"dispatching|seeing off|brushing aside|knocking out)|"
    r"(?:beat|beats|defeated|defeats|thrashed|hammered|edged|edged past|saw off|overcame|crushed|stunned|"
    r"routed|thumped|downed|dispatched|swept aside|brushed aside|outclassed|humbled|upset|eased past|"
    r"cruised past|knocked out|won at|won against|held off|blanked|whipped|trounced|walloped|battered|"
    r"came from behind to beat)"
)
LOSE_VERBS = (
    r"(?:lost|lose|loses|fell|went down|were beaten|was beaten|were defeated|was defeated|slumped|"
    r"crashed|were thrashed|were hammered)"
)
NOT_FINAL = compile_rule(
    r"^\s*(?:up|down|lead|advantage|ahead|deficit|on aggregate|agg|on penalties|pens|in the (?:penalty )?shoot-?out|"
    r"at (?:half-?time|the break|the interval)|half-?time|(?:penalty )?shoot-?out)",
    re.I,
)
RUNNING = compile_rule(
    r"(?:made it|make it|to make it|level(?:led)? at|levelled at|it was|went|go|going|"
    r"leading|led|trailing|trailed|from|came back from|recovered from|at)\s+$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class TeamSpan:
    start: int
    end: int
    canonical: str


def _score(m: re.Match[str]) -> tuple[int, int]:
    return int(m["s1"]), int(m["s2"])


def _is_running(text: str, s: int, e: int) -> bool:
    """'made it 1-0', 'went 2-0 up', '2-1 on aggregate': not a final result."""
    return bool(RUNNING.search(text[max(0, s - 25) : s]) or NOT_FINAL.match(text[e : e + 30]))


def _nearest(teams: list[TeamSpan], lo: int, hi: int, last: bool) -> TeamSpan | None:
    inside = [t for t in teams if lo <= t.start and t.end <= hi]
    if not inside:
        return None
    return inside[-1] if last else inside[0]


def _other_than(teams: list[TeamSpan], lo: int, hi: int, not_team: str | None) -> TeamSpan | None:
    for t in teams:
        if lo <= t.start and t.end <= hi and t.canonical != not_team:
            return t
    return None


_SCORE_LINES = [  # headline, live-text and no-dash score lines
    (
        "headline",
        compile_rule(
            rf"(?m)(?:^|:[ \t]|\.[ \t]|ends,[ \t])(?P<a>{TEAM_RUN})[ \t]+{SCORE}[ \t]+(?P<b>{TEAM_RUN})"
            rf"(?=\s*(?:$|[:.,;(\n]|\s-\s|\s[a-z]))"
        ),
    ),
    (
        "live",
        compile_rule(
            rf"(?:Match ends|Full[- ]time|FT|Final score|Result)[,:.!]?\s+"
            rf"(?P<a>{TEAM_RUN}),?[ \t]+(?P<s1>\d{{1,2}}),[ \t]+(?P<b>{TEAM_RUN}),?[ \t]+"
            rf"(?P<s2>\d{{1,2}})\b",
            re.I,
        ),
    ),
    (
        "headline_nodash",
        compile_rule(
            rf"(?m)^(?:Report:[ \t]+)?(?P<a>{TEAM_RUN})[ \t]+(?P<s1>\d{{1,2}})[ \t]+"
            rf"(?P<b>{TEAM_RUN})[ \t]+(?P<s2>\d{{1,2}})[ \t]*$"
        ),
    ),
]


# the live-text line ("Match ends, A 2, B 1") is case-blind and tried everywhere: most texts lack its "2, "
_SCORE_LINE_NEEDS = {"live": compile_rule(r"\d,[ \t]")}


def score_lines(text: str, teams: list[TeamSpan], resolve: callable) -> list[FixtureMention]:  # type: ignore[valid-type]
    """Headline and live-text score lines: 'A 2-1 B', 'A 2 B 1', 'A 3, B 1' (home team first)."""
    out: list[FixtureMention] = []
    for rule, rx in _SCORE_LINES:
        if rule in _SCORE_LINE_NEEDS and not _SCORE_LINE_NEEDS[rule].search(text):
            continue
        for m in rx.finditer(text):
            home, away = resolve(m["a"]), resolve(m["b"])
            if not home or not away or home == away:
                continue
            if rule == "headline" and _is_running(text, m.start("s1"), m.end("s2")):
                continue
            hs, as_ = _score(m)
            out.append(
                FixtureMention(
                    home, away, m.start(), m.end(), hs, as_, rule=rule, score_note=_score_note(text, m.end())
                )
            )
    return out


def _score_note(text: str, end: int) -> str | None:
    """A shoot-out or extra time said next to the score."""
    tail = text[end : end + 120]
    m = re.search(r"(\d{1,2})[-\u2013](\d{1,2}) (?:on penalties|in the (?:penalty )?shoot-?out)", tail)
    if m:
        return f"{m[1]}-{m[2]} on penalties"
    if re.search(r"after extra[- ]time|a\.e\.t\.|\baet\b", tail, re.I):
        return "after extra time"
    return None


def prose_results(
    text: str, sentences: list[tuple[int, int]], teams: list[TeamSpan], subject_of: callable
) -> list[FixtureMention]:  # type: ignore[valid-type]
    """Results in sentences: winner/loser from the verb, the score from the digits, home from 'at'/'hosts'."""
    out: list[FixtureMention] = []
    for s0, s1 in sentences:
        sent = text[s0:s1]
        for m in re.finditer(SCORE, sent):
            a, b = s0 + m.start(), s0 + m.end()
            if _is_running(text, a, b):
                continue
            hi, lo = max(_score(m)), min(_score(m))
            fx = _read_result(text, s0, s1, a, b, hi, lo, teams, subject_of)
            if fx:
                fx.score_note = _score_note(text, b)
                out.append(fx)
    return out


def _read_result(
    text: str, s0: int, s1: int, a: int, b: int, hi: int, lo: int, teams: list[TeamSpan], subject_of: callable
) -> FixtureMention | None:  # type: ignore[valid-type]
    """One score in a sentence to a fixture, or None when the words do not say who played."""
    before, after = text[max(s0, a - 60) : a], text[b : min(s1, b + 70)]
    draw = hi == lo
    # "a 2-1 win/victory over X", "a 3-0 defeat to X", "a 1-1 draw with/at X"
    noun = re.match(
        r"\s*(?:[A-Za-z]+\s+){0,3}?(?P<noun>win|victory|triumph|success|defeat|loss|draw|"
        r"home win|away win|reverse|thrashing|hammering|drubbing|destruction|demolition|rout|dismantling|mauling)"
        r"\b\s*(?P<prep>over|against|at|to|with|by|on|in|of)?\s*(?:(?P<home>home)\s+(?:to|against)\s+)?",
        after,
        re.I,
    )
    if noun:
        if re.match(r"\s*(?:on penalties|in (?:a|the) (?:penalty )?shoot-?out)", after[noun.end("noun") :], re.I):
            return None  # a shoot-out is not the match score
        other = _nearest(teams, b + noun.end() - 1, min(s1, b + noun.end() + 40), last=False)
        direct = other is not None
        subject = None
        if not other:  # "following a hard-won 2-1 victory": the other team named in the sentence
            # no opponent after the noun: the sentence's own subject, its first team that owns nothing
            agents = [
                t
                for t in teams
                if s0 <= t.start
                and t.end <= a
                and not ADJECTIVAL.match(text[t.end : t.end + 40])
                and not re.match(r"(?:'s|’s|')\s", text[t.end : t.end + 3])
            ]
            owner = [
                t
                for t in teams
                if s0 <= t.start and t.end <= a and re.fullmatch(r"(?:'s|’s|')\s+(?:[\w-]+\s+){0,2}", text[t.end : a])
            ]  # "Hearts's 2-1 defeat"
            subject = (owner or agents or [None])[0] or _subject_team(text, s0, a, teams, None, subject_of)
            first = subject.canonical if subject else None
            other = next((t for t in teams if s0 <= t.start < s1 and t.canonical != first), None)
            if other is None and s0 < 400 and first:  # the lead: the article's other team
                name = subject_of(first)
                other = TeamSpan(b, b, name) if name else None
            if other is None:
                return None
        if direct:
            subject = _subject_team(text, s0, a, teams, other.canonical, subject_of)
        if not subject:
            return None
        kind, prep = noun["noun"].lower(), (noun["prep"] or "").lower()
        subject_wins = kind in ("win", "victory", "triumph", "success", "home win", "away win") or (
            kind
            in ("thrashing", "hammering", "drubbing", "destruction", "demolition", "rout", "dismantling", "mauling")
            and prep in ("of", "over", "")
        )
        if kind in ("thrashing", "hammering", "drubbing") and prep in ("by", "at", "to"):
            subject_wins = False
        if kind in ("defeat", "loss", "reverse"):
            subject_wins = prep in ("on", "of")  # "inflicted a 2-0 defeat on X"
        s_goals, o_goals = (hi, lo) if subject_wins or draw else (lo, hi)
        away_from_home = (prep == "at" and direct) or bool(
            re.search(r"\baway (?:win|victory|defeat|loss|draw)", after, re.I)
        )
        if noun["home"]:
            return FixtureMention(
                subject.canonical, other.canonical, a, other.end, s_goals, o_goals, rule="prose_at_home"
            )
        if direct and re.search(r"\b(?:the\s+)?hosts\s+$", text[max(s0, other.start - 12) : other.start]):
            away_from_home = True  # "a 4-0 destruction of hosts Ivory Coast"
        if away_from_home:
            return FixtureMention(other.canonical, subject.canonical, a, other.end, o_goals, s_goals, rule="prose_at")
        if re.search(r"\bthe (?:home side|hosts|home team)\b", text[b:s1]) and subject_wins:
            # "... win over West Ham to leave the home side ...": the other team was at home
            return FixtureMention(
                other.canonical, subject.canonical, a, other.end, o_goals, s_goals, rule="prose_hosts"
            )
        return FixtureMention(
            subject.canonical,
            other.canonical,
            min(subject.start, a),
            other.end,
            s_goals,
            o_goals,
            home_known=False,
            rule="prose_noun",
        )
    # "X beat Y 3-1", "X came out 2-0 winners against Y", "Y lost 2-1 to X", "X and Y drew 2-2"
    win = re.search(rf"(?P<w>{WIN_VERBS})\s+(?:[a-z]+\s+){{0,3}}?$", before)
    if win is None:
        win = re.search(rf"\b(?P<w>{WIN_VERBS})\b[^.]*$", text[s0:a])
    if win:
        vpos = a - len(before) + win.start() if win.re.pattern.endswith("$") and win.string is before else None
        vstart = vpos if vpos is not None else s0 + win.start()
        loser = _nearest(teams, vstart, max(a, b + 40), last=False)
        winner = _nearest(teams, s0, vstart, last=True)
        if loser and winner and loser.canonical != winner.canonical:
            at_loser = bool(re.search(r"\b(?:at|away to|away at)\s+$", text[max(s0, loser.start - 10) : loser.start]))
            if at_loser or re.search(r"^\W*won at\b", win["w"]):
                return FixtureMention(loser.canonical, winner.canonical, winner.start, b, lo, hi, rule="prose_beat_at")
            return FixtureMention(
                winner.canonical, loser.canonical, winner.start, b, hi, lo, home_known=False, rule="prose_beat"
            )
    # "X won 2-1 at Y", "X came out 2-0 winners against Y", "X lost 2-1 to Y": (cue, after-words, subject won?, rule)
    verbal = (
        (
            re.search(r"\b(?:won|win|wins|triumphed|prevailed)\s+$", before),
            r"against|over|at|away at|away to",
            True,
            "prose_won",
        ),
        (True, r"winners?\s+(?:against|over|at)", True, "prose_winners"),
        (re.search(rf"\b(?:{LOSE_VERBS})\b[^.]*$", text[s0:a]), r"to|against|at|by", False, "prose_lost"),
    )
    for cue, follows, subject_won, rule in verbal:
        if not cue or not re.match(rf"\s+(?:{follows})\s+", after):
            continue
        other = _nearest(teams, b, b + 60, last=False)
        subject = _subject_team(text, s0, a, teams, other.canonical if other else None, subject_of)
        if not (other and subject):
            continue
        s_goals, o_goals = (hi, lo) if subject_won else (lo, hi)
        if rule != "prose_winners" and re.match(r"\s+(?:at|away at|away to)\s+", after):
            return FixtureMention(
                other.canonical, subject.canonical, subject.start, other.end, o_goals, s_goals, rule=f"{rule}_at"
            )
        return FixtureMention(
            subject.canonical, other.canonical, subject.start, other.end, s_goals, o_goals, home_known=False, rule=rule
        )
    if draw and re.search(r"\bdr[ae]w\b", text[s0 : b + 10]):
        pair = [t for t in teams if s0 <= t.start < s1]
        names = list(dict.fromkeys(t.canonical for t in pair))
        if len(names) >= 2:
            return FixtureMention(names[0], names[1], pair[0].start, b, hi, lo, home_known=False, rule="prose_draw")
    return None


ADJECTIVAL = compile_rule(
    r"\s+(?:[\w-]+\s+)?(?:midfielder|defender|striker|forward|winger|goalkeeper|keeper|international|star|captain|"
    r"boss|coach|manager|fans|supporters|player|players|squad|camp|setup|set-up|legend|youngster|full-back|"
    r"centre-back|teenager|skipper|talisman|academy|graduate|side's|team-mate|teammate)\b",
    re.I,
)


def _subject_team(
    text: str, s0: int, a: int, teams: list[TeamSpan], not_team: str | None, subject_of: callable
) -> TeamSpan | None:  # type: ignore[valid-type]
    """The team the sentence is about: the last team named before the score, else the article's own."""
    cands = [
        t
        for t in teams
        if s0 <= t.start
        and t.end <= a
        and t.canonical != not_team
        and not ADJECTIVAL.match(text[t.end : t.end + 40])
        and not re.search(r"\b(?:former|ex|old)[- ]$", text[max(0, t.start - 8) : t.start], re.I)
    ]
    if cands:
        return cands[-1]
    name = subject_of(not_team)
    return TeamSpan(s0, s0, name) if name else None


def headline_pairing(text: str, resolve: callable) -> FixtureMention | None:  # type: ignore[valid-type]
    """'Sevilla v Manchester United' as a headline: a fixture with home first and no score."""
    m = re.search(rf"(?m)^(?P<a>{TEAM_RUN})\s+(?:v|vs\.?|versus)\s+(?P<b>{TEAM_RUN})\s*$", text[:400])
    if not m:
        return None
    home, away = resolve(m["a"]), resolve(m["b"])
    if not home or not away or home == away:
        return None
    return FixtureMention(home, away, m.start(), m.end(), rule="headline_v")


MEETING = (
    r"(?:game|match|clash|meeting|tie|fixture|encounter|derby|showdown|contest|trip|visit|outing|draw|loss|"
    r"defeat|win|victory)"
)
FUTURE = compile_rule(
    r"\b(?:next|upcoming|will|later this|this weekend|is set|are set|scheduled|ahead of|before "
    r"facing|travel to|host|face)\b",
    re.I,
)


MEETING_BEFORE = compile_rule(  # "home game against " right before a team's name
    rf"(?P<where>home|away)?\s*{MEETING}\s+(?P<prep>against|with|at|versus|v|vs\.?|to|over)\s+$", re.I
)


def pairings(
    text: str, sentences: list[tuple[int, int]], teams: list[TeamSpan], subject_of: callable
) -> list[FixtureMention]:  # type: ignore[valid-type]
    """Matches named without a score: "Madrid's home game against Rayo", "a tough away trip to Valencia"."""
    out: list[FixtureMention] = []
    rx = MEETING_BEFORE
    for s0, s1 in sentences:
        for t in (t for t in teams if s0 <= t.start < s1):
            m = rx.search(text[max(s0, t.start - 45) : t.start])
            if not m:
                continue
            subject = _subject_team(text, s0, t.start, teams, t.canonical, subject_of)
            if subject is None or subject.canonical == t.canonical:
                continue
            window = text[s0:s1]
            result_word = re.search(r"\b(?:loss|defeat|win|victory|draw)\b", m.group(), re.I)
            trip = re.search(r"\b(?:trip|visit)\b", m.group(), re.I)  # a trip is the next match, not the last
            status = "scheduled" if (FUTURE.search(window) or trip) and not result_word else "played"
            where, prep = (m["where"] or "").lower(), m["prep"].lower()
            if where == "away" or (prep in ("at", "to") and m.group().lower().split()[0] in ("trip", "visit")):
                out.append(
                    FixtureMention(t.canonical, subject.canonical, t.start, t.end, status=status, rule="pairing_away")
                )
            elif where == "home":
                out.append(
                    FixtureMention(subject.canonical, t.canonical, t.start, t.end, status=status, rule="pairing_home")
                )
            else:
                out.append(
                    FixtureMention(
                        subject.canonical, t.canonical, t.start, t.end, status=status, home_known=False, rule="pairing"
                    )
                )
    return out


DATE_AFTER = compile_rule(
    # bounded blanks only: a run of masked (blanked) text after a team name must not make this backtrack
    r"[ \t]{0,3}(?:\((?P<ha>[HAN])\)[ \t]{0,3})?(?P<comp_gap>[^()\n]{0,40}?)[ \t]{0,3}(?:on[ \t]+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?"
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<day>\d{1,2})\b"
)


_MONTH_START = compile_rule(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")  # every month DATE_AFTER reads


def _month_on_line(text: str, months: list[int], pos: int) -> bool:
    """Whether a month name starts between `pos` and the end of its line: DATE_AFTER, which never crosses a
    line before the month, cannot match without one (most team names are followed by none)."""
    line_end = text.find("\n", pos)
    k = bisect_left(months, pos)
    return k < len(months) and (line_end < 0 or months[k] < line_end)


def fixture_list(
    text: str,
    teams: list[TeamSpan],
    owner_of: callable,  # type: ignore[valid-type]
    competition_of: callable,
) -> list[tuple[FixtureMention, tuple[int, int] | None]]:  # type: ignore[valid-type]
    """Fixture lists and announced matches: 'Valencia (A) La Liga Feb. 8', 'against Uruguay on Friday, March 27'.

    Returns scheduled fixtures with the (month, day) the text gives; the year comes from the article's date.
    """
    from transforms.clean import MONTHS

    out: list[tuple[FixtureMention, tuple[int, int] | None]] = []
    months = [m.start() for m in _MONTH_START.finditer(text)]
    for i, t in enumerate(teams):
        if not _month_on_line(text, months, t.end):
            continue
        m = DATE_AFTER.match(text, t.end)
        if not m:
            continue
        listed = m["ha"] is not None
        gap = m["comp_gap"] or ""
        if not listed and not re.fullmatch(r"\s*", gap):
            continue
        if not listed and not re.search(
            r"\b(?:against|face|facing|host|hosting|visit|visiting|play|playing|v|vs)\s+$|,\s*(?:and\s+)?$|\band\s+$",
            text[max(0, t.start - 25) : t.start],
        ):
            continue
        owner = owner_of(t.start, t.canonical)
        if not owner or owner == t.canonical:
            continue
        month = MONTHS.get(m["mon"].lower().rstrip(".")[:3] if m["mon"].lower()[:3] in MONTHS else m["mon"].lower())
        home, away = (t.canonical, owner) if m["ha"] == "A" else (owner, t.canonical)
        fx = FixtureMention(
            home,
            away,
            t.start,
            m.end(),
            status="scheduled",
            home_known=m["ha"] in ("H", "A"),
            competition=competition_of(gap) if gap.strip() else None,
            rule="fixture_list" if listed else "announced",
        )
        out.append((fx, (month, int(m["day"])) if month else None))
        del i
    return out
