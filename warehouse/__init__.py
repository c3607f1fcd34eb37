"""All I/O: article files, reference data, DuckDB and Parquet."""
