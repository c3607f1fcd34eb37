"""Runs that users rely on: order does not matter, runs add up, a second run changes nothing."""

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.pipeline import matchwire_flow

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").iterdir())
TABLES = ("fixtures", "events", "players", "event_mentions", "fixture_mentions", "sources")


def snapshot(warehouse: Path) -> dict[str, pl.DataFrame]:
    """Every table, sorted, without the load timestamp (the only column allowed to differ)."""
    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        out = {}
        for name in TABLES:
            df = pl.from_arrow(con.sql(f"select * from {name}").to_arrow_table())
            df = df.drop([c for c in ("ingested_at", "file_name") if c in df.columns])
            out[name] = df.sort(df.columns)
        return out


def folder(tmp: Path, name: str, files: list[Path], rename: bool = False) -> Path:
    out = tmp / name
    out.mkdir()
    for i, f in enumerate(files):
        shutil.copy(f, out / (f"{len(files) - i:02d}_{f.name}" if rename else f.name))
    return out


@pytest.fixture(scope="module")
def one_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.DataFrame]:
    tmp = tmp_path_factory.mktemp("one")
    matchwire_flow(folder(tmp, "a", SEEDS), tmp / "wh")
    return snapshot(tmp / "wh")


def test_shuffled_files_give_identical_tables(tmp_path: Path, one_run) -> None:
    matchwire_flow(folder(tmp_path, "a", SEEDS[::-1], rename=True), tmp_path / "wh")
    shuffled = snapshot(tmp_path / "wh")
    for name in TABLES:
        assert shuffled[name].equals(one_run[name]), name


def test_three_then_two_equals_five_at_once(tmp_path: Path, one_run) -> None:
    wh = tmp_path / "wh"
    first = matchwire_flow(folder(tmp_path, "a", SEEDS[:3]), wh)
    assert first.tables["sources"] == 3
    matchwire_flow(folder(tmp_path, "b", SEEDS[3:]), wh)
    split = snapshot(wh)
    for name in TABLES:
        assert split[name].equals(one_run[name]), name


def test_second_run_on_unchanged_input_changes_no_table(tmp_path: Path) -> None:
    wh = tmp_path / "wh"
    src = folder(tmp_path, "a", SEEDS)
    matchwire_flow(src, wh)
    with duckdb.connect(str(wh / "matchwire.duckdb"), read_only=True) as con:
        before = {t: con.sql(f"select * from {t} order by all").fetchall() for t in (*TABLES, "quarantine")}
    matchwire_flow(src, wh)
    with duckdb.connect(str(wh / "matchwire.duckdb"), read_only=True) as con:
        after = {t: con.sql(f"select * from {t} order by all").fetchall() for t in (*TABLES, "quarantine")}
    assert before == after  # ingested_at included: the first load's time is kept


def test_a_run_with_nothing_new_leaves_the_warehouse_files_alone(tmp_path: Path) -> None:
    wh = tmp_path / "wh"
    src = folder(tmp_path, "a", SEEDS)
    (src / "empty.txt").write_bytes(b"")  # refused every run, but already on record
    first = matchwire_flow(src, wh)
    db = (wh / "matchwire.duckdb").stat()
    parquet = (wh / "parquet").stat()
    second = matchwire_flow(src, wh)
    assert (wh / "matchwire.duckdb").stat().st_ino == db.st_ino  # not swapped: nothing was rewritten
    assert (wh / "matchwire.duckdb").stat().st_mtime_ns == db.st_mtime_ns
    assert (wh / "parquet").stat().st_ino == parquet.st_ino
    assert second.tables == first.tables
    assert sorted(map(str, second.quarantined)) == sorted(map(str, first.quarantined))


def test_batches_of_one_give_the_same_tables_and_catch_copies_across_batches(tmp_path: Path, one_run) -> None:
    src = folder(tmp_path, "a", SEEDS)
    shutil.copy(SEEDS[0], src / "zz_copy_of_first.txt")  # same bytes, another name, a later batch
    summary = matchwire_flow(src, tmp_path / "wh", batch_size=1, in_flight=3)
    tables = snapshot(tmp_path / "wh")
    for name in TABLES:
        assert tables[name].equals(one_run[name]), name
    dups = [q for q in summary.quarantined if q["file_name"] == "zz_copy_of_first.txt"]
    assert [q["reason"] for q in dups] == ["duplicate of an article in an earlier batch"]


def test_runs_add_up_where_one_article_tells_two_events_at_one_place(tmp_path: Path) -> None:
    """A team sheet's "Varga 10, 80" is two raw events at one position: the kept raw records keep
    their parse order, so fusing them again in a later run pairs them with the same mentions."""
    from tests.conftest import DEV_ARTICLES

    if not DEV_ARTICLES.exists():
        pytest.skip("development corpus not present")
    dev = sorted(DEV_ARTICLES.iterdir())
    matchwire_flow(folder(tmp_path, "all", dev), tmp_path / "one")
    with duckdb.connect(str(tmp_path / "one" / "matchwire.duckdb"), read_only=True) as con:
        tied = con.execute(
            "select count(*) from (select source_id, char_start from raw_events group by all having count(*) > 1)"
        ).fetchone()[0]
    assert tied > 0  # what this test is about
    wh = tmp_path / "split"
    matchwire_flow(folder(tmp_path, "a", dev[::2]), wh)
    matchwire_flow(folder(tmp_path, "b", dev[1::2]), wh)
    split, one = snapshot(wh), snapshot(tmp_path / "one")
    for name in TABLES:
        assert split[name].equals(one[name]), name
