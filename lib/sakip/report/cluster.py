"""The batch on a Dask distributed cluster: the same job function as the local pool, on workers
warmed the same way (docs/SCALE.md).

Each job renders one whole report on one worker, so an agency is still loaded once per report.
Workers need what a local worker has: sakip installed (the same version), the project's
notebooks, the agencies' input folders and the output folder at the same paths as this process
sees them (a shared file system), and the store for store reports. Run workers with one thread
each (``--nthreads 1``): a worker process executes one notebook at a time.

A task whose worker died is rendered again on the isolated path (a kernel per chapter) once;
Dask itself reschedules it first, as it does any task of a lost worker.
"""

from __future__ import annotations

import uuid
from typing import Callable, Optional

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from sakip.report.jobs import FAILED, Job, Outcome, Settings, render_job


class WarmWorker(WorkerPlugin):
    """Warm every worker once (imports, the shell) before its first report."""

    name = "sakip-warm"

    def __init__(self, isolated: bool = False) -> None:
        self.isolated = isolated

    def setup(self, worker) -> None:
        if not self.isolated:
            from sakip.report import engine  # in the worker's process, not the client's

            engine.warm(rehearse=True)


def render_task(job: Job, settings: Settings, fingerprint, isolated: bool) -> Outcome:
    outcome = render_job(job, settings, fingerprint, isolated=isolated)
    outcome.retried = isolated and not settings.isolated
    return outcome


def run_on_dask(todo, settings: Settings, scheduler, done: Callable[[int, Outcome], None],
                workers: int = 2) -> None:
    """Render the ``(index, job, fingerprint)`` items of ``todo`` on the cluster at ``scheduler``
    (an address or a ``distributed.Client``; None: a local cluster of ``workers`` processes),
    calling ``done(index, outcome)`` as each finishes."""
    cluster: Optional[LocalCluster] = None
    if isinstance(scheduler, Client):
        client, own = scheduler, False
    elif scheduler:
        client, own = Client(scheduler), True
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client, own = Client(cluster), True
    try:
        client.register_plugin(WarmWorker(settings.isolated))
        batch = uuid.uuid4().hex[:8]
        pending = {}
        for index, job, fingerprint in todo:
            future = client.submit(render_task, job, settings, fingerprint, settings.isolated,
                                   key=f"sakip-{batch}-{index}", pure=False)
            pending[future] = (index, job, fingerprint, settings.isolated)
        finished = as_completed(list(pending))
        for future in finished:
            index, job, fingerprint, isolated = pending.pop(future)
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker (KilledWorker) or the like
                if not isolated:
                    retry = client.submit(render_task, job, settings, fingerprint, True,
                                          key=f"sakip-{batch}-{index}-isolated", pure=False)
                    pending[retry] = (index, job, fingerprint, True)
                    finished.add(retry)
                    continue
                outcome = Outcome(job, FAILED, retried=True,
                                  message=f"{type(exc).__name__}: {exc}")
            done(index, outcome)
    finally:
        if own:
            client.close()
        if cluster is not None:
            cluster.close()
