"""The words of the set-up files and of the generated blocks, in every language of the site.

``{offer}`` stands for the product and region as the data names them in that language
(``MX Plan (Europa)``). A language the site adds needs its entry here too: a test checks
that every configured locale has every text.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "pt": {
        "guides": "Guias de configuração do e-mail {offer}",
        "profile_name": "E-mail {offer}",
        "profile_description": (
            "Configura o seu endereço de e-mail {offer} na aplicação Mail, em IMAP com encriptação "
            "SSL/TLS. O endereço e a palavra-passe são pedidos durante a instalação e não ficam "
            "guardados neste ficheiro."
        ),
        "offer_column": "Produto e região",
        "apple_column": "iPhone, iPad e Mac",
        "thunderbird_column": "Thunderbird",
        "apple_link": "Perfil de configuração",
        "thunderbird_link": "Ficheiro autoconfig",
    },
    "en": {
        "guides": "{offer} email setup guides",
        "profile_name": "{offer} email",
        "profile_description": (
            "Sets up your {offer} email address in the Mail app, over IMAP with SSL/TLS "
            "encryption. Your address and password are asked for during installation and are "
            "not stored in this file."
        ),
        "offer_column": "Product and region",
        "apple_column": "iPhone, iPad and Mac",
        "thunderbird_column": "Thunderbird",
        "apple_link": "Configuration profile",
        "thunderbird_link": "Autoconfig file",
    },
    "fr": {
        "guides": "Guides de configuration de l’e-mail {offer}",
        "profile_name": "E-mail {offer}",
        "profile_description": (
            "Configure votre adresse e-mail {offer} dans l’application Mail, en IMAP avec "
            "chiffrement SSL/TLS. Votre adresse et votre mot de passe vous sont demandés lors de "
            "l’installation et ne sont pas enregistrés dans ce fichier."
        ),
        "offer_column": "Offre et région",
        "apple_column": "iPhone, iPad et Mac",
        "thunderbird_column": "Thunderbird",
        "apple_link": "Profil de configuration",
        "thunderbird_link": "Fichier autoconfig",
    },
    "es": {
        "guides": "Guías de configuración del correo {offer}",
        "profile_name": "Correo {offer}",
        "profile_description": (
            "Configura su dirección de correo {offer} en la aplicación Mail, en IMAP con cifrado "
            "SSL/TLS. La dirección y la contraseña se le solicitan durante la instalación y no se "
            "guardan en este archivo."
        ),
        "offer_column": "Producto y región",
        "apple_column": "iPhone, iPad y Mac",
        "thunderbird_column": "Thunderbird",
        "apple_link": "Perfil de configuración",
        "thunderbird_link": "Archivo autoconfig",
    },
    "de": {
        "guides": "Anleitungen zur E-Mail-Einrichtung für {offer}",
        "profile_name": "E-Mail {offer}",
        "profile_description": (
            "Richtet Ihre E-Mail-Adresse für {offer} in der App „Mail“ ein, über IMAP mit "
            "SSL/TLS-Verschlüsselung. Adresse und Passwort werden bei der Installation abgefragt "
            "und nicht in dieser Datei gespeichert."
        ),
        "offer_column": "Produkt und Region",
        "apple_column": "iPhone, iPad und Mac",
        "thunderbird_column": "Thunderbird",
        "apple_link": "Konfigurationsprofil",
        "thunderbird_link": "Autoconfig-Datei",
    },
    "it": {
        "guides": "Guide alla configurazione dell’email {offer}",
        "profile_name": "Email {offer}",
        "profile_description": (
            "Configura il tuo indirizzo email {offer} nell’app Mail, in IMAP con crittografia "
            "SSL/TLS. Indirizzo e password ti vengono chiesti durante l’installazione e non "
            "vengono salvati in questo file."
        ),
        "offer_column": "Prodotto e regione",
        "apple_column": "iPhone, iPad e Mac",
        "thunderbird_column": "Thunderbird",
        "apple_link": "Profilo di configurazione",
        "thunderbird_link": "File autoconfig",
    },
    "pl": {
        "guides": "Przewodniki konfiguracji poczty e-mail {offer}",
        "profile_name": "Poczta e-mail {offer}",
        "profile_description": (
            "Konfiguruje Twój adres e-mail {offer} w aplikacji Mail, przez IMAP z szyfrowaniem "
            "SSL/TLS. Adres i hasło są wprowadzane podczas instalacji i nie są zapisywane w tym "
            "pliku."
        ),
        "offer_column": "Produkt i region",
        "apple_column": "iPhone, iPad i Mac",
        "thunderbird_column": "Thunderbird",
        "apple_link": "Profil konfiguracyjny",
        "thunderbird_link": "Plik autoconfig",
    },
}


def text(lang: str, key: str, **values: str) -> str:
    """The text ``key`` in ``lang`` (or in Portuguese, the source), with ``values`` filled in."""
    return TEXTS.get(lang, TEXTS["pt"])[key].format(**values)


def offer_name(settings_name: str, region_name: str) -> str:
    """A product in a region, as every language writes it here: ``MX Plan (Europa)``."""
    return f"{settings_name} ({region_name})"
