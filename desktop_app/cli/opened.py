"""The installation a command works on: opened once, on first use, and closed when it ends."""

from __future__ import annotations

import argparse

from desktop_app.services.installation import Installation, open_installation


def installation(args: argparse.Namespace) -> Installation:
    """This command's installation; main() closes it when the command returns or fails."""
    if getattr(args, "installation", None) is None:
        args.installation = args.exit_stack.enter_context(open_installation(args.data_dir))
    inst: Installation = args.installation
    return inst
