"""Material's navigation, at a cost per page that does not grow with the sections it prunes.

With ``navigation.indexes``, Material's ``partials/nav-item.html`` finds a section's index
page by walking every child of the section, for every section of the navigation, pruned or
not, on every page: at 1,000 guides a language that is 1,000 children looked at for each of
the language's 1,041 pages, the one part of a page's cost that grew with the site (profiled
at 100 and 1,000 guides, one language: 1.2 ms a page in ``Page.is_index`` alone, as much
again in the loop). The index Material takes is the first child that is an index page;
Jinja's ``selectattr`` and ``first`` find the same one and stop there, and MkDocs puts a
section's index page first. Nothing else of the template changes.

The template is changed as it is loaded (:class:`IndexFirstLoader`), not copied: a copy
would hide any correction Material makes to the rest of it. Where its text is not the one
rewritten here (another Material), it is loaded as it is: the same pages, as slow as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jinja2 import BaseLoader

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment

TEMPLATE = "partials/nav-item.html"

_WALK = re.compile(
    r"\{%-?\s*for item in nav_item\.children\s*-?%\}\s*"
    r"\{%-?\s*if item\.is_index and _\.index is none\s*-?%\}\s*"
    r"\{%-?\s*set _\.index = item\s*-?%\}\s*"
    r"\{%-?\s*endif\s*-?%\}\s*"
    r"\{%-?\s*endfor\s*-?%\}"
)
_FIRST = '{% set _.index = nav_item.children | selectattr("is_index") | first | default(none) %}'


def index_first(source: str) -> str:
    """``source`` with its walk over a section's children for the index page replaced by a
    search that stops at it; unchanged when it has no such walk."""
    return _WALK.sub(lambda _match: _FIRST, source)


class IndexFirstLoader(BaseLoader):
    """``loader``, with :data:`TEMPLATE` read through :func:`index_first`."""

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        if template == TEMPLATE:
            source = index_first(source)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()
