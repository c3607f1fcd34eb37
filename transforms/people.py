"""People in prose: who is named, who is a player, and which full name a surname stands for.

Rules, not a name list: a name is a run of capitalised words (with the particles football
names carry: de, van, da, dos...), not a team, competition, place or common word. Context
tells the role: "coach X", "X's side" -> coach; "referee X" -> referee; "at the X" -> place.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from transforms.gates import compile_rule, gate_for, gate_test
from transforms.records import PersonMention

PARTICLES = {
    "de",
    "da",
    "das",
    "do",
    "dos",
    "di",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "ten",
    "ter",
    "le",
    "la",
    "el",
    "al",
    "bin",
    "ibn",
    "mac",
    "y",
    "e",
    "st",
}
SUFFIXES = {"Jr", "Jr.", "Junior", "Júnior", "Snr", "Sr", "II", "III"}
TITLES = {
    "Coach",
    "Manager",
    "Boss",
    "Referee",
    "Ref",
    "Midfielder",
    "Defender",
    "Striker",
    "Forward",
    "Goalkeeper",
    "Keeper",
    "Winger",
    "Substitute",
    "Captain",
    "Skipper",
    "Former",
    "Ex",
    "Sir",
    "Mr",
    "Dr",
    "Full-back",
    "Fullback",
    "Centre-back",
    "Center-back",
    "Left-back",
    "Right-back",
    "Teenager",
    "Veteran",
    "Debutant",
    "Youngster",
    "Playmaker",
    "Midfield",
    "Attacker",
    "Frontman",
    "International",
    "Wing-back",
    "Head",
    "Assistant",
    "President",
    "Chairman",
    "Owner",
    "Director",
    "Technical",
    "Interim",
    "Caretaker",
}
NOT_NAMES = {
    # calendar
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    # football nouns that get capitals
    "League",
    "Cup",
    "Premier",
    "Premiership",
    "Champions",
    "Championship",
    "Group",
    "Final",
    "Finals",
    "Stadium",
    "Park",
    "Arena",
    "Road",
    "Lane",
    "Ground",
    "Bridge",
    "Village",
    "Field",
    "Estadio",
    "Stadion",
    "Player",
    "Players",
    "Match",
    "Man",
    "Woman",
    "Women",
    "Men",
    "Goal",
    "Goals",
    "Booked",
    "Subs",
    "Substitutes",
    "Substitution",
    "Substituted",
    "Att",
    "Attendance",
    "Referee",
    "Ref",
    "Key",
    "Line-ups",
    "Lineups",
    "Report",
    "Live",
    "Video",
    "Watch",
    "Highlights",
    "Published",
    "Updated",
    "Image",
    "Photo",
    "Getty",
    "Images",
    "Reuters",
    "Press",
    "Association",
    "Agence",
    "France-Presse",
    "Copyright",
    "Read",
    "More",
    "Related",
    "Topics",
    "Share",
    "Follow",
    "Comments",
    "Standings",
    "Table",
    "Team",
    "Teams",
    "World",
    "Euro",
    "Euros",
    "Nations",
    "Copa",
    "America",
    "Africa",
    "Asian",
    "Olympic",
    "Olympics",
    "Super",
    "Bowl",
    "Carabao",
    "Carling",
    "Emirates",
    "Europa",
    "Conference",
    "Serie",
    "Liga",
    "LaLiga",
    "Bundesliga",
    "Ligue",
    "Eredivisie",
    "Primeira",
    "Primera",
    "Division",
    "Scottish",
    "English",
    "Spanish",
    "Italian",
    "German",
    "French",
    "Dutch",
    "Portuguese",
    "Belgian",
    "Brazilian",
    "Argentine",
    "Argentinian",
    "Uruguayan",
    "Colombian",
    "Mexican",
    "American",
    "Canadian",
    "Japanese",
    "Korean",
    "Nigerian",
    "Ghanaian",
    "Senegalese",
    "Moroccan",
    "Egyptian",
    "Algerian",
    "Ivorian",
    "Cameroonian",
    "Croatian",
    "Serbian",
    "Polish",
    "Czech",
    "Swiss",
    "Austrian",
    "Swedish",
    "Danish",
    "Norwegian",
    "Welsh",
    "Irish",
    "Scot",
    "Scots",
    "Englishman",
    "Frenchman",
    "Spaniard",
    "Turkish",
    "Greek",
    "Russian",
    "Ukrainian",
    "Saudi",
    "Australian",
    "Chilean",
    "Peruvian",
    "Ecuadorian",
    "European",
    "South",
    "North",
    "East",
    "West",
    "Central",
    "United",
    "City",
    "Real",
    "Athletic",
    "FC",
    "Club",
    "Sports",
    "Sport",
    "News",
    "Radio",
    "Television",
    "TV",
    "Sky",
    "BBC",
    "ESPN",
    "DAZN",
    "BT",
    "Amazon",
    "Prime",
    "Twitter",
    "Instagram",
    "Facebook",
    "YouTube",
    "Opponent",
    "Competition",
    "Date",
    "Upcoming",
    "Fixtures",
    "Fixture",
    "Results",
    "Result",
    "Round",
    "Quarter-final",
    "Semi-final",
    "Quarter-finals",
    "Semi-finals",
    "First",
    "Second",
    "Third",
    "Half",
    "Leg",
    "Extra",
    "Time",
    "Penalty",
    "Penalties",
    "Red",
    "Yellow",
    "Card",
    "Cards",
    "Assist",
    "Assists",
    "Lions",
    "Blues",
    "Reds",
    "Hosts",
    "Visitors",
    "Christmas",
    "Easter",
    "God",
    "Lord",
    "VAR",
    "Ballon",
    "Or",
    "Golden",
    "Boot",
    "Award",
    "Awards",
    "Manager",
    "Coach",
    "Boss",
    "Captain",
    "Scorers",
    "Scorer",
    "Bookings",
    "Booking",
    "Sent",
    "Off",
    "Red-card",
    "Yellow-card",
    "Rating",
    "Ratings",
    "Analysis",
    "Verdict",
    "Talking",
    "Points",
    "Point",
    "Minute",
    "Minutes",
    "Top",
    "Bottom",
    "Home",
    "Away",
    "Old",
    "New",
    "Big",
    "Little",
    "Great",
    "Grand",
    "Royal",
    "Saint",
    "Santa",
    "San",
    "Los",
    "Las",
    "Les",
    "Die",
    "Der",
}
# Capitalised words that open sentences and are never names on their own.
STAGE_WORDS = frozenset({"Group", "Groups", "Pool", "Round", "Matchday", "Gameweek", "Division", "Conference"})
OPENERS = {
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "However",
    "After",
    "Before",
    "When",
    "While",
    "Although",
    "Though",
    "As",
    "At",
    "In",
    "On",
    "Of",
    "For",
    "From",
    "With",
    "Without",
    "Within",
    "Into",
    "By",
    "To",
    "Despite",
    "Even",
    "Only",
    "Just",
    "Then",
    "Now",
    "There",
    "Here",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "Who",
    "What",
    "Where",
    "Why",
    "How",
    "Which",
    "If",
    "Unless",
    "Until",
    "Whether",
    "Once",
    "Since",
    "Because",
    "Both",
    "Each",
    "Every",
    "All",
    "Some",
    "Many",
    "Most",
    "Few",
    "Another",
    "Other",
    "Such",
    "No",
    "Not",
    "Never",
    "Also",
    "Still",
    "Instead",
    "Meanwhile",
    "Later",
    "Earlier",
    "Soon",
    "Again",
    "Further",
    "Finally",
    "Eventually",
    "Remarkably",
    "Incredibly",
    "Unfortunately",
    "Fortunately",
    "Sadly",
    "Overall",
    "Indeed",
    "Perhaps",
    "Maybe",
    "Almost",
    "Nearly",
    "Victory",
    "Defeat",
    "Win",
    "Draw",
    "Loss",
    "Former",
    "Ex",
    "Substitute",
    "Midfielder",
    "Defender",
    "Striker",
    "Goalkeeper",
    "Winger",
    "Captain",
    "Keeper",
    "Coach",
    "Manager",
    "Boss",
    "Referee",
    "Full-time",
    "Half-time",
    "Kick-off",
    "Early",
    "Late",
    "Key",
    "Line-ups",
    "Substitutes",
    "Sunday",
    "Saturday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Did",
    "Does",
    "Do",
    "Is",
    "Are",
    "Was",
    "Were",
    "Has",
    "Have",
    "Had",
    "Will",
    "Would",
    "Could",
    "Should",
    "Can",
    "May",
    "Might",
    "Must",
    "Let",
    "Get",
    "Got",
    "Go",
    "Watch",
    "Read",
    "See",
    "Click",
    "Sign",
    "Subscribe",
    "Follow",
    "Share",
    "Advertisement",
    "Report",
    "Match",
    "Game",
    "Goal",
    "Goals",
    "Player",
    "Players",
    "Team",
    "Teams",
    "Fans",
    "Supporters",
    "Everything",
    "Nothing",
    "Something",
    "Anything",
    "Everyone",
    "Nobody",
    "Someone",
    "Anyone",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Sir",
    "St",
    "Out",
    "Up",
    "Down",
    "Over",
    "Under",
    "Off",
    "Well",
    "Yes",
    "Oh",
    "Like",
    "Unlike",
    "Against",
    "Among",
    "Between",
    "Behind",
    "Beyond",
    "During",
    "Through",
    "Throughout",
    "Toward",
    "Towards",
    "Upon",
    "Via",
    "Per",
    "Amid",
    "Amidst",
    "Along",
    "Alongside",
    "Around",
    "Across",
}
ROLE_BEFORE = [
    (compile_rule(r"(?:head\s+coach|coach|manager|boss|gaffer|tactician|trainer)\s*$", re.I), "coach"),
    (compile_rule(r"(?:coached\s+by|managed\s+by|under)\s*$", re.I), "coach"),
    (compile_rule(r"(?:referee|ref|official|linesman|assistant\s+referee|VAR\s+official)\s*$", re.I), "referee"),
    (
        compile_rule(
            r"(?:president|chairman|owner|director|chief\s+executive|ceo|spokesman|spokeswoman|pundit|"
            r"commentator|journalist|reporter|photographer|correspondent|presenter|agent|chief)\s*$",
            re.I,
        ),
        "other",
    ),
    (compile_rule(r"(?:told|speaking\s+to|said\s+to|in\s+an\s+interview\s+with)\s*$", re.I), "other"),
    (compile_rule(r"(?<![\w-])(?:at|in|inside|outside|to|from|near|towards?)\s+(?:the\s+)?$", re.I), "place?"),
]
ROLE_AFTER = [
    (compile_rule(r"^(?:'s|’s|')\s+(?:side|team|men|charges|squad|outfit|troops|players)\b", re.I), "coach"),
    (compile_rule(r"^,?\s+(?:the\s+)?(?:[A-Z][\w-]+\s+){0,3}(?:coach|manager|boss)\b", re.I), "coach"),
    (compile_rule(r"^\s+(?:Stadium|Park|Arena|Ground|Road|Lane|Village|Field|Stadion)\b"), "place"),
    (compile_rule(r"^\s+(?:crowd|faithful|pitch|turf|stands|stadium|fans|supporters|atmosphere)\b"), "place"),
    (compile_rule(r"^/[A-Z]"), "other"),  # photo credit "Name/AFP/Getty"
]
PLACE_ENDINGS = (
    "Stadium",
    "Park",
    "Arena",
    "Ground",
    "Road",
    "Lane",
    "Village",
    "Field",
    "Stadion",
    "Lane",
    "Bridge",
    "Centre",
    "Center",
    "Dome",
    "Bowl",
)

_ROLE_BEFORE_GATES = [gate_test(gate_for(rx)) for rx, _ in ROLE_BEFORE]
_LEADERS = TITLES | OPENERS  # words a name never starts with
_NEVER_ALONE = NOT_NAMES | OPENERS | TITLES  # a run of only these words is nobody
_NONBLANK = compile_rule(r"\S+")
_OPENS_SENTENCE = compile_rule(r"(?:[.!?\"“”:]\s*|\n\s*|^\s*|-\s)$")
_THE_BEFORE = compile_rule(r"\bthe\s+$", re.I)
_WORD = compile_rule(r"[^\W\d_][\w'’\-.]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    text: str


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and not (len(tok) > 1 and tok.isupper() and tok not in SUFFIXES)


_INITIAL = compile_rule(r"[A-Z]\.")
# not a-z first: a lower-case word is never a capital, and no match can start inside one (a space precedes)
_AFTER_LOWER = compile_rule(r"(?<=[a-z,;:)] )([^\W\d_a-z][\w'’\-]+)")


def _strip_token(tok: str) -> str:
    """Drop possessives and trailing dots a token picks up ("Varga's" -> "Varga")."""
    if tok[-1] not in "'’s.":  # most words: nothing to strip
        return tok
    for tail in ("'s", "’s", "s'", "’"):
        if tok.endswith(tail) and len(tok) > len(tail) + 1:
            return tok[: -len(tail)] + ("s" if tail == "s'" else "")
    if tok.endswith("'"):
        tok = tok[:-1]
    return tok.rstrip(".") if not _INITIAL.fullmatch(tok) else tok


def capitalised_runs(text: str, start: int = 0, end: int | None = None) -> list[NameSpan]:
    """Runs of capitalised words with name particles between them, by character offsets."""
    end = len(text) if end is None else end
    runs: list[NameSpan] = []
    cur: list[tuple[int, int]] = []

    def close() -> None:
        while cur and text[cur[-1][0] : cur[-1][1]].lower() in PARTICLES:
            cur.pop()
        if cur:
            s, e = cur[0][0], cur[-1][1]
            runs.append(NameSpan(s, e, text[s:e]))
        cur.clear()

    for m in _WORD.finditer(text, start, end):
        raw = m.group()
        upper = raw[0].isupper()
        if not cur and not upper:
            continue  # most words: lower case, no run open
        tok = _strip_token(raw)
        s = m.start()
        e = s + len(tok)
        gap = text[cur[-1][1] : s] if cur else ""
        joinable = gap != "" and not gap.strip(" \t")  # only blanks since the run's last word
        if (upper and _is_cap(tok)) or (joinable and not upper and tok.lower() in PARTICLES):
            if cur and not joinable:
                close()
            cur.append((s, e))
            if raw[-1] == ".":
                if not _INITIAL.fullmatch(raw):
                    close()  # a full stop ends the name, but for an initial
            elif tok != raw:
                close()  # a possessive ends the name
        else:
            close()
    close()
    return runs


FIRST_NAME_WORDS = frozenset({"Will", "Bill", "Sonny", "Rob", "Mark", "Jack"})  # words that open sentences and names


def trim_titles(span: NameSpan, mid_sentence: bool = False) -> NameSpan | None:
    """'Coach Álvaro Arbeloa' -> 'Álvaro Arbeloa'; drop runs that are only titles or non-names.
    Inside a sentence 'Will Kowal rose highest' is a first name, not the modal that opens a question."""
    tokens = span.text.split()
    lead = 0
    while lead < len(tokens) - 1 and tokens[lead] in _LEADERS and not (mid_sentence and tokens[lead] in FIRST_NAME_WORDS):
        lead += 1
    if not tokens:
        return None
    tokens = tokens[lead:]
    s, e, text = span.start, span.end, span.text
    if lead or text[:1].isspace() or text[-1:].isspace():
        words = [(m.start(), m.end()) for m in _NONBLANK.finditer(span.text)][lead:]
        s, e = span.start + words[0][0], span.start + words[-1][1]
        text = span.text[words[0][0] : words[-1][1]]
    if _NEVER_ALONE.issuperset(tokens):
        return None
    if len(tokens) <= 2 and tokens[-1] in NOT_NAMES:
        return None
    return NameSpan(s, e, text)


_MID_SENTENCE = re.compile(r"[a-z,]\s+$")


class NameFinder:
    """Finds people in an article, given which spans are teams, competitions or clutter."""

    def __init__(
        self,
        text: str,
        blocked: Iterable[tuple[int, int]],
        is_team: Callable[[str], bool],
        is_proper: Callable[[int, int], bool] | None = None,
        first_names: frozenset[int] = frozenset(),
    ):
        self.text = text
        self.first_names = first_names  # starts of team words that open a person's name here ('Jordan Kral')
        self.is_proper = is_proper
        self.blocked = sorted(blocked)
        self._blocked_starts = [bs for bs, _ in self.blocked]
        self._blocked_reach = list(accumulate((be for _, be in self.blocked), max, initial=0))  # max end so far
        self.is_team = is_team
        self.midsentence_caps = self._midsentence_caps()
        self.in_full_names: set[str] = set()
        self.surnames: set[str] = set()  # last words of full names the article gives a person
        self._whole: list[tuple[NameSpan, list[str]]] | None = None
        self.runs = capitalised_runs(text)
        for run in self.runs:
            words = run.text.split()
            if len(words) >= 2:
                self.in_full_names.update(words)
                if not self._blocked(run.start, run.end) and not is_team(run.text):
                    self.surnames.add(words[-1])

    def _midsentence_caps(self) -> set[str]:
        """Words seen capitalised away from a sentence start: evidence they are names, not openers."""
        seen: set[str] = set()
        for m in _AFTER_LOWER.finditer(self.text):
            if m.group(1)[0].isupper():
                seen.add(_strip_token(m.group(1)))
        return seen

    def _blocked(self, s: int, e: int) -> bool:
        """Overlaps a blocked span: of the spans starting before `e`, one reaches past `s`."""
        return self._blocked_reach[bisect_left(self._blocked_starts, e)] > s

    def _sentence_initial(self, s: int) -> bool:
        before = self.text[max(0, s - 3) : s]
        return s == 0 or bool(_OPENS_SENTENCE.search(before))

    def find(self, start: int = 0, end: int | None = None) -> list[PersonMention]:
        """People in text[start:end] with a provisional role."""
        out: list[PersonMention] = []
        for span, tokens in self._candidates(start, end):
            if len(tokens) == 1:
                tok = tokens[0]
                if self._after_the(span.start):
                    continue  # "the Bernabeu": a person is not "the"
                if (
                    self._sentence_initial(span.start)
                    and tok not in self.midsentence_caps
                    and tok not in self.surnames  # "Fortune headed home" after "Quinton Fortune"
                    and not (self.is_proper and self.is_proper(span.start, span.end))
                ):
                    continue
                if tok not in self.in_full_names and self.is_proper and not self.is_proper(span.start, span.end):
                    continue  # a lone capital the tagger reads as a common word ("Initial assessments")
            role = self._role(span)
            if role == "place":
                continue
            out.append(PersonMention(span.text, span.start, span.end, role=role, rule="prose"))
        return out

    def questions(self) -> list[tuple[int, int]]:
        """The lone capitalised words `find` may ask the tagger about, so they can be tagged ahead in a batch."""
        return [
            (span.start, span.end)
            for span, tokens in self._candidates()
            if len(tokens) == 1
            and not self._after_the(span.start)
            and (
                tokens[0] not in self.in_full_names
                or (self._sentence_initial(span.start) and tokens[0] not in self.midsentence_caps)
            )
        ]

    def _after_the(self, s: int) -> bool:
        """'the Dutchman', 'the Bernabeu': no person, whatever the tagger would say."""
        return _THE_BEFORE.search(self.text[max(0, s - 5) : s]) is not None

    def _candidates(self, start: int = 0, end: int | None = None) -> list[tuple[NameSpan, list[str]]]:
        """Capitalised runs that may be people, before the tests that need the tagger (computed once)."""
        if (start, end) == (0, None) and self._whole is not None:
            return self._whole
        out: list[tuple[NameSpan, list[str]]] = []
        runs = self.runs if (start, end) == (0, None) else capitalised_runs(self.text, start, end)
        for run in runs:
            span = trim_titles(run, mid_sentence=_MID_SENTENCE.search(self.text, max(0, run.start - 3), run.start) is not None)
            if span is not None and self._blocked(span.start, span.end):
                span = self._after_blocked_head(span)
            if span is None or self._blocked(span.start, span.end):
                continue
            span = self._drop_team_prefix(span)
            if span is None:
                continue
            tokens = span.text.split()
            if self.is_team(span.text) or any(t.isupper() and len(t) > 2 for t in tokens) or len(tokens) > 5:
                continue
            if len(tokens) == 1 and (tokens[0] in OPENERS or tokens[0] in NOT_NAMES or tokens[0] in TITLES):
                continue
            if len(tokens) == 1 and len(tokens[0].strip(".")) < 2:
                continue  # '(L)', '(C)' in a photo caption, the 'D' of the box: a mark, nobody's name
            if tokens[0] in STAGE_WORDS:
                continue  # 'Group Four', 'Round Two': a stage of a competition, nobody's name
            out.append((span, tokens))
        if (start, end) == (0, None):
            self._whole = out
        return out

    def _after_blocked_head(self, span: NameSpan) -> NameSpan | None:
        """'Eastwick Tomas Varga scored' (a live-text line: the team, then its scorer): the run after a
        blocked span that opens it, when two or more capitalised words are left."""
        k = bisect_left(self._blocked_starts, span.start + 1) - 1
        if k < 0:
            return None
        bs, be = self.blocked[k]
        if not (bs <= span.start < be < span.end):
            return None
        rest = self.text[be : span.end]
        cut = be + len(rest) - len(rest.lstrip())
        if len(self.text[cut : span.end].split()) < 2:
            return None
        return NameSpan(cut, span.end, self.text[cut : span.end])

    def _drop_team_prefix(self, span: NameSpan) -> NameSpan | None:
        """'Madrid Varga' never happens, but 'Real Madrid' and 'Barcelona Varga' might: trim team words."""
        if span.start in self.first_names:
            return span
        words = list(_NONBLANK.finditer(span.text))
        for k in range(len(words) - 1, 0, -1):
            head = span.text[: words[k - 1].end()]
            if self.is_team(head):
                rest = words[k:]
                s = span.start + rest[0].start()
                return NameSpan(s, span.end, self.text[s : span.end])
        return span

    def _role(self, span: NameSpan) -> str:
        before = self.text[max(0, span.start - 40) : span.start]
        after = self.text[span.end : span.end + 40]
        if span.text.split()[-1] in PLACE_ENDINGS:
            return "place"
        for rx, role in ROLE_AFTER:  # anchored at the name's end: one cheap try each, no gate needed
            if rx.match(after):
                return role
        before_low = before.lower()
        for (rx, role), gate_opens in zip(ROLE_BEFORE, _ROLE_BEFORE_GATES, strict=True):
            if gate_opens(before_low) and rx.search(before):
                if role == "place?":
                    return "place" if self._looks_like_place(span, before) else "player"
                return role
        return "player"

    def _looks_like_place(self, span: NameSpan, before: str) -> bool:
        """'at the Santiago Bernabeu', 'in Cologne': a place when no verb of play follows."""
        after = self.text[span.end : span.end + 25]
        if re.match(r"^\s*(?:'s|’s)", after):
            return False
        return bool(re.search(r"(?<![\w-])(?:at|in|inside|outside|near)\s+(?:the\s+)?$", before, re.I))  # not 'stand-in' 


def bind_surnames(names: Iterable[str]) -> dict[str, str]:
    """Map each short form to the one full name it belongs to in the article ('Varga' -> 'Tomas Varga').

    A short form shared by two full names (two Nevilles) is left unbound: never a guess.
    """
    full = sorted({n for n in names if len(n.split()) >= 2}, key=len, reverse=True)
    owners: dict[str, set[str]] = {}
    for name in full:
        parts = name.split()
        keys = {parts[-1], parts[0], " ".join(parts[1:])}
        if parts[-1] in SUFFIXES and len(parts) >= 2:
            keys |= {parts[0], " ".join(parts[:-1])}
        for i, p in enumerate(parts):
            if p.lower() in PARTICLES and i + 1 < len(parts):
                keys.add(" ".join(parts[i:]))
        for k in keys:
            if k and k.lower() not in PARTICLES:
                owners.setdefault(fold_name(k), set()).add(name)
    binding: dict[str, str] = {}
    folded_full = [(f, fold_name(f)) for f in full]
    for n in set(names):
        key = fold_name(n)
        cands = owners.get(key, set())
        # a longer full name that contains this one ("Jorge de Vries" for "de Vries")
        if len(cands) == 1:
            binding[n] = next(iter(cands))
        elif not cands:
            longer = [f for f, ff in folded_full if f != n and ff.endswith(" " + key)]
            binding[n] = longer[0] if len(longer) == 1 else n
        else:
            exact = [c for c in cands if fold_name(c) == key]
            binding[n] = exact[0] if exact else n
    return binding


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """Accent- and case-blind form for comparing spellings ('Tomás' == 'tomas')."""
    import unicodedata

    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    return re.sub(r"\s+", " ", s).strip()
