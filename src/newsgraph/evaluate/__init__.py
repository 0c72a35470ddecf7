"""Evaluation against the external gold standards in ../shared/data (one module per task)."""
