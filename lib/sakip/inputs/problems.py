"""Problems found in an agency's inputs, and the error that carries all of them at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sakip.i18n import _, ngettext


def visible(text: str) -> str:
    """``text`` with every character a reader cannot see written as an escape: control
    characters (``\\x00``, ``\\n``), invisible ones (``IKU1\\u200b``) and unusual spaces
    (``\\u00a0``). This also keeps terminal escape sequences out of messages."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif ch in "\n\t\r":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}[ch])
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return "".join(out)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as a person would look for it.

    ``row`` is the line number seen in the spreadsheet or the text editor (header = row 1);
    ``sheet`` is the workbook sheet (``None`` for a folder's files).
    """

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    message: str = ""

    def __str__(self) -> str:
        """``file [sheet] row N, column "name": message`` (in Indonesian ``file [sheet] baris N,
        kolom "name": message``), invisible characters made visible."""
        where = self.file
        if self.sheet:
            where += f" [{self.sheet}]"
        if self.row is not None:
            where += " " + _("row {row}").format(row=self.row)
        if self.column:
            where += ", " + _('column "{column}"').format(column=self.column)
        return visible(f"{where}: {self.message}")


class InputError(Exception):
    """The input cannot be used; ``problems`` lists every reason found, in reading order."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        count = len(self.problems)
        super().__init__(ngettext("{count} problem in the input", "{count} problems in the input",
                                  count).format(count=count))

    def report(self) -> str:
        """Every problem on its own line, then the count."""
        return "\n".join([*(str(p) for p in self.problems), str(self)])


class DestinationError(ValueError):
    """An output path that cannot be used as given (e.g. a workbook name without .xlsx)."""
