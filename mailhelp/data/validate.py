"""Check the settings file against :data:`~mailhelp.data.schema.SCHEMA`, then across its parts.

The structure first: node by node, so that every mistake names the line it stands on, its
dotted key, the value received and what is expected. Then what no schema can say, the
mistakes a file of several products and regions invites: a region that does not exist, an
alias that is another region's server, the same endpoint twice, a password sent without
encryption, a port whose usual security contradicts the data (RFC 8314). Every mistake of a
file is reported at once.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import yaml

from mailhelp.data import yaml_reader
from mailhelp.data.schema import PER_CUSTOMER, SERVICES, ListOf, MapOf, Optional, Value
from mailhelp.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterator

Path_ = tuple[str | int, ...]
"""Where a value stands in the file: its keys and list indexes."""

_SHOWN_LENGTH = 60
"""The longest value quoted back in a message (a whole file read by mistake is not echoed)."""

RESERVED = frozenset({"provider", "account", "product", "region", "name", *SERVICES})
"""Words of the placeholder keys: no product or region may be called so."""

USUAL_MODES = {993: "ssl", 995: "ssl", 465: "ssl", 143: "starttls", 110: "starttls", 587: "starttls"}
"""The security each well-known port is assigned (RFC 8314 section 7, RFC 6409, RFC 2595)."""


class Walker:
    """Walks YAML nodes against a schema, collecting problems and where each value stands."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[Problem] = []
        self.places: dict[Path_, tuple[int, int]] = {}

    def fail(self, node: yaml.Node | None, key: str, received: Any, expected: str, fix: str = "") -> None:
        """Record that the value at ``key`` is not what was ``expected``."""
        line = node.start_mark.line + 1 if node is not None else None
        col = node.start_mark.column + 1 if node is not None else None
        where = f"'{key}'" if key else "the file"
        message = f"{where}: received {_shown(received)}, expected {expected}"
        fix = fix or (f"set '{key}' to {expected}" if key else f"make the file {expected}")
        self.problems.append(Problem(self.shown, line, col, message, fix))

    def walk(self, node: yaml.Node | None, spec: Any, path: Path_ = ()) -> Any:
        """The plain data of ``node`` as far as it follows ``spec``."""
        if node is not None:
            self.places[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(spec, dict):
            return self._mapping(node, spec, path)
        if isinstance(spec, MapOf):
            return self._map_of(node, spec, path)
        if isinstance(spec, ListOf):
            return self._list_of(node, spec, path)
        return self._scalar(node, spec, path)

    def _scalar(self, node: yaml.Node | None, spec: Value, path: Path_) -> Any:
        key = dotted(path)
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, key, _kind(node), spec.check(object()) or "a single value")
            return None
        if yaml_reader.leading_zero(node):
            plain = node.value.lstrip("+-0") or "0"
            self.fail(node, key, node.value, "a number without a leading zero", f"write {plain}")
            return None
        value = yaml_reader.scalar(node)
        expected = spec.check(value)
        if expected:
            self.fail(node, key, value, expected)
        return value

    def _pairs(self, node: yaml.Node | None, path: Path_) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, dotted(path), _kind(node), "a section of 'name: value' lines")
            return
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in seen:
                line = key_node.start_mark.line + 1
                message = f"'{dotted((*path, name))}' is given twice (first on line {seen[name]})"
                self.problems.append(
                    Problem(self.shown, line, key_node.start_mark.column + 1, message, "keep one of them")
                )
                continue
            seen[name] = key_node.start_mark.line + 1
            yield name, key_node, value_node

    def _mapping(self, node: yaml.Node | None, spec: dict[str, Any], path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        given: set[str] = set()
        for name, key_node, value_node in self._pairs(node, path):
            given.add(name)
            child = (*path, name)
            if name not in spec:
                known = ", ".join(spec)
                close = difflib.get_close_matches(name, list(spec), n=1)
                fix = f"did you mean '{dotted((*path, close[0]))}'?" if close else f"use one of: {known}"
                self.fail(key_node, dotted(child), name, f"one of the known keys here: {known}", fix)
                continue
            sub = spec[name].spec if isinstance(spec[name], Optional) else spec[name]
            result[name] = self.walk(value_node, sub, child)
        if isinstance(node, yaml.MappingNode):
            for name, sub in spec.items():
                if name not in given and not isinstance(sub, Optional):
                    section = dotted(path)
                    fix = (
                        f"add '{name}:' to the '{section}' section" if section else f"add a '{name}:' section"
                    )
                    self.fail(node, dotted((*path, name)), "nothing", f"'{name}' in this section", fix)
        return result

    def _map_of(self, node: yaml.Node | None, spec: MapOf, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, key_node, value_node in self._pairs(node, path):
            child = (*path, name)
            if not spec.accepts(name):
                self.fail(key_node, dotted(child), name, spec.key_expected)
                continue
            self.places[(*child, "")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[name] = self.walk(value_node, spec.value, child)
        return result

    def _list_of(self, node: yaml.Node | None, spec: ListOf, path: Path_) -> list[Any]:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(node, dotted(path), _kind(node), "a list of one item or more, each on a '- ' line")
            return []
        return [self.walk(item, spec.item, (*path, i)) for i, item in enumerate(node.value)]


def cross_check(
    data: dict[str, Any], places: dict[Path_, tuple[int, int]], shown: str
) -> tuple[list[Problem], list[Problem]]:
    """The mistakes between parts of a structurally valid file: ``(errors, warnings)``."""
    report = _Report(shown, places)
    regions = set(data["regions"])
    for name in (*regions, *data["products"]):
        if name in RESERVED:
            report.error(
                ("products" if name in data["products"] else "regions", name, ""),
                f"'{name}' is a word of the placeholder keys",
                f"call it otherwise than {', '.join(sorted(RESERVED))}",
            )
    for name in set(data["products"]) & regions:
        report.error(
            ("products", name, ""), f"'{name}' is both a product and a region", "give them different ids"
        )
    _region_exists(report, data["default_region"], regions, ("default_region",))
    for locale, region in data.get("locale_regions", {}).items():
        _region_exists(report, region, regions, ("locale_regions", locale))
    servers: dict[str, set[str]] = defaultdict(set)  # region -> every name of its servers
    for product, offer in data["products"].items():
        for region, services in offer["regions"].items():
            _region_exists(report, region, regions, ("products", product, "regions", region, ""))
            path = ("products", product, "regions", region)
            if "smtp" not in services or not ({"imap", "pop3"} & set(services)):
                report.error(
                    (*path, ""),
                    f"'{dotted(path)}' needs an smtp list and an imap or pop3 list",
                    "add the missing service's endpoints",
                )
            for service in SERVICES:
                _endpoints(report, services.get(service, []), (*path, service), servers[region])
    _aliases_stay_in_their_region(report, data)
    _retired(report, data, set().union(*servers.values()) if servers else set())
    return report.errors, report.warnings


def dotted(path: Path_) -> str:
    """A path as the dotted key a writer reads: ``products.mx_plan.regions.europe.imap.0``."""
    return ".".join(str(part) for part in path if part != "")


# Helpers ---------------------------------------------------------------------------------------


class _Report:
    def __init__(self, shown: str, places: dict[Path_, tuple[int, int]]) -> None:
        self.shown = shown
        self.places = places
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def _problem(self, path: Path_, message: str, fix: str) -> Problem:
        line, col = self.places.get(path) or self.places.get(path[:-1], (None, None))
        return Problem(self.shown, line, col, f"'{dotted(path)}': {message}", fix)

    def error(self, path: Path_, message: str, fix: str) -> None:
        self.errors.append(self._problem(path, message, fix))

    def warning(self, path: Path_, message: str, fix: str) -> None:
        self.warnings.append(self._problem(path, message, fix))


def _region_exists(report: _Report, region: str, regions: set[str], path: Path_) -> None:
    if region in regions:
        return
    close = difflib.get_close_matches(region, sorted(regions), n=1)
    fix = f"did you mean '{close[0]}'?" if close else "add it under 'regions:' first"
    report.error(path, f"there is no region '{region}' (regions: {', '.join(sorted(regions))})", fix)


def _endpoints(report: _Report, endpoints: list[dict[str, Any]], path: Path_, names: set[str]) -> None:
    seen: dict[tuple[str, int], int] = {}
    for index, endpoint in enumerate(endpoints):
        at = (*path, index)
        host, port, security = endpoint["host"], endpoint["port"], endpoint["security"]
        names.update((host, *endpoint.get("aliases", [])))
        if (host, port) in seen:
            report.error(
                (*at, "port"),
                f"{host} port {port} is listed twice (first as item {seen[host, port]})",
                "keep one of them",
            )
        seen.setdefault((host, port), index)
        if PER_CUSTOMER in host and endpoint.get("aliases"):
            report.error(
                (*at, "aliases"), "a per-customer host has no fixed other names", "remove the aliases"
            )
        if index == 0 and (security == "none" or "unverified" in endpoint):
            report.error(
                (*at, "security"),
                "the first endpoint is the one guides recommend: it must be encrypted and verified",
                "put an ssl or starttls endpoint with a source first",
            )
        if security == "none" and endpoint["auth"] == "password" and "plaintext_reason" not in endpoint:
            report.error(
                (*at, "security"),
                "the password would travel unencrypted (security: none, auth: password)",
                "use ssl or starttls, or say why under 'plaintext_reason:'",
            )
        usual = USUAL_MODES.get(port)
        if usual and security != "none" and security != usual:
            usual_name = "implicit TLS" if usual == "ssl" else "STARTTLS"
            message = f"port {port} is assigned to {usual_name} (RFC 8314), but the data says {security}"
            report.warning(
                (*at, "security"), message, f"check the source; most servers use security: {usual} on {port}"
            )


def _aliases_stay_in_their_region(report: _Report, data: dict[str, Any]) -> None:
    """An alias is another name of the same server: never a server of another region."""
    hosts_of: dict[str, set[str]] = defaultdict(set)  # region -> its primary host names
    for offer in data["products"].values():
        for region, services in offer["regions"].items():
            for service in SERVICES:
                hosts_of[region].update(e["host"] for e in services.get(service, []))
    for product, offer in data["products"].items():
        for region, services in offer["regions"].items():
            for service in SERVICES:
                for index, endpoint in enumerate(services.get(service, [])):
                    for number, alias in enumerate(endpoint.get("aliases", [])):
                        others = [r for r, hosts in hosts_of.items() if r != region and alias in hosts]
                        if others:
                            path = ("products", product, "regions", region, service, index, "aliases", number)
                            report.error(
                                path,
                                f"alias {alias} is a server of the region {others[0]}",
                                "an alias names this region's server only: remove it or move it",
                            )


def _retired(report: _Report, data: dict[str, Any], current: set[str]) -> None:
    for index, retired in enumerate(data.get("retired_hosts", [])):
        path = ("retired_hosts", index)
        if retired["host"] in current:
            report.error(
                (*path, "host"),
                f"{retired['host']} is retired, yet a server of the data names it",
                "remove it from the endpoints or from retired_hosts",
            )
        if retired["replacement"] not in current:
            report.error(
                (*path, "replacement"),
                f"{retired['replacement']} is not a server of the data",
                "name a host or alias of the endpoints",
            )


def _kind(node: yaml.Node | None) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a section"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return str(node.value)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_LENGTH else text[: _SHOWN_LENGTH - 1] + "…"
