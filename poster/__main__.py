"""Entry point for `python -m poster`."""

from poster.cli import main

main()
