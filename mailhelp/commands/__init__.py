"""One module per verb of the ``mailhelp`` command: each parses its arguments, calls the
library and prints. Every module has ``NAME``, ``HELP``, ``add_arguments`` and ``run``."""

from __future__ import annotations

from mailhelp import ROOT

CONFIG_FILE = ROOT / "mkdocs.yml"
DATA = ROOT / "data" / "settings.yml"
"""The settings file the verbs read unless ``--data`` names another."""

OK, FINDINGS, UNUSABLE = 0, 1, 2
"""Exit statuses, the same for every verb: all good, findings, input that cannot be used."""

EXIT_STATUSES = "exit status: 0 all good, 1 findings, 2 unusable input"
