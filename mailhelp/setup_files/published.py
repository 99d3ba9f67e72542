"""Where each set-up file goes in the built site, and its bytes.

The shared files (every offer's autoconfig, the JSON export) go once, at the site root;
the profiles, whose descriptions are in the reader's language, go into each language's
folder (``profiles/…`` for the source language, ``en/profiles/…``), all with the same
UUIDs, so a profile downloaded in another language replaces the one installed.

Each offer's autoconfig folder is a ready web root for a customer's domain: its
``mail/config-v1.1.xml`` is what ``autoconfig.<domain>`` serves, and its
``.well-known/autoconfig/mail/config-v1.1.xml`` what ``<domain>`` serves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mailhelp.problems import ContentError, Problem
from mailhelp.setup_files import offers
from mailhelp.setup_files.apple_profile import mobileconfig
from mailhelp.setup_files.autoconfig import autoconfig_xml
from mailhelp.setup_files.export import export_json
from mailhelp.setup_files.validate import autoconfig_problems

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from mailhelp.data.model import Settings
    from mailhelp.setup_files import Offer

AUTOCONFIG = "autoconfig/{slug}/mail/config-v1.1.xml"
WELL_KNOWN = "autoconfig/{slug}/.well-known/autoconfig/mail/config-v1.1.xml"
PROFILE = "profiles/{slug}.mobileconfig"
EXPORT = "data/settings.json"


def autoconfig_path(offer: Offer, *, well_known: bool = False) -> str:
    """The site path of ``offer``'s autoconfig file (or of its ``.well-known`` copy)."""
    return (WELL_KNOWN if well_known else AUTOCONFIG).format(slug=offer.slug)


def profile_path(offer: Offer) -> str:
    """The path of ``offer``'s profile inside a language's folder."""
    return PROFILE.format(slug=offer.slug)


def shared_files(
    settings: Settings, *, guide_url: str, langs: Sequence[str], words: Mapping[str, Mapping[str, Any]]
) -> dict[str, bytes]:
    """The files written once per site: each offer's autoconfig (twice) and the export.

    Raises :class:`ContentError` when an autoconfig file would not pass Thunderbird's checks.
    """
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    for offer in offers(settings):
        text = autoconfig_xml(settings, offer, guide_url=guide_url, langs=langs, words=words)
        for problem in autoconfig_problems(text):
            problems.append(Problem(autoconfig_path(offer), None, None, problem, "correct data/settings.yml"))
        data = text.encode("utf-8")
        files[autoconfig_path(offer)] = data
        files[autoconfig_path(offer, well_known=True)] = data
    if problems:
        raise ContentError(problems)
    files[EXPORT] = export_json(settings).encode("utf-8")
    return files


def language_files(
    settings: Settings, *, lang: str, words: Mapping[str, Mapping[str, Any]]
) -> dict[str, bytes]:
    """The files of one language's folder: each offer's profile, described in ``lang``."""
    return {
        profile_path(offer): mobileconfig(settings, offer, lang=lang, words=words)
        for offer in offers(settings)
    }
