"""The installation a command works on: opened once, on first use, signed in as the person the
command names (--user), and closed when it ends."""

from __future__ import annotations

import argparse

from desktop_app.services.installation import Installation, open_installation, sign_in


def installation(args: argparse.Namespace) -> Installation:
    """This command's installation; main() closes it when the command returns or fails."""
    if getattr(args, "installation", None) is None:
        opened = args.exit_stack.enter_context(open_installation(args.data_dir))
        if getattr(args, "credentials", None):
            sign_in(opened, *args.credentials)
        args.installation = opened
    inst: Installation = args.installation
    return inst
