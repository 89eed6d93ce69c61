"""The language sakip speaks to its user: a gettext message catalogue.

Messages are written in English in the code (``_("{count} problems in the input")``) and
translated through the catalogue of the current language: Indonesian by default, English with ``--lang en``,
``SAKIP_LANG=en`` or an English locale (``LANG=en_US.UTF-8``).

The catalogue is ``locales/id/LC_MESSAGES/sakip.po`` (its compiled ``.mo`` is committed beside it);
``make messages`` extracts the messages with Babel, updates it and compiles it (docs/I18N.md).

This package is the lowest layer: every other layer may import it, it imports none of them.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

DOMAIN = "sakip"
LOCALE_DIR = Path(__file__).parent / "locales"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

_translations: _gettext.NullTranslations | None = None
_language: str | None = None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``"en"`` or ``"id"`` from ``SAKIP_LANG``, else the locale variables in gettext's order
    (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``): English for an English locale,
    Indonesian for any other (``C``, ``POSIX`` and an unset locale included)."""
    env = os.environ if environ is None else environ
    chosen = env.get("SAKIP_LANG", "").strip().lower()
    if chosen:
        return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "en" if value.split(":")[0].lower().startswith("en") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Speak ``language`` (one of :data:`LANGUAGES`) from now on in this process."""
    global _translations, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    _translations = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    _language = language


def get_language() -> str:
    """The language in use (chosen from the environment on first use)."""
    if _language is None:
        set_language(language_from_environment())
    assert _language is not None
    return _language


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak ``language`` inside the block, then the language spoken before it (for texts fixed
    in one language whatever the user's, such as the Indonesian column notes of docs/INPUTS.md)."""
    before = get_language()
    set_language(language)
    try:
        yield
    finally:
        set_language(before)


def _current() -> _gettext.NullTranslations:
    if _translations is None:
        set_language(language_from_environment())
    assert _translations is not None
    return _translations


def _(message: str) -> str:
    """``message`` (English, as written in the code) in the current language."""
    return _current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, in the current language."""
    return _current().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (``gettext_noop``): for
    texts fixed at import time, such as the CLI's help, translated with :func:`_` when shown."""
    return message


def decimal(value: float, places: int = 1) -> str:
    """``value`` with ``places`` decimals, written as the current language writes numbers:
    ``3,2`` in Indonesian, ``3.2`` in English (messages only; reports format their figures in
    ``sakip.compute.formatting``)."""
    from babel.numbers import format_decimal  # on first use: most messages carry no number

    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    locale = "id_ID" if get_language() == "id" else "en_US"
    return format_decimal(value, format=pattern, locale=locale)


__all__ = ["DOMAIN", "LANGUAGES", "LOCALE_DIR", "N_", "_", "decimal", "get_language",
           "language_from_environment", "ngettext", "set_language", "speaking"]
