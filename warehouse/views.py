"""The SQL of the analyst views, created in every new warehouse."""

VIEWS_SQL = """
create or replace view match_timeline as
select f.fixture_id, f.match_date, f.home_team, f.away_team, e.event_id, e.event_type, e.minute, e.added_time,
       e.player_name, e.team, e.related_player_name, e.is_penalty, e.is_own_goal,
       e.home_score_after, e.away_score_after, e.n_sources, e.minute_conflict
from events e join fixtures f using (fixture_id)
order by f.fixture_id, e.minute nulls last, e.added_time nulls first, e.event_id;
"""
