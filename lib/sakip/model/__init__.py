"""The data model: one row model per input table, Indonesian number parsing, the table registry and the immutable Agency."""
