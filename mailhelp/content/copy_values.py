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
    """Hosts, ports and ``host:port`` pairs of every protocol in the settings."""
    found: set[str] = set()
    hosts = settings.hosts()
    for protocol, ports in settings.ports().items():
        found.add(hosts[protocol])
        for port in ports.values():
            found.update((str(port), f"{hosts[protocol]}:{port}"))
    return found


def add_copy_buttons(page_html: str, values: Iterable[str], *, label: str) -> str:
    """Add a copy button after each inline code element that shows one of ``values``."""
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

    return _INLINE_CODE.sub(button, page_html)
