"""The ``mailhelp`` command: one verb per job, each in ``mailhelp/commands/<verb>.py``.

mailhelp check PATH...   hosts and ports in guides against the data file
mailhelp status          translation status per language and page
mailhelp mark PAGE...    record that a translation follows its current source
mailhelp publish         build, check, then put the new site in place of site/
mailhelp probe           every mail server of the data, connected to as a client would
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import traceback

from mailhelp.commands import EXIT_STATUSES, UNUSABLE, check, mark, probe, publish, schema, status

COMMANDS = (check, status, mark, publish, schema, probe)
INTERRUPTED = 130
"""Ctrl-C, as a shell reports it (128 + SIGINT)."""


def main(argv: list[str] | None = None) -> int:
    """Run the verb the command line names; return its exit status."""
    parser = argparse.ArgumentParser(
        prog="mailhelp", description="The e-mail help centre's commands.", epilog=EXIT_STATUSES
    )
    verbs = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = verbs.add_parser(
            command.NAME, help=command.HELP, description=command.HELP, epilog=EXIT_STATUSES
        )
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print(f"mailhelp {args.command}: interrupted (a build stopped so publishes nothing)", file=sys.stderr)
        return INTERRUPTED
    except Exception as error:  # the one place where a bug becomes one line, not a traceback
        if os.environ.get("MAILHELP_DEBUG"):
            traceback.print_exc()
        command = shlex.join(["mailhelp", *(sys.argv[1:] if argv is None else argv)])
        print(
            f"mailhelp {args.command}: unexpected error: {type(error).__name__}: {error}\n"
            f"    details: MAILHELP_DEBUG=1 {command}",
            file=sys.stderr,
        )
        return UNUSABLE


if __name__ == "__main__":
    sys.exit(main())
