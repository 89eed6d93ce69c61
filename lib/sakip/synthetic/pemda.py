"""The top-level :func:`generate_pemda` (what it wrote: ``common.GenerationReport``)."""

from __future__ import annotations

import random
from pathlib import Path

from sakip.synthetic.agency import agency_catalog, generate_agency
from sakip.synthetic.common import (
    DEFAULT_AGENCIES,
    DEFAULT_OUT,
    DEFAULT_SEED,
    MANIFEST,
    GenerationReport,
    load_vocabulary,
)
from sakip.synthetic.mistakes import inject_mistakes, manifest_text
from sakip.synthetic.monitoring import (
    SITUATIONS_MANIFEST,
    add_monitoring_year,
    inject_quarter_mistakes,
    readme_section,
    situations_text,
)
from sakip.synthetic.write import agency_files, check_replaceable, publish_folder, readme_text


def generate_pemda(out_dir: Path | str = DEFAULT_OUT, seed: int = DEFAULT_SEED,
                   n_agencies: int = DEFAULT_AGENCIES, inject: bool = True,
                   monitoring: bool = True) -> GenerationReport:
    """Write the synthetic pemda into ``out_dir`` (replacing an earlier generated one).

    ``monitoring`` adds the monitoring year (:mod:`sakip.synthetic.monitoring`): rows appended
    after the earlier years' and new files, so every file written without it is a byte prefix of
    the same file written with it.

    The folder is built next to ``out_dir`` and moved into place at the end, so a failure never
    leaves half an output; an existing ``out_dir`` that was not made by this function is an
    error rather than something to delete.
    """
    out_dir = Path(out_dir)
    vocab = load_vocabulary()
    catalog = agency_catalog(vocab, n_agencies)
    check_replaceable(out_dir)
    rng = random.Random(f"{seed}:pemda")
    bupati = f"{rng.choice(vocab['first_names'])} {rng.choice(vocab['last_names'])}"
    agencies = [generate_agency(entry, vocab, seed, bupati) for entry in catalog]
    report = GenerationReport(out_dir=out_dir, seed=seed, inject=inject)
    if inject:
        report.mistakes = inject_mistakes(agencies, seed)
    monitoring_report = None
    if monitoring:  # after the mistakes of the earlier years: their rows and draws stay the same
        monitoring_report = add_monitoring_year(agencies, seed)
        if inject:
            inject_quarter_mistakes(agencies, monitoring_report, seed)
        report.situations = [s.as_dict() for s in monitoring_report.situations]
        report.quarter_mistakes = list(monitoring_report.mistakes)
    report.agencies = [a.agency_id for a in agencies]
    report.n_sasaran = sum(len(a.tables["sasaran"]) for a in agencies)
    report.n_indicators = sum(len(a.indicators) for a in agencies)
    for a in agencies:
        for ind in a.indicators:
            report.polarity_counts[ind.polarity] = report.polarity_counts.get(ind.polarity, 0) + 1

    files: dict[str, str] = {}
    for data in agencies:
        for name, text in agency_files(data).items():
            files[f"{data.agency_id}/{name}"] = text
    files["README.md"] = readme_text(report, n_agencies)
    if inject:
        files[MANIFEST] = manifest_text(report)
    if monitoring_report is not None:
        files["README.md"] += readme_section(monitoring_report)
        files[SITUATIONS_MANIFEST] = situations_text(monitoring_report, seed)

    publish_folder(files, out_dir, report)
    return report
