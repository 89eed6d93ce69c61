"""Worker processes: they end with the command that started them, and write nothing on its
terminal.

A batch worker asks Linux to send it SIGTERM when its parent dies (``PR_SET_PDEATHSIG``), so a
``kill -9`` of ``sakip render --pemda`` leaves no worker behind. A worker forked by the batch's
fork server watches the batch's process itself (the server lives on while any worker it forked
does), on every platform. An idle worker also ends when its pipe to the batch closes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import multiprocessing.connection
import os
import select
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1


def die_with_parent(batch_pid: int) -> bool:
    """Ask the kernel to end this process when its parent ends; True when that is in force. If the
    parent changed or the batch's process is gone before the request took effect, end now: there
    is nothing to work for.

    ``batch_pid`` is the batch's process: the parent itself, or, for a worker forked by the
    batch's fork server, that server's client. Such a worker also watches the batch's process
    itself (:func:`watch`): the server outlives the batch while any worker it forked lives."""
    parent = os.getppid()
    if parent != batch_pid:
        watch(batch_pid)
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            return False
    except OSError:
        return False
    if os.getppid() != parent or not _alive(batch_pid):
        os._exit(1)
    return True


def watch(pid: int) -> threading.Thread:
    """End this process (SIGTERM) when process ``pid`` ends: a daemon thread waits for it. When
    ``pid`` is the parent process multiprocessing started this one for (a worker forked by the
    fork server included), on multiprocessing's sentinel of it, which becomes readable when it
    ends, on every platform; else on a pidfd where there is one (Linux 5.3+), else by looking
    every second."""
    parent = multiprocessing.parent_process()
    sentinel = parent.sentinel if parent is not None and parent.pid == pid else None

    def wait() -> None:
        try:
            waited = sentinel is not None and bool(multiprocessing.connection.wait([sentinel]))
        except (OSError, ValueError):  # a sentinel that cannot be waited on: the pid instead
            waited = False
        if not waited:
            _wait_for(pid)
        os.kill(os.getpid(), signal.SIGTERM)

    thread = threading.Thread(target=wait, name="sakip-lifeline", daemon=True)
    thread.start()
    return thread


def _wait_for(pid: int) -> None:
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])
        return
    while _alive(pid):
        time.sleep(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, as another user's process
        return True
    return True


def silence_output() -> None:
    """Send this process's standard output and error, at the descriptor level, nowhere: a worker
    writes nothing on the terminal the batch's progress bar is on (what libraries print at
    start-up); errors of a report come back as its outcome."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
