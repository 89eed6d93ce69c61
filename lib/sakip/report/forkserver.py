"""What the batch's fork server does before it forks any worker: the warm-up.

The local pool (:mod:`sakip.report.batch`) starts its workers with multiprocessing's
``forkserver`` method and names this module as the server's preload
(``set_forkserver_preload``): the server imports it once, and so imports pandas, matplotlib,
IPython, papermill and the library's components and analyses and creates the shell
(:func:`sakip.report.engine.warm`) once for all workers of the process, instead of once per
worker (about 1,5 s of CPU each, docs/BENCHMARKS.md). Every worker is then a fork of a warm
process: it starts at once, and shares the server's memory until it writes to it (``gc.freeze``
keeps the garbage collector from touching what was imported, so those pages stay shared).

Importing this module is the warm-up, and silences the process and makes it ignore Ctrl-C (which
the terminal sends to the batch's whole process group; the batch decides when its processes
stop): it is meant for the fork server alone. What the warm-up prints (a first run building
matplotlib's font cache) goes nowhere, as in a worker; a warm-up that fails leaves each worker
to warm itself, where the failure is reported with its report.
"""

from __future__ import annotations

import logging
import signal

from sakip.report.lifetime import silence_output


def _warm() -> bool:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # before the long imports (see above)
    silence_output()
    try:
        from sakip.report import engine  # the point of this module

        engine.warm(freeze=True, rehearse=True)
    except Exception as exc:  # noqa: BLE001 - each worker then warms itself and reports it
        logging.getLogger(__name__).warning("fork server warm-up failed: %s", exc)
        return False
    return True


#: Whether the server is warm (a worker forked from it finds the engine warmed).
WARMED = _warm()
