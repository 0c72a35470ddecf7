"""The store: Analyses as Parquet segments (`segments`), their rows and schema (`rows`), and their checks (`check`)."""
