"""Material's navigation, at a cost per page that does not grow with the sections it prunes.

With ``navigation.indexes``, Material's ``partials/nav-item.html`` finds a section's index
page by walking every child of the section, for every section of the navigation, pruned or
not, on every page: at 1,000 guides a language that is 1,000 children looked at for each of
the language's 1,041 pages, the one part of a page's cost that grew with the site (profiled
at 100 and 1,000 guides, one language: 1.2 ms a page in ``Page.is_index`` alone, as much
again in the loop). The index Material takes is the first child that is an index page;
Jinja's ``selectattr`` and ``first`` find the same one and stop there, and MkDocs puts a
section's index page first. Nothing else of the template changes.

With ``navigation.prune``, every section but the page's own is written as one link to its
first page (``render_pruned``), the same HTML on every page that links from the same place:
at 1,000 guides a language, 39 pruned sections on each of 1,041 pages, the part of a page's
cost that still grew with the site (profiled at 1,000 guides, one language: 40,680 calls of
the macro, 1.9 of 44 s under the profiler). Each language's build writes each pruned link
once for each address it is linked by (:func:`pruned_once`), and copies it on every other
page: the same macro makes it, from the same section and the same relative address.

The template is changed as it is loaded (:class:`NavItemLoader`), not copied: a copy would
hide any correction Material makes to the rest of it. Where its text is not the one rewritten
here (another Material), it is loaded as it is: the same pages, as slow as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jinja2 import BaseLoader, pass_context

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from jinja2.runtime import Context, Macro
    from markupsafe import Markup

TEMPLATE = "partials/nav-item.html"

_WALK = re.compile(
    r"\{%-?\s*for item in nav_item\.children\s*-?%\}\s*"
    r"\{%-?\s*if item\.is_index and _\.index is none\s*-?%\}\s*"
    r"\{%-?\s*set _\.index = item\s*-?%\}\s*"
    r"\{%-?\s*endif\s*-?%\}\s*"
    r"\{%-?\s*endfor\s*-?%\}"
)
_FIRST = '{% set _.index = nav_item.children | selectattr("is_index") | first | default(none) %}'
_PRUNED = re.compile(r"\{\{-?\s*render_pruned\(nav_item\)\s*-?\}\}")
PRUNED_ONCE = "pruned_once"
"""The name of :func:`pruned_once`'s function among the templates' globals."""
_ONCE = "{{ " + PRUNED_ONCE + "(nav_item, render_pruned) }}"


def index_first(source: str) -> str:
    """``source`` with its walk over a section's children for the index page replaced by a
    search that stops at it; unchanged when it has no such walk."""
    return _WALK.sub(lambda _match: _FIRST, source)


def pruned_links(source: str) -> str:
    """``source`` with its pruned sections written by :data:`PRUNED_ONCE`; unchanged when it
    writes none with ``render_pruned(nav_item)``."""
    return _PRUNED.sub(lambda _match: _ONCE, source)


def pruned_once() -> Callable[[Context, object, Macro], Markup]:
    """A function for the templates of one language's build (:data:`PRUNED_ONCE`) that writes
    a pruned section with Material's ``render_pruned``, once for each address it links to.

    The macro's HTML depends on the section (its title, icon, status, whether it has
    children), which the build's navigation keeps for the whole build, and on the one address
    it writes, its first page's, relative to the page being written (the ``url`` filter)."""
    # Each section is kept with its HTML, so that no other object takes its id meanwhile.
    written: dict[tuple[int, str], tuple[object, Markup]] = {}

    @pass_context
    def pruned(context: Context, nav_item: object, render: Macro) -> Markup:
        first = nav_item.children[0]  # type: ignore[attr-defined]
        while first.children:
            first = first.children[0]
        key = (id(nav_item), context.environment.filters["url"](context, first.url))
        if key not in written:
            written[key] = (nav_item, render(nav_item))
        return written[key][1]

    return pruned


class NavItemLoader(BaseLoader):
    """``loader``, with :data:`TEMPLATE` read through :func:`index_first` and
    :func:`pruned_links`."""

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        if template == TEMPLATE:
            source = pruned_links(index_first(source))
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()
