"""Exceptions raised by conflictscan.

Hierarchy::

    ConflictScanError
    ├── InputError(ValueError)       empty, binary, undecodable, oversize, missing column
    ├── ModelLoadError(OSError)      not found, offline, wrong architecture, bad checksum
    ├── LabelMappingError(ValueError) model labels are not NLI labels
    ├── PairLimitError(ValueError)   too many candidate pairs for the chosen strategy
    └── BatchError                   a batch run failed; carries the resume point
        └── OutputLockedError        another run is writing the same output; names it

Every class also subclasses a builtin, so ``except ValueError`` keeps working for callers
that do not know about conflictscan. Messages name the bad value, what was expected and
the fix.
"""

from __future__ import annotations


class ConflictScanError(Exception):
    """Base class of every error conflictscan raises on purpose."""


class InputError(ConflictScanError, ValueError):
    """Input text, file or table cannot be used as given."""


class ModelLoadError(ConflictScanError, OSError):
    """A model could not be found, downloaded, verified or loaded."""


class LabelMappingError(ConflictScanError, ValueError):
    """A model's output labels cannot be mapped to contradiction/entailment/neutral."""


class PairLimitError(ConflictScanError, ValueError):
    """Pairing would produce more candidate pairs than ``max_pairs`` allows."""


class BatchError(ConflictScanError, RuntimeError):
    """A batch run stopped; ``resume_from`` says where a re-run will pick up.

    Args:
        message: What went wrong.
        resume_from: Identifier of the first unfinished group, if known.
    """

    def __init__(self, message: str, *, resume_from: str | None = None) -> None:
        super().__init__(message)
        self.resume_from = resume_from


class OutputLockedError(BatchError):
    """Another batch run holds the output; ``holder`` names it (pid, host, start, command).

    Args:
        message: Who holds the output and what to do.
        holder: The holder's :class:`~conflictscan.batch._lock.LockHolder`, if recorded.
    """

    def __init__(self, message: str, *, holder: object = None) -> None:
        super().__init__(message)
        self.holder = holder
