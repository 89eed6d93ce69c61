"""Click's and typer's own messages ("Usage:", "Missing argument", "No such option") through
sakip's catalogue.

Click and typer translate with the standard library's ``gettext`` and its default domain, which
would follow the process locale rather than sakip's language. :func:`install` points their
modules' ``_`` and ``ngettext`` at sakip's; the messages users meet are listed below so that the
extraction puts them into sakip's catalogue (the others stay in English).
"""

from __future__ import annotations

import importlib

from sakip.i18n import _, ngettext

#: The modules of click and typer that translate their messages with ``gettext``.
MODULES = ("click.core", "click.exceptions", "click.parser", "click.types", "click.formatting",
           "click.decorators", "click.termui", "click.utils", "typer.core", "typer.rich_utils")


def install() -> None:
    """Make click and typer speak sakip's current language (idempotent)."""
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a module that moved in another release
            continue
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def _messages() -> None:  # pragma: no cover - never called: read by the extraction only
    """Click's and typer's messages as they print them (msgids must match theirs exactly)."""
    _("Usage:")
    _("Options")
    _("Arguments")
    _("Commands")
    _("Show this message and exit.")
    _("Error: {message}")
    _("Try '{command} {option}' for help.")
    _("Missing argument")
    _("Missing option")
    _("Missing parameter")
    _("Missing parameter: {param_name}")
    _("Missing command.")
    _("No such option: {name}")
    _("No such option {name!r}.")
    _("No such command {name!r}.")
    _("Invalid value: {message}")
    _("Invalid value for {param_hint}: {message}")
    _("Option {name!r} does not take a value.")
    _("Option {name!r} requires an argument.")
    ngettext("Option {name!r} requires {nargs} values.", "Option {name!r} requires {nargs} values.", 2)
    ngettext("Did you mean {possibility}?", "(Possible options: {possibilities})", 1)
    ngettext("Got unexpected extra argument ({args})",
             "Got unexpected extra arguments ({args})", 1)
    _("{value!r} is not a valid {number_type}.")
    _("{value!r} is not one of {choices}.")
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
    _("{value!r} is not a valid boolean. Recognized values: {states}")
    _("{value} is not in the range {range}.")
    _("required")
    _("default: {default}")
    _("Aborted!")
