"""The words of the set-up files and of the generated blocks, from each language's strings file.

They are in ``docs/<locale>/strings.yml`` (section ``setup_files``), which translators edit
and the build validates like every strings file. ``{offer}`` stands for the product and
region as the data names them in that language (``MX Plan (Europa)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mailhelp.data.model import Settings
    from mailhelp.setup_files import Offer


def text(words: Mapping[str, Mapping[str, Any]], lang: str, key: str, **values: str) -> str:
    """The text ``key`` in ``lang``, from the ``setup_files`` section of its strings file
    (``words`` holds every language's, as :func:`~mailhelp.translations.strings.load_strings`
    reads them), with ``values`` filled in."""
    return str(words[lang]["setup_files"][key]).format(**values)


def offer_name(settings: Settings, offer: Offer, lang: str) -> str:
    """A product in a region, in ``lang``, as every file and block writes it: ``MX Plan (Europa)``."""
    product, region = (
        settings.name("product", offer.product, lang),
        settings.name("region", offer.region, lang),
    )
    return f"{product} ({region})"
