"""``python -m mailhelp``: the same command line as ``mailhelp``."""

import sys

from mailhelp.cli import main

sys.exit(main())
