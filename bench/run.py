"""Benchmark: matchwire's Prefect flow against a plain spaCy pipeline on the same texts.

    .venv/bin/python bench/run.py --n 1000 --json

Builds a corpus of N unique article files in a temporary folder, then runs, each in its own child
process (so that one measurement's memory never counts in another's peak RSS):

1. ``pipeline``: Prefect start (a trivial flow), one full ``matchwire_flow`` run into a fresh
   warehouse (the headline number, with per-stage times from wrappers around the stage tasks),
   then a second, incremental run on the unchanged folder (the no-op run);
2. ``stages`` (N <= 2000 unless told): the stages' plain functions (``task.fn``), no Prefect;
3. ``baseline``: ``spacy.load(model)`` with every component and ``list(nlp.pipe(texts, batch_size=64))``
   on the same texts (on a random sample of them when N is large).

Progress goes to stderr; the last line of stdout is one JSON object (see bench/README.md).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
for _p in (str(ROOT), str(ROOT / "bench")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

STAGES = ("read", "parse", "validate", "build", "load")
DIRECT_MAX_N = 2000  # above this the plain-function pass (a second full parse) is skipped unless asked for
BASELINE_SAMPLE = 1000  # above this many articles the baseline runs on a random sample of this size


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """ru_maxrss in MB: kilobytes on Linux, bytes on macOS."""
    rss = resource.getrusage(who).ru_maxrss
    return round(rss / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def current_rss_mb() -> float | None:
    with contextlib.suppress(OSError, ValueError, IndexError), open("/proc/self/statm") as f:
        return round(int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
    return None


# ---------------------------------------------------------------------------------------------
# children
# ---------------------------------------------------------------------------------------------
class StageTimer:
    """Wraps the stage tasks' functions and helpers of flows.pipeline so each call inside the flow is timed.

    A task's function (`task.fn`) is replaced by a timed one; a helper (a module global looked up
    at call time) likewise, in this child process only: the files are not touched. Task times are
    the work inside the task, without Prefect's task-run bookkeeping. With the default runner a
    batch is read while the one before it is parsed, so stage times may add up to more than the
    wall time.
    """

    NAMES: ClassVar[dict[str, str]] = {
        "list_folder": "list_articles",
        "previous_state": "previous_state",
        "read_stage": "read",
        "team_book": "team_book",
        "spacy_tagger": "spacy_tagger",
        "parse_stage": "parse",
        "validate_stage": "validate",
        "build_stage": "build",
        "parquet_stage": "load",
        "load_stage": "load",
    }

    def __init__(self, module: object):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.missing: list[str] = []
        for name, label in self.NAMES.items():
            original = getattr(module, name, None)
            if original is None:
                self.missing.append(name)
            elif hasattr(original, "submit"):  # a Prefect task: time its function
                original.fn = functools.wraps(original.fn)(self._timed(original.fn, label))
            else:
                setattr(module, name, self._timed(original, label))

    def _timed(self, fn, label):
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - t0
                self.calls[label] += 1

        return timed

    def take(self, wall: float) -> dict:
        """This run's times (then reset): the five stages, and what else the flow spent its time on."""
        s = dict(self.seconds)
        stages = {k: round(s.get(k, 0.0), 3) for k in STAGES}
        # the tagger and team book load inside the parse task: part of `parse`, also shown apart
        other = {k: round(s[k], 3) for k in ("list_articles", "previous_state") if k in s}
        outside = wall - sum(s.get(k, 0.0) for k in (*STAGES, "list_articles", "previous_state"))
        other["flow_rest"] = round(outside, 3)  # flow body, batching, Prefect flow-run start and end
        setup = {k: round(s[k], 3) for k in ("spacy_tagger", "team_book") if k in s}
        calls = dict(self.calls)
        self.seconds.clear()
        self.calls.clear()
        return {"stage_seconds": stages, "flow_other_seconds": other, "parse_setup_seconds": setup, "calls": calls}


def child_pipeline(args: argparse.Namespace) -> dict:
    t_start = time.perf_counter()
    from flows.runtime import configure_prefect, stop_prefect_server, without_heartbeats

    configure_prefect()  # our own API server boots in the background from here
    runs = contextlib.ExitStack()
    runs.enter_context(without_heartbeats())  # flows started as `matchwire run` starts them
    t0 = time.perf_counter()
    from prefect import flow, task

    import flows.pipeline as pipeline

    import_s = time.perf_counter() - t0

    @task(name="bench noop task")
    def noop_task(x: int) -> int:
        return x + 1

    @flow(name="bench noop flow")
    def noop_flow() -> int:
        return noop_task(1)

    t0 = time.perf_counter()
    noop_flow()
    first_flow_s = time.perf_counter() - t0
    prefect_start_s = time.perf_counter() - t_start
    t0 = time.perf_counter()
    noop_flow()
    flow_overhead_s = time.perf_counter() - t0

    timer = StageTimer(pipeline)
    corpus, warehouse = Path(args.corpus), Path(args.warehouse)
    rss_before = current_rss_mb()
    t0 = time.perf_counter()
    summary = pipeline.matchwire_flow(corpus, warehouse, batch_size=args.batch_size, full=True)
    pipeline_s = time.perf_counter() - t0
    peak = peak_rss_mb()
    full = timer.take(pipeline_s)

    t0 = time.perf_counter()
    noop_summary = pipeline.matchwire_flow(corpus, warehouse, batch_size=args.batch_size, full=False)
    noop_s = time.perf_counter() - t0
    noop = timer.take(noop_s)
    peak_after_noop = peak_rss_mb()
    runs.close()

    stop_prefect_server()  # waits for it, so its peak RSS shows in RUSAGE_CHILDREN
    return {
        "import_s": round(import_s, 3),
        "prefect_first_flow_s": round(first_flow_s, 3),
        "prefect_start_s": round(prefect_start_s, 3),
        "flow_overhead_s": round(flow_overhead_s, 3),
        "pipeline_s": round(pipeline_s, 3),
        **full,
        "noop_run_s": round(noop_s, 3),
        "noop_stage_seconds": noop["stage_seconds"],
        "noop_flow_other_seconds": noop["flow_other_seconds"],
        "noop_calls": noop["calls"],
        "rss_before_run_mb": rss_before,
        "peak_rss_mb": peak,
        "peak_rss_after_noop_mb": peak_after_noop,
        "prefect_server_peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
        "articles": summary.articles,
        "tables": summary.tables,
        "quarantined": len(summary.quarantined),
        "quarantine_reasons": dict(summary.reasons().most_common(8)),
        "noop_tables_equal": noop_summary.tables == summary.tables,
        "not_wrapped": timer.missing,
        "child_process_s": round(time.perf_counter() - t_start, 3),
    }


def child_stages(args: argparse.Namespace) -> dict:
    """The stages' own functions over the same corpus, in order, without Prefect (task.fn)."""
    t_start = time.perf_counter()
    from flows.runtime import configure_prefect

    configure_prefect(server=False)  # quiet settings only: no API call is made, so no server starts
    import flows.pipeline as p
    from warehouse.reference import spacy_tagger, team_book

    seconds: dict[str, float] = {}

    def timed(label: str, fn, *a):
        t0 = time.perf_counter()
        out = fn(*a)
        seconds[label] = seconds.get(label, 0.0) + time.perf_counter() - t0
        return out

    paths, _ = timed("list_articles", p.list_folder, Path(args.corpus))
    timed("team_book", team_book)
    nlp = timed("spacy_tagger", spacy_tagger)
    tagger = {"calls": 0, "s": 0.0}

    class TimedTagger:
        """The tagger as parse_stage gets it, timed: how much of `parse` is spaCy."""

        def __call__(self, text: str):
            t0 = time.perf_counter()
            try:
                return nlp(text)
            finally:
                tagger["s"] += time.perf_counter() - t0
                tagger["calls"] += 1

        def pipe(self, texts, batch_size: int = 256):
            t0 = time.perf_counter()
            try:
                docs = list(nlp.pipe(texts, batch_size=batch_size))
                tagger["calls"] += len(docs)
                return docs
            finally:
                tagger["s"] += time.perf_counter() - t0

    timed_tagger = TimedTagger()
    p.spacy_tagger = lambda: timed_tagger  # parse_stage looks the name up at call time
    batches = []
    for i in range(0, len(paths), args.batch_size):
        read = timed("read", p.read_stage.fn, paths[i : i + args.batch_size])
        parsed = timed("parse", p.parse_stage.fn, read)
        batches.append(timed("validate", p.validate_stage.fn, parsed))
    quarantine = [q for b in batches for q in b.quarantine]
    sources = p.pl.concat([b.sources for b in batches])
    frames = {k: p.pl.concat([b.frames[k] for b in batches]) for k in batches[0].frames}
    records = (p.RawRecords(sources, frames),) if hasattr(p, "RawRecords") else (sources, frames)
    tables = timed("build", p.build_stage.fn, *records, {}, quarantine)[0]
    if hasattr(p, "REJECTED_SCHEMA"):  # the flow adds this table between build and load
        tables["rejected_sources"] = p.pl.DataFrame([], schema=p.REJECTED_SCHEMA, orient="row")
    if hasattr(p, "parquet_stage"):  # the load in two tasks: Parquet, then DuckDB from the files
        tables = timed("load", p.parquet_stage.fn, Path(args.warehouse), tables)
    timed("load", p.load_stage.fn, Path(args.warehouse), tables)
    return {
        "stage_seconds_direct": {k: round(seconds.get(k, 0.0), 3) for k in STAGES},
        "direct_other_seconds": {k: round(seconds[k], 3) for k in ("list_articles", "team_book", "spacy_tagger")},
        "parse_tagger_seconds": round(tagger["s"], 3),
        "parse_tagger_calls": tagger["calls"],
        "direct_peak_rss_mb": peak_rss_mb(),
        "direct_articles": sources.height,
        "direct_child_process_s": round(time.perf_counter() - t_start, 3),
    }


def child_baseline(args: argparse.Namespace) -> dict:
    t_start = time.perf_counter()
    paths = sorted(p for p in Path(args.corpus).iterdir() if p.is_file() and not p.name.startswith("."))
    if args.sample and args.sample < len(paths):
        paths = sorted(random.Random(args.seed).sample(paths, args.sample))
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in paths]
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(args.model)
    if args.numpy_blas:  # the matrix products through numpy's BLAS, as matchwire's tagger does
        from warehouse.reference import with_numpy_matmul

        nlp = with_numpy_matmul(nlp)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    pipe_s = time.perf_counter() - t0
    return {
        "baseline_model": args.model,
        "baseline_components": nlp.pipe_names,
        "baseline_texts": len(texts),
        "baseline_tokens": sum(len(d) for d in docs),
        "baseline_chars": sum(len(t) for t in texts),
        "baseline_load_s": round(load_s, 3),
        "baseline_s": round(pipe_s, 3),
        "baseline_peak_rss_mb": peak_rss_mb(),
        "baseline_child_process_s": round(time.perf_counter() - t_start, 3),
    }


def child_scaleout(args: argparse.Namespace) -> dict:
    """The same full run on a pool of worker processes (`--runner processes`): the scale-out figure,
    reported apart from the headline, which is the default runner (threads, one core busy)."""
    from flows.runtime import configure_prefect, stop_prefect_server, without_heartbeats

    configure_prefect()
    import flows.pipeline as pipeline
    from flows.runners import task_runner

    runner, in_flight = task_runner("processes", workers=args.processes)
    flow = pipeline.matchwire_flow.with_options(task_runner=runner)
    t0 = time.perf_counter()  # the pool's start, each worker's imports and its spaCy load included
    with without_heartbeats():  # as `matchwire run` starts its flows
        summary = flow(
            Path(args.corpus), Path(args.warehouse), batch_size=args.batch_size, full=True, in_flight=in_flight
        )
    seconds = time.perf_counter() - t0
    stop_prefect_server()
    return {"processes_pipeline_s": round(seconds, 3), "processes_tables": summary.tables}


CHILDREN = {"pipeline": child_pipeline, "stages": child_stages, "baseline": child_baseline, "scaleout": child_scaleout}


def run_child(kind: str, args: argparse.Namespace, env: dict[str, str], *extra: str) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--batch-size", str(args.batch_size)]
    cmd += [*extra]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    if proc.returncode != 0 or not lines:
        sys.stdout.write(proc.stdout)
        raise SystemExit(f"bench: child {kind!r} failed (exit {proc.returncode})")
    out = json.loads(lines[-1])
    log(f"{kind} child done in {time.perf_counter() - t0:.1f} s")
    return out


# ---------------------------------------------------------------------------------------------
# parent
# ---------------------------------------------------------------------------------------------
def machine() -> dict:
    info = {
        "cpu_count": os.cpu_count(),
        "loadavg_1m_end": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": platform.python_version(),
    }
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError, ValueError):
        info["memory_gb"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9, 1)
    return info


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("prefect", "spacy", "polars", "duckdb", "pandera"):
        with contextlib.suppress(PackageNotFoundError):
            out[name] = version(name)
    return out


def git_state() -> dict:
    def git(*a: str) -> str:
        return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True).stdout.rstrip("\n")

    with contextlib.suppress(OSError):
        dirty = [ln[3:] for ln in git("status", "--porcelain", "--untracked-files=no").splitlines()]
        return {"commit": git("rev-parse", "--short", "HEAD"), "modified": [d for d in dirty if d]}
    return {}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="number of article files (default 1000)")
    ap.add_argument("--articles", type=Path, help="texts to repeat (default: the ../shared dev corpus, else seeds/)")
    ap.add_argument("--generate", action="store_true", help="invented match reports instead of repeated texts")
    ap.add_argument("--seed", type=int, default=7, help="seed for --generate and the baseline sample")
    ap.add_argument("--batch-size", type=int, default=500, help="matchwire_flow batch_size (default 500, the flow's)")
    ap.add_argument(
        "--baseline-sample",
        type=int,
        default=BASELINE_SAMPLE,
        help=f"baseline on a random sample of this many texts when N is larger (default {BASELINE_SAMPLE}, min 300)",
    )
    ap.add_argument(
        "--direct",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"also time the stages' plain functions in a separate pass (default: when N <= {DIRECT_MAX_N})",
    )
    ap.add_argument(
        "--processes",
        type=int,
        default=0,
        metavar="W",
        help="also time the flow on W worker processes (--runner processes), reported apart (default: skip)",
    )
    ap.add_argument(
        "--bracket",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run the flow again after the baseline and time it as the mean of both runs: the VM's speed drifts "
        "over minutes, and a run before and one after the baseline cancel a steady drift (default: on)",
    )
    ap.add_argument("--check", action=argparse.BooleanOptionalAction, default=True, help="check the copy markers")
    ap.add_argument("--model", default=None, help="spaCy model (default: $MATCHWIRE_SPACY_MODEL or the project's)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpus and warehouse")
    ap.add_argument("--json", action="store_true", help="print only the JSON object on stdout")
    ap.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--warehouse", help=argparse.SUPPRESS)
    ap.add_argument("--sample", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--numpy-blas", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument(
        "--same-blas-sample",
        type=int,
        default=300,
        help="texts for a second baseline whose matrix products go through numpy's BLAS like the tagger's "
        "(default 300, 0 to skip)",
    )
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from warehouse.reference import DEFAULT_SPACY_MODEL, SPACY_MODEL_ENV

    args.model = args.model or os.environ.get(SPACY_MODEL_ENV, DEFAULT_SPACY_MODEL)
    if args.child:
        os.environ[SPACY_MODEL_ENV] = args.model
        print(json.dumps(CHILDREN[args.child](args)), flush=True)
        return 0
    if args.n < 1:
        raise SystemExit("bench: --n must be at least 1")

    import corpus as bench_corpus

    t_total = time.perf_counter()
    load_start = os.getloadavg() if hasattr(os, "getloadavg") else None
    git = git_state()  # the code the children will load: taken before they start
    tmp = Path(tempfile.mkdtemp(prefix="matchwire-bench-"))
    env = dict(os.environ)
    env[SPACY_MODEL_ENV] = args.model
    # a Prefect home of our own, kept between runs (migrations once), shared with nobody's CLI runs
    env.setdefault("MATCHWIRE_PREFECT_HOME", str(Path.home() / ".cache" / "matchwire" / "prefect-bench"))
    prefect_db_existed = (Path(env["MATCHWIRE_PREFECT_HOME"]) / "prefect.db").exists()
    result: dict = {"n": args.n}
    try:
        articles_dir = tmp / "articles"
        t0 = time.perf_counter()
        if args.generate:
            bench_corpus.synthetic_corpus(args.n, articles_dir, seed=args.seed)
            result |= {"corpus": "synthetic", "corpus_seed": args.seed}
        else:
            source_dir = (args.articles or bench_corpus.default_articles_dir()).resolve()
            sources = bench_corpus.source_files(source_dir)
            bench_corpus.repeat_corpus(sources, args.n, articles_dir)
            result |= {"corpus": "repeated", "corpus_source": str(source_dir), "corpus_distinct_texts": len(sources)}
        result["corpus_bytes"] = sum(p.stat().st_size for p in articles_dir.iterdir())
        log(f"corpus: {args.n} files, {result['corpus_bytes'] / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s")
        if args.check and not args.generate:
            t0 = time.perf_counter()
            result["marker_parse_diffs"] = bench_corpus.marker_diffs(sources)
            log(f"marker check: {len(result['marker_parse_diffs'])} diffs ({time.perf_counter() - t0:.1f} s)")

        log("pipeline child: Prefect start, full run, no-op run")
        pipe = run_child("pipeline", args, env, "--corpus", str(articles_dir), "--warehouse", str(tmp / "warehouse"))
        pipe["prefect_home_was_cold"] = not prefect_db_existed

        direct: dict = {}
        if args.direct or (args.direct is None and args.n <= DIRECT_MAX_N):
            log("stages child: the stage functions without Prefect")
            direct = run_child("stages", args, env, "--corpus", str(articles_dir), "--warehouse", str(tmp / "direct"))

        scale: dict = {}
        if args.processes:
            log(f"scale-out child: the flow on {args.processes} worker processes")
            where = ["--corpus", str(articles_dir), "--warehouse", str(tmp / "scaleout")]
            scale = run_child("scaleout", args, env, *where, "--processes", str(args.processes))

        sample = args.n if args.n <= args.baseline_sample else max(300, args.baseline_sample)
        log(f"baseline child: spaCy {args.model} on {sample} texts")
        base = run_child(
            "baseline",
            args,
            env,
            "--corpus",
            str(articles_dir),
            "--sample",
            str(sample),
            "--seed",
            str(args.seed),
            "--model",
            args.model,
        )
        again: dict = {}
        if args.bracket:
            log("pipeline child again: the baseline's minutes bracketed by two runs of the flow")
            again = run_child("pipeline", args, env, "--corpus", str(articles_dir), "--warehouse", str(tmp / "again"))
        same_blas: dict = {}
        if args.same_blas_sample:
            n_same = min(sample, args.same_blas_sample)
            log(f"baseline child with numpy's BLAS: spaCy {args.model} on {n_same} texts")
            where = ["--corpus", str(articles_dir), "--sample", str(n_same), "--seed", str(args.seed)]
            same_blas = run_child("baseline", args, env, *where, "--model", args.model, "--numpy-blas")
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    runs_s = [pipe["pipeline_s"]] + ([again["pipeline_s"]] if again else [])
    pipe["pipeline_s"] = sum(runs_s) / len(runs_s)  # before and after the baseline: a steady drift cancels
    pipeline_rate = pipe["articles"] / pipe["pipeline_s"]
    baseline_s = baseline_seconds(base, args.n)
    baseline_rate = args.n / baseline_s
    warm_rate = base["baseline_texts"] / base["baseline_s"]
    result |= {
        "articles": pipe["articles"],
        "pipeline_articles_per_s": round(pipeline_rate, 2),
        "baseline_articles_per_s": round(baseline_rate, 2),
        "ratio": round(pipeline_rate / baseline_rate, 3),
        "baseline_sample": base["baseline_texts"],
        "baseline_scaled_s": round(baseline_s, 2),
        "baseline_warm_articles_per_s": round(warm_rate, 2),
        "ratio_to_warm_baseline": round(pipeline_rate / warm_rate, 3),
        "pipeline_s": round(pipe.pop("pipeline_s"), 3),
        "pipeline_runs_s": runs_s,
        "ratio_first_run": round(pipe["articles"] / runs_s[0] / baseline_rate, 3),
        "peak_rss_mb": pipe.pop("peak_rss_mb"),
        "noop_run_s": pipe.pop("noop_run_s"),
        "prefect_start_s": pipe.pop("prefect_start_s"),
        "stage_seconds": pipe.pop("stage_seconds"),
        **pipe,
        **direct,
        **scale_out_figures(scale, args.processes, pipe, baseline_rate),
        **same_blas_figures(same_blas, args.n, pipeline_rate),
        **base,
        "batch_size": args.batch_size,
        "machine": machine() | {"loadavg_1m_start": load_start and round(load_start[0], 2)},
        "versions": versions(),
        "git": git,
        "bench_total_s": round(time.perf_counter() - t_total, 1),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print_report(result)
        print(json.dumps(result))
    return 0


def baseline_seconds(base: dict, n: int) -> float:
    """What spaCy takes for all N articles, its model load included once, as the flow's run includes
    the tagger's load: `nlp.pipe` time scaled from the sample, plus `import spacy` and `spacy.load`."""
    return base["baseline_load_s"] + base["baseline_s"] * n / base["baseline_texts"]


def same_blas_figures(same: dict, n: int, pipeline_rate: float) -> dict:
    """spaCy with its matrix products through numpy's BLAS, as the tagger's are: a like-for-like second ratio
    (on CPUs where thinc's BLIS falls back to generic kernels, spaCy's default is slower than it need be)."""
    if not same:
        return {}
    rate = n / baseline_seconds(same, n)
    return {
        "baseline_same_blas_texts": same["baseline_texts"],
        "baseline_same_blas_articles_per_s": round(rate, 2),
        "ratio_same_blas": round(pipeline_rate / rate, 3),
    }


def scale_out_figures(scale: dict, workers: int, pipe: dict, baseline_rate: float) -> dict:
    """The process-pool run against the same single-process baseline: what a second core buys."""
    if not scale:
        return {}
    rate = pipe["articles"] / scale["processes_pipeline_s"]
    return {
        "processes_workers": workers,
        "processes_pipeline_s": scale["processes_pipeline_s"],
        "processes_articles_per_s": round(rate, 2),
        "processes_ratio": round(rate / baseline_rate, 3),
        "processes_tables_equal": scale["processes_tables"] == pipe["tables"],
    }


def print_report(r: dict) -> None:
    rows = [
        ("articles", r["articles"]),
        ("pipeline (full run)", f"{r['pipeline_s']:.1f} s, {r['pipeline_articles_per_s']:.1f} articles/s"),
        (
            "baseline (spaCy nlp.pipe)",
            f"{r['baseline_s']:.1f} s on {r['baseline_sample']} texts, {r['baseline_articles_per_s']:.1f} articles/s",
        ),
        ("ratio pipeline/baseline", f"{r['ratio']:.2f}"),
        ("peak RSS pipeline / baseline", f"{r['peak_rss_mb']:.0f} MB / {r['baseline_peak_rss_mb']:.0f} MB"),
        ("no-op run", f"{r['noop_run_s']:.1f} s"),
        ("Prefect start", f"{r['prefect_start_s']:.1f} s"),
        ("stages (in the flow)", ", ".join(f"{k} {v:.1f}" for k, v in r["stage_seconds"].items())),
    ]
    if "stage_seconds_direct" in r:
        direct = ", ".join(f"{k} {v:.1f}" for k, v in r["stage_seconds_direct"].items())
        rows.append(("stages (plain functions)", direct))
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")


if __name__ == "__main__":
    sys.exit(main())
