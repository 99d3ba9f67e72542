"""What a web server must send with the set-up files, and snippets for nginx and Apache.

Thunderbird reads an autoconfig file only when it comes as XML (``text/xml``,
``application/xml`` or ``text/rdf``: ``FetchHTTP.sys.mjs``); under any other type it gets a
string and the set-up fails. Apple devices open a profile for installation when it comes as
``application/x-apple-aspen-config``.
"""

from __future__ import annotations

from mailhelp.setup_files.apple_profile import MEDIA_TYPE as PROFILE_TYPE

AUTOCONFIG_NAME = "config-v1.1.xml"
AUTOCONFIG_TYPE = "application/xml"
PROFILE_SUFFIX = ".mobileconfig"
MEDIA_TYPES = {AUTOCONFIG_NAME: AUTOCONFIG_TYPE, PROFILE_SUFFIX: PROFILE_TYPE}
"""The media type of each kind of file, by its name or its suffix."""


def nginx_snippet() -> str:
    """``location`` blocks for an nginx ``server`` (autoconfig host, customer domain, this site)."""
    autoconfig = AUTOCONFIG_NAME.replace(".", r"\.")
    profile = PROFILE_SUFFIX.replace(".", r"\.")
    return (
        f"location ~ /{autoconfig}$ {{\n"
        "    types { }\n"
        f"    default_type {AUTOCONFIG_TYPE};\n"
        "}\n"
        f"location ~ {profile}$ {{\n"
        "    types { }\n"
        f"    default_type {PROFILE_TYPE};\n"
        "}\n"
    )


def apache_snippet() -> str:
    """Directives for an Apache virtual host or ``.htaccess`` (``mod_mime``)."""
    return (
        f"AddType {PROFILE_TYPE} {PROFILE_SUFFIX}\n"
        f'<Files "{AUTOCONFIG_NAME}">\n'
        f"    ForceType {AUTOCONFIG_TYPE}\n"
        "</Files>\n"
    )
