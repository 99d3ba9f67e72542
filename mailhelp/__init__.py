"""The e-mail help centre's library: its data, its pages' content, the drift checker,
translations and the published site, each in a folder of its own.

``hooks/`` holds the MkDocs events that call it; ``mailhelp`` (:mod:`mailhelp.cli`) is its
command line. Nothing here prints or exits but the command modules in ``commands/``.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The project's folder: ``mkdocs.yml``, ``data/`` and ``docs/`` are found from here."""
