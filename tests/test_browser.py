"""The built site in a real browser: Debian's Chromium, driven by Playwright, every language.

The tests serve the built site on 127.0.0.1 themselves and let no request leave it: any
request to another host fails the test (the site must work on a closed network). Run only
these with ``pytest -m browser``; screenshots land in ``test-results/screenshots/``.
"""

from __future__ import annotations

import base64
import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from mkdocs.config import load_config

from mailhelp.content.copy_values import copyable_values
from mailhelp.content.guides import legacy_index, read_front_matter, read_guides
from mailhelp.content.page import page_context, render_meta
from mailhelp.translations.strings import load_strings
from tests.conftest import CONFIG_FILE, DOCS, ROOT, locales

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response, Route

    from tests.conftest import Built

    Opener = Callable[..., Page]

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and quiet: the machine's network is closed, and Chromium's own background
# traffic (updates, sync, QUIC probes) would only produce refused connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-results" / "screenshots"
# Read once: each call loads the MkDocs configuration, which takes a while.
LOCALES = locales()
SOURCE = LOCALES[0]
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


# Fixtures ------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(built_site: Built) -> Iterator[str]:
    """The built site over HTTP on loopback, a free port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium; a missing browser fails the run, with the command that installs it."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium.\n"
            "    fix: sudo apt-get update && sudo apt-get install -y chromium",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watch:
    """Everything that went wrong on one page: console errors, failed or foreign requests."""

    def __init__(self, page: Page, origin: str) -> None:
        self.origin = origin
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def _failed(self, request: Request) -> None:
        if request.url.startswith(self.origin):
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


def refuse_other_hosts(context: BrowserContext, server: str) -> list[str]:
    """Abort every request of ``context`` that is not for ``server``; return the list they go to."""
    foreign: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith((server, "data:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    return foreign


@pytest.fixture(scope="module")
def guarded(browser: Browser, server: str) -> Iterator[tuple[BrowserContext, list[str]]]:
    """One browser profile for the module (its cache makes page loads quick), in which any
    request to another host than the site is refused and listed."""
    context = browser.new_context(viewport=WIDTHS["desktop"], locale="en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    foreign = refuse_other_hosts(context, server)
    yield context, foreign
    context.close()


@pytest.fixture
def open_page(guarded: tuple[BrowserContext, list[str]], server: str) -> Iterator[Opener]:
    """Open site paths in new tabs; after the test, nothing may have gone wrong on them."""
    context, foreign = guarded
    already = len(foreign)
    watches: list[Watch] = []
    pages: list[Page] = []

    def open_(path: str, *, viewport: dict[str, int] | None = None) -> Page:
        page = context.new_page()
        pages.append(page)
        if viewport:
            page.set_viewport_size(viewport)
        watches.append(Watch(page, server))
        page.goto(server + path)
        settle(page)
        return page

    yield open_
    for page in pages:
        page.close()
    problems = [problem for watch in watches for problem in watch.problems]
    problems += [f"request left the local server: {url}" for url in foreign[already:]]
    assert problems == [], "\n".join(problems)


def settle(page: Page) -> None:
    """Wait until the page has loaded and its search is ready (the last thing it fetches).

    Faster than Playwright's "networkidle", which always waits half a second more; leaving
    a page before this would abort its requests, and the tests count those as failures.
    """
    page.wait_for_load_state("load")
    page.wait_for_function(
        """() => {
            const meta = document.querySelector('.md-search-result__meta');
            const config = JSON.parse(document.getElementById('__config').textContent);
            return meta && meta.textContent.trim() === config.translations['search.result.placeholder'];
        }"""
    )


# What the pages should show ------------------------------------------------------------


@functools.cache
def _languages() -> dict[str, dict[str, str]]:
    """Each locale's name (mkdocs.yml) and translated site name (its strings file)."""
    config = load_config(config_file=str(CONFIG_FILE))
    strings = load_strings(DOCS, LOCALES)
    return {
        lang.locale: {"name": lang.name, "site_name": strings[lang.locale]["site_name"]}
        for lang in config.plugins["i18n"].config.languages
    }


@functools.cache
def _guide_file() -> str:
    """The guide the tests walk through: the one with an old number, in the locale folder."""
    guides = read_guides(DOCS / SOURCE)
    return sorted(legacy_index(guides).values())[0]


_RESULTS = ".md-search-result__item > a.md-search-result__link"


def _search(tab: Page, query: str) -> list[str]:
    """Type ``query`` into the search box; the paths of the results, once the list settles.

    Material searches on key events (not on a filled value) and renders the results again as
    each key arrives: the list is read whole, in one call, until two readings agree.
    """
    box = tab.locator(".md-search__input")
    box.click()
    box.press_sequentially(query)
    tab.locator(_RESULTS).first.wait_for()
    previous: list[str] | None = None
    for _ in range(40):  # at most ten seconds
        hrefs = tab.eval_on_selector_all(_RESULTS, "links => links.map(a => a.getAttribute('href') || '')")
        if hrefs and hrefs == previous:
            return [urlsplit(href).path for href in hrefs]
        previous = hrefs
        tab.wait_for_timeout(250)
    raise AssertionError(f"the results for {query!r} never settled: {previous}")


def _pages(locale: str) -> list[str]:
    """Every page of ``locale``, as paths in its folder (the source's when it has none)."""
    return sorted(p.relative_to(DOCS / locale).as_posix() for p in (DOCS / locale).rglob("*.md"))


def _language_of_path(path: str) -> str:
    """The language of a site path: its first folder, or the source language's at the root."""
    first = path.strip("/").split("/", 1)[0]
    return first if first in LOCALES else SOURCE


def _path(locale: str, page: str) -> str:
    """The site path of ``page`` (``index.md`` or a guide file) in ``locale``."""
    prefix = "" if locale == SOURCE else f"{locale}/"
    name = page.removesuffix(".md")
    return prefix if name == "index" else f"{prefix}{name}/"


def _expected_title(locale: str, page: str, built: Built) -> str:
    """The browser tab's title: the site's name alone on the home page, after the page's elsewhere."""
    site_name = _languages()[locale]["site_name"]
    if page == "index.md":
        return site_name
    meta, _line = read_front_matter((DOCS / locale / page).read_text(encoding="utf-8"), origin=page)
    context = page_context(built.settings, meta, lang=locale, origin=page)
    return f"{render_meta(meta['title'], context, origin=page)} - {site_name}"


@functools.cache
def _search_term(locale: str) -> str:
    """The word most used in this language's guide that no other page has, in any language."""
    guide = _guide_file()

    def words(loc: str, page: str) -> list[str]:
        text = re.sub(r"\{\{.*?\}\}", "", (DOCS / loc / page).read_text(encoding="utf-8"))
        return [word.lower() for word in re.findall(r"[^\W\d_]{5,}", text)]

    others = [(loc, page) for loc in LOCALES for page in _pages(loc) if (loc, page) != (locale, guide)]
    elsewhere = {word for loc, page in others for word in words(loc, page)}
    own = [word for word in words(locale, guide) if word not in elsewhere]
    assert own, f"the {locale} guide has no word of its own to search for"
    return max(sorted(set(own)), key=lambda word: (own.count(word), len(word)))


PAGES = [(locale, page) for locale in LOCALES for page in _pages(SOURCE)]
PAGE_IDS = [f"{locale}-{page.removesuffix('.md')}" for locale, page in PAGES]
GUIDES = [
    page
    for page in _pages(SOURCE)
    if "slug" in read_front_matter((DOCS / SOURCE / page).read_text(encoding="utf-8"), origin=page)[0]
]
"""The pages with a slug: the guides, and the pages readers reach from them."""
CLIENT_NAMES = {
    "new-outlook-windows.md": "Outlook",
    "outlook-windows.md": "Outlook",
    "thunderbird.md": "Thunderbird",
    "apple-mail-mac.md": "macOS",
    "mail-iphone-ipad.md": "iPhone",
    "gmail-android.md": "Gmail",
    "e-mails_partilhados_guia_de_configuracao_para_o_windows_mail.md": "Windows Mail",
}
"""What a reader types into search to find the guide of their client, in any language."""


# Tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("locale", "page"), PAGES, ids=PAGE_IDS)
def test_page_loads_cleanly_in_its_language(
    open_page: Opener, built_site: Built, locale: str, page: str
) -> None:
    """No console error, no failed request; `<html lang>` and the title are the page's language."""
    tab = open_page(_path(locale, page))
    assert tab.evaluate("document.documentElement.lang") == locale
    expected = _expected_title(locale, page, built_site)
    assert tab.title() == expected
    if locale != SOURCE:
        source = _expected_title(SOURCE, page, built_site)
        assert expected != source, f"the {locale} title is still the source language's: {source}"
    assert tab.locator("h1").first.is_visible()


@pytest.mark.parametrize("locale", LOCALES)
def test_language_switcher_stays_on_the_guide(open_page: Opener, server: str, locale: str) -> None:
    """From the guide in one language, the switcher leads to the same guide in each other one.

    Every link of the switcher is checked where the browser resolves it; one of them, to the
    next language, is followed by a real click (each language is clicked to once).
    """
    guide = _guide_file()
    tab = open_page(_path(locale, guide))
    languages = _languages()
    links = tab.locator(".md-header .md-select__link")
    found = {
        links.nth(i).get_attribute("hreflang"): (
            links.nth(i).inner_text().strip(),
            links.nth(i).evaluate("a => a.href"),
        )
        for i in range(links.count())
    }
    expected = {other: (lang["name"], server + _path(other, guide)) for other, lang in languages.items()}
    assert found == expected
    order = list(languages)
    other = order[(order.index(locale) + 1) % len(order)]
    tab.locator(".md-header .md-select").hover()
    tab.locator(f'.md-select__link[hreflang="{other}"]').click()
    tab.wait_for_url(server + _path(other, guide))
    settle(tab)
    assert tab.evaluate("document.documentElement.lang") == other


@pytest.mark.parametrize("term", ["own", "IMAP"])
@pytest.mark.parametrize("locale", LOCALES)
def test_search_finds_the_guide(open_page: Opener, server: str, locale: str, term: str) -> None:
    """Searching from the home page finds this language's guide, and only this language's pages."""
    query = _search_term(locale) if term == "own" else term
    guide = urlsplit(server + _path(locale, _guide_file())).path
    tab = open_page(_path(locale, "index.md"))
    paths = _search(tab, query)
    results = tab.locator(_RESULTS)
    assert guide in paths, f"searching {query!r} did not list {guide}: {paths}"
    strays = [path for path in paths if _language_of_path(path) != locale]
    assert strays == [], f"searching {query!r} in {locale} listed other languages' pages: {strays}"
    if term == "own":
        assert paths[0] == guide, f"{guide} is not the first result for {query!r}: {paths}"
    results.nth(paths.index(guide)).click()
    tab.wait_for_url(lambda url: urlsplit(url).path == guide)
    assert tab.evaluate("document.documentElement.lang") == locale


@pytest.mark.parametrize("guide", sorted(CLIENT_NAMES))
@pytest.mark.parametrize("locale", LOCALES)
def test_search_finds_each_guide_by_its_clients_name(
    open_page: Opener, server: str, locale: str, guide: str
) -> None:
    """A reader who types their client's name finds its guide, in their language only."""
    query = CLIENT_NAMES[guide]
    paths = _search(open_page(_path(locale, "index.md")), query)
    wanted = urlsplit(server + _path(locale, guide)).path
    assert wanted in paths, f"searching {query!r} in {locale} did not list {wanted}: {paths}"
    assert all(_language_of_path(path) == locale for path in paths), paths


@pytest.mark.parametrize("locale", LOCALES)
def test_copy_buttons_copy_the_datas_value(open_page: Opener, built_site: Built, locale: str) -> None:
    """Each copy button beside a server value puts exactly that value, from the data, on the clipboard."""
    allowed = copyable_values(built_site.settings)
    tab = open_page(_path(locale, _guide_file()))
    buttons = tab.locator("button.mail-copy")
    count = buttons.count()
    assert count >= 10, f"only {count} copy buttons on the {locale} guide"
    copied = set()
    for i in range(count):
        button = buttons.nth(i)
        # A value of another region stands in a tab not shown: open that tab, as a reader would.
        button.evaluate(
            "b => { const block = b.closest('.tabbed-block'); if (!block) return;"
            " const set = block.closest('.tabbed-set');"
            " const index = [...block.parentElement.children].indexOf(block);"
            " set.querySelectorAll(':scope > .tabbed-labels > label')[index].click(); }"
        )
        # Empty the clipboard first, so a button that copies nothing cannot pass.
        shown = button.evaluate(
            "async b => { await navigator.clipboard.writeText('');"
            " return b.previousElementSibling.textContent; }"
        )
        button.click()
        value = tab.evaluate("navigator.clipboard.readText()")
        assert value == shown, f"button {i} copied {value!r} beside {shown!r}"
        assert value in allowed, f"{value!r} is not a value of the settings"
        copied.add(value)
    settings = built_site.settings
    for region in settings.regions("mx_plan"):
        values = settings.values(locale, product="mx_plan", region=region)
        assert f"{values['smtp.host']}:{values['smtp.port']}" in copied, f"no copy of {region}'s SMTP server"


@pytest.mark.parametrize(("locale", "page"), PAGES, ids=PAGE_IDS)
def test_no_serious_accessibility_violation(open_page: Opener, locale: str, page: str) -> None:
    """axe-core finds no serious or critical violation on the page."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing\n    fix: npm ci", pytrace=False)
    tab = open_page(_path(locale, page))
    tab.add_script_tag(path=str(AXE))
    violations = tab.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
    report = "\n".join(f"{v['impact']}: {v['id']}: {v['help']} at {v['nodes'][:3]}" for v in serious)
    assert serious == [], report


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("guide", GUIDES)
@pytest.mark.parametrize("locale", LOCALES)
def test_screenshot_of_every_guide(open_page: Opener, locale: str, guide: str, width: str) -> None:
    """A full-page screenshot per guide, language and width, for review; it must show something."""
    tab = open_page(_path(locale, guide), viewport=WIDTHS[width])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{guide.removesuffix('.md')}-{locale}-{width}.png"
    png = tab.screenshot(path=str(target), full_page=True)
    stats = _image_stats(tab, png)
    assert stats["width"] == WIDTHS[width]["width"]
    assert stats["colours"] >= 16, f"{target} has {stats['colours']} colours: it is blank"
    assert stats["background"] < 0.97, f"{target} is {stats['background']:.0%} one colour: it is blank"


def _image_stats(tab: Page, png: bytes) -> dict[str, float]:
    """Width, distinct colours and share of the most common colour of a PNG, read by the browser."""
    data = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return tab.evaluate(
        """async (src) => {
            const img = new Image(); img.src = src; await img.decode();
            const canvas = new OffscreenCanvas(img.width, img.height);
            const ctx = canvas.getContext('2d'); ctx.drawImage(img, 0, 0);
            const pixels = ctx.getImageData(0, 0, img.width, img.height).data;
            const counts = new Map();
            for (let i = 0; i < pixels.length; i += 4) {
                const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
                counts.set(key, (counts.get(key) || 0) + 1);
            }
            const top = Math.max(...counts.values());
            return {width: img.width, colours: counts.size, background: top / (pixels.length / 4)};
        }""",
        data,
    )


def test_requests_to_other_hosts_are_caught(browser: Browser, server: str) -> None:
    """The guard of every test works: a page that asks another host for a font is caught."""
    context = browser.new_context()
    foreign = refuse_other_hosts(context, server)
    page = context.new_page()
    page.goto(server)
    page.evaluate("""() => {
        const link = document.createElement('link');
        link.rel = 'stylesheet'; link.href = 'https://fonts.example.com/css?family=Roboto';
        document.head.append(link);
    }""")
    page.wait_for_load_state("networkidle")
    context.close()
    assert [urlsplit(url).hostname for url in foreign] == ["fonts.example.com"]


def test_a_blank_screenshot_is_caught(browser: Browser) -> None:
    """The screenshot check of the guide can fail: an empty page is reported as blank."""
    context = browser.new_context(viewport=WIDTHS["phone"])
    page = context.new_page()
    page.set_content("<html><body style='background:#fff'><p style='color:#fefefe'>.</p></body></html>")
    stats = _image_stats(page, page.screenshot(full_page=True))
    context.close()
    assert stats["colours"] < 16 or stats["background"] >= 0.97
