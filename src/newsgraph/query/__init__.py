"""Questions to a store as SQL: DuckDB views over the segments (`views`), and one function per question
(`analytics`, `lists`, `stories`) returning the dataclasses of `records`."""
