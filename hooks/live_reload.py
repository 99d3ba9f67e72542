"""MkDocs hook: under ``mkdocs serve``, an edit of the ``mailhelp`` package takes effect.

MkDocs runs every hook file afresh for each rebuild, but Python keeps the modules they
import: without this, the old code of the package would go on running until the server is
restarted. Listed first in mkdocs.yml, this file runs before the other hooks import the
package; it forgets the ``mailhelp`` modules once any of the package's files has changed,
so that the hooks after it import the new code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import mailhelp
from mailhelp.reload import forget_if_changed

forget_if_changed(sys.modules, folder=Path(mailhelp.__file__).parent, package="mailhelp")
