"""newsgraph: evidence-linked facts about international relations from news articles."""

__version__ = "0.1.0"
