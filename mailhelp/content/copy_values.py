"""Copy buttons beside the server values a reader types into a mail client.

Pure HTML post-processing: every inline ``<code>`` whose text is exactly a host, a port
or a ``host:port`` from the settings gets a button that copies that text. Material's own
clipboard script handles any element with ``data-clipboard-text``.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mailhelp.data.settings import Settings

_INLINE_CODE = re.compile(r"<code>(?P<text>[^<]*)</code>")


def copyable_values(settings: Settings) -> set[str]:
    """Hosts, ports and ``host:port`` pairs of every endpoint in the settings.

    A per-customer host (``proN.mail.ovh.net``) is not a value to paste: the reader puts
    their own number in it, so it gets no button.
    """
    found: set[str] = set()
    for endpoint in settings.endpoints:
        found.add(str(endpoint.port))
        if endpoint.per_customer:
            continue
        for host in endpoint.names:
            found.update((host, f"{host}:{endpoint.port}"))
    return found


def add_copy_buttons(page_html: str, values: Iterable[str], *, label: str) -> str:
    """Add a copy button after each inline code element that shows one of ``values``; in a
    whole page written by the theme, only in its ``<article>`` (the page's content)."""
    wanted = set(values)
    title = html.escape(label)

    def button(match: re.Match[str]) -> str:
        text = html.unescape(match.group("text"))
        if text not in wanted:
            return match.group(0)
        value = html.escape(text)
        return (
            f'<code class="mail-value">{match.group("text")}</code>'
            f'<button class="md-clipboard md-icon mail-copy" type="button" title="{title}" '
            f'aria-label="{title}" data-clipboard-text="{value}"></button>'
        )

    start = page_html.find("<article")
    end = page_html.find("</article>", start) if start >= 0 else -1
    if end < 0:
        return _INLINE_CODE.sub(button, page_html)
    return page_html[:start] + _INLINE_CODE.sub(button, page_html[start:end]) + page_html[end:]
