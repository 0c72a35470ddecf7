"""The `newsgraph` command line (`main`), one module per group of commands, over the Python API."""

from newsgraph.cli.main import app

__all__ = ["app"]
