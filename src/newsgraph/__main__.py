"""``python -m newsgraph``: the same as the ``newsgraph`` command."""

from newsgraph.cli.main import app

app()
