"""The SQL engine: one DuckDB connection per snapshot, the files in queries/ run with named
parameters."""
