"""The top-level :func:`generate_pemda` and the report of what it wrote."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from sakip.synthetic.agency import _agency, _catalog
from sakip.synthetic.common import (
    DEFAULT_AGENCIES,
    DEFAULT_OUT,
    DEFAULT_SEED,
    MANIFEST,
    _load_vocabulary,
)
from sakip.synthetic.mistakes import InjectedMistake, _inject, _manifest
from sakip.synthetic.write import _check_replaceable, _files_of, _publish, _readme


@dataclass
class GenerationReport:
    """What :func:`generate_pemda` wrote."""

    out_dir: Path
    seed: int
    inject: bool
    agencies: list[str] = field(default_factory=list)
    n_sasaran: int = 0
    n_indicators: int = 0
    polarity_counts: dict[str, int] = field(default_factory=dict)
    mistakes: list[InjectedMistake] = field(default_factory=list)
    files: int = 0
    bytes: int = 0

    def summary(self) -> str:
        pol = ", ".join(f"{k} {v}" for k, v in sorted(self.polarity_counts.items()))
        return (f"{len(self.agencies)} agencies, {self.n_sasaran} sasaran, {self.n_indicators} "
                f"indicators ({pol}), {len(self.mistakes)} injected mistakes; {self.files} files, "
                f"{self.bytes / 1024:.0f} KB in {self.out_dir}")


def generate_pemda(out_dir: Path | str = DEFAULT_OUT, seed: int = DEFAULT_SEED,
                   n_agencies: int = DEFAULT_AGENCIES, inject: bool = True) -> GenerationReport:
    """Write the synthetic pemda into ``out_dir`` (replacing an earlier generated one).

    The folder is built next to ``out_dir`` and moved into place at the end, so a failure never
    leaves half an output; an existing ``out_dir`` that was not made by this function is an
    error rather than something to delete.
    """
    out_dir = Path(out_dir)
    vocab = _load_vocabulary()
    catalog = _catalog(vocab, n_agencies)
    _check_replaceable(out_dir)
    rng = random.Random(f"{seed}:pemda")
    bupati = f"{rng.choice(vocab['first_names'])} {rng.choice(vocab['last_names'])}"
    agencies = [_agency(entry, vocab, seed, bupati) for entry in catalog]
    report = GenerationReport(out_dir=out_dir, seed=seed, inject=inject)
    if inject:
        report.mistakes = _inject(agencies, seed)
    report.agencies = [a.agency_id for a in agencies]
    report.n_sasaran = sum(len(a.tables["sasaran"]) for a in agencies)
    report.n_indicators = sum(len(a.indicators) for a in agencies)
    for a in agencies:
        for ind in a.indicators:
            report.polarity_counts[ind.polarity] = report.polarity_counts.get(ind.polarity, 0) + 1

    files: dict[str, str] = {}
    for data in agencies:
        for name, text in _files_of(data).items():
            files[f"{data.agency_id}/{name}"] = text
    files["README.md"] = _readme(report, n_agencies)
    if inject:
        files[MANIFEST] = _manifest(report)

    _publish(files, out_dir, report)
    return report
