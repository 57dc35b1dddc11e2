"""Pure rules: no I/O, no Qt, no SQL."""
