from decimal import Decimal as D

from sakip.compute.capaian import Capaian, compute_capaian
from sakip.compute.kriteria import DEFAULT_SCALE
from sakip.compute.trend import project, renstra_capaian
from sakip.compute.wording import (
    describe_capaian,
    describe_renstra,
    describe_trend,
    describe_vs_national,
)
from sakip.model.parsing import DirectionValue, GradeValue, NumberValue, RangeValue

PTK = "Persentase Penyerapan Tenaga Kerja"


def N(x):
    return NumberValue(D(x))


# --- describe_capaian ---------------------------------------------------------------------------

def test_capaian_above_target_seed():
    c = compute_capaian(N("93.75"), N("95.13"), "higher")
    text = describe_capaian(PTK, N("93.75"), N("95.13"), c, DEFAULT_SCALE.classify(c.value), "%")
    assert text == (f"Indikator {PTK} dengan target 93,75% terealisasi sebesar 95,13%, sehingga "
                    "capaian kinerjanya 101,47% dengan kriteria Sangat Baik; realisasi melampaui "
                    "target.")


def test_capaian_equal_grade():
    c = compute_capaian(GradeValue("A"), GradeValue("A"), "grade")
    text = describe_capaian("Hasil Penilaian AKIP", GradeValue("A"), GradeValue("A"), c,
                            DEFAULT_SCALE.classify(c.value), "Nilai")
    assert "target A terealisasi dengan nilai A" in text
    assert "100,00%" in text and "sesuai dengan target" in text


def test_capaian_below_target_and_decimal_inputs():
    c = compute_capaian(N("100"), N("80"), "higher")
    text = describe_capaian("X", D("100"), D("80"), c, DEFAULT_SCALE.classify(c.value), "%")
    assert "belum mencapai target" in text and "kriteria Baik" in text
    assert "melampaui" not in text


def test_capaian_equal_when_shown_equal():
    c = Capaian(D("99.996"), True, None, "ratio")
    assert "sesuai dengan target" in describe_capaian("X", N("1"), N("1"), c, "Sangat Baik")


def test_capaian_lower_is_better_above_target():
    c = compute_capaian(N("5"), N("4"), "lower")
    text = describe_capaian("Tingkat Pengangguran", N("5"), N("4"), c, "Sangat Baik", "%")
    assert "capaian kinerjanya 120,00%" in text and "melampaui target" in text


def test_capaian_not_measurable():
    c = compute_capaian(N("0"), N("4"), "higher")
    text = describe_capaian("X", N("0"), N("4"), c, DEFAULT_SCALE.classify(c.value), "%")
    assert text == "Capaian indikator X tidak dapat diukur (target 0); target 0%, realisasi 4%."
    missing = compute_capaian(N("5"), None, "higher")
    assert "tidak dapat diukur (realisasi belum tersedia)" in describe_capaian(
        "X", N("5"), None, missing, "Tidak Dapat Diukur")


# --- describe_vs_national -----------------------------------------------------------------------

def test_national_below_seed_never_says_reached():
    text = describe_vs_national(PTK, D("95.13"), D("97.68"), "higher", "%", 2024)
    assert "di bawah standar nasional" in text
    assert "sudah mencapai" not in text and "telah mencapai" not in text
    assert text == (f"Realisasi indikator {PTK} pada Tahun 2024 sebesar 95,13% berada di bawah "
                    "standar nasional sebesar 97,68%, sehingga belum memenuhi standar nasional.")


def test_national_above_and_equal():
    assert "berada di atas standar nasional" in describe_vs_national("X", D("98"), D("97.68"),
                                                                     "higher", "%")
    assert "sama dengan standar nasional" in describe_vs_national("X", D("97.68"), D("97.68"),
                                                                  "higher", "%")
    assert "sama dengan standar nasional" in describe_vs_national("X", D("5"), D("5"), "lower", "%")


def test_national_lower_is_better():
    better = describe_vs_national("Tingkat Pengangguran", D("4.87"), D("5.00"), "lower", "%")
    assert "4,87% lebih rendah dari standar nasional sebesar 5,00%" in better
    assert "makin rendah makin baik" in better and "berada di atas standar nasional" in better
    worse = describe_vs_national("Tingkat Pengangguran", D("5.2"), D("5.00"), "lower", "%")
    assert "lebih tinggi" in worse and "berada di bawah standar nasional" in worse


def test_national_grades_and_ranges():
    assert "di atas" in describe_vs_national("AKIP", GradeValue("A"), GradeValue("BB"), "grade")
    assert "di bawah" in describe_vs_national("AKIP", GradeValue("B"), GradeValue("BB"), "grade")
    text = describe_vs_national("X", D("5.9"), RangeValue(D("5.80"), D("6.00")), "higher")
    assert "sama dengan standar nasional sebesar 5,80\u20136,00" in text


def test_national_missing():
    assert "tidak dapat diukur" in describe_vs_national("X", D("95"), None, "higher")
    assert "standar nasional belum tersedia" in describe_vs_national("X", D("95"), None, "higher")
    assert "realisasi belum tersedia" in describe_vs_national("X", None, D("95"), "higher")
    assert "tidak sebanding" in describe_vs_national("X", GradeValue("A"), D("95"), "grade")


# --- describe_trend -----------------------------------------------------------------------------

def test_trend_down_seed():
    text = describe_trend(PTK, D("95.16"), D("95.13"), "higher", year_from=2023, year_to=2024,
                          unit="%")
    assert text == (f"Realisasi indikator {PTK} turun dari 95,16% pada Tahun 2023 menjadi 95,13% "
                    "pada Tahun 2024 (turun 0,03 poin); penurunan ini menunjukkan penurunan "
                    "kinerja.")


def test_trend_up_and_flat():
    up = describe_trend("X", D("94.84"), D("95.16"), "higher", unit="%")
    assert "naik dari 94,84% menjadi 95,16% (naik 0,32 poin)" in up and "perbaikan kinerja" in up
    flat = describe_trend("X", D("95.13"), D("95.13"), "higher", year_from=2023, year_to=2024,
                          unit="%")
    assert flat == "Realisasi indikator X tetap sebesar 95,13% pada Tahun 2023 dan Tahun 2024."
    assert describe_trend("X", D("1"), D("1"), "higher") == "Realisasi indikator X tetap sebesar 1."


def test_trend_units_other_than_percent():
    text = describe_trend("Bekerja", D("74137"), D("74085"), "higher", unit="orang")
    assert "(turun 52 orang)" in text


def test_trend_lower_is_better():
    better = describe_trend("Tingkat Pengangguran", D("4.87"), D("4.84"), "lower", unit="%")
    assert "turun" in better and "makin rendah makin baik" in better
    assert "perbaikan kinerja" in better
    worse = describe_trend("Tingkat Pengangguran", D("4.84"), D("4.87"), "lower", unit="%")
    assert "naik" in worse and "memburuk" in worse


def test_trend_grades():
    text = describe_trend("AKIP", GradeValue("BB"), GradeValue("A"), "grade", year_from=2023,
                          year_to=2024)
    assert text == ("Realisasi indikator AKIP naik dari BB pada Tahun 2023 menjadi A pada Tahun "
                    "2024; kenaikan ini menunjukkan perbaikan kinerja.")


def test_trend_missing():
    text = describe_trend("X", None, D("5"), "higher", year_from=2023, year_to=2024)
    assert text == ("Perkembangan realisasi indikator X tidak dapat diukur karena data Tahun "
                    "2023 belum tersedia.")
    assert "tidak sebanding" in describe_trend("X", GradeValue("A"), D("5"), "grade")
    assert "tidak dapat diukur" in describe_trend("X", DirectionValue("up"), D("5"), "higher")


# --- describe_renstra ---------------------------------------------------------------------------

def test_renstra_above_seed():
    c = renstra_capaian(D("95.13"), D("93.77"), "higher")
    text = describe_renstra(PTK, D("95.13"), D("93.77"), c, year=2024, end_year=2026, unit="%")
    assert text == (f"Realisasi indikator {PTK} Tahun 2024 sebesar 95,13% telah melampaui target "
                    "akhir Renstra (Tahun 2026) sebesar 93,77%, dengan persentase capaian 101,45%.")
    c2 = renstra_capaian(D("6"), D("3.35"), "higher")
    assert "179,10%" in describe_renstra("Nilai Produksi", D("6"), D("3.35"), c2, unit="%")


def test_renstra_equal_below_and_missing():
    eq = renstra_capaian(GradeValue("A"), GradeValue("A"), "grade")
    assert "telah mencapai target akhir Renstra" in describe_renstra(
        "AKIP", GradeValue("A"), GradeValue("A"), eq)
    below = renstra_capaian(D("80"), D("100"), "higher")
    assert "belum mencapai" in describe_renstra("X", D("80"), D("100"), below, unit="%")
    missing = renstra_capaian(D("80"), None, "higher")
    assert describe_renstra("X", D("80"), None, missing, end_year=2026) == (
        "Capaian indikator X terhadap target akhir Renstra (Tahun 2026) tidak dapat diukur "
        "(target belum ditetapkan).")


def test_renstra_with_projection():
    series = {2022: D(10), 2023: D(12), 2024: D(14)}
    c = renstra_capaian(D(14), D(20), "higher")
    reach = project(series, 2026, target_akhir=D(18))
    miss = project(series, 2026, target_akhir=D(20))
    text = describe_renstra("X", D(14), D(18), c, unit="%", projection=reach)
    assert "diproyeksikan sebesar 18,00%" in text and "diperkirakan tercapai" in text
    assert "diperkirakan belum tercapai" in describe_renstra("X", D(14), D(20), c, unit="%",
                                                             projection=miss)
