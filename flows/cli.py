"""The `matchwire` command: run the flow, look at the tables."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from flows.runners import Runner

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: flags show as flags, not as taking a <bool>
    help=__doc__,
    context_settings={"help_option_names": ["-h", "--help"]},
)
PROJECT = Path(__file__).resolve().parent.parent
WAREHOUSE_HELP = "warehouse folder (holds matchwire.duckdb and parquet/)"


SEEDS = Path("seeds")  # defaults are relative to the working folder, like any command-line tool
WAREHOUSE = Path("warehouse")


def version_callback(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"matchwire {version('matchwire')}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=version_callback, is_eager=True, help="print the version and exit"),
    ] = False,
) -> None:
    """Football match reports in, DuckDB and Parquet tables out."""


def fail(message: str) -> typer.Exit:
    """An error the user can fix: one line on stderr, exit status 2 (raise what this returns)."""
    from flows.display import printable

    typer.secho(f"matchwire: {printable(message)}", fg=typer.colors.RED, err=True)
    return typer.Exit(2)


@app.command()
def run(
    articles: Annotated[Path, typer.Option("--articles", help="folder of article files")] = SEEDS,
    warehouse: Annotated[Path, typer.Option("--warehouse", help=WAREHOUSE_HELP)] = WAREHOUSE,
    full: Annotated[bool, typer.Option("--full", help="rebuild from scratch, parsing every article again")] = False,
    prune: Annotated[
        bool, typer.Option("--prune", help="retract loaded articles no longer in the folder (default: only add)")
    ] = False,
    wait: Annotated[
        float,
        typer.Option("--wait", min=0, metavar="SECONDS", help="how long to wait for another run on this warehouse"),
    ] = 600.0,
    no_wait: Annotated[
        bool, typer.Option("--no-wait", help="exit 2 at once if another run holds the warehouse")
    ] = False,
    runner: Annotated[
        Runner | None,
        typer.Option("--runner", help="where tasks run (default: threads; dask with --dask-address)"),
    ] = None,
    dask_address: Annotated[
        str | None,
        typer.Option("--dask-address", metavar="tcp://HOST:8786", help="Dask scheduler to run on (implies dask)"),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="processes or local Dask workers (default: one per CPU)"),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="print nothing but warnings and errors (no progress, no summary)")
    ] = False,
) -> None:
    """Parse new articles and rebuild the warehouse; ends with rows per table and what was quarantined.

    On a terminal a progress bar shows articles done, their rate and the time left; elsewhere (a log, a
    pipe) progress is one plain line per batch.
    """
    import os

    kind = runner or (Runner.DASK if dask_address else Runner.THREADS)
    if dask_address and kind != Runner.DASK:
        raise fail(f"--dask-address runs on Dask, not with --runner {kind.value}")
    from warehouse.articles import ArticlesFolderError, check_folder
    from warehouse.errors import WarehouseError

    try:  # before Prefect starts: a folder that is not there is one line, at once
        check_folder(articles)
    except ArticlesFolderError as err:
        raise fail(str(err)) from err
    from flows.runtime import PrefectHomeError, configure_prefect, quiet_user_errors, without_heartbeats

    try:
        configure_prefect()
    except PrefectHomeError as err:
        raise fail(str(err)) from err
    level = "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL"  # progress lines, not chatter; none when quiet
    if quiet:
        os.environ[level] = "WARNING"
    else:
        os.environ.setdefault(level, "INFO")
    _refresh_logging()
    from flows import progress
    from flows.pipeline import matchwire_flow
    from flows.runners import RunnerError, task_runner

    try:
        tasks_on, in_flight = task_runner(kind, dask_address, workers)
    except RunnerError as err:
        raise fail(str(err)) from err
    if dask_address:  # the cluster's workers read the files: a relative path means their working folder
        articles = articles.resolve()
    user_errors = (ArticlesFolderError, WarehouseError)
    display = progress.choose(quiet)
    before = progress.use(display)
    try:
        # the caller watches this run: no second lost joining the heartbeat thread; errors the user can
        # fix are this command's one line, not Prefect's tracebacks
        with without_heartbeats(), quiet_user_errors(user_errors):
            summary = matchwire_flow.with_options(task_runner=tasks_on)(
                articles, warehouse, full=full, in_flight=in_flight, prune=prune, wait=0.0 if no_wait else wait
            )
    except user_errors as err:
        raise fail(str(err)) from err
    finally:
        display.close()
        progress.use(before)
    if not quiet:
        print_summary(summary, warehouse)


def _refresh_logging() -> None:
    """Prefect's logging set up again, when it was imported before a level was changed."""
    import sys

    if "prefect.logging.configuration" in sys.modules:
        from prefect.logging.configuration import setup_logging

        setup_logging()


def print_summary(summary, warehouse: Path) -> None:
    """The run's closing lines: rows per table, versions replaced or retracted, and what was quarantined."""
    from flows.display import printable

    typer.echo(f"\n{summary.articles} article files -> {printable(str(warehouse / 'matchwire.duckdb'))}")
    for name, n in summary.tables.items():
        typer.echo(f"  {name:<17}{n:>7} rows")
    if summary.replaced or summary.retracted:
        typer.echo(
            f"{summary.replaced} edited article(s) replaced their earlier version, "
            f"{summary.retracted} no longer in the folder retracted"
        )
    if summary.quarantined:
        typer.echo(f"quarantined {len(summary.quarantined)} record(s):")
        for reason, n in summary.reasons().most_common():
            typer.echo(f"  {n:>4} x {printable(reason)}")
    else:
        typer.echo("nothing quarantined")


@app.command()
def serve(
    cron: Annotated[str, typer.Option("--cron", help="schedule, e.g. '*/30 * * * *'")] = "*/30 * * * *",
    articles: Annotated[Path, typer.Option("--articles", help="folder of article files")] = SEEDS,
    warehouse: Annotated[Path, typer.Option("--warehouse", help=WAREHOUSE_HELP)] = WAREHOUSE,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", help="deployment name (default: from the warehouse folder, so two serves never share one)"
        ),
    ] = None,
) -> None:
    """Serve the flow as a Prefect deployment on a cron schedule (runs until Ctrl-C or SIGTERM).

    Runs go to the Prefect API in PREFECT_API_URL when it is set (a team's server, Prefect Cloud), else to
    a local server of matchwire's own that lives as long as this command.
    """
    from flows.runtime import PrefectHomeError, configure_prefect, sigterm_stops_serving, user_api_url

    theirs = user_api_url()
    try:
        configure_prefect(scheduler=True)  # our server must schedule the cron's runs, not only record them
    except PrefectHomeError as err:
        raise fail(str(err)) from err
    from flows.pipeline import matchwire_flow

    deployment = name or deployment_name(warehouse)
    typer.echo(serving_message(deployment, cron, warehouse, theirs))
    sigterm_stops_serving()
    matchwire_flow.serve(
        name=deployment,
        cron=cron,
        parameters={"articles_dir": str(articles.resolve()), "warehouse_dir": str(warehouse.resolve())},
        print_starting_message=False,
    )


def deployment_name(warehouse: Path) -> str:
    """`<folder>-<hash of its absolute path>`: one name per warehouse, stable across restarts."""
    import hashlib
    import re

    where = str(warehouse.resolve())
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", warehouse.resolve().name).strip("-") or "warehouse"
    return f"{slug}-{hashlib.sha256(where.encode()).hexdigest()[:8]}"


def serving_message(deployment: str, cron: str, warehouse: Path, theirs: str | None) -> str:
    """What serve prints: only commands and addresses that work while it runs."""
    import os

    run = f"prefect deployment run 'matchwire/{deployment}'"
    if theirs:
        return (
            f"deployment 'matchwire/{deployment}' is being served on '{cron}' for {warehouse.resolve()}, "
            f"registered with the Prefect API at {theirs}\ntrigger a run: {run}"
        )
    api = os.environ.get("PREFECT_API_URL", "")
    return (
        f"deployment 'matchwire/{deployment}' is being served on '{cron}' for {warehouse.resolve()}, "
        f"by matchwire's own Prefect server at {api} (no UI; it stops with this command)\n"
        f"trigger a run while it serves: PREFECT_API_URL={api} {run}"
    )


# `tables` and `query` run whatever SQL they are given: DuckDB may read the warehouse file and nothing
# else. No files read or written (COPY, read_text, read_csv, ATTACH, EXPORT), no extensions installed or
# loaded, and the settings locked so a statement cannot turn these back on. `--output` writes from Python.
QUERY_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}


def open_warehouse(warehouse: Path):
    """The warehouse's DuckDB file, read-only and locked down; one line and exit 2 when it cannot be opened."""
    import duckdb

    db = warehouse / "matchwire.duckdb"
    if not db.exists():
        raise fail(f"no warehouse at {db} (run `matchwire run --warehouse {warehouse}` first)")
    try:
        return duckdb.connect(str(db), read_only=True, config=QUERY_CONFIG)
    except duckdb.Error as err:
        raise fail(f"warehouse {db} cannot be opened: {str(err).splitlines()[0]}") from err


@app.command()
def tables(warehouse: Annotated[Path, typer.Option("--warehouse", help=WAREHOUSE_HELP)] = WAREHOUSE) -> None:
    """List the warehouse's tables and views with their row counts."""
    with open_warehouse(warehouse) as con:
        for name, kind in con.execute(
            "select table_name, table_type from information_schema.tables where table_schema = 'main' "
            "order by table_type, table_name"
        ).fetchall():
            n = con.execute(f'select count(*) from "{name}"').fetchone()[0]
            typer.echo(f"{name:<20}{'view' if kind == 'VIEW' else 'table':<7}{n:>8}")


FORMATS = ("table", "csv", "json", "parquet")


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="one SQL statement, e.g. 'select * from fixtures'")],
    warehouse: Annotated[Path, typer.Option("--warehouse", help=WAREHOUSE_HELP)] = WAREHOUSE,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="write the result to this file (format from --format, else its suffix)"),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="table|csv|json|parquet", help="output format (default: table)"),
    ] = None,
) -> None:
    """Run one SQL statement against the warehouse (read-only, no file or network access) and print the result.

    --format csv or json prints every row and every value whole, for scripts; parquet needs --output.
    """
    with open_warehouse(warehouse) as con:
        df = run_query(con, sql)
    emit(df, output, fmt)


def run_query(con, sql: str):
    """One statement's result as a frame; several statements, or a failing one, are one line and exit 2."""
    import duckdb
    import polars as pl

    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as err:
        raise fail(first_line(err)) from err
    if len(statements) > 1:
        raise fail(f"give one SQL statement, not {len(statements)} (split them into separate `matchwire query` calls)")
    try:
        rel = con.sql(sql)  # None for a statement with no result
        return pl.from_arrow(rel.to_arrow_table()) if rel is not None else pl.DataFrame()
    except duckdb.Error as err:
        raise fail(first_line(err)) from err


def first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def emit(df, output: Path | None, fmt: str | None) -> None:
    """A result to the terminal or a file, in the format asked for (a file's suffix tells when none is)."""
    import polars as pl

    kind = (fmt or (output.suffix.lower().lstrip(".") if output is not None else "table")).lower()
    if kind not in FORMATS:
        raise fail(
            f"--format {kind}: use one of {', '.join(FORMATS)} (or an --output file ending .csv, .json, .parquet)"
        )
    if output is not None:
        write_result(df, output, kind)
        typer.echo(f"{df.height} rows -> {output}", err=True)
        return
    if kind == "parquet":
        raise fail("--format parquet writes a file: add --output FILE.parquet")
    if kind == "csv":
        sys.stdout.write(df.write_csv())
    elif kind == "json":
        sys.stdout.write(df.write_json() + "\n")
    else:
        with pl.Config(tbl_rows=200, tbl_cols=30, fmt_str_lengths=200, tbl_width_chars=250):
            typer.echo(df)


def write_result(df, output: Path, kind: str) -> None:
    """A query's result to a file; an unwritable path is one line."""
    writers = {"csv": df.write_csv, "parquet": df.write_parquet, "json": df.write_json}
    if kind not in writers:
        raise fail(f"--output {output}: use --format csv, json or parquet (or a file ending .csv, .json, .parquet)")
    try:
        writers[kind](output)
    except OSError as err:
        raise fail(f"--output {output} cannot be written: {err.strerror or err}") from err


@app.command()
def quarantine(
    warehouse: Annotated[Path, typer.Option("--warehouse", help=WAREHOUSE_HELP)] = WAREHOUSE,
    stage: Annotated[str | None, typer.Option("--stage", help="only this stage: read, parse, validate, build")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write the list to this file")] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", metavar="table|csv|json|parquet", help="output format")
    ] = None,
) -> None:
    """What was rejected and why: one line per record or file, with its stage and reason."""
    sql = (
        "select stage, coalesce(file_name, '') as file_name, reason from quarantine "
        "where $stage is null or stage = $stage order by file_name, stage, reason"
    )
    with open_warehouse(warehouse) as con:
        import polars as pl

        df = pl.from_arrow(con.sql(sql, params={"stage": stage}).to_arrow_table())
    if fmt or output:
        emit(df, output, fmt)
        return
    from flows.display import printable

    width = min(max((len(f) for f in df["file_name"]), default=4), 48)
    for st, file_name, reason in df.iter_rows():
        typer.echo(f"{st:<9} {printable(file_name):<{width}}  {printable(reason)}")
    typer.echo(f"{df.height} quarantined", err=True)


def main() -> None:  # pragma: no cover
    app(prog_name="matchwire")
    sys.exit(0)
