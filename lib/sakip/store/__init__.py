"""Every agency in one embedded DuckDB file, ingested idempotently."""
