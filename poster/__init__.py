"""poster: turn a roadmap kept as YAML into a print-ready A0 poster."""

__version__ = "0.1.0"
