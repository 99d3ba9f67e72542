"""Build benchmark: our hooks against plain Material and mkdocs-macros-plugin, at growing sizes.

Generates a synthetic help centre (N guides per language, grouped in product sections, in
every configured language, built from the real guides and the real data file), builds it in
three ways, each in its own process, and writes the medians to ``BENCHMARKS.md`` and a CSV:

1. ``ours``: the real hooks of ``mkdocs.yml`` (every hook listed there, so a new hook counts);
2. ``plain``: the same pages with the values written in, no hooks (the theme's floor);
3. ``macros``: the same pages with mkdocs-macros-plugin reading the same YAML file, strictly.

Run ``make bench`` (N = 50 and 200) or ``make bench N=1000`` (adds N = 1000). ``--profile N``
profiles one build of our pipeline in-process and prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import functools
import importlib.metadata
import io
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mailhelp.check.benchmark import Speed, never_seen
from mailhelp.check.model import Reference
from mailhelp.content import regions
from mailhelp.content.guides import read_front_matter, resolve_legacy_links
from mailhelp.content.page import page_context, render_meta, render_page
from mailhelp.content.settings_table import settings_table
from mailhelp.data.settings import load_settings
from mailhelp.translations.strings import STRINGS_FILE, load_strings

ROOT = Path(__file__).resolve().parent.parent

CONFIG_FILE = ROOT / "mkdocs.yml"
PEAK_MEMORY = ROOT / "bench" / "peak_memory.py"
VARIANTS = ("ours", "plain", "macros")
SECTION_SIZE = 25
"""Guides per product section: a help centre groups guides, it never lists 1000 in a row."""
PRODUCTS = (
    "E-mail",
    "Web hosting",
    "Domains",
    "DNS",
    "Databases",
    "SSL certificates",
    "FTP",
    "Backups",
    "Website builder",
    "Virtual servers",
    "Dedicated servers",
    "Object storage",
)
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "mkdocs-macros-plugin", "pyyaml", "jinja2")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run the benchmark or the profile, and write the results."""
    args = _parser().parse_args(argv)
    if args.profile:
        print(profile(args.profile, languages=args.languages, top=args.top, dump=args.dump))
        return 0
    if args.by_hook:
        print(by_hook(args.by_hook, languages=args.languages))
        return 0
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    try:
        results = run(sizes, reps=args.reps, languages=args.languages, cold_pages=args.cold)
    except BuildFailed as error:
        print(f"bench: a build failed, nothing written\n{error}", file=sys.stderr)
        return 1
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    write_csv(results, out / "benchmarks.csv")
    write_markdown(results, out / "BENCHMARKS.md")
    print(results_table(results))
    print(f"\nwrote {out / 'BENCHMARKS.md'} and {out / 'benchmarks.csv'}")
    return 0


# Running ----------------------------------------------------------------------------------


@dataclass
class Measure:
    """One build: its variant, size and the medians of its repetitions."""

    variant: str
    guides: int
    """Guides per language."""
    pages: int
    """Markdown pages built, every language counted."""
    wall: list[float]
    cpu: list[float]
    """User plus system CPU seconds of the build process: steadier than wall time on a shared machine."""
    rss_mb: list[float]

    @property
    def median_s(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.wall)

    @property
    def cpu_s(self) -> float:
        """Median CPU time in seconds."""
        return statistics.median(self.cpu)

    @property
    def per_page_ms(self) -> float:
        """Median wall time per built page, in milliseconds."""
        return 1000 * self.median_s / self.pages

    @property
    def peak_mb(self) -> float:
        """Largest resident memory of the build process over the repetitions."""
        return max(self.rss_mb)


@dataclass
class Results:
    """Everything one run measured."""

    measures: list[Measure]
    languages: list[str]
    reps: int
    writer_loop_s: float
    checker: str
    """The command line's speed over the plain tree of the largest size (a process, start-up
    included)."""
    cold: Speed
    """The Markdown scan on pages of 2 to 3 KiB that it has never seen, on one core."""
    started: str
    load: list[float]
    """The machine's one-minute load average before each build: other work skews wall times."""


def run(sizes: list[int], *, reps: int, languages: int | None, cold_pages: int = 2000) -> Results:
    """Generate every size, then build the three variants of every size, ``reps`` times
    (see :func:`schedule`)."""
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    real = load_real_config()
    locales = [lang["locale"] for lang in _i18n(real)["languages"]][: languages or None]
    load: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        trees = {size: Path(tmp) / f"n{size}" for size in sizes}
        rows: dict[tuple[int, str], Measure] = {}
        for size, tree in trees.items():
            pages = generate(tree, guides=size, locales=locales, real=real)
            rows.update({(size, v): Measure(v, size, pages, [], [], []) for v in VARIANTS})
        for rep, size, variant in schedule(sizes, reps):
            tree = trees[size]
            load.append(os.getloadavg()[0])
            # Every build compiles its templates, as on a fresh clone: none is read
            # from the compiled templates a build before kept (.cache/templates).
            shutil.rmtree(tree / ".cache", ignore_errors=True)
            seconds, cpu, rss = build(tree / f"{variant}.yml", tree / f"site-{variant}")
            row = rows[size, variant]
            row.wall.append(seconds)
            row.cpu.append(cpu)
            row.rss_mb.append(rss)
            print(f"N={size} rep {rep + 1}/{reps} {variant}: {seconds:.2f} s", file=sys.stderr)
        largest = max(sizes)
        checker = checker_rate(trees[largest] / "docs-plain", rows[largest, VARIANTS[0]].pages)
        _writer_loop(Path(tmp) / "writer", locales[0])  # the writer's first build, not timed
        writer = [_writer_loop(Path(tmp) / "writer", locales[0]) for _ in range(max(reps, 3))]
    cold = cold_rate(cold_pages)
    return Results(
        list(rows.values()), locales, reps, statistics.median(writer), checker, cold, started, load
    )


def schedule(sizes: list[int], reps: int) -> list[tuple[int, int, str]]:
    """The builds of a run, in order, as ``(repetition, size, variant)``: each repetition
    builds every size, and each size its variants side by side. The machine's speed drifts
    over a run of an hour; built one size after the other, the cost of a page at 1,000 guides
    would be compared with that at 50 measured most of an hour before."""
    return [(rep, size, variant) for rep in range(reps) for size in sizes for variant in VARIANTS]


def cold_rate(pages: int = 2000) -> Speed:
    """The drift checker's Markdown scan on ``pages`` pages of 2 to 3 KiB never seen before,
    each scanned from an empty memo, in this process (CPU time, one core)."""
    data = ROOT / "data" / "settings.yml"
    ref = Reference.from_settings(load_settings(data), file=str(data))
    return never_seen(ref, pages, docs=ROOT / "docs")


def build(config: Path, site: Path) -> tuple[float, float, float]:
    """Build ``config`` into ``site`` in a child process: wall and CPU seconds, peak resident MB."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("DOCS_LANG", None)
    # Not quiet: mkdocs-macros-plugin reports its errors as warnings, which -q hides.
    return timed(["mkdocs", "build", "-f", str(config), "-d", str(site)], env)


def checker_rate(docs: Path, pages: int) -> str:
    """Pages per second of the drift checker over ``docs``, or why there is no number."""
    try:
        seconds, _cpu, _rss = timed(["mailhelp", "check", str(docs)], dict(os.environ), ok=(0, 1))
    except BuildFailed as error:
        return f"failed: {error}"
    return f"{pages / seconds:.0f} pages/s"


class BuildFailed(Exception):
    """A child process of the benchmark exited with an error."""


def timed(
    module: list[str], env: dict[str, str], *, ok: tuple[int, ...] = (0,)
) -> tuple[float, float, float]:
    """Run ``python -m`` with ``module`` (its name, then its arguments) in a child process:
    wall and CPU seconds, and the child's peak resident memory in MB, by
    :mod:`bench.peak_memory` (not ``wait4``'s, which counts this process's own peak too)."""
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak:
        command = [sys.executable, str(PEAK_MEMORY), peak.name, *module]
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=errors, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-15:]
            message = f"python -m {' '.join(module)} exited with {code}:\n" + "\n".join(tail)
            raise BuildFailed(message)
        kib = int(peak.read())
    return seconds, usage.ru_utime + usage.ru_stime, kib / 1024


def _writer_loop(site: Path, locale: str) -> float:
    """One strict single-language build of the real site, as ``DOCS_LANG=pt make serve`` does
    after a change: with the templates that the build before compiled (.cache/templates)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOCS_LANG": locale}
    command = ["mkdocs", "build", "-q", "--strict", "-f", str(CONFIG_FILE), "-d", str(site)]
    seconds, _cpu, _rss = timed(command, env)
    return seconds


# Generating -------------------------------------------------------------------------------


def generate(tree: Path, *, guides: int, locales: list[str], real: dict[str, Any]) -> int:
    """Write the three variants' docs and configurations under ``tree``; return the page count.

    Each language gets a home page, one index page per product section and ``guides``
    guides, each a real guide of that language (all of them in turn) under a new title, slug
    and legacy number.
    """
    settings = load_settings(ROOT / real.get("extra", {}).get("settings_file", "data/settings.yml"))
    templates = {locale: _guide_templates(locale, locales[0]) for locale in locales}
    names = {name: number for number, (name, _meta, _body) in enumerate(templates[locales[0]], start=1)}
    product = {"product": settings.products()[0]}
    strings = load_strings(ROOT / "docs", locales)
    pages: dict[str, str] = {}
    sections = _sections(guides)
    for locale in locales:
        title, table = _home(locale, locales[0])
        home = [f"# {title}", "", "## Sections", ""]
        for number, (section, members) in enumerate(sections, start=1):
            folder = f"s{number:02d}"
            home.append(f"- [{section}]({folder}/index.md)")
            listing = [f"# {section}", "", f"Guides for {{{{ product.name }}}}: {section}.", ""]
            for index in members:
                _name, meta, body = templates[locale][(index - 1) % len(templates[locale])]
                body = _GUIDE_LINK.sub(lambda link: _guide_link(link, names, guides), body)
                slug = f"guide-{index:05d}"
                # Named by the guide's legacy number, not a bare number: the drift checker
                # rightly reads "E-mail 25" as a claim about port 25.
                title = f"{meta['title']} ({section}, g{10000 + index})"
                listing.append(f"- [{title}]({slug}.md)")
                front = {**meta, "title": title, "slug": slug, "legacy_guide_number": f"g{10000 + index}"}
                pages[f"{locale}/{folder}/{slug}.md"] = _page(front, body.replace(meta["h1"], title, 1))
            pages[f"{locale}/{folder}/index.md"] = _page(
                {"title": section, **product}, "\n".join(listing) + "\n"
            )
        home += ["", *table]
        pages[f"{locale}/index.md"] = _page({"title": title, **product}, "\n".join(home) + "\n")

    for variant in VARIANTS:
        docs = tree / f"docs-{variant}"
        _copy_shared(docs)
        for locale in locales:  # the words of generated text, which our hooks read
            source = ROOT / "docs" / locale / STRINGS_FILE
            if source.exists():
                (docs / locale).mkdir(parents=True, exist_ok=True)
                shutil.copy(source, docs / locale / STRINGS_FILE)
        for path, text in pages.items():
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_variant_text(variant, text, path, settings, strings), encoding="utf-8")
        config = variant_config(real, variant, docs=docs, locales=locales, settings=settings.path)
        if variant == "macros":
            config["plugins"] = [_macros_values(p, tree, settings, locales[0]) for p in config["plugins"]]
        (tree / f"{variant}.yml").write_text(
            yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return len(pages)


def variant_config(
    real: dict[str, Any], variant: str, *, docs: Path, locales: list[str], settings: Path
) -> dict[str, Any]:
    """The real configuration, pointed at ``docs``, with the hooks or plugins of ``variant``."""
    config = {k: v for k, v in real.items() if k not in ("hooks", "watch", "plugins")}
    config["docs_dir"] = str(docs)
    config["extra"] = {**real.get("extra", {}), "settings_file": str(settings)}
    theme = dict(config.get("theme", {}))
    if "custom_dir" in theme:
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    config["theme"] = theme
    plugins: list[Any] = []
    for plugin in real.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            i18n = dict(plugin["i18n"])
            i18n["languages"] = [lang for lang in i18n["languages"] if lang["locale"] in locales]
            i18n["build_only_locale"] = None
            if variant == "macros":
                plugins.append({"macros": _macros_config(settings)})
            plugins.append({"i18n": i18n})
        else:
            plugins.append(plugin)
    config["plugins"] = plugins
    if variant == "ours":
        config["hooks"] = [str(ROOT / hook) for hook in real.get("hooks", [])]
    return config


def _macros_config(settings: Path) -> dict[str, Any]:
    """mkdocs-macros-plugin set up as strictly as it goes: an unknown name fails the build."""
    return {"include_yaml": [str(settings)], "on_undefined": "strict", "on_error_fail": True}


def _macros_values(plugin: Any, tree: Path, settings: Any, lang: str) -> Any:
    """mkdocs-macros-plugin reads the values pages name from a YAML file of their own: the
    short keys of the first product in its default region, nested as Jinja looks them up."""
    if not (isinstance(plugin, dict) and "macros" in plugin):
        return plugin
    nested: dict[str, Any] = {}
    product = settings.products()[0]
    for key, value in settings.values(lang, product=product, region=settings.regions(product)[0]).items():
        *parents, leaf = key.split(".")
        node = nested
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    values = tree / "values.yml"
    values.write_text(yaml.safe_dump(nested, allow_unicode=True), encoding="utf-8")
    return {"macros": {**plugin["macros"], "include_yaml": [str(values)]}}


def _variant_text(variant: str, text: str, path: str, settings: Any, strings: dict[str, Any]) -> str:
    """The page as each variant reads it: placeholders, written-in values, or Jinja."""
    if variant == "ours":
        return text
    meta, body_line = read_front_matter(text, origin=path)
    lang = path.split("/", 1)[0]
    context = page_context(settings, meta, lang=lang, origin=path, strings=strings[lang])
    body = text.split("\n", body_line - 1)[-1]
    body = resolve_legacy_links(
        body,
        page_path=path,
        internal={},
        external=settings.data.get("legacy_guides", {}),
        origin=path,
    )
    if variant == "macros":
        # Jinja reads {{ imap.host }} as our hooks do: the same pages, another engine. Region
        # blocks become the same tabs, each holding the same Jinja text: the same work for
        # Jinja (one region's values in every tab), not a page to publish.
        copies = [_jinja_segment(s, context) for s in regions.split(body, origin=path)]
        # Its front matter variables shadow the YAML's: `product: mx_plan` would hide product.name.
        return _page({k: v for k, v in meta.items() if k != "product"}, "".join(copies))
    literal = {k: render_meta(v, context, origin=path) if isinstance(v, str) else v for k, v in meta.items()}
    return _page(literal, render_page(body, context, origin=path))


def _jinja_segment(segment: Any, context: Any) -> str:
    """A piece of a page for mkdocs-macros-plugin: region blocks and settings tables as tabs."""
    if segment.kind == regions.TEXT:
        return segment.text
    product = segment.product or context.product
    copies = []
    for region in context.block_regions(segment.product):
        if segment.kind == regions.SETTINGS_TABLE:
            body = settings_table(context.settings, product, region, context.strings["settings"])
        else:
            body = segment.text
        copies.append((region, body))
    return regions.tabs(copies)


def _guide_templates(locale: str, source: str) -> list[tuple[str, dict[str, Any], str]]:
    """Every real guide (a page with a slug) in ``locale``, or in the source language where
    it has no translation, in the source's file order: file name, front matter and body."""
    guides = []
    for path in sorted((ROOT / "docs" / source).glob("*.md")):
        translated = ROOT / "docs" / locale / path.name
        chosen = translated if translated.exists() else path
        text = chosen.read_text(encoding="utf-8")
        meta, body_line = read_front_matter(text, origin=str(chosen))
        if "slug" in meta:
            body = text.split("\n", body_line - 1)[-1]
            h1 = re.search(r"^# (.+)$", body, re.MULTILINE)
            meta = {k: v for k, v in meta.items() if k not in ("slug", "legacy_guide_number")}
            guides.append((path.name, {**meta, "h1": h1.group(1) if h1 else meta["title"]}, body))
    if not guides:
        message = f"no guide with a slug in docs/{source}: the benchmark builds its pages from them"
        raise SystemExit(message)
    return guides


_GUIDE_LINK = re.compile(r"\]\((?P<name>[^()/#\s]+\.md)(?=[#)])")


def _guide_link(link: re.Match[str], names: dict[str, int], guides: int) -> str:
    """A link to another real guide, pointed at the first guide made from it (in the first
    section), or at the first guide when there are fewer guides than real ones."""
    number = names.get(link.group("name"))
    if number is None:
        return link.group(0)
    return f"](../s01/guide-{number if number <= guides else 1:05d}.md"


def _home(locale: str, source: str) -> tuple[str, list[str]]:
    """The real home page's title and table of servers, in ``locale`` (or the source language)."""
    path = ROOT / "docs" / locale / "index.md"
    if not path.exists():
        path = ROOT / "docs" / source / "index.md"
    text = path.read_text(encoding="utf-8")
    meta, _body_line = read_front_matter(text, origin=str(path))
    # The table with the region block around it, when it has one.
    table = [line for line in text.splitlines() if line.startswith("|") or regions.OPEN.match(line)]
    if table and regions.OPEN.match(table[0]):
        table.append("///")
    return str(meta.get("title", "Help")), table


def _sections(guides: int) -> list[tuple[str, list[int]]]:
    """Product sections of at most :data:`SECTION_SIZE` guides, numbered from 1."""
    sections = []
    for start in range(0, guides, SECTION_SIZE):
        number = start // SECTION_SIZE
        name = PRODUCTS[number % len(PRODUCTS)]
        if number >= len(PRODUCTS):
            name += f" {'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[number // len(PRODUCTS) % 26]}"
        sections.append((name, list(range(start + 1, min(start + SECTION_SIZE, guides) + 1))))
    return sections


def _page(meta: dict[str, Any], body: str) -> str:
    shown = {k: v for k, v in meta.items() if k != "h1"}
    return "---\n" + yaml.safe_dump(shown, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def _copy_shared(docs: Path) -> None:
    """Copy the shared assets (every docs/ folder that is not a language)."""
    for folder in (ROOT / "docs").iterdir():
        if folder.is_dir() and not re.fullmatch(r"[a-z]{2}", folder.name):
            shutil.copytree(folder, docs / folder.name, dirs_exist_ok=True)


def load_real_config() -> dict[str, Any]:
    """The real mkdocs.yml as data, each ``!ENV`` tag replaced by its default."""

    class Loader(yaml.SafeLoader):
        pass

    def env_default(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node)[-1]
        return None

    Loader.add_constructor("!ENV", env_default)
    return yaml.load(CONFIG_FILE.read_text(encoding="utf-8"), Loader=Loader)


def _i18n(config: dict[str, Any]) -> dict[str, Any]:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]
    raise SystemExit("mkdocs.yml has no i18n plugin: the benchmark builds every language")


# Profiling --------------------------------------------------------------------------------


def profile(guides: int, *, languages: int | None, top: int, dump: str | None = None) -> str:
    """Profile one in-process build of our pipeline at ``guides`` per language; ``dump`` keeps
    the raw profile in that file, for ``pstats`` or a viewer."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    real = load_real_config()
    locales = [lang["locale"] for lang in _i18n(real)["languages"]][: languages or None]
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        tree = Path(tmp)
        pages = generate(tree, guides=guides, locales=locales, real=real)
        config = load_config(config_file=str(tree / "ours.yml"), site_dir=str(tree / "site"))
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.runcall(mkdocs_build, config)
        seconds = time.perf_counter() - start
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    if dump:
        stats.dump_stats(dump)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    head = f"profile: N={guides} x {len(locales)} languages, {pages} pages, {seconds:.1f} s under cProfile"
    return head + "\n" + out.getvalue()


def by_hook(guides: int, *, languages: int | None) -> str:
    """One in-process build of ours at ``guides`` per language, with the CPU time each of our
    hooks' events took (no profiler: each event is timed as it runs, so the figures are the
    build's own)."""
    import mkdocs.plugins
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    spent: dict[tuple[str, str], float] = {}
    register = mkdocs.plugins.PluginCollection._register_event

    def timed(self: Any, event: str, method: Any, plugin_name: str | None = None) -> None:
        code = getattr(method, "__code__", None)
        if code is None or Path(code.co_filename).parent != ROOT / "hooks":
            return register(self, event, method, plugin_name)

        @functools.wraps(method)  # keeps the event's priority (mkdocs_priority) too
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                key = (Path(code.co_filename).name, event)
                spent[key] = spent.get(key, 0.0) + time.process_time() - started

        return register(self, event, run, plugin_name)

    real = load_real_config()
    locales = [lang["locale"] for lang in _i18n(real)["languages"]][: languages or None]
    mkdocs.plugins.PluginCollection._register_event = timed  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory(prefix="bench-hooks-") as tmp:
            tree = Path(tmp)
            pages = generate(tree, guides=guides, locales=locales, real=real)
            config = load_config(config_file=str(tree / "ours.yml"), site_dir=str(tree / "site"))
            started = time.process_time()
            mkdocs_build(config)
            total = time.process_time() - started
    finally:
        mkdocs.plugins.PluginCollection._register_event = register  # type: ignore[method-assign]
    lines = [f"by hook: N={guides} x {len(locales)} languages, {pages} pages, {total:.2f} s CPU in all", ""]
    lines += ["| Hook | Event | CPU (s) | Per page (ms) |", "|---|---|---:|---:|"]
    for (hook, event), seconds in sorted(spent.items(), key=lambda item: -item[1]):
        lines.append(f"| {hook} | {event} | {seconds:.3f} | {1000 * seconds / pages:.2f} |")
    ours = sum(spent.values())
    lines.append(f"| all our hooks | | {ours:.3f} | {1000 * ours / pages:.2f} |")
    return "\n".join(lines)


# Reporting --------------------------------------------------------------------------------


def write_csv(results: Results, path: Path) -> None:
    """One row per variant and size: medians, per-page cost and peak memory."""
    header = ["variant", "guides_per_language", "languages", "pages", "reps"]
    header += ["median_s", "median_cpu_s", "per_page_ms", "per_page_cpu_ms", "peak_mb"]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        for m in results.measures:
            writer.writerow(
                [
                    m.variant,
                    m.guides,
                    len(results.languages),
                    m.pages,
                    len(m.wall),
                    f"{m.median_s:.3f}",
                    f"{m.cpu_s:.3f}",
                    f"{m.per_page_ms:.3f}",
                    f"{1000 * m.cpu_s / m.pages:.3f}",
                    f"{m.peak_mb:.1f}",
                ]
            )


def results_table(results: Results) -> str:
    """The Markdown tables and the verdict on each target."""
    by = {(m.variant, m.guides): m for m in results.measures}
    sizes = sorted({m.guides for m in results.measures})
    lines = [
        "| Guides per language | Pages | Variant | Wall (s) | CPU (s) | Per page (ms) | Per page, CPU (ms) "
        "| Peak memory (MB) |",
        "|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        for variant in VARIANTS:
            m = by[variant, size]
            cells = [size, m.pages, variant, f"{m.median_s:.2f}", f"{m.cpu_s:.2f}", f"{m.per_page_ms:.2f}"]
            cells += [f"{1000 * m.cpu_s / m.pages:.2f}", f"{m.peak_mb:.0f}"]
            lines.append("| " + " | ".join(map(str, cells)) + " |")
    lines += [
        "",
        "| Guides per language | ours / plain (wall) | ours / macros (wall) | ours / plain (CPU) "
        "| ours / macros (CPU) |",
        "|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        ours, plain, macros = (by[v, size] for v in VARIANTS)
        cells = [ours.median_s / plain.median_s, ours.median_s / macros.median_s]
        cells += [ours.cpu_s / plain.cpu_s, ours.cpu_s / macros.cpu_s]
        lines.append(f"| {size} | " + " | ".join(f"{x:.3f}" for x in cells) + " |")
    lines += ["", *_verdicts(results, by, sizes)]
    return "\n".join(lines)


def _verdicts(results: Results, by: dict[tuple[str, int], Measure], sizes: list[int]) -> list[str]:
    """Each target, judged on median wall time and on median CPU time of the build process.

    The target speaks of wall time; on a machine that other work shares, wall time also
    measures that work, and the CPU time of the build alone is the steadier judge.
    """

    def worst(other: str, attr: str) -> float:
        return max(getattr(by["ours", s], attr) / getattr(by[other, s], attr) for s in sizes)

    def both(wall: float, cpu: float, limit: float, *, strict: bool = False) -> str:
        return (
            f"wall {wall:.3f}, {_verdict(wall, limit, strict=strict)}; "
            f"CPU {cpu:.3f}, {_verdict(cpu, limit, strict=strict)}"
        )

    plain = both(worst("plain", "median_s"), worst("plain", "cpu_s"), 1.05)
    macros = both(worst("macros", "median_s"), worst("macros", "cpu_s"), 0.85)
    memory = max(by["ours", s].peak_mb / by["plain", s].peak_mb for s in sizes)
    out = [
        f"- Ours over plain Material (target at most 1.05), worst size: {plain}",
        f"- Ours over mkdocs-macros-plugin (target at most 0.85), worst size: {macros}",
        f"- Peak memory of ours over plain (target at most 1.10), worst size: {memory:.3f}, "
        f"{_verdict(memory, 1.10)}",
    ]
    if len(sizes) > 1:
        small, large = by["ours", sizes[0]], by["ours", sizes[-1]]
        growth = both(
            large.per_page_ms / small.per_page_ms,
            (large.cpu_s / large.pages) / (small.cpu_s / small.pages),
            1.0,
        )
        out.append(f"- Per-page cost of ours at N={sizes[-1]} over N={sizes[0]} (target at most 1): {growth}")
    out.append(
        f"- Writer's loop (one language of the real site, strict): {results.writer_loop_s:.2f} s, "
        f"target below 1 s: {_verdict(results.writer_loop_s, 1.0, strict=True)}"
    )
    cold = results.cold
    out.append(
        f"- Drift checker on {cold.pages} pages never seen ({cold.kib:.1f} KiB each, one core, CPU): "
        f"{cold.pages_per_s:,.0f} pages/s, {cold.findings} findings, target at least 5,000 pages/s: "
        + ("met" if cold.pages_per_s >= 5000 else f"missed, {cold.pages_per_s / 5000:.0%} of it")
    )
    out.append(f"- Drift checker's command line over the plain tree of N={sizes[-1]}: {results.checker}")
    return out


def _verdict(value: float, limit: float, *, strict: bool = False) -> str:
    met = value < limit if strict else value <= limit
    return "met" if met else f"missed by {100 * (value / limit - 1):.1f} %"


def write_markdown(results: Results, path: Path) -> None:
    """Write the generated block of ``path``, keeping any text outside its markers."""
    block = "\n".join([BEGIN, _machine(results), "", results_table(results), END])
    old = path.read_text(encoding="utf-8") if path.exists() else f"# Build benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + block + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(new, encoding="utf-8")


def _machine(results: Results) -> str:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(encoding="utf-8"), re.MULTILINE)
        cpu = found.group(1) if found else cpu
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(encoding="utf-8"), re.MULTILINE)
        memory = f"{int(found.group(1)) / 1024 / 1024:.1f} GiB" if found else memory
    versions = ", ".join(f"{name} {_version(name)}" for name in PACKAGES)
    return "\n".join(
        [
            f"Run {results.started}; {results.reps} repetition(s), median; every build in its own process.",
            "",
            f"- Machine: {os.cpu_count()} cores ({cpu}), {memory} memory, {platform.system()} "
            f"{platform.release()}",
            f"- Python {platform.python_version()}; {versions}",
            f"- Languages: {', '.join(results.languages)}; sections of {SECTION_SIZE} guides; "
            "pages = guides + section index pages + home, every language",
            f"- Load average before the builds: median {statistics.median(results.load or [0]):.1f}, "
            f"highest {max(results.load or [0]):.1f} on {os.cpu_count()} cores: {_load_note(results)}",
        ]
    )


def _load_note(results: Results) -> str:
    if max(results.load or [0]) <= (os.cpu_count() or 1):
        return "a quiet machine"
    return "other work shared the machine, so wall times grew, and CPU times too, less"


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="50,200", help="guides per language, comma-separated")
    parser.add_argument("--reps", type=int, default=3, help="repetitions of each build (median)")
    parser.add_argument("--languages", type=int, default=None, help="only the first K languages")
    parser.add_argument("--out", default=str(ROOT), help="folder for BENCHMARKS.md and benchmarks.csv")
    parser.add_argument("--profile", type=int, default=0, help="profile one build at this N instead")
    parser.add_argument("--top", type=int, default=30, help="lines of the profile to print")
    parser.add_argument("--dump", help="with --profile: keep the raw profile in this file")
    parser.add_argument("--by-hook", type=int, default=0, help="time our hooks in one build at this N")
    parser.add_argument("--cold", type=int, default=2000, help="pages of the checker's never-seen scan")
    return parser


if __name__ == "__main__":
    sys.exit(main())
