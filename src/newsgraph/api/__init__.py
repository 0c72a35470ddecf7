"""The HTTP API and the web page (`app.create_app`): read and write routes over `newsgraph.Store`."""
