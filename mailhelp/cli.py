"""The ``mailhelp`` command: one verb per job, each in ``mailhelp/commands/<verb>.py``.

mailhelp check PATH...   hosts and ports in guides against the data file
mailhelp status          translation status per language and page
mailhelp mark PAGE...    record that a translation follows its current source
mailhelp publish         build, check, then put the new site in place of site/
mailhelp probe           every mail server of the data, connected to as a client would
"""

from __future__ import annotations

import argparse
import sys

from mailhelp.commands import EXIT_STATUSES, check, mark, probe, publish, schema, status

COMMANDS = (check, status, mark, publish, schema, probe)


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
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
