"""Click's and typer's own messages ("Usage:", "Missing argument", "No such option") through
sakip's catalogue.

Click and typer translate with the standard library's ``gettext`` and its default domain, which
would follow the process locale rather than sakip's language. :func:`install` points their
modules' ``_`` and ``ngettext`` at sakip's, and gives the help formatter of the click that newer
typer releases carry (which has no ``gettext``) sakip's "Usage:"; the messages users meet are
listed below so that the extraction puts them into sakip's catalogue (the others stay English).
"""

from __future__ import annotations

import importlib
import sys

from sakip.i18n import _, ngettext

#: The modules of click and typer that translate their messages with ``gettext``.
MODULES = ("click.core", "click.exceptions", "click.parser", "click.types", "click.formatting",
           "click.decorators", "click.termui", "click.utils", "typer.core", "typer.rich_utils")

#: Modules patched only when something already imported them: typer formats with rich only
#: with a rich markup mode, which sakip's commands do not set, and importing rich's help
#: machinery cost every command 0,15 s (an unchanged re-run of a batch takes 0,4 s).
ONLY_WHEN_LOADED = ("typer.rich_utils",)


def install() -> None:
    """Make click and typer speak sakip's current language (idempotent)."""
    for name in MODULES:
        if name in ONLY_WHEN_LOADED and name not in sys.modules:
            continue
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a module that moved in another release
            continue
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    _install_formatter()


#: The help of the ``--help`` option, as click and typer write it.
HELP_OPTION = "Show this message and exit."


def _install_formatter() -> None:
    """Typer 0.16 and later carry their own click, whose few texts are not translatable: its
    help formatter is given sakip's "Usage:" and help option text."""
    try:
        from typer._click import core  # the click typer carries, when it carries one
    except ImportError:  # an older typer: click's own, translated through gettext above
        return
    base = core.Context.formatter_class
    if getattr(base, "sakip_translated", False):
        return

    class Formatter(base):  # type: ignore[valid-type, misc]
        sakip_translated = True

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, _("Usage:") + " " if prefix is None else prefix)

        def write_dl(self, rows, *args, **kwargs) -> None:
            super().write_dl([(term, _(text) if text == HELP_OPTION else text)
                              for term, text in rows], *args, **kwargs)

    core.Context.formatter_class = Formatter


def _messages() -> None:  # pragma: no cover - never called: read by the extraction only
    """Click's and typer's own messages that sakip's users see, exactly as they write them (the
    usage errors themselves are shown by :func:`sakip.cli.main`, in sakip's words)."""
    _("Usage:")
    _("Options")
    _("Arguments")
    _("Commands")
    _("Show this message and exit.")
    _("required")
    _("default: {default}")
    _("Missing command.")
    _("No such command {name!r}.")
    _("Aborted!")
    # typer checks an option's value with pydantic: these are its words for sakip's options
    _("Input should be a valid integer, unable to parse string as an integer")
    _("Input should be a valid number, unable to parse string as a number")
