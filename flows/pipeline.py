"""The matchwire flow: read -> parse -> validate -> build -> load, as Prefect tasks on batches.

Wiring only: the work is in transforms/ (pure) and warehouse/ (I/O). Bad input never stops the
flow; it is collected as quarantine rows with the stage and the reason.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

from flows import progress
from flows.display import printable
from flows.memory import collector_paused, freeze_long_lived, release_free_memory
from schemas.models import RAW_MODELS, TABLE_MODELS
from schemas.validate import split_valid
from transforms.clean import Article, UnreadableArticle, about_football, off_topic_reason, read_article
from transforms.fuse import fuse
from transforms.parse import ArticleRecords, parse_articles, records_frames
from warehouse.articles import RawFile, content_sha256, list_folder, read_files
from warehouse.lock import warehouse_lock
from warehouse.reference import parser_fingerprint, spacy_tagger, team_book
from warehouse.store import (
    LIGHT_SOURCES,
    Staged,
    discard,
    ensure_writable,
    load_staged,
    now,
    previous_state,
    recover,
    stage_tables,
    table_counts,
    written,
)
from warehouse.versions import Ledger, Outcome, renames, retirements
from warehouse.views import VIEWS_SQL

BATCH_SIZE = 500  # validation and task costs are per batch: 0.83 ms/article at 200, 0.55 at 500
REJECTED_SCHEMA = {
    "file_name": pl.String,
    "content_sha256": pl.String,
    "size_bytes": pl.Int64,
    "reason": pl.String,
    "raw": pl.Binary,
    "path": pl.String,
}
QUARANTINE_SCHEMA = {
    "stage": pl.String,
    "file_name": pl.String,
    "source_id": pl.String,
    "reason": pl.String,
    "record": pl.String,
}


@dataclass(slots=True)
class RunSummary:
    """What a run did, for the CLI's closing lines and the flow's return value."""

    articles: int = 0
    tables: dict[str, int] = field(default_factory=dict)
    quarantined: list[dict] = field(default_factory=list)
    replaced: int = 0  # earlier versions of edited files, superseded
    retracted: int = 0  # articles no longer in the folder, retracted by --prune

    def reasons(self) -> Counter[str]:
        return Counter(f"{q['stage']}: {q['reason'].split(' (got')[0]}" for q in self.quarantined)


def quarantine_row(
    stage: str, reason: str, file_name: str | None = None, source_id: str | None = None, record: dict | None = None
) -> dict:
    return {
        "stage": stage,
        "file_name": file_name,
        "source_id": source_id,
        "reason": reason,
        "record": json.dumps(record, default=str, ensure_ascii=False) if record else None,
    }


class ReadBatch:
    """One batch of files after the read stage: articles to parse and what was refused.

    The batches handed from task to task are plain classes, not dataclasses: Prefect walks a
    dataclass it is handed field by field and object by object, looking for futures (~0.6 s for the
    records of 200 articles); it does not look inside a plain object.
    """

    __slots__ = ("articles", "known", "quarantine", "read_ids", "refused")

    def __init__(
        self,
        articles: list[Article],
        quarantine: list[dict],
        refused: list[dict],
        known: list[tuple[str, str]] | None = None,
        read_ids: list[tuple[str, str]] | None = None,
    ) -> None:
        self.articles = articles
        self.quarantine = quarantine
        self.refused = refused
        # (file name, source_id) of files already in the warehouse (same bytes or text): not parsed again
        self.known = [] if known is None else known
        self.read_ids = [] if read_ids is None else read_ids  # (source_id, file name) of every article read

    def hand_on(self) -> None:
        """Let go of the texts once the next stage has what it needs from them.

        Prefect may hold each task's result until the flow run ends (its run state tracks what fed
        what); an emptied batch holds nothing big there, so the texts do not pile up batch by batch.
        """
        self.articles = []


class ParsedBatch(ReadBatch):
    """One batch after the parse stage: the articles that read as football and their raw records."""

    __slots__ = ("records",)

    def __init__(
        self,
        articles: list[Article],
        records: list[ArticleRecords],
        quarantine: list[dict],
        refused: list[dict],
        known: list[tuple[str, str]] | None = None,
        read_ids: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(articles, quarantine, refused, known, read_ids)
        self.records = records

    def hand_on(self) -> None:
        super().hand_on()
        self.records = []


@dataclass(slots=True)
class Ingested:
    """One batch ready to fuse: columnar and compact, so the flow never holds texts as objects."""

    sources: pl.DataFrame
    frames: dict[str, pl.DataFrame]
    quarantine: list[dict]
    refused: list[dict]
    known: list[tuple[str, str]] = field(default_factory=list)
    read_ids: list[tuple[str, str]] = field(default_factory=list)

    def drop(self, source_id: str) -> None:
        """Forget one article's rows (a copy of an article an earlier batch read)."""
        self.sources = self.sources.filter(pl.col("source_id") != source_id)
        self.frames = {k: df.filter(pl.col("source_id") != source_id) for k, df in self.frames.items()}
        self.quarantine = [q for q in self.quarantine if q["stage"] == "read" or q["source_id"] != source_id]

    def hand_on(self) -> None:
        """Let go of the frames once the build has them (Prefect may hold a batch until the run ends)."""
        self.sources = self.sources.clear()
        self.frames = {k: df.clear() for k, df in self.frames.items()}


class RawRecords:
    """This run's fresh records, handed to the build whole: what the build sorts, it lets go of.

    A plain class, so Prefect hands it over as it is: with nothing else holding the frames (the
    batches hand theirs on), the build's sorted copies replace them instead of adding to them.
    """

    __slots__ = ("frames", "sources")

    def __init__(self, sources: pl.DataFrame, frames: dict[str, pl.DataFrame]) -> None:
        self.sources = sources
        self.frames = frames

    def take(self) -> tuple[pl.DataFrame, dict[str, pl.DataFrame]]:
        """The frames, once: the holder is left empty."""
        taken = self.sources, self.frames
        self.sources, self.frames = self.sources.clear(), {}
        return taken


@task(name="read articles", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def read_stage(
    paths: list[Path], known_sha256: dict[str, str] | None = None, known_ids: frozenset[str] = frozenset()
) -> ReadBatch:
    """Bytes to articles; unreadable, empty, binary and duplicate files to quarantine, their bytes kept.

    A file whose bytes are already loaded (`known_sha256`: sha256 -> source_id) is counted and skipped
    before decoding; one whose text is (same source_id) after it.
    """
    known_sha256 = known_sha256 or {}
    batch = ReadBatch([], [], [])
    seen: dict[str, str] = {}
    for f in read_files(paths):
        sha = hashlib.sha256(f.raw).hexdigest() if f.raw is not None else None
        if sha in known_sha256:
            batch.known.append((f.file_name, known_sha256[sha]))
            continue
        article, problem = _read_one(f)
        if problem:
            batch.quarantine.append(quarantine_row("read", problem, f.file_name))
            batch.refused.append(rejected_file(f, problem))
            continue
        assert article is not None
        if article.source_id in known_ids:
            batch.known.append((f.file_name, article.source_id))
            continue
        if article.source_id in seen:
            reason = f"duplicate of {seen[article.source_id]}"
            batch.quarantine.append(quarantine_row("read", reason, f.file_name, article.source_id))
            batch.refused.append(rejected_file(f, reason))
            continue
        seen[article.source_id] = f.file_name
        batch.read_ids.append((article.source_id, f.file_name))
        if article.encoding != "utf-8":
            note = f"not UTF-8: decoded as {article.encoding}, nothing lost (article kept)"
            batch.quarantine.append(quarantine_row("read", note, f.file_name, article.source_id))
        if article.header_problem:
            note = article.header_problem + " (date left empty)"
            batch.quarantine.append(quarantine_row("read", note, f.file_name, article.source_id))
        for note in article.notes:
            batch.quarantine.append(quarantine_row("read", note + " (article kept)", f.file_name, article.source_id))
        batch.articles.append(article)
    return batch


def rejected_file(f: RawFile, reason: str) -> dict:
    """A refused file on record: its bytes when we read them, else where it lies, relative to the articles
    folder (the table is published: no local paths)."""
    return {
        "file_name": f.file_name,
        "content_sha256": hashlib.sha256(f.raw).hexdigest() if f.raw is not None else None,
        "size_bytes": f.size if f.raw is None else len(f.raw),
        "reason": reason,
        "raw": f.raw,
        "path": None if f.raw is not None else f.file_name,
    }


def _read_one(f: RawFile) -> tuple[Article | None, str | None]:
    if f.raw is None:
        return None, f.problem
    try:
        return read_article(f.file_name, f.raw), None
    except UnreadableArticle as err:
        return None, str(err)


@task(name="find new files", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def new_files_stage(paths: list[Path], known_sha256: dict[str, str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files whose bytes are not in the warehouse yet (only these are batched, read and parsed), and the
    (file name, source_id) of those that are.

    One pass of hashing, so that a run over a large archive with little new costs a task or two,
    not three per batch of files already loaded.
    """
    new, known = [], []
    for p in paths:
        sha = content_sha256(p)
        if sha in known_sha256:
            known.append((p.name, known_sha256[sha]))
        else:
            new.append(p)
    return new, known


@task(name="parse articles", cache_policy=NO_CACHE)
def parse_stage(batch: ReadBatch) -> ParsedBatch:
    """Each article to raw records; an article the parser chokes on is quarantined, not fatal."""
    out = ParsedBatch([], [], list(batch.quarantine), batch.refused, batch.known, batch.read_ids)
    if not batch.articles:
        return out  # nothing new: no model to load
    with collector_paused():
        book, tagger = team_book(), spacy_tagger()
    freeze_long_lived()
    for a, rec in zip(batch.articles, parse_articles(batch.articles, book, tagger), strict=True):
        if isinstance(rec, Exception):
            reason = f"parser error: {type(rec).__name__}: {rec}"
            out.quarantine.append(quarantine_row("parse", reason, a.file_name, a.source_id))
        elif not rec.fixtures and not about_football(a.body, len(rec.teams)):
            reason = off_topic_reason(a.body)
            out.quarantine.append(quarantine_row("parse", reason, a.file_name, a.source_id))
        else:
            out.articles.append(a)
            out.records.append(rec)
    batch.hand_on()
    return out


@task(name="validate raw records", cache_policy=NO_CACHE)
def validate_stage(batch: ParsedBatch) -> Ingested:
    """Raw records through their pandera models, lazily: failing rows go to quarantine with reasons."""
    frames = records_frames(batch.records)
    names = {a.source_id: a.file_name for a in batch.articles}
    valid: dict[str, pl.DataFrame] = {}
    rejected: list[dict] = list(batch.quarantine)
    for kind, df in frames.items():
        good, bad = split_valid(df, RAW_MODELS[kind])
        valid[kind] = good
        for row, reason in bad.iter_rows():
            rec = df.row(row, named=True)
            rejected.append(
                quarantine_row(
                    "validate", f"raw {kind}: {reason}", names.get(rec.get("source_id")), rec.get("source_id"), rec
                )
            )
    # an event or fixture whose article lost its main fixture row cannot be placed: keep them consistent
    keys = valid["fixtures"].select("source_id", "fixture_index")
    orphans = valid["events"].join(keys, on=["source_id", "fixture_index"], how="anti")
    for rec in orphans.iter_rows(named=True):
        reason = "raw events: no valid fixture for this event"
        rejected.append(quarantine_row("validate", reason, names.get(rec["source_id"]), rec["source_id"], rec))
    valid["events"] = valid["events"].join(keys, on=["source_id", "fixture_index"], how="semi")
    out = Ingested(sources_rows(batch.articles), valid, rejected, batch.refused, batch.known, batch.read_ids)
    batch.hand_on()
    return out


@task(name="build tables", cache_policy=NO_CACHE)
def build_stage(
    records: RawRecords,
    previous: dict[str, pl.DataFrame],
    quarantine: list[dict],
    retired: dict[str, str | None] | None = None,
    renamed: dict[str, str] | None = None,
) -> tuple[dict[str, pl.DataFrame], list[dict]]:
    """Fuse all raw records (earlier runs' and this one's) into the contract's tables and check them.

    The raw records of `retired` versions (superseded by an edit, or pruned) are left out: what they
    said is no longer fused; their `sources` rows stay as history.
    """
    retired = retired or {}
    sources, frames = records.take()
    for kind in ("fixtures", "events", "people"):
        if f"raw_{kind}" in previous:
            kept = previous[f"raw_{kind}"].filter(~pl.col("source_id").is_in(list(retired)))
            frames[kind] = pl.concat([kept.select(frames[kind].columns).cast(frames[kind].schema), frames[kind]])
        # the raw tables' order; stable, so fusing the sorted records is fusing them as they came
        frames[kind] = frames[kind].sort("source_id", "char_start", maintain_order=True)
    tables = fuse(frames["fixtures"], frames["events"], frames["people"], team_book())
    tables["sources"] = merge_sources(sources, previous.get("sources"), retired, renamed)
    tables |= {f"raw_{kind}": frames[kind] for kind in ("fixtures", "events", "people")}
    del sources, frames
    rejected: list[dict] = []
    for name, model in TABLE_MODELS.items():
        good, bad = split_valid(tables[name], model)
        for row, reason in bad.iter_rows():
            rejected.append(quarantine_row("build", f"{name}: {reason}", None, None, tables[name].row(row, named=True)))
        tables[name] = good
    tables = enforce_keys(tables)
    tables["quarantine"] = pl.DataFrame(quarantine + rejected, schema=QUARANTINE_SCHEMA, orient="row")
    return tables, rejected


def enforce_keys(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Foreign keys resolve: events need their fixture, mentions their event and a current source."""
    tables["events"] = tables["events"].join(tables["fixtures"].select("fixture_id"), on="fixture_id", how="semi")
    current = tables["sources"].filter(pl.col("is_current")).select("source_id")
    tables["event_mentions"] = (
        tables["event_mentions"]
        .join(tables["events"].select("event_id"), on="event_id", how="semi")
        .join(current, on="source_id", how="semi")
    )
    tables["fixture_mentions"] = tables["fixture_mentions"].join(
        tables["fixtures"].select("fixture_id"), on="fixture_id", how="semi"
    )
    if "appearances" in tables:
        tables["appearances"] = tables["appearances"].join(
            tables["fixtures"].select("fixture_id"), on="fixture_id", how="semi"
        )
    # a person whose row failed its checks is no one to point at; an appearance is a player's
    if "people" in tables:
        kept = tables["people"].select("person_id")
        tables["players"] = tables["players"].join(kept, left_on="player_id", right_on="person_id", how="semi")
    for name, among in (("events", "people"), ("appearances", "players")):
        if name in tables and among in tables:
            ids = tables[among]["person_id" if among == "people" else "player_id"]
            known = pl.col("player_id").is_in(ids.implode())
            tables[name] = tables[name].with_columns(pl.when(known).then("player_id").alias("player_id"))
    return tables


SOURCES_SCHEMA = {
    "source_id": pl.String,
    "file_name": pl.String,
    "published_date": pl.Date,
    "publisher": pl.String,
    "n_words": pl.Int32,
    "content_sha256": pl.String,
    "ingested_at": pl.Datetime("us"),
    "encoding": pl.String,
    "n_chars": pl.Int32,
    "text": pl.String,
    "parser": pl.String,
    "is_current": pl.Boolean,
    "superseded_by": pl.String,
    "retired_at": pl.Datetime("us"),
}


def sources_rows(articles: list[Article]) -> pl.DataFrame:
    """One row per parsed article, its text included: what the sources table and a re-parse need."""
    stamp, parser = now(), parser_fingerprint()
    rows = [
        {
            "source_id": a.source_id,
            "file_name": a.file_name,
            "published_date": a.published_date,
            "publisher": a.publisher,
            "n_words": a.n_words,
            "content_sha256": a.content_sha256,
            "ingested_at": stamp,
            "encoding": a.encoding,
            "n_chars": len(a.text),
            "text": a.text,
            "parser": parser,
            "is_current": True,
            "superseded_by": None,
            "retired_at": None,
        }
        for a in articles
    ]
    return pl.DataFrame(rows, schema=SOURCES_SCHEMA, orient="row")


def merge_sources(
    fresh: pl.DataFrame,
    previous: pl.DataFrame | None,
    retired: dict[str, str | None] | None = None,
    renamed: dict[str, str] | None = None,
) -> pl.DataFrame:
    """One row per version of an article ever loaded; ingested_at keeps the first load's time.

    `retired` versions stop being current now, each with the version that superseded it (None when
    pruned); a version loaded again (a file changed back) is current again; `renamed` ones take the
    name of the file that holds them now.
    """
    if previous is None:
        return fresh.sort("source_id")
    retired = retired or {}
    default = {"is_current": pl.lit(True)}  # rows of older warehouses were all current
    missing = [
        default.get(c, pl.lit(None, dtype)).alias(c) for c, dtype in SOURCES_SCHEMA.items() if c not in previous.columns
    ]
    kept = previous.with_columns(missing).select(list(SOURCES_SCHEMA)).cast(SOURCES_SCHEMA)
    if retired:
        gone = pl.col("source_id").is_in(list(retired))
        kept = kept.with_columns(
            pl.when(gone).then(False).otherwise("is_current").alias("is_current"),
            pl.when(gone)
            .then(pl.col("source_id").replace_strict(retired, default=None, return_dtype=pl.String))
            .otherwise("superseded_by")
            .alias("superseded_by"),
            pl.when(gone).then(pl.lit(now())).otherwise("retired_at").alias("retired_at"),
        )
    if renamed:
        kept = kept.with_columns(
            pl.col("source_id")
            .replace_strict(renamed, default=pl.col("file_name"), return_dtype=pl.String)
            .alias("file_name")
        )
    first = kept.select("source_id", pl.col("ingested_at").alias("first_load"))
    fresh = (
        fresh.join(first, on="source_id", how="left")
        .with_columns(pl.coalesce("first_load", "ingested_at").alias("ingested_at"))
        .drop("first_load")
    )
    return pl.concat([kept.join(fresh, on="source_id", how="anti"), fresh]).sort("source_id")


def articles_from_sources(sources: pl.DataFrame) -> list[Article]:
    """Stored texts back to articles, so a new parser can read what an old one loaded."""
    out = []
    for row in sources.iter_rows(named=True):
        a = read_article(row["file_name"], row["text"].encode("utf-8"))
        a.content_sha256 = row["content_sha256"]
        a.encoding = row.get("encoding") or a.encoding  # how the file's bytes were decoded, not the stored text's
        out.append(a)
    return out


@task(name="write parquet", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def parquet_stage(dest: Path, tables: dict[str, pl.DataFrame]) -> Staged:
    """The tables to Parquet beside the warehouse: DuckDB then loads the files, not the frames."""
    with written(dest):  # a full disk is one line (WarehouseError), still tried again
        return stage_tables(dest, tables)


@task(name="load warehouse", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def load_stage(dest: Path, staged: Staged) -> dict[str, int]:
    """The DuckDB file from the staged Parquet, and the new generation swapped in."""
    with written(dest):
        load_staged(dest, staged, VIEWS_SQL)
    return staged.rows


DEFAULT_WAIT = 600.0  # seconds a run waits for another run (or a read-write DuckDB connection) to let go


@dataclass(frozen=True, slots=True)
class RunOptions:
    batch_size: int = BATCH_SIZE
    full: bool = False
    in_flight: int = 1
    prune: bool = False
    wait: float = DEFAULT_WAIT


@flow(name="matchwire", log_prints=True)
def matchwire_flow(
    articles_dir: Path,
    warehouse_dir: Path,
    batch_size: int = BATCH_SIZE,
    full: bool = False,
    in_flight: int = 1,
    prune: bool = False,
    wait: float = DEFAULT_WAIT,
) -> RunSummary:
    """Articles folder in, validated DuckDB + Parquet warehouse out.

    Incremental by default: an article already in the warehouse (same content) is not parsed again,
    and the tables are fused anew from every raw record kept. A file whose bytes changed replaces its
    earlier version; `prune` also retracts articles no longer in the folder, so the result equals a full
    rebuild. Batches go through read -> parse -> validate on the flow's task runner, at most `in_flight`
    at a time, and come back as compact frames: memory does not grow with the archive's texts. One run
    at a time per warehouse: a run waits up to `wait` seconds for another to finish (0: not at all).
    """
    log = get_run_logger()
    dest = Path(warehouse_dir)
    paths, skipped = list_folder(Path(articles_dir))
    ensure_writable(dest)
    options = RunOptions(batch_size, full, in_flight, prune, wait)
    with warehouse_lock(dest, wait, log.warning):
        recover(dest)  # a killed run's half-done swap finished, its litter cleared: only the lock holder may
        summary = locked_run(Path(articles_dir), paths, skipped, dest, options)
    summary.articles = len(paths)
    create_markdown_artifact(summary_markdown(summary), key="matchwire-run", description="rows per table, quarantine")
    return summary


def locked_run(
    articles_dir: Path, paths: list[Path], skipped: list[RawFile], dest: Path, opt: RunOptions
) -> RunSummary:
    """The run, holding the warehouse's lock: what is new is parsed, then the tables are fused and swapped in."""
    log = get_run_logger()
    state = {} if opt.full else previous_state(dest, light=True, wait=opt.wait, on_wait=log.warning)
    current = current_sources(state)
    reparse = current.height > 0 and set(current["parser"].unique()) != {parser_fingerprint()}
    if reparse:
        log.info("the parser changed since the last run: parsing every article again")
    ledger, found = start_ledger(state, reparse, paths, skipped)
    seen: set[str] = set()
    fresh = read_folder(articles_dir, paths, current, reparse, seen, ledger, found, opt)
    retired, renamed = retirements(current, found, opt.prune), renames(current, found)
    report_retired(retired, renamed, current, log)
    if reparse:  # articles loaded by earlier runs from elsewhere: parsed again from their stored text
        stored = current_sources({"sources": previous_state(dest, wait=opt.wait)["sources"]})
        stored = stored.filter(~pl.col("source_id").is_in([*seen, *retired]))
        chains = (chain(ReadBatch(articles_from_sources(part), [], [])) for part in stored.iter_slices(opt.batch_size))
        fresh += [absorb(got, seen, ledger, found) for got in in_order(chains, opt.in_flight)]
    was = dict(current.select("source_id", "file_name").iter_rows())
    ledger.settle(files_after(current, retired, renamed, fresh), found, opt.prune, was)
    unchanged = not (reparse or ledger.changed or retired or renamed or any(b.sources.height for b in fresh))
    if state and unchanged:
        log.info("nothing new: the warehouse in place is what a rebuild would give; left as it is")
        counts, quarantined = table_counts(dest, opt.wait), state["quarantine"].to_dicts()
    else:
        counts, quarantined = rebuild(dest, fresh, ledger, (retired, renamed), reparse, opt)
    log.info("loaded %s", ", ".join(f"{k}={v}" for k, v in counts.items()))
    replaced = sum(1 for by in retired.values() if by is not None)
    return RunSummary(tables=counts, quarantined=quarantined, replaced=replaced, retracted=len(retired) - replaced)


def start_ledger(
    state: dict[str, pl.DataFrame], reparse: bool, paths: list[Path], skipped: list[RawFile]
) -> tuple[Ledger, Outcome]:
    """Earlier runs' rejections (those of the stages not run again), and this run's folder entries that are
    not files, each on record with its reason."""
    # rejections of articles not parsed again carry over while they hold; fusion checks run anew every time
    stages = ["read"] if reparse else ["read", "parse", "validate"]
    ledger = Ledger(
        state["quarantine"].filter(pl.col("stage").is_in(stages)).to_dicts() if state else [],
        state["rejected_sources"].to_dicts() if "rejected_sources" in state else [],
    )
    ledger.found += [quarantine_row("read", f.problem or "", f.file_name) for f in skipped]
    ledger.found_refused += [rejected_file(f, f.problem or "") for f in skipped]
    names = {f.file_name for f in skipped}
    return ledger, Outcome(listed={p.name for p in paths} | names, read=set(names))


def read_folder(
    articles_dir: Path,
    paths: list[Path],
    current: pl.DataFrame,
    reparse: bool,
    seen: set[str],
    ledger: Ledger,
    found: Outcome,
    opt: RunOptions,
) -> list[Ingested]:
    """The folder's files not loaded yet, read, parsed and validated batch by batch; what was found is noted."""
    log = get_run_logger()
    known = {} if reparse else dict(zip(current["content_sha256"], current["source_id"], strict=True))
    known.pop(None, None)
    known_ids = frozenset() if reparse else frozenset(current["source_id"])
    new, known_files = new_files_stage(paths, known) if known else (paths, [])
    found.known.update(known_files)
    found.read |= {p.name for p in new}
    log.info(
        "%d article files in %s, %d already loaded, %d to read",
        *(len(paths), printable(str(articles_dir)), len(paths) - len(new), len(new)),
    )
    batches = [new[i : i + opt.batch_size] for i in range(0, len(new), opt.batch_size)]
    chains = (chain(read_stage.submit(b, known, known_ids)) for b in batches)
    fresh: list[Ingested] = []
    shown = progress.current()
    shown.start(len(new))
    for n, got in enumerate(in_order(chains, opt.in_flight), 1):
        fresh.append(absorb(got, seen, ledger, found))
        release_free_memory()  # the batch's texts and records are gone: so is their memory
        shown.advance(len(batches[n - 1]))
        (log.debug if shown.live else log.info)(
            "batch %d/%d: %d articles parsed, %d already loaded, %d quarantined",
            *(n, len(batches), got.sources.height, len(got.known), len(got.quarantine)),
        )
    shown.close()
    found.loaded = {f: s for b in fresh for s, f in b.sources.select("source_id", "file_name").iter_rows()}
    return fresh


def files_after(
    current: pl.DataFrame, retired: dict[str, str | None], renamed: dict[str, str], fresh: list[Ingested]
) -> dict[str, str]:
    """source_id -> file name of every version current once this run is loaded."""
    files = {s: renamed.get(s, f) for s, f in current.select("source_id", "file_name").iter_rows() if s not in retired}
    return files | {s: f for b in fresh for s, f in b.sources.select("source_id", "file_name").iter_rows()}


def rebuild(
    dest: Path,
    fresh: list[Ingested],
    ledger: Ledger,
    versions: tuple[dict[str, str | None], dict[str, str]],
    reparse: bool,
    opt: RunOptions,
) -> tuple[dict[str, int], list[dict]]:
    """Fuse every raw record kept with this run's, write a new generation and swap it in.

    `versions`: the versions retired (-> what superseded each) and renamed (-> the new file name).
    """
    previous = {} if opt.full else previous_state(dest, wait=opt.wait)
    if reparse:
        previous = {k: v for k, v in previous.items() if not k.startswith("raw_")}
    tables, _ = build_stage(handed_over(fresh), previous, ledger.quarantine, *versions)
    tables["rejected_sources"] = pl.DataFrame(ledger.refused, schema=REJECTED_SCHEMA, orient="row")
    del fresh, previous  # in the tables now
    release_free_memory()
    quarantined = tables["quarantine"].to_dicts()
    staged = parquet_stage(dest, tables)
    del tables  # on disk now: DuckDB loads the files while the frames' memory is free
    release_free_memory()
    try:
        counts = load_stage(dest, staged)
    finally:
        discard(staged)
    return counts, quarantined


def current_sources(state: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The versions in the tables now (rows of older warehouses, which have no `is_current`, all are)."""
    if "sources" not in state:
        return pl.DataFrame(schema={c: SOURCES_SCHEMA[c] for c in LIGHT_SOURCES})
    sources = state["sources"]
    if "is_current" not in sources.columns:
        return sources.with_columns(pl.lit(True).alias("is_current"))
    return sources.filter(pl.col("is_current"))


def report_retired(retired: dict[str, str | None], renamed: dict[str, str], current: pl.DataFrame, log) -> None:
    """One line per version that stops being current or changes its name: which file, and why."""
    names = dict(current.select("source_id", "file_name").iter_rows())
    for source_id, by in retired.items():
        why = f"a new version ({by}) replaces {source_id}" if by else f"no longer in the folder: {source_id} retracted"
        log.info("%s: %s", printable(names.get(source_id) or "?"), why)
    for source_id, file_name in renamed.items():
        log.info("%s: renamed %s", printable(names.get(source_id) or "?"), printable(file_name))


def handed_over(batches: list[Ingested]) -> RawRecords:
    """The batches' records as one set for the build; the batches let go of theirs."""
    if not batches:
        return RawRecords(sources_rows([]), records_frames([]))
    records = RawRecords(
        pl.concat([b.sources for b in batches]), {k: pl.concat([b.frames[k] for b in batches]) for k in RAW_MODELS}
    )
    for b in batches:
        b.hand_on()
    return records


def chain(read: PrefectFuture[ReadBatch] | ReadBatch) -> PrefectFuture[Ingested]:
    """Parse, then validate, one batch as soon as the stage before hands it on."""
    return validate_stage.submit(parse_stage.submit(read))


def in_order(futures: Iterator[PrefectFuture[Ingested]], in_flight: int) -> Iterator[Ingested]:
    """Results in submission order, with at most `in_flight` batches submitted and not yet taken."""
    window: deque[PrefectFuture[Ingested]] = deque()
    for fut in futures:
        window.append(fut)
        if len(window) >= max(1, in_flight):
            yield window.popleft().result()
    while window:
        yield window.popleft().result()


def absorb(got: Ingested, seen: set[str], ledger: Ledger, found: Outcome) -> Ingested:
    """Take one batch's rejections and known files; a copy of an article an earlier batch read is dropped."""
    for source_id, file_name in got.read_ids:
        if source_id in seen:
            got.drop(source_id)
            got.quarantine.append(
                quarantine_row("read", "duplicate of an article in an earlier batch", file_name, source_id)
            )
        seen.add(source_id)
    ledger.take(got)
    found.known.update(got.known)
    return got


def summary_markdown(summary: RunSummary) -> str:
    """The run's summary as a Prefect artifact: what schedules and their watchers look at."""
    lines = [f"# matchwire run: {summary.articles} article files", "", "| table | rows |", "|---|---|"]
    lines += [f"| {name} | {n} |" for name, n in summary.tables.items()]
    lines += ["", "| quarantined | reason |", "|---|---|"]
    lines += [f"| {n} | {reason} |" for reason, n in summary.reasons().most_common()] or ["| 0 | |"]
    return "\n".join(lines)
