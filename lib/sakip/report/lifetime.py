"""Processes that end with the command that started them.

A batch worker asks Linux to send it SIGTERM when its parent dies (``PR_SET_PDEATHSIG``), so a
``kill -9`` of ``sakip render --pemda`` leaves no worker behind; elsewhere it is a no-op and the
workers end when their pipe to the parent closes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> bool:
    """Ask the kernel to end this process when its parent ends; True when that is in force. If the
    parent is already gone (it died before the request), end now."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            return False
    except OSError:
        return False
    if os.getppid() != parent_pid:
        os._exit(1)  # the parent died between the fork and the request: nothing to work for
    return True
