"""The SQL of the analyst views, created in every new warehouse after its tables.

Views, not tables: they always agree with the tables they read, cost nothing to keep, and a BI
tool sees them as ordinary relations. Each answers a question analysts ask of every match:
what happened (`fixture_summary`, `fixture_timeline`), who did what (`player_fixture_stats`) and who
said so (`source_coverage`). Everything here reads only the tables, so a missing team or minute
shows as NULL rather than as a failure.
"""

from __future__ import annotations

VIEW_NAMES: tuple[str, ...] = ("fixture_timeline", "fixture_summary", "player_fixture_stats", "source_coverage")

# Names of the previous release, kept working for one more (then dropped): views say fixture where the tables
# do, and booleans read is_* / has_*. The old view names stay in the main schema, with their old columns; the
# `legacy` schema also has the tables and views whose columns were renamed, under the old column names, so
# `set search_path = 'legacy,main'` runs a query written for the previous release unchanged.
DEPRECATED_VIEWS: dict[str, tuple[str, dict[str, str]]] = {  # old view -> (new view, {new column: old column})
    "match_summary": ("fixture_summary", {"has_score_conflict": "score_conflict"}),
    "match_timeline": ("fixture_timeline", {"has_minute_conflict": "minute_conflict"}),
    "player_match_stats": (
        "player_fixture_stats",
        {"is_subbed_on": "subbed_on", "is_subbed_off": "subbed_off", "is_injured": "injured"},
    ),
}
LEGACY_SCHEMA = "legacy"
LEGACY_COLUMNS: dict[str, dict[str, str]] = {  # relation -> {new column: old column}
    "fixtures": {"has_score_conflict": "score_conflict"},
    "events": {"has_minute_conflict": "minute_conflict"},
    "source_coverage": {"has_same_score": "score_agrees"},
    **{new: renamed for new, renamed in DEPRECATED_VIEWS.values()},
}


def _renamed_select(columns: list[str], renamed: dict[str, str], source: str) -> str:
    listed = ", ".join(f'"{c}" as "{renamed[c]}"' if c in renamed else f'"{c}"' for c in columns)
    return f"select {listed} from {source}"


def legacy_sql(columns_of: dict[str, list[str]]) -> str:
    """The deprecated names as views over the new ones, columns in their order (`columns_of`: relation -> columns)."""
    out = []
    for old, (new, renamed) in DEPRECATED_VIEWS.items():
        out.append(f'create or replace view "{old}" as {_renamed_select(columns_of[new], renamed, new)};')
    out.append(f"create schema if not exists {LEGACY_SCHEMA};")
    for name, renamed in LEGACY_COLUMNS.items():
        old = next((o for o, (n, _) in DEPRECATED_VIEWS.items() if n == name), name)
        select = _renamed_select(columns_of[name], renamed, f'main."{name}"')
        out.append(f'create or replace view {LEGACY_SCHEMA}."{old}" as {select};')
    return "\n".join(out)


def clock_label(minute: str, added: str) -> str:
    """SQL for the printed clock ("15'", "90+10'"); NULL when no minute is known."""
    return (
        f"case when {minute} is null then null "
        f"when coalesce({added}, 0) > 0 then {minute}::varchar || '+' || {added}::varchar || '''' "
        f"else {minute}::varchar || '''' end"
    )


# The team each person named by an event plays for, in each fixture, from the best evidence at
# hand: the event's own team (1), the people table (2), then a team-mate whose team is known:
# the other player in a substitution, or the scorer and assist provider of a goal (3). Only
# teams of the fixture itself count, so a club name never lands on the wrong side.
_PERSON_TEAM_CTES = """
fx_events as (
    select e.*, f.home_team as fx_home, f.away_team as fx_away,
           case when e.team in (f.home_team, f.away_team) then e.team
                when e.team = 'home' then f.home_team
                when e.team = 'away' then f.away_team end as fx_team
    from events e join fixtures f using (fixture_id)
),
team_evidence as (
    select fixture_id, player_name as name, fx_team as team, 1 as strength
    from fx_events where player_name is not null and fx_team is not null
    union all
    select e.fixture_id, e.player_name, p.team, 2
    from fx_events e join people p on p.person_id = e.player_id
    where p.team in (e.fx_home, e.fx_away)
    union all
    select e.fixture_id, e.related_player_name, p.team, 2
    from fx_events e join people p on p.name = e.related_player_name
    where p.team in (e.fx_home, e.fx_away)
),
direct_team as (
    select fixture_id, name, first(team order by strength, team) as team
    from team_evidence group by fixture_id, name
),
team_mates as (
    select fixture_id, player_name as a, related_player_name as b
    from events
    where player_name is not null and related_player_name is not null
      and (event_type = 'substitution' or (event_type = 'goal' and not is_own_goal))
),
person_team as (
    select fixture_id, name, first(team order by strength, team) as team
    from (
        select fixture_id, name, team, strength from team_evidence
        union all
        select m.fixture_id, m.a, d.team, 3
        from team_mates m join direct_team d on (d.fixture_id, d.name) = (m.fixture_id, m.b)
        union all
        select m.fixture_id, m.b, d.team, 3
        from team_mates m join direct_team d on (d.fixture_id, d.name) = (m.fixture_id, m.a)
    )
    group by fixture_id, name
),
event_side as (
    -- the actor's team, and for goals the side credited with the goal (an own goal counts for the other side)
    select e.event_id, e.fixture_id, coalesce(e.fx_team, t.team) as team,
           case when coalesce(e.fx_team, t.team) = e.fx_home then 'home'
                when coalesce(e.fx_team, t.team) = e.fx_away then 'away' end as side
    from fx_events e left join person_team t on (t.fixture_id, t.name) = (e.fixture_id, e.player_name)
)"""


MATCH_TIMELINE = f"""
create or replace view fixture_timeline as
with {_PERSON_TEAM_CTES},
ordered as (
    select f.fixture_id, f.match_date, f.home_team, f.away_team, e.event_id, e.event_type, e.minute, e.added_time,
           e.player_name, e.team, e.related_player_name, e.is_penalty, e.is_own_goal,
           e.home_score_after, e.away_score_after, e.n_sources, e.has_minute_conflict,
           f.competition, f.status,
           (row_number() over w)::integer as seq,
           {clock_label("e.minute", "e.added_time")} as clock,
           e.player_id, s.team as actor_team, s.side as actor_side,
           last_value(e.home_score_after ignore nulls) over w as last_home,
           last_value(e.away_score_after ignore nulls) over w as last_away,
           count(*) filter (where e.event_type = 'goal' and e.home_score_after is null) over w as untold_goals,
           e.minute_reported
    from events e join fixtures f using (fixture_id) left join event_side s using (event_id)
    window w as (
        partition by e.fixture_id
        order by e.minute nulls last, e.added_time nulls first, e.event_type = 'second_yellow', e.event_id
        rows between unbounded preceding and current row
    )
)
select fixture_id, match_date, home_team, away_team, event_id, event_type, minute, added_time,
       player_name, team, related_player_name, is_penalty, is_own_goal,
       home_score_after, away_score_after, n_sources, has_minute_conflict,
       competition, seq, clock, player_id, actor_team, actor_side,
       -- the score when the event happened: unknown for untimed events and after a goal the score lost track of
       case when minute is null or untold_goals > 0 or status = 'scheduled' then null else coalesce(last_home, 0) end
           as home_score_now,
       case when minute is null or untold_goals > 0 or status = 'scheduled' then null else coalesce(last_away, 0) end
           as away_score_now,
       minute_reported
from ordered
order by match_date nulls last, fixture_id, seq;
"""


MATCH_SUMMARY = f"""
create or replace view fixture_summary as
with {_PERSON_TEAM_CTES},
goals as (
    select e.event_id, e.fixture_id, e.minute, e.added_time,
           coalesce(e.player_name, '(unknown scorer)') || coalesce(' ' || {clock_label("e.minute", "e.added_time")}, '')
               || case when e.is_own_goal then ' (og)' when e.is_penalty then ' (pen)' else '' end as label,
           case when s.side is null then null
                when e.is_own_goal then (case s.side when 'home' then 'away' else 'home' end)
                else s.side end as side0
    from events e left join event_side s using (event_id)
    where e.event_type = 'goal'
),
goal_tally as (
    select fixture_id,
           count(*) filter (where side0 = 'home') as placed_home,
           count(*) filter (where side0 = 'away') as placed_away,
           count(*) filter (where side0 is null) as unplaced
    from goals group by fixture_id
),
placed_goals as (
    -- a goal no source ties to a team still has a side when the final score leaves only one
    select g.*, coalesce(g.side0, case
               when f.home_score is null or f.away_score is null then null
               when t.placed_home = f.home_score and t.unplaced = f.away_score - t.placed_away then 'away'
               when t.placed_away = f.away_score and t.unplaced = f.home_score - t.placed_home then 'home' end) as side
    from goals g join goal_tally t using (fixture_id) join fixtures f using (fixture_id)
),
scorers as (
    select fixture_id,
           string_agg(label, ', ' order by minute nulls last, added_time nulls first, label)
               filter (where side = 'home') as home_scorers,
           string_agg(label, ', ' order by minute nulls last, added_time nulls first, label)
               filter (where side = 'away') as away_scorers,
           string_agg(label, ', ' order by minute nulls last, added_time nulls first, label)
               filter (where side is null) as unplaced_scorers,
           count(*) as n_goals
    from placed_goals group by fixture_id
),
cards as (
    select e.fixture_id,
           string_agg(
               coalesce(e.player_name, '(unnamed)') || coalesce(' ' || {clock_label("e.minute", "e.added_time")}, '')
                   || ' (' || case e.event_type when 'yellow_card' then 'yellow' when 'red_card' then 'red'
                                  else 'second yellow' end
                   || coalesce(', ' || s.team, '') || ')',
               ', ' order by e.minute nulls last, e.added_time nulls first, e.player_name, e.event_type desc
           ) as cards,
           count(*) filter (where e.event_type = 'yellow_card') as yellow_cards,
           count(*) filter (where e.event_type in ('red_card', 'second_yellow')) as red_cards
    from events e left join event_side s using (event_id)
    where e.event_type in ('yellow_card', 'second_yellow', 'red_card')
    group by e.fixture_id
),
counts as (
    select fixture_id, count(*) as n_events from events group by fixture_id
)
select f.fixture_id, f.match_date, f.season, f.competition, f.home_team, f.away_team,
       f.home_score, f.away_score,
       case when f.home_score is not null and f.away_score is not null
            then f.home_score::varchar || '-' || f.away_score::varchar end as score,
       case when f.home_score > f.away_score then 'home win'
            when f.home_score < f.away_score then 'away win'
            when f.home_score = f.away_score then 'draw' end as result,
       f.status, f.venue, f.n_sources,
       s.home_scorers, s.away_scorers, s.unplaced_scorers,
       c.cards, coalesce(c.yellow_cards, 0)::integer as yellow_cards, coalesce(c.red_cards, 0)::integer as red_cards,
       coalesce(s.n_goals, 0)::integer as n_goals, coalesce(n.n_events, 0)::integer as n_events,
       f.has_score_conflict, f.score_note, f.home_known
from fixtures f
left join scorers s using (fixture_id)
left join cards c using (fixture_id)
left join counts n using (fixture_id)
order by f.match_date nulls last, f.home_team, f.away_team, f.fixture_id;
"""


PLAYER_MATCH_STATS = f"""
create or replace view player_fixture_stats as
with {_PERSON_TEAM_CTES},
fixture_ids as (
    -- within one match a name means the person the events bound it to
    select fixture_id, player_name as name, min(player_id) as player_id
    from events where player_id is not null and player_name is not null group by fixture_id, player_name
),
unique_names as (
    select name, min(person_id) as player_id from people group by name having count(*) = 1
),
parts as (
    select e.fixture_id, e.event_id, e.event_type, e.minute, e.is_penalty, e.is_own_goal, 'actor' as part,
           e.player_name as name, coalesce(e.player_id, i.player_id, u.player_id) as player_id
    from events e
    left join fixture_ids i on (i.fixture_id, i.name) = (e.fixture_id, e.player_name)
    left join unique_names u on u.name = e.player_name
    where e.player_name is not null or e.player_id is not null
    union all
    select e.fixture_id, e.event_id, e.event_type, e.minute, e.is_penalty, e.is_own_goal, 'related',
           e.related_player_name, coalesce(i.player_id, u.player_id)
    from events e
    left join fixture_ids i on (i.fixture_id, i.name) = (e.fixture_id, e.related_player_name)
    left join unique_names u on u.name = e.related_player_name
    where e.related_player_name is not null
),
per_person as (
    select fixture_id, coalesce(player_id, 'name:' || name) as person, any_value(player_id) as player_id,
           min(name) as event_name,
           count(*) filter (where part = 'actor' and event_type = 'goal' and not is_own_goal)::integer as goals,
           count(*) filter (where part = 'actor' and event_type = 'goal' and is_penalty and not is_own_goal)::integer
               as penalties,
           count(*) filter (where part = 'actor' and event_type = 'goal' and is_own_goal)::integer as own_goals,
           count(*) filter (where part = 'related' and event_type = 'goal' and not is_own_goal)::integer as assists,
           count(*) filter (where part = 'actor' and event_type = 'penalty_miss')::integer as penalties_missed,
           count(*) filter (where part = 'actor' and event_type = 'penalty_won')::integer as penalties_won,
           count(*) filter (where part = 'actor' and event_type = 'yellow_card')::integer as yellow,
           count(*) filter (where part = 'actor' and event_type in ('red_card', 'second_yellow'))::integer as red,
           bool_or(part = 'actor' and event_type = 'substitution') as is_subbed_on,
           min(minute) filter (where part = 'actor' and event_type = 'substitution') as minute_on,
           bool_or(part = 'related' and event_type = 'substitution') as is_subbed_off,
           min(minute) filter (where part = 'related' and event_type = 'substitution') as minute_off,
           bool_or(part = 'actor' and event_type = 'injury') as is_injured,
           count(distinct event_id)::integer as n_events
    from parts group by fixture_id, coalesce(player_id, 'name:' || name)
)
select s.fixture_id, f.match_date, f.competition, f.home_team, f.away_team,
       s.player_id, coalesce(p.name, s.event_name) as player_name, p.role,
       coalesce(t.team, tp.team) as team,
       case coalesce(t.team, tp.team) when f.home_team then 'home' when f.away_team then 'away' end as side,
       s.goals, s.penalties, s.own_goals, s.assists, s.penalties_missed, s.penalties_won,
       s.yellow, s.red, s.is_subbed_on, s.minute_on, s.is_subbed_off, s.minute_off, s.is_injured, s.n_events
from per_person s
join fixtures f using (fixture_id)
left join people p on p.person_id = s.player_id
left join person_team t on (t.fixture_id, t.name) = (s.fixture_id, s.event_name)
left join person_team tp on (tp.fixture_id, tp.name) = (s.fixture_id, p.name)
order by f.match_date nulls last, s.fixture_id, player_name, s.person;
"""


SOURCE_COVERAGE = """
create or replace view source_coverage as
with pairs as (
    select fixture_id, source_id from fixture_mentions
    union
    select e.fixture_id, m.source_id from event_mentions m join events e using (event_id)
),
fixture_said as (
    -- what each article says of the match itself, its score turned to the fixture's home and away
    select m.fixture_id, m.source_id, count(*) as n_fixture_mentions,
           min(m.char_start) as first_start,
           arg_min(m.char_end, m.char_start) as first_end,
           arg_min(case when m.home_team = f.home_team then m.home_score else m.away_score end, m.char_start)
               filter (where m.home_score is not null) as reported_home_score,
           arg_min(case when m.home_team = f.home_team then m.away_score else m.home_score end, m.char_start)
               filter (where m.home_score is not null) as reported_away_score
    from fixture_mentions m join fixtures f using (fixture_id)
    group by m.fixture_id, m.source_id
),
events_said as (
    select e.fixture_id, m.source_id, count(*) as n_event_mentions, count(distinct m.event_id) as n_events,
           count(*) filter (
               where m.minute is not null
                 and (m.minute <> e.minute or e.minute is null
                      or (m.added_time is not null and m.added_time is distinct from e.added_time))
           ) as n_minute_disagreements
    from event_mentions m join events e using (event_id)
    group by e.fixture_id, m.source_id
)
select p.fixture_id, f.match_date, f.home_team, f.away_team, f.status,
       p.source_id, s.file_name, s.publisher, s.published_date,
       coalesce(fs.n_fixture_mentions, 0)::integer as n_fixture_mentions,
       fs.reported_home_score, fs.reported_away_score,
       case when fs.reported_home_score is null or f.home_score is null then null
            else fs.reported_home_score = f.home_score and fs.reported_away_score = f.away_score end as has_same_score,
       coalesce(es.n_events, 0)::integer as n_events,
       coalesce(es.n_event_mentions, 0)::integer as n_event_mentions,
       coalesce(es.n_minute_disagreements, 0)::integer as n_minute_disagreements,
       substring(s.text, fs.first_start + 1, fs.first_end - fs.first_start) as first_mention_text
from pairs p
join fixtures f using (fixture_id)
join sources s using (source_id)
left join fixture_said fs using (fixture_id, source_id)
left join events_said es using (fixture_id, source_id)
order by f.match_date nulls last, p.fixture_id, s.published_date nulls last, s.file_name;
"""


VIEWS_SQL = "\n".join((MATCH_TIMELINE, MATCH_SUMMARY, PLAYER_MATCH_STATS, SOURCE_COVERAGE))
