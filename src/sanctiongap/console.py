"""The Rich consoles the commands print to."""

from __future__ import annotations

import os

from rich.console import Console

PIPED_WIDTH = 120
"""Columns used when output goes to a file or pipe (Rich would assume 80)."""


def make_console(*, stderr: bool = False) -> Console:
    """A console for the commands: the terminal's width, or a readable fixed width when
    the output is piped or captured and no $COLUMNS says otherwise."""
    console = Console(stderr=stderr)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPED_WIDTH
    return console
