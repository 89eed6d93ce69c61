"""Outputs that depend only on what made them: the time a report states is ``generated_at``.

openpyxl stamps a workbook with the current time twice (the document properties and every zip
entry), so two renders of the same store report differed in the workbook, and so in the page that
embeds it; python-docx stamps every zip entry of the Word document the same way.
:func:`stamp_ooxml` sets both to the report's own time.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

_CORE = "docProps/core.xml"
_STAMP = re.compile(r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def stamp_ooxml(path: Path, moment: datetime) -> None:
    """Rewrite the workbook or Word document at ``path`` with ``moment`` as its creation and
    modification time and as the time of every entry of its zip (same entries, order and
    compression otherwise)."""
    moment = moment.astimezone(timezone.utc) if moment.tzinfo else moment
    iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    date_time = (max(1980, moment.year), moment.month, moment.day, moment.hour, moment.minute,
                 moment.second)
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as target:
        for info, data in entries:
            if info.filename == _CORE:
                data = _STAMP.sub(lambda m: m.group(1) + iso + m.group(2),
                                  data.decode("utf-8")).encode("utf-8")
            stamped = zipfile.ZipInfo(info.filename, date_time=date_time)
            stamped.compress_type = info.compress_type
            stamped.external_attr = info.external_attr
            stamped.create_system = info.create_system
            target.writestr(stamped, data)
    tmp.replace(path)


#: The workbook's name for it.
stamp_workbook = stamp_ooxml
