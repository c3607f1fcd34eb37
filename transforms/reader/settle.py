"""Settle pass: what the score and the line-ups imply about the events read.

One article telling a goal twice is one goal; a 2-1 has three goals, so readings beyond the score
go, weakest first; a match whose score no sentence gave is scored from its goals when every goal's
side is known; a goal's team comes from the line-ups, the words about its scorer, or the score
itself when only one side can still have scored; an assist told beside a goal goes onto it.
"""

from __future__ import annotations

import re
from collections import Counter

from transforms.people import fold_name
from transforms.reader.doc import Doc
from transforms.reader.events import player_votes
from transforms.records import EventMention


def read(doc: Doc) -> None:
    if not doc.matches:
        return
    bind_names(doc)
    doc.events = attach_assists(doc, doc.events)
    orient_by_sheets(doc)
    orient_by_side_events(doc)
    orient_by_home_phrases(doc)
    place_sides(doc)
    team_of = player_teams(doc)
    for e in doc.events:
        if e.team is None and e.player_name:
            e.team = team_of.get(fold_name(e.player_name))
    doc.events = drop_shootout_kicks(doc, doc.events)
    doc.events = sheet_goals_rule(doc.events)
    doc.events = dedupe(doc.events)
    doc.events = name_team_goals(doc.events)
    doc.events = within_score(doc, doc.events)
    for k, m in enumerate(doc.matches):
        if m.home_score is None and m.status == "played":
            score_from_draw(doc, k)
        if m.home_score is None and m.is_main:
            score_from_neutral(doc, k) or score_from_goals(doc, k)
    teams_from_score(doc)
    for p in doc.people + doc.sheet_people:
        p.name = doc.binding.get(p.name, p.name)
        p.team = p.team or team_of.get(fold_name(p.name))


def bind_names(doc: Doc) -> None:
    """'Varga' is 'Tomas Varga' when the article names him in full; 'T.-Varga' and a cut-off 'Varg' are
    the one full name of the article they abbreviate."""
    names = sorted({doc.binding.get(p.name, p.name) for p in doc.people + doc.sheet_people if p.role == "player"})
    for e in doc.events:
        if e.player_name:
            e.player_name = _abbreviated(doc.binding.get(e.player_name, e.player_name), names)
        if e.related_player_name:
            e.related_player_name = _abbreviated(doc.binding.get(e.related_player_name, e.related_player_name), names)


def _abbreviated(name: str, names: list[str]) -> str:
    """'T.-Varga' -> 'Tomasz-Varga', 'Kowalsk' -> 'Kowalski' (one candidate only, else as written)."""
    m = re.fullmatch(r"([A-ZÀ-Ý])(?:\.\s?-?\s?|\s)([\w'’-]{3,})", name)  # 'J. Kowal', 'J Kowal', 'T.-Varga'
    if m:
        hits = [n for n in names if n.startswith(m[1]) and n.endswith(m[2]) and n != name and len(n) > len(name)]
        return hits[0] if len(hits) == 1 else name
    if name in names:
        return name
    if len(name) >= 6 and " " not in name:
        hits = [
            n for n in names if n != name and n.split()[-1].startswith(name) and len(n.split()[-1]) - len(name) <= 2
        ]
        return hits[0] if len(hits) == 1 else name
    return name


def orient_by_sheets(doc: Doc) -> None:
    """Unlabelled line-ups list the home side first: when the prose says the first sheet's players play
    for the team read as away, the match (and the sheets' events) turn round."""
    main = doc.matches[0]
    if main.home_known or not any(s.side for s in doc.sheets):
        return
    votes = player_votes(doc)
    for e in doc.events:
        if e.team and e.player_name and not e.is_own_goal and not e.rule.startswith("sheet"):
            votes.setdefault(fold_name(e.player_name), Counter())[e.team] += 2
    lean = 0
    for sheet in doc.sheets:
        if sheet.side not in ("home", "away"):
            continue
        sign = 1 if sheet.side == "home" else -1
        for p in sheet.players:
            v = votes.get(fold_name(doc.binding.get(p.name, p.name)), Counter())
            lean += sign * (v[main.home_team] - v[main.away_team])
    if lean < 0:
        turn_round(doc, "line-up order: the first sheet's players play for the other side")
    if lean != 0:
        main.home_known = True


def orient_by_side_events(doc: Doc) -> None:
    """'The visitors levelled through X', X known to play for the team read as home: the match turns round."""
    main = doc.matches[0]
    if main.home_known:
        return
    votes = player_votes(doc)
    lean = 0
    for e in doc.events:
        if e.fixture_index != 0 or e.team not in ("@home", "@away") or not e.player_name:
            continue
        v = votes.get(fold_name(e.player_name), Counter())
        own = e.team == "@home"
        lean += (1 if own else -1) * (v[main.home_team] - v[main.away_team])
    if lean < 0:
        turn_round(doc, "side words: the team read as home is called the visitors")
    if lean != 0:
        main.home_known = True


_AT_HOME = re.compile(
    r"\b(?:at home|on home soil|in front of (?:their|its) own (?:fans|supporters|crowd))\b(?!\s+(?:to|against)\b)", re.I
)


def orient_by_home_phrases(doc: Doc) -> None:
    """'X headed in the 94th-minute winner to earn three points at home': the sentence's subject (a team, or
    a player whose team is known) was at home."""
    main = doc.matches[0]
    if main.home_known:
        return
    team_of = {
        fold_name(e.player_name): e.team
        for e in doc.events
        if e.player_name and e.team in (main.home_team, main.away_team) and not e.is_own_goal
    }
    votes: Counter[str] = Counter()
    for s0, s1 in doc.sentences:
        if not _AT_HOME.search(doc.text, s0, s1):
            continue
        first_team = next((t.team for t in doc.teams_in(s0, s1) if t.team in (main.home_team, main.away_team)), None)
        first_player = next((p for p in doc.people if s0 <= p.char_start < s1 and p.role == "player"), None)
        team = first_team
        if first_player is not None and (
            first_team is None
            or first_player.char_start < next(t.start for t in doc.teams_in(s0, s1) if t.team == first_team)
        ):
            team = team_of.get(fold_name(doc.binding.get(first_player.name, first_player.name)), first_team)
        if team:
            votes[team] += 1
    if len(votes) == 1:
        home = next(iter(votes))
        if home == main.away_team:
            turn_round(doc, f"'at home' said of {home}")
        main.home_known = True
        doc.note(f"'at home' said of {home}: home side")


def place_sides(doc: Doc) -> None:
    """'@home' / '@away' from 'the hosts' and 'the visitors' become the fixture's teams."""
    for e in doc.events:
        if e.team in ("@home", "@away") and e.fixture_index < len(doc.matches):
            m = doc.matches[e.fixture_index]
            e.team = m.home_team if e.team == "@home" else m.away_team


def turn_round(doc: Doc, why: str) -> None:
    """The main match the other way round: teams, score, and the line-up events placed by sheet side."""
    main = doc.matches[0]
    main.home_team, main.away_team = main.away_team, main.home_team
    main.home_score, main.away_score = main.away_score, main.home_score
    for e in doc.side_events:
        e.team = main.home_team if e.team == main.away_team else main.away_team if e.team == main.home_team else e.team
    doc.note(f"{why}: match turned round")


def player_teams(doc: Doc) -> dict[str, str]:
    """Player -> team: line-up labels (or the main match's sides), then the words of the prose."""
    from transforms.reader.teams import canonical_name

    votes = player_votes(doc)
    for e in doc.events:
        if e.team and e.player_name and not e.is_own_goal:
            votes.setdefault(fold_name(doc.binding.get(e.player_name, e.player_name)), Counter())[e.team] += 2
    out = {k: v.most_common(1)[0][0] for k, v in votes.items() if v}
    main = doc.matches[0]
    for sheet in doc.sheets:
        label = canonical_name(doc.book, sheet.team, doc) if sheet.team else None
        if label is None and sheet.side in ("home", "away"):
            label = main.home_team if sheet.side == "home" else main.away_team
        if label:
            for p in sheet.players:
                out[fold_name(doc.binding.get(p.name, p.name))] = label
    return out


_EVERY_GOAL = re.compile(r"\bassists\b|\bboth\b")


def attach_assists(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """'Varga headed in Olsen's cross', 'Olsen set up Varga', 'Goal! ... Varga scores. Assisted by Olsen.':
    an assist is no event of its own; its player goes onto the goal it names, or onto the goal of its
    sentence, or of the sentence before when its own tells none."""
    goals = [e for e in events if e.event_type == "goal" and not e.is_own_goal]
    for a in (e for e in events if e.event_type == "assist" and e.player_name):
        s0, s1 = doc.sentence_at(a.char_start)
        near = [g for g in goals if s0 <= g.char_start < s1 and g.player_name != a.player_name]
        if not near and not any(s0 <= e.char_start < s1 for e in events if e.event_type != "assist"):
            p0, p1 = doc.sentence_before(s0)
            near = [g for g in goals if p0 <= g.char_start < p1 and g.player_name != a.player_name]
        named = [g for g in near if a.related_player_name and g.player_name == a.related_player_name]
        ranked = named or sorted(near, key=lambda g: abs(g.char_start - a.char_start))
        every = bool(_EVERY_GOAL.search(a.rule))  # 'providing assists for both goals': each goal near it
        for goal in ranked if every else ranked[:1]:
            if goal.related_player_name is None:
                goal.related_player_name = a.player_name
    return [e for e in events if e.event_type != "assist"]


def dedupe(events: list[EventMention]) -> list[EventMention]:
    """Same type, same player, same minute (or one untimed) in one article: one mention, the best kept."""
    out: list[EventMention] = []
    extra = [e for e in events if e.rule.endswith("/more")]
    for e in sorted((e for e in events if not e.rule.endswith("/more")), key=_strength):
        twin = next((o for o in out if _same(o, e)), None)
        if twin is None:
            out.append(e)
            continue
        if twin.minute is None and e.minute is not None:
            twin.minute, twin.added_time = e.minute, e.added_time
        if {twin.event_type, e.event_type} == _DISMISSALS:
            twin.event_type = "second_yellow"  # the more exact telling of the one dismissal
        twin.is_penalty |= e.is_penalty
        twin.is_own_goal |= e.is_own_goal
        twin.related_player_name = twin.related_player_name or e.related_player_name
        twin.team = twin.team or e.team
    for e in extra:  # a brace promises a second goal: kept unless the article times two goals for him
        same = [
            o
            for o in out
            if o.event_type == "goal"
            and o.player_name
            and e.player_name
            and fold_name(o.player_name) == fold_name(e.player_name)
        ]
        promised = 1 + sum(1 for x in extra if x.player_name == e.player_name and x.char_start == e.char_start)
        if len(same) < promised:
            out.append(e)
    return sorted(out, key=lambda e: e.char_start)


_SHOOTOUT = re.compile(r"\bshoot-?out\b|\bon penalties\b|\bon spot-kicks\b|\bpenalty competition\b", re.I)


_KICK_CUES = re.compile(
    r"\bfrom the (?:penalty )?spot\b|\bfrom (?:12|twelve) yards\b|\bkicks?\b|\bspot-?kicks\b|\bsuccessful\b|"
    r"\bconverted (?:their|his|her)\b|\bnetted (?:their|his|her) (?:attempts?|efforts?)\b|\bsudden death\b",
    re.I,
)


def drop_shootout_kicks(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """The sentences about a shoot-out ('Varga, Olsen and Berg were successful from the spot') tell kicks,
    not goals: in a match decided on penalties, an untimed prose goal goes when its sentence names the
    shoot-out, or names kicks in a paragraph that does. The match told in the same paragraph stays
    ('... won 4-3 on penalties. Marsh scored a penalty and Kowal equalised late on.')."""
    decided = any(m.score_note and "penalties" in m.score_note for m in doc.matches)
    if not decided and not any(sc.kind == "shootout" for sc in doc.scores):  # '... went through 4-3 on penalties'
        return events
    paragraphs = [(a, b) for a, b in doc.paragraphs if _SHOOTOUT.search(doc.text, a, b)]
    kicks = []
    for s0, s1 in doc.sentences:
        if _SHOOTOUT.search(doc.text, s0, s1) or (
            _KICK_CUES.search(doc.text, s0, s1) and any(a <= s0 < b for a, b in paragraphs)
        ):
            kicks.append((s0, s1))
    return [
        e for e in events
        if not (e.event_type in ("goal", "penalty_miss") and e.minute is None and not e.rule.startswith("sheet")
                and any(a <= e.char_start < b for a, b in kicks))
    ]  # fmt: skip


def sheet_goals_rule(events: list[EventMention]) -> list[EventMention]:
    """Where a line-up or summary lists the goals, prose goals by anyone it does not list are misreadings."""
    listed = [e for e in events if e.event_type == "goal" and e.rule.startswith("sheet")]
    if not listed:
        return events
    names = {_surname(e.player_name) for e in listed if e.player_name}
    keep = []
    for e in events:
        if e.event_type == "goal" and not e.rule.startswith("sheet") and e.fixture_index == listed[0].fixture_index:
            if not e.player_name or _surname(e.player_name) not in names:
                continue
        keep.append(e)
    return keep


def _surname(name: str | None) -> str:
    parts = fold_name(name or "").split()
    return parts[-1] if parts else ""


def name_team_goals(events: list[EventMention]) -> list[EventMention]:
    """'United doubled their lead after 57 minutes' and 'goals from Varga and Olsen': a team's timed goal
    with no scorer gives its clock to that team's untimed named goal, in the order told, and goes."""
    out = list(events)
    for e in [
        e for e in events if e.event_type == "goal" and e.player_name is None and e.minute is not None and e.team
    ]:
        named = [o for o in out if o.event_type == "goal" and o.player_name and o.minute is None and o.team == e.team
                 and o.fixture_index == e.fixture_index]  # fmt: skip
        if not named:  # 'Eastwick took the lead 31 minutes in. Olsen punished a mistake ...': the next goal told
            after = [
                o
                for o in out
                if o.event_type == "goal" and o.char_start > e.char_end and o.fixture_index == e.fixture_index
            ]
            first = min(after, key=lambda o: o.char_start, default=None)
            if (
                first
                and first.player_name
                and first.minute is None
                and first.team is None
                and not first.is_own_goal
                and first.char_start - e.char_end < 250
            ):
                named, first.team = [first], e.team
        if named:
            target = min(named, key=lambda o: o.char_start)
            target.minute, target.added_time = e.minute, e.added_time
            out.remove(e)
    return out


def _strength(e: EventMention) -> tuple:
    return (not e.rule.startswith("sheet"), e.minute is None, e.player_name is None, e.char_start)


_DISMISSALS = frozenset({"red_card", "second_yellow"})


def _same(a: EventMention, b: EventMention) -> bool:
    kinds = {a.event_type, b.event_type}
    if (len(kinds) > 1 and kinds != _DISMISSALS) or a.fixture_index != b.fixture_index:
        return False  # a sending-off told as a red card and as a second yellow is one dismissal
    if a.player_name is None or b.player_name is None:
        return False
    if fold_name(a.player_name) != fold_name(b.player_name) and not _surname_of(a.player_name, b.player_name):
        return False
    if a.event_type == "substitution" and a.related_player_name and b.related_player_name:
        if not _surname_of(a.related_player_name, b.related_player_name) and fold_name(
            a.related_player_name
        ) != fold_name(b.related_player_name):
            return False
    if a.minute is None or b.minute is None:
        return True
    if a.char_start == b.char_start and (a.minute, a.added_time) != (b.minute, b.added_time):
        return False  # one mention listing its clocks ('in the 10th and 11th minutes'): two goals
    return abs(a.minute + (a.added_time or 0) - b.minute - (b.added_time or 0)) <= 2


def _surname_of(a: str, b: str) -> bool:
    """'De Jong' and 'Luuk de Jong', 'Varga' and 'Tomas Varga': the shorter is the end of the longer."""
    fa, fb = fold_name(a).split(), fold_name(b).split()
    short, long_ = (fa, fb) if len(fa) <= len(fb) else (fb, fa)
    return bool(short) and long_[-len(short) :] == short


def within_score(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """A 2-1 has three goals: the weakest prose readings beyond that go (unnamed team goals first)."""
    out = list(events)
    for k, m in enumerate(doc.matches):
        if m.home_score is None or m.away_score is None:
            continue
        goals = [e for e in out if e.event_type == "goal" and e.fixture_index == k]
        total = m.home_score + m.away_score
        if len(goals) <= total:
            continue
        ranked = sorted(goals, key=lambda e: (not e.rule.startswith("sheet"), e.player_name is None,
                                              e.rule.endswith("/more"), e.minute is None, e.char_start))  # fmt: skip
        drop = {id(e) for e in ranked[total:]}
        out = [e for e in out if id(e) not in drop]
    return out


def score_from_neutral(doc: Doc, k: int) -> bool:
    """'The 2-1 scoreline means ...' with no winner named: the side with more goals read has the 2."""
    neutral = [c for c in doc.claims if c.rule == "prose_scoreline" and c.goals]
    m = doc.matches[k]
    if not neutral:
        return False
    hi, lo = max(neutral[0].goals), min(neutral[0].goals)
    goals = [e for e in doc.events if e.event_type == "goal" and e.fixture_index == k]
    count = Counter()
    for e in goals:
        if e.team in (m.home_team, m.away_team):
            count[e.team if not e.is_own_goal else (m.away_team if e.team == m.home_team else m.home_team)] += 1
    if hi == lo:
        m.home_score = m.away_score = hi
    elif count[m.home_team] > count[m.away_team] and count[m.home_team] <= hi and count[m.away_team] <= lo:
        m.home_score, m.away_score = hi, lo
    elif count[m.away_team] > count[m.home_team] and count[m.away_team] <= hi and count[m.home_team] <= lo:
        m.home_score, m.away_score = lo, hi
    else:
        return False
    doc.note(f"score {hi}-{lo} told without its winner; the side with more goals read has the {hi}")
    return True


def score_from_draw(doc: Doc, k: int) -> None:
    """'Northbrook and Eastwick draw' with four goals told: a draw splits them, 2-2."""
    m = doc.matches[k]
    pair = {m.home_team, m.away_team}
    if not any(c.outcome == "draw" and {c.first, c.second} == pair for c in doc.claims):
        return
    goals = sum(1 for e in doc.events if e.event_type == "goal" and e.fixture_index == k)
    if goals and goals % 2 == 0:
        m.home_score = m.away_score = goals // 2
        m.score_note = m.score_note or "score counted from the goals of a draw"
        doc.note(f"{m.home_team} v {m.away_team}: a draw with {goals} goals told, {goals // 2}-{goals // 2}")


def score_from_goals(doc: Doc, k: int) -> None:
    """No sentence gave the score, but every goal's side is known: count them."""
    m = doc.matches[k]
    if m.rule == "pairing":
        return  # a match only named ('limped out of the game against X'): its goals are not all told
    goals = [e for e in doc.events if e.event_type == "goal" and e.fixture_index == k]
    if not goals or any(e.team not in (m.home_team, m.away_team) for e in goals):
        return
    home = sum(1 for e in goals if (e.team == m.home_team) != e.is_own_goal)
    m.home_score, m.away_score = home, len(goals) - home
    m.score_note = m.score_note or "score counted from the goals reported"


def teams_from_score(doc: Doc) -> None:
    """When one side already has all the goals the score gives it, the others are the other side's."""
    for k, m in enumerate(doc.matches):
        if m.home_score is None or m.away_score is None:
            continue
        goals = [e for e in doc.events if e.event_type == "goal" and e.fixture_index == k]
        for_side = Counter()
        for e in goals:
            if e.team in (m.home_team, m.away_team):
                scorer_side = e.team
                benefit = (
                    scorer_side if not e.is_own_goal else (m.away_team if scorer_side == m.home_team else m.home_team)
                )
                for_side[benefit] += 1
        unknown = [e for e in goals if e.team not in (m.home_team, m.away_team)]
        if not unknown:
            continue
        need = {m.home_team: m.home_score - for_side[m.home_team], m.away_team: m.away_score - for_side[m.away_team]}
        open_sides = [t for t, n in need.items() if n > 0]
        if len(open_sides) == 1 and need[open_sides[0]] >= len(unknown):
            for e in unknown:
                e.team = open_sides[0] if not e.is_own_goal else next(t for t in need if t != open_sides[0])


_ = re
