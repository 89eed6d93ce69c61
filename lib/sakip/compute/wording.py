"""Indonesian sentences generated only from the numbers they describe.

Each function takes the figures, derives the verdict itself (with :mod:`sakip.compute.capaian`,
:mod:`sakip.compute.trend` and the same half-up rounding as the tables) and returns one plain string,
so the text can never say "sudah mencapai" next to a number that did not.
"""

from __future__ import annotations

import re
from decimal import Decimal

from sakip.compute.capaian import Capaian, Polarity
from sakip.compute.formatting import (
    fmt_number,
    fmt_pct,
    fmt_perf_value,
    round_half_up,
    typed_places,
)
from sakip.compute.kriteria import is_implausible
from sakip.compute.trend import Comparable, Projection, Verdict, compare_national, compare_years
from sakip.model.parsing import GradeValue, NumberValue, PerfValue

NOT_MEASURABLE = "tidak dapat diukur"
_LOWER_NOTE = "karena makin rendah makin baik"


def _perf(value: Comparable | None) -> PerfValue | None:
    if isinstance(value, Decimal):
        return NumberValue(value)
    if isinstance(value, int):
        return NumberValue(Decimal(value))
    return value


def _show(value: Comparable | None, unit: str | None) -> str:
    return fmt_perf_value(_perf(value), unit)


def known_figures(figures: tuple[tuple[str, Comparable | None], ...], unit: str | None = None) -> str:
    """The figures that have a value, each after its label and joined by commas, the missing ones
    left out rather than shown as "-": (("target", 55), ("realisasi", None)) -> "target 55"."""
    return ", ".join(f"{label} {_show(value, unit)}" for label, value in figures if _perf(value) is not None)


def _year(year: int | None) -> str:
    return f" pada Tahun {year}" if year is not None else ""


def _standing(value: Decimal) -> str:
    shown = round_half_up(value)
    if shown > 100:
        return "melampaui target"
    if shown == 100:
        return "sesuai dengan target"
    return "belum mencapai target"


def describe_capaian(indicator_name: str, target: Comparable | None, realisasi: Comparable | None,
                     capaian: Capaian, kriteria: str, unit: str | None = None,
                     max_capaian: Decimal | None = None) -> str:
    """One sentence on an indicator's capaian against its target, e.g.

    "Indikator Persentase Penyerapan Tenaga Kerja dengan target 93,75% terealisasi sebesar
    95,13%, sehingga capaian kinerjanya 101,47% dengan kriteria Sangat Baik; realisasi
    melampaui target."

    A capaian above ``max_capaian`` is stated but never classified (nor called "melampaui").
    """
    if not capaian.measurable or capaian.value is None:
        reason = f" ({capaian.reason})" if capaian.reason else ""
        known = known_figures((("target", target), ("realisasi", realisasi)), unit)
        return f"Capaian indikator {indicator_name} {NOT_MEASURABLE}{reason}" + (f"; {known}." if known else ".")
    if max_capaian is not None and is_implausible(capaian.value, max_capaian):
        return (f"Indikator {indicator_name} dengan target {_show(target, unit)} terealisasi "
                f"{value_phrase(realisasi, unit)}; capaian {fmt_pct(capaian.value)} melebihi batas "
                f"kewajaran {fmt_number(max_capaian, 0)}% sehingga {NOT_MEASURABLE} dan tidak "
                "diberi kriteria. Periksa satuan dan besaran target serta realisasinya.")
    return (f"Indikator {indicator_name} dengan target {_show(target, unit)} terealisasi "
            f"{value_phrase(realisasi, unit)}, sehingga capaian kinerjanya {fmt_pct(capaian.value)} "
            f"dengan kriteria {kriteria}; realisasi {_standing(capaian.value)}.")


def describe_vs_national(indicator_name: str, realisasi: Comparable | None,
                         standard: Comparable | None, polarity: Polarity,
                         unit: str | None = None, year: int | None = None) -> str:
    """Realisasi against the national standard; the verdict comes from
    :func:`sakip.compute.trend.compare_national` (95,13% vs 97,68% -> "di bawah standar nasional")."""
    verdict = compare_national(realisasi, standard, polarity)
    r, s = _show(realisasi, unit), _show(standard, unit)
    subject = f"Realisasi indikator {indicator_name}{_year(year)}"
    if verdict is Verdict.TIDAK_DAPAT_DIBANDINGKAN:
        if _perf(standard) is None:
            why = "standar nasional belum tersedia"
        elif _perf(realisasi) is None:
            why = "realisasi belum tersedia"
        else:
            why = "jenis nilai realisasi dan standar nasional tidak sebanding"
        return (f"{subject} {NOT_MEASURABLE} dibandingkan dengan standar nasional "
                f"karena {why}.")
    if polarity == "lower" and isinstance(_perf(realisasi), NumberValue):
        if verdict is Verdict.SAMA:
            return f"{subject} {value_phrase(realisasi, unit)} sama dengan standar nasional {value_phrase(standard, unit)}."
        raw = "lebih rendah" if verdict is Verdict.DI_ATAS else "lebih tinggi"
        place = ("berada di atas standar nasional" if verdict is Verdict.DI_ATAS
                 else "berada di bawah standar nasional dan belum memenuhi standar tersebut")
        return (f"{subject} sebesar {r} {raw} dari standar nasional sebesar {s}; {_LOWER_NOTE}, "
                f"kinerjanya {place}.")
    rv, sv = value_phrase(realisasi, unit), value_phrase(standard, unit)
    if verdict is Verdict.DI_ATAS:
        return f"{subject} {rv} berada di atas standar nasional {sv}."
    if verdict is Verdict.SAMA:
        return f"{subject} {rv} sama dengan standar nasional {sv}."
    return f"{subject} {rv} berada di bawah standar nasional {sv}, sehingga belum memenuhi standar nasional."


def _change_amount(points: Decimal, unit: str | None) -> str:
    amount = fmt_number(abs(points), typed_places(points))
    clean = (unit or "").strip()
    if clean == "%":
        return f"{amount} poin"
    if clean.lower() in {"", "nilai", "indeks", "index", "predikat", "skor", "angka"}:
        return f"{amount} poin"
    return f"{amount} {clean}"


def describe_trend(indicator_name: str, previous: Comparable | None, current: Comparable | None,
                   polarity: Polarity, *, year_from: int | None = None,
                   year_to: int | None = None, unit: str | None = None) -> str:
    """Year-over-year movement: "naik", "turun" or "tetap" (as shown, 2 decimals), with the
    polarity's reading (for lower-is-better a decrease is an improvement).

    Seed: 95,16 (2023) -> 95,13 (2024) is "turun 0,03 poin".
    """
    change = compare_years(previous, current, polarity, year_from=year_from, year_to=year_to)
    subject = f"Realisasi indikator {indicator_name}"
    if change is None:
        if _perf(previous) is None or _perf(current) is None:
            missing = [str(y) for y, v in ((year_from, previous), (year_to, current))
                       if _perf(v) is None and y is not None]
            which = f" Tahun {' dan '.join(missing)}" if missing else ""
            return (f"Perkembangan realisasi indikator {indicator_name} {NOT_MEASURABLE} karena "
                    f"data{which} belum tersedia.")
        return (f"Perkembangan realisasi indikator {indicator_name} {NOT_MEASURABLE} karena "
                "nilainya tidak sebanding antartahun.")
    p, c = _show(change.value_from, unit), _show(change.value_to, unit)
    if change.direction == "tetap":
        held = value_phrase(change.value_to, unit)
        if year_from is not None and year_to is not None:
            return f"{subject} tetap {held} pada Tahun {year_from} dan Tahun {year_to}."
        return f"{subject} tetap {held}."
    amount = ""
    if change.change_points is not None:
        amount = f" ({change.direction} {_change_amount(change.change_points, unit)})"
    sentence = f"{subject} {change.direction} dari {p}{_year(year_from)} menjadi {c}{_year(year_to)}{amount}"
    grade = isinstance(change.value_to, GradeValue)
    noun = "kenaikan" if change.direction == "naik" else "penurunan"
    if polarity == "lower" and not grade:
        verdict = "perbaikan kinerja" if change.improved else "kinerja yang memburuk"
        return f"{sentence}; {_LOWER_NOTE}, {noun} ini menunjukkan {verdict}."
    verdict = "perbaikan kinerja" if change.improved else "penurunan kinerja"
    return f"{sentence}; {noun} ini menunjukkan {verdict}."


def describe_renstra(indicator_name: str, realisasi: Comparable | None,
                     target_akhir: Comparable | None, capaian: Capaian, *,
                     year: int | None = None, end_year: int | None = None,
                     unit: str | None = None, projection: Projection | None = None) -> str:
    """Realisasi against the Renstra end target, e.g. "... sebesar 95,13% telah melampaui target
    akhir Renstra (Tahun 2026) sebesar 93,77%, dengan persentase capaian 101,45%." An optional
    :class:`~sakip.compute.trend.Projection` adds whether the linear trend reaches the target."""
    end = f" (Tahun {end_year})" if end_year is not None else ""
    if not capaian.measurable or capaian.value is None:
        reason = f" ({capaian.reason})" if capaian.reason else ""
        return (f"Capaian indikator {indicator_name} terhadap target akhir Renstra{end} "
                f"{NOT_MEASURABLE}{reason}.")
    shown = round_half_up(capaian.value)
    standing = ("telah melampaui" if shown > 100 else "telah mencapai" if shown == 100
                else "belum mencapai")
    when = f" Tahun {year}" if year is not None else ""
    text = (f"Realisasi indikator {indicator_name}{when} {value_phrase(realisasi, unit)} {standing} "
            f"target akhir Renstra{end} {value_phrase(target_akhir, unit)}, dengan persentase capaian "
            f"{fmt_pct(capaian.value)}.")
    if projection is not None and projection.reaches is not None:
        outcome = "diperkirakan tercapai" if projection.reaches else "diperkirakan belum tercapai"
        text += (f" Dengan tren linear, realisasi Tahun {projection.year} diproyeksikan sebesar "
                 f"{_show(NumberValue(round_half_up(projection.value)), unit)}, sehingga target "
                 f"akhir Renstra {outcome}.")
    return text



# --- counts, grades, quarters: sentences an editor passes ----------------------------------------
#
# A count of zero is not listed ("0 indikator belum mencapai target"): the sentence says what
# holds for all, or lists only the groups that exist; one item is named as one ("satu-satunya
# indikator", never "tidak satu pun dari 1"); a sentence never starts with a numeral; a grade is
# "dengan nilai A", not "sebesar A"; a quarter is always written "TW II".

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_label(quarter: int) -> str:
    """The one spelling of a quarter: ``2`` -> "TW II"."""
    return f"TW {_ROMAN[quarter]}"


def normalise_quarters(text: str) -> str:
    """Every quarter of a text written "TW II" ("TW2", "TW 2", "Triwulan II", "Trw 2" -> "TW II")."""
    text = re.sub(r"\b(?:TW|Trw|TR)\s?([1-4])\b", lambda m: quarter_label(int(m.group(1))), text)
    return re.sub(r"\bTriwulan\s+(IV|I{1,3})\b", r"TW \1", text)


_ORDINALS = ("pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan",
             "kesembilan", "kesepuluh")


def ordinal(n: int) -> str:
    """The Indonesian ordinal of ``n`` as a report writes it: "pertama" (never "ke-1"), "kedua"
    ... "kesepuluh", then "ke-11"."""
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else f"ke-{n}"


def join_and(items: list[str]) -> str:
    """"a", "a dan b", "a, b dan c"."""
    items = [i for i in items if i]
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


def start_sentence(text: str) -> str:
    """A sentence that does not open with a numeral ("2 indikator ..." -> "Sebanyak 2 indikator
    ...") and opens with a capital."""
    if text[:1].isdigit():
        return "Sebanyak " + text
    return text[:1].upper() + text[1:]


def counted(groups: list[tuple[int, str]]) -> str:
    """The groups that have members, joined: [(2, "kesalahan"), (0, "informasi")] -> "2 kesalahan"."""
    return join_and([f"{_count(n)} {label}" for n, label in groups if n])


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def describe_target_counts(total: int, above: int, equal: int, below: int, unmeasured: int, *,
                           subject: str = "indikator kinerja sasaran strategis",
                           when: str = "") -> str:
    """How many indicators are above, at and below target, in a sentence an editor passes:
    "Seluruh 3 indikator ... mencapai target: 2 melampaui target dan 1 sesuai target." or
    "Dari 3 indikator ..., 2 indikator melampaui target dan 1 indikator belum mencapai target."."""
    scope = f"{subject}{when}"
    if total == 0:
        return f"Belum ada {scope} yang diukur."
    if below == 0 and unmeasured == 0:
        whole = f"Satu-satunya {scope}" if total == 1 else f"Seluruh {_count(total)} {scope}"
        if above == total:
            return f"{whole} melampaui target."
        if equal == total:
            return f"{whole} sesuai dengan target."
        return (f"{whole} mencapai target: {_count(above)} melampaui target dan {_count(equal)} sesuai "
                "dengan target.")
    if above == equal == below == 0:
        return (f"{'Satu-satunya ' + scope if total == 1 else 'Seluruh ' + _count(total) + ' ' + scope} "
                "tidak dapat diukur.")
    parts = counted([(above, "indikator melampaui target"), (equal, "indikator sesuai dengan target"),
                     (below, "indikator belum mencapai target")])
    text = f"Dari {_count(total)} {scope}, {parts}"
    if unmeasured:
        text += f", sedangkan {_count(unmeasured)} indikator tidak dapat diukur"
    return text + "."


def describe_support_counts(total: int, menunjang: int, kurang: int, tidak_dinilai: int) -> str:
    """The programme indicators that support a sasaran: all of one verdict in a few words, else
    only the verdicts that occur."""
    subject = "indikator program/kegiatan pendukung"
    groups = [(menunjang, "menunjang"), (kurang, "kurang menunjang"), (tidak_dinilai, "tidak dapat dinilai")]
    for n, label in groups:
        if n == total:
            if total == 1:
                return f"Satu-satunya {subject} {label}."
            return f"Seluruh {_count(total)} {subject} {label}."
    return f"Dari {_count(total)} {subject}, " + counted(groups) + "."


def none_of(total: int, what: str = "indikatornya", has: str = "memiliki realisasi") -> str:
    """"tidak satu pun dari 3 indikatornya memiliki realisasi"; for one item "satu-satunya
    indikatornya belum memiliki realisasi" (never "tidak satu pun dari 1")."""
    if total == 1:
        return f"satu-satunya {what} belum {has}"
    return f"tidak satu pun dari {_count(total)} {what} {has}"


def value_phrase(value: Comparable | None, unit: str | None = None) -> str:
    """"sebesar 95,13%" for a number, "dengan nilai A" for a grade ("sebesar A" reads wrongly)."""
    perf = _perf(value)
    if isinstance(perf, GradeValue):
        return f"dengan nilai {perf.grade}"
    return f"sebesar {_show(value, unit)}"


def describe_measured(total: int, measured: int, met: int, noun: str = "IKU",
                      target: str = "target") -> str:
    """"seluruh 2 IKU dapat diukur dan semuanya mencapai atau melampaui target", "1 dari 3 IKU
    dapat diukur tetapi belum ada yang mencapai target" (no "1 dari 1", no "0 di antaranya")."""
    if total == 0:
        return f"belum ada {noun} yang diukur"
    if measured == total:
        clause = f"satu-satunya {noun} dapat diukur" if total == 1 else f"seluruh {_count(total)} {noun} dapat diukur"
    elif measured == 0:
        return f"{'satu-satunya ' + noun if total == 1 else 'seluruh ' + _count(total) + ' ' + noun} belum dapat diukur"
    else:
        clause = f"{_count(measured)} dari {_count(total)} {noun} dapat diukur"
    if met == measured:
        return clause + (" dan mencapai" if measured == 1 else " dan semuanya mencapai") + f" atau melampaui {target}"
    if met == 0:
        return clause + f" tetapi belum ada yang mencapai {target}"
    return clause + f" dan {_count(met)} di antaranya mencapai atau melampaui {target}"


def mean_of(averaged: int, total: int) -> str:
    """What a mean capaian covers, said honestly: ``"indikator"`` when every indicator counts,
    ``"4 indikator yang dapat diukur"`` when some cannot be measured (or are implausible) and so
    are left out of it."""
    if averaged >= total:
        return "indikator"
    return f"{_count(averaged)} indikator yang dapat diukur"


def mean_clause(mean_text: str, averaged: int, total: int) -> str:
    """``"rata-rata capaian 97,52%"``, or ``"rata-rata capaian 4 indikator yang dapat diukur
    sebesar 97,52%"`` when the mean leaves some of the ``total`` indicators out."""
    if averaged >= total:
        return f"rata-rata capaian {mean_text}"
    return f"rata-rata capaian {mean_of(averaged, total)} sebesar {mean_text}"
