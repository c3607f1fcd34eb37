"""Lazy validation that splits a frame into the rows that pass and the failures, with reasons.

A bad row never stops a run: it is handed back with every check it failed, for quarantine.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


def split_valid(df: pl.DataFrame, model: type[pa.DataFrameModel]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(valid rows, failures) where failures has one row per bad row: `row`, `reason`."""
    empty = pl.DataFrame(schema={"row": pl.Int64, "reason": pl.String})
    if df.height == 0:
        return df, empty
    indexed = df.with_row_index("__row")
    try:
        model.validate(indexed, lazy=True)
        return df, empty
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    except pa.errors.SchemaError as err:  # a frame-level problem: every row goes
        reason = str(err).splitlines()[0]
        return df.head(0), pl.DataFrame({"row": list(range(df.height)), "reason": [reason] * df.height})
    per_row = cases.filter(pl.col("index").is_not_null())
    whole = cases.filter(pl.col("index").is_null())
    if whole.height:  # a missing column or a wrong type: nothing in the frame can be trusted
        reason = "; ".join(f"{c}: {k}" for c, k in zip(whole["column"], whole["check"], strict=False))
        return df.head(0), pl.DataFrame({"row": list(range(df.height)), "reason": [reason] * df.height})
    reasons = (
        per_row.with_columns(
            pl.format(
                "{} failed {} (got {})", pl.col("column").fill_null("row"), pl.col("check"), pl.col("failure_case")
            ).alias("why")
        )
        .group_by("index")
        .agg(pl.col("why").unique().sort().str.join("; ").alias("reason"))
        .select(pl.col("index").cast(pl.Int64).alias("row"), "reason")
        .sort("row")
    )
    bad = set(reasons["row"].to_list())
    good = indexed.filter(~pl.col("__row").is_in(list(bad))).drop("__row")
    return good, reasons
