"""A page's settings in context: its product (front matter), its region blocks, its language.

:func:`render_page` is what the build does to every page's Markdown: each region block is
written once per region of the page's product, as content tabs, and every placeholder is
filled in the context of the page's product and the region of the block it stands in.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mailhelp.content import regions
from mailhelp.content.placeholders import render, render_text
from mailhelp.content.settings_table import settings_table
from mailhelp.problems import ContentError, Problem

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mailhelp.data.model import Settings


@dataclass(frozen=True)
class PageContext:
    """What decides a short key on one page: the settings, the language, product and region."""

    settings: Settings
    lang: str
    product: str | None = None
    region: str | None = None
    strings: Mapping[str, Any] = field(default_factory=dict)
    """The reader's strings file: the words of generated tables."""

    def values(self, region: str | None = None, product: str | None = None) -> Mapping[str, str]:
        """The keys this page may name, inside the block of ``region`` (or outside any), for
        the page's product or the one a block names."""
        return self.settings.values(self.lang, product=product or self.product, region=region or self.region)

    def ambiguous(self, region: str | None = None, product: str | None = None) -> Mapping[str, str]:
        """Keys that exist elsewhere but not here, each with the fix."""
        return self.settings.ambiguous_keys(
            self.lang, product=product or self.product, region=region or self.region
        )

    def block_regions(self, product: str | None = None) -> list[str]:
        """The regions a region block shows: the page's region, or those of the product."""
        if self.region and not product:
            return [self.region]
        return self.settings.regions(product or self.product)


def page_context(
    settings: Settings,
    meta: Mapping[str, Any],
    *,
    lang: str,
    origin: str,
    strings: Mapping[str, Any] | None = None,
) -> PageContext:
    """The context a page's front matter gives (``product:``, ``region:``), checked.

    Raises :class:`ContentError` for a product or region the data does not have.
    """
    problems = []
    product = meta.get("product")
    region = meta.get("region")
    if product is not None and product not in settings.products():
        problems.append(_unknown(origin, "product", product, settings.products()))
    if region is not None and region not in settings.regions(
        product if product in settings.products() else None
    ):
        problems.append(_unknown(origin, "region", region, settings.regions()))
    if problems:
        raise ContentError(problems)
    return PageContext(settings, lang, product, region, strings or {})


def render_page(markdown: str, context: PageContext, *, origin: str, first_line: int = 1) -> str:
    """``markdown`` with region blocks written out as tabs and every placeholder filled.

    Raises :class:`ContentError` with every problem of the page: unknown or undecidable
    keys, malformed placeholders, a region block on a page without a product.
    """
    problems: list[Problem] = []
    out: list[str] = []
    for segment in regions.split(markdown, origin=origin, first_line=first_line):
        try:
            out.append(_segment(segment, context, origin))
        except ContentError as error:
            problems += error.problems
    if problems:
        raise ContentError(_once(problems))
    return "".join(out)


def _segment(segment: regions.Segment, context: PageContext, origin: str) -> str:
    """One piece of the page, written out: text as it is, a block once per region."""
    if segment.kind == regions.TEXT:
        return _render(segment.text, context, None, None, origin, segment.first_line)
    marker = segment.first_line - (1 if segment.kind == regions.REGIONS else 0)
    product = segment.product or context.product
    if product is None:
        message = f"a '/// {segment.kind}' block on a page that names no product"
        first = context.settings.products()[0]
        fix = f"add 'product: {first}' to the front matter, or name it: '/// {segment.kind} {first}'"
        raise ContentError([Problem(origin, marker, 1, message, fix)])
    if product not in context.settings.products():
        message = f"'/// {segment.kind} {product}' names a product the data does not have"
        fix = "use one of: " + ", ".join(context.settings.products())
        raise ContentError([Problem(origin, marker, 1, message, fix)])
    copies = []
    for region in context.block_regions(segment.product):
        if segment.kind == regions.SETTINGS_TABLE:
            if "settings" not in context.strings:
                message = "'/// settings' needs the words of the settings table"
                raise ContentError(
                    [Problem(origin, marker, 1, message, "add a 'settings:' section to the strings file")]
                )
            text = settings_table(context.settings, product, region, context.strings["settings"])
            body = _render_generated(text, context, region, segment.product, origin, marker)
        else:
            body = _render(segment.text, context, region, segment.product, origin, segment.first_line)
        copies.append((context.settings.name("region", region, context.lang), body))
    return regions.tabs(copies)


def render_meta(text: str, context: PageContext, *, origin: str) -> str:
    """A front matter value (title, excerpt) with its placeholders filled, as HTML text."""
    return render_text(text, context.values(), origin=origin, ambiguous=context.ambiguous())


def _render(
    text: str, context: PageContext, region: str | None, product: str | None, origin: str, first_line: int
) -> str:
    return render(
        text,
        context.values(region, product),
        origin=origin,
        first_line=first_line,
        ambiguous=context.ambiguous(region, product),
    )


def _render_generated(
    text: str, context: PageContext, region: str, product: str | None, origin: str, marker: int
) -> str:
    """A generated table, rendered; a problem in it is the marker line's (a strings mistake)."""
    try:
        return _render(text, context, region, product, origin, marker)
    except ContentError as error:
        raise ContentError(
            [Problem(p.file, marker, None, p.message, p.fix) for p in error.problems]
        ) from None


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once: a mistake in a region block is met in every region's copy."""
    return list(dict.fromkeys(problems))


def _unknown(origin: str, kind: str, value: Any, known: list[str]) -> Problem:
    close = difflib.get_close_matches(str(value), known, n=1)
    fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(known)}"
    return Problem(
        origin, None, None, f"the front matter names the {kind} {value!r}, which the data does not have", fix
    )
