"""Command line: argument parsing only; each command calls one service function."""
