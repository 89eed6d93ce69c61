"""Kriteria (performance category) scales that turn a capaian percentage into a label.

A scale is an ordered list of bands, highest first; each band has an *inclusive* lower bound and
the lowest band is open downward, so the bands are contiguous by construction (no gap such as the
printed "76,00 – 90,99" / "≥ 91" leaves between 90,99 and 91) and anything above 100 lands in the
top band. Values are classified **as shown**: rounded half-up to two decimals first, so a printed
``91,00`` is always "Sangat Baik" even when the unrounded capaian is 90,996.

A capaian above the plausible maximum (``max_capaian``, default 300%: ``compute/defaults``,
params ``max_capaian``) is never classified: it is nearly always a target typed in the wrong unit
or a realisasi without its decimal comma, so its label is "Tidak Dapat Diukur", as the sentences
that leave it out of the averages say (:func:`is_implausible`, the one rule for the LKjIP, the
pengukuran report and the summary).

Sources are recorded on each scale; see ``docs/FORMULAS.md`` for how sure we are of each.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from sakip.compute.formatting import round_half_up
from sakip.i18n import _

NOT_MEASURABLE = "Tidak Dapat Diukur"
NOT_MEASURABLE_COLOUR = "#9e9e9e"


class KriteriaError(ValueError):
    """An invalid scale definition (from code or from a params file)."""


def is_implausible(value: Decimal | None, max_capaian: Decimal | None) -> bool:
    """True when a capaian, as shown (rounded half-up to two decimals), is above the plausible
    maximum; never for a missing value or without a maximum."""
    if value is None or max_capaian is None:
        return False
    return round_half_up(value, 2) > max_capaian


@dataclass(frozen=True)
class Band:
    """One category: values >= ``lower`` (after rounding) and below the next band up."""

    label: str
    lower: Decimal | None  # None only for the lowest band: open downward
    colour: str


@dataclass(frozen=True)
class KriteriaScale:
    """A named, sourced kriteria scale; ``bands`` highest first."""

    name: str
    source: str
    bands: tuple[Band, ...]
    citation: str = ""  # short Indonesian citation printed under the scale in a report
    #: A capaian above this (%, as shown) is implausible and gets no band; None: no bound.
    max_capaian: Decimal | None = None

    def __post_init__(self) -> None:
        _validate(self.name, self.bands)

    def with_max(self, max_capaian: Decimal | None) -> KriteriaScale:
        """The same scale with the plausible maximum ``max_capaian`` (see :func:`is_implausible`)."""
        return self if max_capaian == self.max_capaian else replace(self, max_capaian=max_capaian)

    def implausible(self, value: Decimal | None) -> bool:
        return is_implausible(value, self.max_capaian)

    def band(self, value: Decimal | None) -> Band | None:
        """The band of ``value`` rounded half-up to 2 decimals; ``None`` for a missing value and
        for an implausible one (above ``max_capaian``)."""
        if value is None or self.implausible(value):
            return None
        shown = round_half_up(value, 2)
        for band in self.bands:
            if band.lower is None or shown >= band.lower:
                return band
        return self.bands[-1]  # pragma: no cover - the lowest band is open downward

    def classify(self, value: Decimal | None) -> str:
        """Label of ``value`` (``"Tidak Dapat Diukur"`` when ``None``)."""
        band = self.band(value)
        return NOT_MEASURABLE if band is None else band.label

    def colour(self, value: Decimal | None) -> str:
        """Hex colour of ``value``'s band (grey when not measurable)."""
        band = self.band(value)
        return NOT_MEASURABLE_COLOUR if band is None else band.colour

    @property
    def labels(self) -> list[str]:
        return [b.label for b in self.bands]

    def intervals(self) -> list[tuple[str, Decimal | None, Decimal | None]]:
        """(label, lower, upper) per band for printing a "Tabel Skala": upper = next lower - 0,01."""
        rows: list[tuple[str, Decimal | None, Decimal | None]] = []
        upper: Decimal | None = None
        for band in self.bands:
            rows.append((band.label, band.lower, upper))
            upper = None if band.lower is None else band.lower - Decimal("0.01")
        return rows


def _validate(name: str, bands: Sequence[Band]) -> None:
    if not name:
        raise KriteriaError(_("a kriteria scale needs a name"))
    if len(bands) < 2:
        raise KriteriaError(_("scale '{name}': at least two bands are needed").format(name=name))
    labels = [b.label for b in bands]
    if any(not label for label in labels):
        raise KriteriaError(_("scale '{name}': every band needs a label").format(name=name))
    dupes = sorted({label for label in labels if labels.count(label) > 1})
    if dupes:
        raise KriteriaError(_("scale '{name}': duplicate labels {dupes}").format(
            name=name, dupes=dupes))
    if NOT_MEASURABLE in labels:
        raise KriteriaError(_("scale '{name}': '{label}' is reserved for missing values").format(
            name=name, label=NOT_MEASURABLE))
    for band in bands[:-1]:
        if band.lower is None:
            raise KriteriaError(_("scale '{name}': only the lowest band may have no lower bound "
                                  "('{label}' has none)").format(name=name, label=band.label))
    if bands[-1].lower is not None:
        raise KriteriaError(_("scale '{name}': the lowest band ('{label}') must be open "
                              "downward (no lower bound), so that every value has a band").format(
                                name=name, label=bands[-1].label))
    lowers = [b.lower for b in bands[:-1]]
    for higher, lower in itertools.pairwise(lowers):
        assert higher is not None and lower is not None
        if not higher > lower:
            raise KriteriaError(_("scale '{name}': lower bounds must strictly decrease from the top "
                                  "band down ({higher} then {lower})").format(
                                    name=name, higher=higher, lower=lower))
    for band in bands:
        colour = band.colour
        if not (len(colour) == 7 and colour.startswith("#")
                and all(c in "0123456789abcdefABCDEF" for c in colour[1:])):
            raise KriteriaError(_("scale '{name}': colour '{colour}' of '{label}' is not #rrggbb").format(name=name, colour=colour, label=band.label))


def _b(label: str, lower: str | None, colour: str) -> Band:
    return Band(label, None if lower is None else Decimal(lower), colour)


# Colours: a diverging green-to-red palette (ColorBrewer RdYlGn), readable in print.
_G2, _G1, _Y, _O, _R = "#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027"

#: Seed Tabel 3.1 "Skala Pengukuran Kinerja" (>= 91 Sangat Baik; 76,00-90,99 Baik; 66,00-75,99
#: Cukup; 51,00-65,99 Kurang; <= 50,99 Sangat Kurang).
DEFAULT_SCALE = KriteriaScale(
    name="permenpanrb_53_2014",
    source="Skala Pengukuran Kinerja as printed in LKjIPs citing PermenPANRB 53/2014 "
    "(seed 004, Tabel 3.1); the same 91/76/66/51 cut-offs as Permendagri 86/2017",
    bands=(
        _b("Sangat Baik", "91", _G2),
        _b("Baik", "76", _G1),
        _b("Cukup", "66", _Y),
        _b("Kurang", "51", _O),
        _b("Sangat Kurang", None, _R),
    ),
    citation="Skala pengukuran kinerja LKjIP (PermenPANRB Nomor 53 Tahun 2014; batas yang sama "
    "dengan Permendagri Nomor 86 Tahun 2017)",
)

#: Permendagri 86/2017 (evaluasi hasil RKPD), tingkat capaian kinerja: Sangat Tinggi (>= 91),
#: Tinggi (76-90), Sedang (66-75), Rendah (51-65), Sangat Rendah (<= 50).
PERMENDAGRI_86_2017 = KriteriaScale(
    name="permendagri_86_2017",
    source="Permendagri 86/2017, kriteria tingkat capaian kinerja for the evaluation of the "
    "RKPD/Renja (Sangat Tinggi .. Sangat Rendah)",
    bands=(
        _b("Sangat Tinggi", "91", _G2),
        _b("Tinggi", "76", _G1),
        _b("Sedang", "66", _Y),
        _b("Rendah", "51", _O),
        _b("Sangat Rendah", None, _R),
    ),
    citation="Permendagri Nomor 86 Tahun 2017, kriteria tingkat capaian kinerja",
)

#: A 4-band scale often printed in older LAKIPs; we could not check the original text.
LAN_2003 = KriteriaScale(
    name="lan_2003_4",
    source="Example configuration: 4 bands as commonly attributed to Keputusan Kepala LAN "
    "No. 239/IX/6/8/2003 (Pedoman Penyusunan Pelaporan AKIP); cut-offs not verified against "
    "the original text",
    bands=(
        _b("Sangat Berhasil", "85", _G2),
        _b("Berhasil", "70", _G1),
        _b("Cukup Berhasil", "55", _Y),
        _b("Tidak Berhasil", None, _R),
    ),
    citation="Contoh konfigurasi empat kategori (dikaitkan dengan Keputusan Kepala LAN Nomor "
    "239/IX/6/8/2003; belum diverifikasi)",
)

#: The default scale with a separate top band for capaian above 100%.
EXAMPLE_6 = KriteriaScale(
    name="contoh_6",
    source="Example configuration (no regulation): the default 5-band scale with a separate "
    "band for capaian above 100%, as some pemda print",
    bands=(
        _b("Melampaui Target", "100.01", "#006837"),
        _b("Sangat Baik", "91", _G2),
        _b("Baik", "76", _G1),
        _b("Cukup", "66", _Y),
        _b("Kurang", "51", _O),
        _b("Sangat Kurang", None, _R),
    ),
    citation="Contoh konfigurasi enam kategori dengan kategori terpisah untuk capaian di atas 100%",
)

#: Named scales a params file may select (``kriteria: permendagri_86_2017``).
SCALES: dict[str, KriteriaScale] = {
    s.name: s for s in (DEFAULT_SCALE, PERMENDAGRI_86_2017, LAN_2003, EXAMPLE_6)
}
SCALES["default"] = DEFAULT_SCALE


def abbreviation(label: str) -> str:
    """The initials of a label: "Sangat Tinggi" -> "ST", "Baik" -> "B"."""
    return "".join(word[0] for word in label.split() if word[:1].isalpha()).upper()


def same_label(printed: str, label: str) -> bool:
    """True when a printed kriteria is ``label``: case and spaces aside, with or without its
    abbreviation in brackets ("Sangat Tinggi (ST)"), or the abbreviation alone ("ST")."""
    text = " ".join(printed.split()).lower()
    wanted = " ".join(label.split()).lower()
    short = abbreviation(label).lower()
    if text in (wanted, f"{wanted} ({short})", f"({short}) {wanted}", f"{wanted} - {short}"):
        return True
    bare = re.sub(r"\s*\([^)]*\)\s*", " ", text).strip()
    inside = re.findall(r"\(([^)]*)\)", text)
    if bare == wanted and all(i.strip() == short for i in inside):
        return True
    return len(short) >= 2 and text.replace(".", "") == short


def _decimal(raw: Any, where: str) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise KriteriaError(_("{where}: '{raw}' is not a number").format(
            where=where, raw=raw)) from None
    if not value.is_finite():
        raise KriteriaError(_("{where}: '{raw}' is not a finite number").format(
            where=where, raw=raw))
    return value


def scale_from_config(config: str | Mapping[str, Any] | KriteriaScale | None) -> KriteriaScale:
    """A scale from a params file: a registered name, or a mapping with custom bands.

    Mapping form (bands highest first; the lowest band has no ``lower``)::

        name: kota-x
        source: Perwako X 12/2023
        bands:
          - {label: Sangat Baik, lower: 91, colour: "#1a9850"}
          - {label: Baik, lower: 76}
          - {label: Kurang}

    A missing colour is taken from a default palette. Raises :class:`KriteriaError` with a
    clear message for an unknown name, unordered or duplicate bands.
    """
    if config is None:
        return DEFAULT_SCALE
    if isinstance(config, KriteriaScale):
        return config
    if isinstance(config, str):
        key = config.strip()
        if key not in SCALES:
            raise KriteriaError(_("unknown kriteria scale '{key}'; known: {names}").format(
                key=key, names=', '.join(sorted(SCALES))))
        return SCALES[key]
    if not isinstance(config, Mapping):
        raise KriteriaError(_("kriteria must be a scale name or a mapping with 'bands'"))
    unknown = set(config) - {"name", "source", "bands"}
    if unknown:
        raise KriteriaError(_("kriteria: unknown keys {unknown}; use name, source, bands").format(
            unknown=sorted(unknown)))
    name = str(config.get("name") or "custom")
    raw_bands = config.get("bands")
    if not isinstance(raw_bands, Sequence) or isinstance(raw_bands, (str, bytes)) or not raw_bands:
        raise KriteriaError(_("scale '{name}': 'bands' must be a non-empty list").format(name=name))
    palette = [_G2, _G1, _Y, _O, _R, "#a50026", "#006837"]
    bands = []
    for i, raw in enumerate(raw_bands):
        where = f"scale '{name}', band {i + 1}"
        if not isinstance(raw, Mapping):
            raise KriteriaError(_("{where}: must be a mapping with label, lower, colour").format(
                where=where))
        extra = set(raw) - {"label", "lower", "colour", "color"}
        if extra:
            raise KriteriaError(_("{where}: unknown keys {extra}").format(
                where=where, extra=sorted(extra)))
        label = str(raw.get("label") or "").strip()
        lower_raw = raw.get("lower")
        lower = None if lower_raw is None or str(lower_raw).strip() == "" else _decimal(lower_raw, where)
        colour = str(raw.get("colour") or raw.get("color") or palette[min(i, len(palette) - 1)])
        bands.append(Band(label, lower, colour))
    source = str(config.get("source") or "custom configuration")
    return KriteriaScale(name=name, source=source, citation=source,
                         bands=tuple(bands))
