"""One writer per batch output: an exclusive, crash-safe lock with a named holder.

Input: the path of a batch output. Output: a held :class:`OutputLock` for the whole run.

The lock is an OS file lock (``flock`` through the ``filelock`` library) on
``<out>.lock``: the kernel drops it when its process ends, however it ends, so a lock left
by a killed run is free at once and is simply taken over. Beside it, ``<out>.lock.json``
names the holder (pid, host, start time, command) so that a second run can say who holds
the output; it is removed on release, so finding one on acquiring means the previous run
was killed, which is logged.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from conflictscan._errors import InputError, OutputLockedError

logger = logging.getLogger(__name__)

_POLL_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds (or last held) an output.

    Args:
        pid: Process id.
        host: Host name.
        started: When the lock was taken (ISO 8601, local time with offset).
        command: The holder's command line.
    """

    pid: int
    host: str
    started: str
    command: str

    @classmethod
    def me(cls) -> LockHolder:
        """This process."""
        started = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
        return cls(os.getpid(), socket.gethostname(), started, " ".join(sys.argv)[:300])

    def describe(self) -> str:
        """``pid 123 on host, started 2025-01-01T10:00:00+00:00: conflictscan batch …``."""
        return f"pid {self.pid} on {self.host}, started {self.started}: {self.command}"


class OutputLock:
    """Exclusive lock on a batch output and its progress file, held for a whole run.

    Args:
        out: The output file the run writes.
        wait: ``False`` to fail at once when another run holds the output, ``True`` to
            wait for it without limit, or a number of seconds to wait at most.

    Raises:
        OutputLockedError: (on :meth:`acquire`) another run holds the output.
        InputError: (on :meth:`acquire`) the lock file cannot be created, e.g. the
            output folder is read-only.

    Example:
        >>> with OutputLock(Path("conflicts.jsonl")):
        ...     ...  # write conflicts.jsonl and conflicts.jsonl.progress.jsonl
    """

    def __init__(self, out: Path, *, wait: bool | float = False) -> None:
        from filelock import FileLock

        if isinstance(wait, bool):
            self.timeout = -1.0 if wait else 0.0
        elif isinstance(wait, int | float) and wait >= 0:
            self.timeout = float(wait)
        else:
            raise InputError(f"wait={wait!r} is not valid; expected True, False or seconds >= 0")
        self.path = out.with_name(out.name + ".lock")
        self.info = out.with_name(out.name + ".lock.json")
        self.out = out
        self._lock = FileLock(str(self.path))

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def acquire(self) -> OutputLock:
        """Take the lock (waiting as configured); returns ``self``."""
        if not self._try(0.0):
            holder = read_holder(self.info)
            if self.timeout == 0:
                raise self._locked(holder)
            logger.warning("waiting for %s to finish with %s", _who(holder), self.out)
            if not self._try(self.timeout):
                raise self._locked(read_holder(self.info), waited=self.timeout)
        previous = read_holder(self.info)
        if previous is not None:
            logger.warning(
                "taking over %s from a run that ended without releasing it (%s)",
                self.out,
                previous.describe(),
            )
        self._write_info()
        return self

    def release(self) -> None:
        """Remove the holder file and release the lock (a no-op when not held)."""
        if self._lock.is_locked:
            self.info.unlink(missing_ok=True)
            self._lock.release()

    def _try(self, timeout: float) -> bool:
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=timeout, poll_interval=_POLL_SECONDS)
        except Timeout:
            return False
        except OSError as exc:
            raise InputError(
                f"cannot create the lock file {str(self.path)!r} beside the output "
                f"({exc.strerror or exc}); the folder must be writable. Choose another "
                "output location (out= / --out)"
            ) from exc
        return True

    def _write_info(self) -> None:
        tmp = self.info.with_name(self.info.name + ".tmp")
        try:
            tmp.write_text(json.dumps(asdict(LockHolder.me())), encoding="utf-8")
            os.replace(tmp, self.info)
        except OSError as exc:
            self._lock.release()
            raise InputError(
                f"cannot write {str(self.info)!r} ({exc.strerror or exc}); the output folder "
                "must be writable. Choose another output location (out= / --out)"
            ) from exc

    def _locked(self, holder: LockHolder | None, waited: float = 0.0) -> OutputLockedError:
        after = f" after waiting {waited:g} s" if waited else ""
        return OutputLockedError(
            f"output {str(self.out)!r} is being written by another conflictscan run "
            f"({_who(holder)}){after}; wait for it to finish, pass wait=True (--wait) to "
            "queue behind it, or choose another output",
            holder=holder,
        )


def _who(holder: LockHolder | None) -> str:
    return holder.describe() if holder is not None else "holder not recorded yet"


def read_holder(path: Path) -> LockHolder | None:
    """The holder recorded in a ``.lock.json`` file, or None when absent or unreadable."""
    for _ in range(3):  # the file is replaced atomically; a read can race a first write
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
            return LockHolder(
                int(data["pid"]), str(data["host"]), str(data["started"]), str(data["command"])
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            time.sleep(0.05)
    return None
