"""planctl: hold the figures counties submit against the quantitative targets of a plan."""

__version__ = "0.1.0"
