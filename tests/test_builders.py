"""The site builds with ProperDocs (the maintained fork of MkDocs 1.x) as with MkDocs 1.6."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bench.bench import generate, load_real_config
from tests.conftest import CONFIG_FILE

_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
"""The one line where the two builds may differ: each names the builder that made it."""


def _build(builder: str, site: Path, config: Path = CONFIG_FILE) -> dict[str, bytes]:
    """Build ``config`` (the real site's) with ``builder``'s own command, strictly, into ``site``."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1600000000", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("DOCS_LANG", None)
    script = Path(sys.executable).with_name(builder)
    command = [script, "build", "--strict", "-q", "-f", config, "-d", site]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=300)
    assert done.returncode == 0, f"{builder} build failed:\n{done.stderr[-3000:]}"
    return {
        path.relative_to(site).as_posix(): _GENERATOR.sub(b"", path.read_bytes())
        for path in site.rglob("*")
        if path.is_file()
    }


def test_properdocs_builds_the_same_pages_with_the_same_values(tmp_path: Path) -> None:
    mkdocs = _build("mkdocs", tmp_path / "mkdocs")
    properdocs = _build("properdocs", tmp_path / "properdocs")
    assert sorted(properdocs) == sorted(mkdocs)
    differ = [name for name in mkdocs if properdocs[name] != mkdocs[name]]
    assert not differ, f"ProperDocs built these files otherwise than MkDocs: {differ}"
    # Both ran every hook: the values come from the data, the legacy redirects exist.
    guide = "fr/e-mails_partilhados_guia_de_configuracao_para_o_windows_mail/index.html"
    assert b"imap.mail.ovh.ca" in properdocs[guide]
    assert "g1300/index.html" in properdocs


def test_properdocs_writes_the_navigation_of_a_help_centre_with_sections_as_mkdocs_does(
    tmp_path: Path,
) -> None:
    # The real site has one section a language; a help centre's pruned sections are
    # written through our rewrite of Material's navigation (mailhelp/site/navigation.py).
    generate(tmp_path, guides=60, locales=["pt"], real=load_real_config())
    mkdocs = _build("mkdocs", tmp_path / "mkdocs", tmp_path / "ours.yml")
    properdocs = _build("properdocs", tmp_path / "properdocs", tmp_path / "ours.yml")
    assert sum(b"md-nav__item--pruned" in html for html in mkdocs.values()) > 60
    assert properdocs == mkdocs
