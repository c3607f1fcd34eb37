"""Structured blocks the line-up reader (`transforms.team_sheets`) does not know: the continental
match-facts box many outlets print, in English or translated.

    Lazio                                   a team's name on a line of its own, then its line-up:
    Keeper; Def, Def (Sub, 46'), Def; ...   lines of the formation split by ';', a substitute and
    ... and Fwd.                            his minute in brackets after the player he replaced
    Goals                                   goals as the running score: '0-1 M. 25 Scorer.',
    0-1 M. 25 Scorer. 1-1 M. 67 Other (p.). '1-1, min. 67, Other (pen)'
    TA: A (7'), B (24') / C (5')            bookings, home / away ('TA', 'Yellow cards', 'Booked')
    TR: D (90')                             dismissals ('TR', 'Red cards', 'Sent off')

Every name keeps its exact span; the teams come from the labels, and a goal's team from which side
of the running score went up.
"""

from __future__ import annotations

import re

from transforms.records import EventMention, PersonMention, TeamSheet

RULE = "sheet_match_facts"
_APOS = r"['’‘′¿´`]"
_LABEL = re.compile(r"[A-ZÀ-Ý][\w'’.\- ]{1,38}")
_SUB = re.compile(rf"\(\s*(?P<on>[^\W\d_][^(),;]*?)\s*,?\s*(?P<min>\d{{1,3}})\s*{_APOS}?\s*\)")
_GOAL_ITEM = re.compile(
    rf"(?P<a>\d{{1,2}})\s*-\s*(?P<b>\d{{1,2}})\s*,?\s*(?:M\.|min\.?|minute)\s*(?P<min>\d{{1,3}})(?:\s*\+\s*(?P<add>\d{{1,2}}))?\s*{_APOS}?\s*[,:]?\s*"
    rf"(?P<name>[^\W\d_][^.()\d]*?)\s*(?P<flag>\((?:p|pen|og|o\.g\.|pp)\.?\))?\s*(?:\.|$|(?=\s\d))",
    re.I,
)
_CARD_LABEL = re.compile(
    r"\b(?P<kind>TA|TR|Yellow cards?|Red cards?|Booked|Sent off|Bookings|Amonestaciones|Expulsiones)\s*:\s*", re.I
)
_CARD_ITEM = re.compile(
    rf"(?P<name>[^\W\d_][\w'’.\- ]*?)\s*\(\s*(?P<min>\d{{1,3}})(?:\s*\+\s*(?P<add>\d{{1,2}}))?\s*{_APOS}?\s*\)"
)


def read(text: str, lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """Match-facts line-ups (with their goals and cards), wire summaries and score boxes, in text order;
    none where other sheets were read."""
    out = summaries(text, lines, taken) + lineups(text, lines, taken) + score_boxes(text, lines, taken)
    out += scoring_summaries(text, taken) + wire_box_scores(text, lines, taken)
    return out + numbered_lineups(text, lines, taken)


# ---- a broadcaster's 'Teams' tab: shirt numbers and names a line each, the player's events under him -----
#
#     Teams                          the tab's heading
#     Northb                         the home side's short name
#     23                             a shirt number, then the name
#     T Varga
#     • Yellow card40th minute       what he did, and when
#     • Subbed off71st minute
#     Substitutes                    the bench, the same way ('• Subbed on71st minute')
#     Eastw                          the away side, the same way

LINEUP_RULE = "sheet_numbered_lineup"
_TEAMS_TAB = re.compile(r"(?m)^[ \t]*(?:Teams|Line-ups|Lineups)[ \t]*$")
_SHIRT = re.compile(r"[ \t]*\d{1,2}[ \t]*")
_NOTE = re.compile(
    r"[ \t]*[•·*-][ \t]*(?P<what>Yellow card|Red card|Second yellow(?: card)?|Goal scored|Own goal|Penalty scored|"
    r"Assist|Subbed off|Subbed on|Substituted off|Substituted on)[ \t]*(?P<min>\d{1,3})(?:st|nd|rd|th)?"
    r"(?:[ \t]*\+[ \t]*(?P<add>\d{1,2}))?[ \t]*(?:minute|min|')?[ \t]*",
    re.I,
)
_NOTE_KIND = {
    "yellow card": "yellow_card", "red card": "red_card", "second yellow": "second_yellow",
    "second yellow card": "second_yellow", "goal scored": "goal", "own goal": "goal", "penalty scored": "goal",
}  # fmt: skip
_PLAYER_LINE = re.compile(r"[ \t]*(?P<name>[^\W\d_][\w.'’ -]{1,40}?)(?:[ \t]*\((?:c|C|gk|GK)\))?[ \t]*")
_BENCH_LINE = frozenset({"Substitutes", "Subs", "Bench"})


def numbered_lineups(text: str, lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """Both sides of a 'Teams' tab, home first (each side's label is a short form: 'N'brook')."""
    tab = _TEAMS_TAB.search(text)
    if tab is None or any(a <= tab.start() < b for a, b in taken):
        return []
    k = next((i for i, (s, _) in enumerate(lines) if s >= tab.end()), len(lines))
    sheets: list[TeamSheet] = []
    while k < len(lines) and len(sheets) < 2:
        label = lines[k]
        if not _PLAYER_LINE.fullmatch(text, *label) or _SHIRT.fullmatch(text, *label):
            break
        sheet = TeamSheet(None, "home" if not sheets else "away", label[0], label[1])
        k = _read_side(text, lines, k + 1, sheet)
        if len(sheet.players) < 7:
            break
        sheets.append(sheet)
    return sheets if len(sheets) == 2 else []


def _read_side(text: str, lines: list[tuple[int, int]], k: int, sheet: TeamSheet) -> int:
    """A side's numbered players (starters, then the bench) and their notes; returns the line after."""
    ons: dict[tuple, list[str]] = {}
    offs: dict[tuple, list[str]] = {}
    while k < len(lines):
        if text[slice(*lines[k])].strip() in _BENCH_LINE:
            k += 1
            continue
        who = _PLAYER_LINE.fullmatch(text, *lines[k + 1]) if k + 1 < len(lines) else None
        if not _SHIRT.fullmatch(text, *lines[k]) or who is None:
            break
        name, at = who["name"].strip(), who.start("name")
        sheet.players.append(PersonMention(name, at, at + len(name), rule=LINEUP_RULE))
        k += 2
        while k < len(lines) and (note := _NOTE.fullmatch(text, *lines[k])):
            _read_note(note, name, at, sheet, ons, offs)
            sheet.char_end = lines[k][1]
            k += 1
    _pair_changes(sheet, ons, offs)
    return k


def _read_note(note: re.Match[str], name: str, at: int, sheet: TeamSheet, ons: dict, offs: dict) -> None:
    """'Yellow card40th minute', 'Subbed off71st minute': an event of his, or one half of a change."""
    from transforms.minutes import clock

    minute, added = (int(note["min"]), int(note["add"])) if note["add"] else clock(int(note["min"]))
    what = note["what"].lower()
    if what in _NOTE_KIND:
        kind, penalty, own = _NOTE_KIND[what], what == "penalty scored", what == "own goal"
        event = EventMention(kind, at, at + len(name), name, sheet.side, None, minute, added, penalty, own, LINEUP_RULE)
        sheet.events.append(event)
    elif what.endswith("off"):
        offs.setdefault((minute, added), []).append(name)
    elif what.endswith("on"):
        ons.setdefault((minute, added), []).append(name)


def _pair_changes(sheet: TeamSheet, ons: dict, offs: dict) -> None:
    """Who came on for whom, by the minute: a minute with two changes pairs nobody (the page does not say)."""
    for (minute, added), coming in ons.items():
        going = offs.get((minute, added), [])
        for on in coming:
            off = going[0] if len(coming) == 1 and len(going) == 1 else None
            at = next(p.char_start for p in sheet.players if p.name == on)
            event = EventMention("substitution", at, at + len(on), on, sheet.side, off, minute, added, rule=LINEUP_RULE)
            sheet.events.append(event)


# ---- a wire service's box score (AP): labels glued to their fields by an underscore ---------------------
#
#     First Half_1, Eastwick, Varga, 3 (Olsen), 8th minute.      goal number, team, scorer, his tally,
#     Second Half_2, Northbrook, Berg, 1, 72nd.                  the assists in brackets, the minute
#     Yellow Cards_Kral, Northbrook, 29th; Kell, Eastwick, 57th.  name, team, minute
#     Northbrook_Marsh; Kell, Berg (Kowal, 84th), ...; Kral.     a line-up: 'starter (substitute, minute)'

BOX_SCORE_RULE = "sheet_wire_box_score"
_BOX_LABEL = re.compile(r"(?m)^[ \t]*(?P<label>[A-ZÀ-Ý][^_\n]{1,40}?)_(?=\S)")
_BOX_GOAL = re.compile(
    r"\s*\d{1,2},\s*(?P<team>[^,;\n]+?),\s*(?P<name>[^,;()\n]+?),\s*\d{1,2}\s*(?:\((?P<extra>[^()\n]*)\))?,\s*"
    r"(?P<min>\d{1,3})(?:st|nd|rd|th)?(?:\s*\+\s*(?P<add>\d{1,2}))?(?:\s+minute)?\s*[.;]?"
)
_BOX_CARD = re.compile(
    r"\s*(?P<name>[^,;\n]+?),\s*(?P<team>[^,;\n]+?),\s*(?P<min>\d{1,3})(?:st|nd|rd|th)?(?:\s*\+\s*(?P<add>\d{1,2}))?\s*[.;]?"
)
_BOX_PLAYER = re.compile(
    r"\s*(?P<name>[^\W\d_][^;,()\n]*?)\s*(?:\((?P<on>[^\W\d_][^,()\n]*?),\s*(?P<min>\d{1,3})(?:st|nd|rd|th)?\)\s*)?(?:[;,]|\.?$)",
    re.M,
)
_BOX_GOAL_LABELS = ("first half", "second half", "overtime", "first overtime", "second overtime", "extra time")
_BOX_CARD_LABELS = {"yellow cards": "yellow_card", "red cards": "red_card", "yellow card": "yellow_card",
                    "red card": "red_card"}  # fmt: skip
_BOX_OTHER_LABELS = ("goalies", "referee", "assistant referees", "4th official", "fourth official", "att", "a")


def wire_box_scores(text: str, lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """One sheet per team the box names: its line-up with substitutions, and the goals and cards listed
    under the half and card labels (each item names its team)."""
    if "Half_" not in text and "Cards_" not in text:
        return []
    labels = [m for m in _BOX_LABEL.finditer(text) if not any(a <= m.start() < b for a, b in taken)]
    sheets: dict[str, TeamSheet] = {}
    lineup_at: dict[str, int] = {}

    def sheet(team: str, at: int) -> TeamSheet:
        return sheets.setdefault(team, TeamSheet(team, None, at, at))

    for m in labels:
        label, end = m["label"].strip(), text.find("\n", m.end())
        end = len(text) if end < 0 else end
        kind = label.lower()
        if kind in _BOX_GOAL_LABELS:
            for g in _box_items(_BOX_GOAL, text, m.end(), end):
                extra = (g["extra"] or "").strip()
                name, team = g["name"].strip(), g["team"].strip()
                penalty, own = "penalty" in extra.lower(), "own goal" in extra.lower()
                assist = None if penalty or own or not extra else extra.split(",")[0].strip()
                at, added = g.start("name"), int(g["add"]) if g["add"] else None
                ev = EventMention(
                    "goal", at, at + len(name), name, team, assist, int(g["min"]), added, penalty, own, BOX_SCORE_RULE
                )
                _add(sheet(team, m.start()), ev, end)
        elif kind in _BOX_CARD_LABELS:
            for c in _box_items(_BOX_CARD, text, m.end(), end):
                name, team = c["name"].strip(), c["team"].strip()
                at, added = c.start("name"), int(c["add"]) if c["add"] else None
                card = _BOX_CARD_LABELS[kind]
                ev = EventMention(card, at, at + len(name), name, team, None, int(c["min"]), added, rule=BOX_SCORE_RULE)
                _add(sheet(team, m.start()), ev, end)
        elif kind not in _BOX_OTHER_LABELS and ";" in text[m.end() : end]:
            box = sheet(label, m.start())
            lineup_at[label] = m.start()
            for p in _box_items(_BOX_PLAYER, text, m.end(), end):
                name = p["name"].strip()
                at = p.start("name")
                box.players.append(PersonMention(name, at, at + len(name), rule=BOX_SCORE_RULE))
                if p["on"]:
                    on = p["on"].strip()
                    box.players.append(PersonMention(on, p.start("on"), p.start("on") + len(on), rule=BOX_SCORE_RULE))
                    _add(box, EventMention("substitution", p.start("on"), p.start("on") + len(on), on, label, name,
                                           int(p["min"]), rule=BOX_SCORE_RULE), end)  # fmt: skip
    found = [s for s in sheets.values() if s.players or s.events]
    return sorted(found, key=lambda s: lineup_at.get(s.team or "", len(text)))  # the line-ups' order, as printed


def _box_items(rx: re.Pattern[str], text: str, start: int, end: int) -> list[re.Match[str]]:
    """Consecutive items of one field, from its label to the line's end (none if the first does not fit)."""
    out, pos = [], start
    while pos < end and (m := rx.match(text, pos, end)) and m.end() > pos:
        out.append(m)
        pos = m.end()
    return out


def _add(sheet: TeamSheet, event: EventMention, end: int) -> None:
    sheet.events.append(event)
    sheet.char_end = max(sheet.char_end, end)
    if event.event_type != "substitution" and event.player_name:
        sheet.players.append(PersonMention(event.player_name, event.char_start, event.char_end, rule=BOX_SCORE_RULE))


# ---- a US college page's scoring summary ----------------------------------------------------------------
#
#     Scoring: NOR-Tomas Varga (Jan Olsen, Piotr Kral), 35:21;   a team's code, the scorer, the assists,
#     EAS-Marek Berg (penalty kick), 75:28;                      the clock (35:21 is the 36th minute)
#     NOR-Eastwick own goal, 92:35.                              an own goal by the side named

SCORING_RULE = "sheet_scoring_summary"
_SCORING_LABEL = re.compile(r"(?m)^[ \t]*Scoring(?:[ \t]+Summary)?[ \t]*:[ \t]*")
_SCORING_ITEM = re.compile(
    r"\s*(?P<code>[A-Z]{2,5})\s*[-–]\s*(?P<name>[^\W\d_][^();,\n]*?)\s*(?:\((?P<extra>[^()]*)\))?\s*,\s*"
    r"(?P<mm>\d{1,3}):(?P<ss>[0-5]\d)[ \t]*(?:[;.]|(?=\n)|\Z)"
)
_OWN_GOAL = re.compile(r"\s+own\s+goal$", re.I)


def scoring_summaries(text: str, taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """'Scoring: NOR-Varga (Olsen), 35:21; EAS-Berg (penalty kick), 75:28': one sheet per team code, each
    goal at its clock's minute, the first name in brackets its assist; the code names the team later."""
    from transforms.minutes import clock

    if "Scoring" not in text:
        return []
    out: dict[str, TeamSheet] = {}
    overtime = re.search(r"\bovertime\b|\(OT\)|\b2?OT\b", text) is not None
    for label in _SCORING_LABEL.finditer(text):
        if any(a <= label.start() < b for a, b in taken):
            continue
        pos = label.end()
        while (m := _SCORING_ITEM.match(text, pos)) and m.end() - label.end() < 600:
            pos = m.end()
            name, extra = m["name"].strip(), (m["extra"] or "").strip()
            minute, added = clock(int(m["mm"]) + 1, extra_time=overtime)
            own = _OWN_GOAL.search(name)
            player = None if own else name
            team = name[: own.start()].strip() if own else m["code"]
            assist = None if own or not extra or "penalty" in extra.lower() else extra.split(",")[0].strip()
            s = m.start("name")
            sheet = out.setdefault(m["code"], TeamSheet(m["code"], None, label.start(), m.end()))
            sheet.char_end = max(sheet.char_end, m.end())
            penalty = "penalty" in extra.lower()
            sheet.events.append(
                EventMention(
                    "goal", s, s + len(name), player, team, assist, minute, added, penalty, bool(own), SCORING_RULE
                )
            )
            if player:
                sheet.players.append(PersonMention(player, s, s + len(player), rule=SCORING_RULE))
    return list(out.values())


# ---- score boxes: a team and its goals on one line, then what each player did, a line each ----------
#
#     Northbrook 2                     the home side and its goals
#     - T Varga (7th minute)           a goal and its minute ('pen', 'og' before the minute)
#     Eastwick 1                       the away side
#     - J Kowal (sent off 73rd minute) a dismissal

BOX_RULE = "sheet_score_box"
BOX_TEAM = re.compile(
    r"[ \t]*(?P<t>[A-ZÀ-Ý][^\W\d_]*(?:[ \t]+[^\W\d_&.'’-][\w&.'’-]*){0,4})[ \t]+(?P<n>\d{1,2})[ \t]*$"
)
BOX_ITEM = re.compile(
    r"[ \t]*[-•][ \t]*(?P<name>[^\W\d_][^()\n]*?)[ \t]*\([ \t]*(?P<kind>sent off|pen(?:alty)?|og|own goal)?[ \t]*"
    r"(?P<min>\d{1,3})(?:st|nd|rd|th)?(?:[ \t]*(?:minute|min|['’]))?(?:[ \t]*\+[ \t]*(?P<add>\d{1,2}))?[ \t]*\)[ \t]*$",
    re.I,
)


def score_boxes(text: str, lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """Two team lines, each with the lines of its scorers (and dismissals) under it: home, then away."""
    if "(" not in text:
        return []
    for k, line in enumerate(lines):
        home = _box(text, lines, k)
        if home is None or any(a <= line[0] < b for a, b in taken):
            continue
        sheet, nxt = home
        away = _box(text, lines, nxt)
        if away is None or not (sheet.events or away[0].events):
            continue
        sheet.side, away[0].side = "home", "away"
        for box, other in ((sheet, away[0]), (away[0], sheet)):
            for own_goal in (e for e in box.events if e.is_own_goal):
                own_goal.team = other.team  # listed under the side it helped; the scorer plays for the other
        return [sheet, away[0]]
    return []


def _box(text: str, lines: list[tuple[int, int]], k: int) -> tuple[TeamSheet, int] | None:
    """The team line at k and its item lines; with the index of the line after them."""
    if k >= len(lines):
        return None
    m = BOX_TEAM.match(text, *lines[k])
    if m is None:
        return None
    team = m["t"].strip()
    sheet = TeamSheet(team, None, lines[k][0], lines[k][1])
    j = k + 1
    while j < len(lines) and (item := BOX_ITEM.match(text, *lines[j])):
        s, e = item.span("name")
        name = text[s:e].strip()
        kind = (item["kind"] or "").lower()
        etype = "red_card" if kind == "sent off" else "goal"
        minute, added = int(item["min"]), int(item["add"]) if item["add"] else None
        own = kind in ("og", "own goal")
        sheet.events.append(
            EventMention(
                etype, s, s + len(name), name, team, None, minute, added, kind.startswith("pen"), own, BOX_RULE
            )
        )
        sheet.players.append(PersonMention(name, s, s + len(name), rule=BOX_RULE))
        sheet.char_end = lines[j][1]
        j += 1
    return sheet, j


def lineups(text: str, lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """A team's name on its line, its line-up on the next; goals and cards after the two sides."""
    sheets: list[TeamSheet] = []
    for k in range(len(lines) - 1):
        label, body = lines[k], lines[k + 1]
        if any(a <= body[0] < b for a, b in taken):
            continue
        sheet = _lineup(text, label, body)
        if sheet is not None:
            sheets.append(sheet)
    if len(sheets) < 2:
        return []
    sheets = sheets[:2]
    sheets[0].side, sheets[1].side = "home", "away"
    end = sheets[-1].char_end
    sheets[0].events += _goals(text, end, sheets)
    sheets[0].events += _cards(text, end, sheets)
    return sheets


def _lineup(text: str, label: tuple[int, int], body: tuple[int, int]) -> TeamSheet | None:
    """A label line and a line of at least nine players split by ';' and ','."""
    name = text[label[0] : label[1]].strip()
    line = text[body[0] : body[1]]
    if not _LABEL.fullmatch(name) or len(name.split()) > 4 or line.count(";") < 2:
        return None
    sheet = TeamSheet(name, None, label[0], body[1])
    for start, part in _items(line, body[0]):
        sub = _SUB.search(part)
        player = part[: sub.start()] if sub else part
        p0 = start + len(player) - len(player.lstrip())
        p1 = start + len(player.rstrip().rstrip("."))
        if not text[p0:p1] or not text[p0].isupper():
            continue
        sheet.players.append(PersonMention(text[p0:p1], p0, p1, rule=RULE))
        if sub:
            on0 = start + sub.start("on")
            on1 = start + sub.end("on")
            sheet.players.append(PersonMention(text[on0:on1], on0, on1, rule=RULE))
            sheet.events.append(
                EventMention(
                    "substitution", on0, on1, text[on0:on1], None, text[p0:p1], int(sub["min"]), None, rule=RULE
                )  # fmt: skip
            )
    if len(sheet.players) < 9:
        return None
    for e in sheet.events:
        e.team = name
    return sheet


def _items(line: str, offset: int) -> list[tuple[int, str]]:
    """The line split at ';', ',' and 'and' outside brackets: (offset, item) pairs."""
    out, depth, begin = [], 0, 0
    for m in re.finditer(r"[()]|;|,|\band\b", line):
        tok = m.group()
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            if line[begin : m.start()].strip():
                out.append((offset + begin, line[begin : m.start()]))
            begin = m.end()
    if line[begin:].strip():
        out.append((offset + begin, line[begin:]))
    return out


def _goals(text: str, start: int, sheets: list[TeamSheet]) -> list[EventMention]:
    """'0-1 M. 25 Scorer.': the side whose number went up scored."""
    out = []
    window = text[start : start + 1500]
    before = (0, 0)
    for m in _GOAL_ITEM.finditer(window):
        now = (int(m["a"]), int(m["b"]))
        side = 0 if now[0] > before[0] else 1 if now[1] > before[1] else None
        before = now
        if side is None:
            continue
        s, e = start + m.start("name"), start + m.end("name")
        flag = (m["flag"] or "").lower()
        own = "og" in flag or "o.g" in flag or "pp" in flag
        team = sheets[side].team if not own else sheets[1 - side].team
        minute, added = int(m["min"]), int(m["add"]) if m["add"] else None
        out.append(EventMention("goal", s, e, text[s:e], team, None, minute, added, "p" in flag and not own, own, RULE))
    return out


def _cards(text: str, start: int, sheets: list[TeamSheet]) -> list[EventMention]:
    """'TA: A (7'), B (24') / C (5')': home's bookings, a slash, the away side's."""
    out = []
    window = text[start : start + 1500]
    labels = list(_CARD_LABEL.finditer(window))
    for i, lab in enumerate(labels):
        kind = lab["kind"].lower()
        etype = "red_card" if kind in ("tr", "red card", "red cards", "sent off", "expulsiones") else "yellow_card"
        end = labels[i + 1].start() if i + 1 < len(labels) else min(len(window), lab.end() + 300)
        chunk = window[lab.end() : end]
        side = 0
        pos = lab.end()
        two_sides = "/" in chunk
        for part in re.split(r"(/)", chunk):
            if part == "/":
                side = 1
                pos += 1
                continue
            for m in _CARD_ITEM.finditer(part):
                s, e = start + pos + m.start("name"), start + pos + m.end("name")
                name = text[s:e].strip()
                added = int(m["add"]) if m["add"] else None
                team = sheets[min(side, 1)].team if two_sides else None  # one list: the player's sheet tells
                out.append(EventMention(etype, s, s + len(name), name, team, None, int(m["min"]), added, rule=RULE))
            pos += len(part)
    return out


# ---- wire summaries: 'Home (1) 2 Scorers: A 38pen, B 82 Yellow card: C 78 Subs used: D 66 (E)' ----------

_SUMMARY = re.compile(
    r"(?P<t>[^\n(]+?)\s*\((?P<ht>\d{1,2})\)\s*(?P<n>\d{1,2})\s+(?=(?:Scorers?|Goals?|Yellow cards?|Red cards?|Subs used|"
    r"Missed penalty|Sent off)\s*:)"
)
_SUMMARY_LABEL = re.compile(r"(?:Scorers?|Goals?|Yellow cards?|Red cards?|Subs used|Missed penalty|Sent off)\s*:")
_FIELD = re.compile(
    r"(?P<label>Scorers?|Goals?|Yellow cards?|Red cards?|Subs used|Missed penalty|Sent off)\s*:\s*", re.I
)
_ITEM = re.compile(
    rf"(?P<name>[^\W\d_][^\d(),;:]*?)\s+(?P<min>\d{{1,3}})(?:\s*\+\s*(?P<add>\d{{1,2}}))?\s*{_APOS}?\s*(?P<flag>pen|p|og|o\.g\.)?"
    r"(?:\s*\((?P<off>[^()]+)\))?"
)
_KIND = {"scorer": "goal", "scorers": "goal", "goal": "goal", "goals": "goal", "yellow card": "yellow_card",
         "yellow cards": "yellow_card", "red card": "red_card", "red cards": "red_card", "sent off": "red_card",
         "subs used": "substitution", "missed penalty": "penalty_miss"}  # fmt: skip


_SECOND = frozenset({"2nd", "second", "2nd yellow", "second yellow"})


def summaries(text: str, lines: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[TeamSheet]:
    """Two consecutive summary lines are home and away; each labelled field lists one kind of event."""
    out: list[TeamSheet] = []
    if not _SUMMARY_LABEL.search(text):
        return out  # no 'Scorers:' or 'Yellow cards:' anywhere: no summary lines to try
    k = 0
    while k + 1 < len(lines):
        first, second = lines[k], lines[k + 1]
        m1 = _SUMMARY.match(text, *first)
        m2 = _SUMMARY.match(text, *second) if m1 else None
        if not (m1 and m2) or any(a <= first[0] < b for a, b in taken):
            k += 1
            continue
        home, away = _summary_sheet(text, m1, first, "home"), _summary_sheet(text, m2, second, "away")
        for own_goal in (e for e in home.events + away.events if e.is_own_goal):
            own_goal.team = away.team if own_goal in home.events else home.team  # listed under the side it helped
        out += [home, away]
        k += 2
    return out


def _summary_sheet(text: str, m: re.Match[str], line: tuple[int, int], side: str) -> TeamSheet:
    team = text[m.start("t") : m.end("t")].strip()
    sheet = TeamSheet(team, side, line[0], line[1])
    fields = list(_FIELD.finditer(text, m.end(), line[1]))
    for i, f in enumerate(fields):
        kind = _KIND.get(f["label"].lower())
        end = fields[i + 1].start() if i + 1 < len(fields) else line[1]
        for item in _ITEM.finditer(text, f.end(), end):
            s, e = item.span("name")
            name = text[s:e].strip().rstrip(",")
            e = s + len(name)
            minute, added = int(item["min"]), int(item["add"]) if item["add"] else None
            flag = (item["flag"] or "").lower()
            if kind == "substitution":
                off = (item["off"] or "").strip()
                sheet.events.append(
                    EventMention("substitution", s, e, name, team, off or None, minute, added, rule=RULE)
                )
            elif kind:
                if kind == "yellow_card" and (item["off"] or "").strip().lower() in _SECOND:
                    kind_here = "second_yellow"  # 'Cole 85 (2nd)': his second booking
                else:
                    kind_here = kind
                sheet.events.append(
                    EventMention(
                        kind_here,
                        s,
                        e,
                        name,
                        team,
                        None,
                        minute,
                        added,
                        kind == "goal" and flag in ("pen", "p"),
                        kind == "goal" and flag in ("og", "o.g."),
                        RULE,
                    )  # fmt: skip
                )
            sheet.players.append(PersonMention(name, s, e, rule=RULE))
    return sheet
