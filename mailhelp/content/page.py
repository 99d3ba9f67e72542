"""A page's settings in context: its product (front matter), its region blocks, its language.

:func:`render_page` is what the build does to every page's Markdown: each region block is
written once per region of the page's product, as content tabs, and every placeholder is
filled in the context of the page's product and the region of the block it stands in.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mailhelp.content import regions
from mailhelp.content.placeholders import render, render_text
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

    def values(self, region: str | None = None) -> Mapping[str, str]:
        """The keys this page may name, inside the block of ``region`` (or outside any)."""
        return self.settings.values(self.lang, product=self.product, region=region or self.region)

    def ambiguous(self, region: str | None = None) -> Mapping[str, str]:
        """Keys that exist elsewhere but not here, each with the fix."""
        return self.settings.ambiguous_keys(self.lang, product=self.product, region=region or self.region)

    def block_regions(self) -> list[str]:
        """The regions a region block shows: the page's region, or those of its product."""
        if self.region:
            return [self.region]
        return self.settings.regions(self.product)


def page_context(settings: Settings, meta: Mapping[str, Any], *, lang: str, origin: str) -> PageContext:
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
    return PageContext(settings, lang, product, region)


def render_page(markdown: str, context: PageContext, *, origin: str, first_line: int = 1) -> str:
    """``markdown`` with region blocks written out as tabs and every placeholder filled.

    Raises :class:`ContentError` with every problem of the page: unknown or undecidable
    keys, malformed placeholders, a region block on a page without a product.
    """
    problems: list[Problem] = []
    out: list[str] = []
    for segment in regions.split(markdown, origin=origin, first_line=first_line):
        try:
            if not segment.regional:
                out.append(_render(segment.text, context, None, origin, segment.first_line))
                continue
            if context.product is None and context.region is None:
                message = "a '/// regions' block on a page that names no product"
                fix = f"add 'product: {context.settings.products()[0]}' to the front matter"
                raise ContentError([Problem(origin, segment.first_line - 1, 1, message, fix)])
            copies = [
                (
                    context.settings.name("region", r, context.lang),
                    _render(segment.text, context, r, origin, segment.first_line),
                )
                for r in context.block_regions()
            ]
            out.append(regions.tabs(copies))
        except ContentError as error:
            problems += error.problems
    if problems:
        raise ContentError(_once(problems))
    return "".join(out)


def render_meta(text: str, context: PageContext, *, origin: str) -> str:
    """A front matter value (title, excerpt) with its placeholders filled, as HTML text."""
    return render_text(text, context.values(), origin=origin, ambiguous=context.ambiguous())


def _render(text: str, context: PageContext, region: str | None, origin: str, first_line: int) -> str:
    return render(
        text,
        context.values(region),
        origin=origin,
        first_line=first_line,
        ambiguous=context.ambiguous(region),
    )


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once: a mistake in a region block is met in every region's copy."""
    return list(dict.fromkeys(problems))


def _unknown(origin: str, kind: str, value: Any, known: list[str]) -> Problem:
    close = difflib.get_close_matches(str(value), known, n=1)
    fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(known)}"
    return Problem(
        origin, None, None, f"the front matter names the {kind} {value!r}, which the data does not have", fix
    )
