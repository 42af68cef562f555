"""Cache rows: keys, payloads and checksums, and the checks a row must pass when read."""

from __future__ import annotations

import hashlib
import math
import struct
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    pass

_SUM_TOLERANCE = 1e-3
_MAX_NORM = 1e3


def pair_key(fingerprint: str, premise: str, hypothesis: str) -> bytes:
    """SHA-256 digest identifying one scored pair for one scorer.

    Args:
        fingerprint: The scorer's ``fingerprint`` (model, revision, label mapping…).
        premise: Premise text, exactly as sent to the model.
        hypothesis: Hypothesis text, exactly as sent to the model.

    Returns:
        32 bytes; the three parts are length-prefixed so no two inputs collide by joining.
    """
    digest = hashlib.sha256()
    for part in (fingerprint, premise, hypothesis):
        raw = part.encode("utf-8")
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.digest()


def row_checksum(key: bytes, payload: bytes) -> bytes:
    """Checksum stored with each cache row: 16-byte BLAKE2b of its key and value bytes.

    Args:
        key: The row's key (:func:`pair_key`).
        payload: The value as bytes (:func:`score_payload`, or a vector's float32 bytes).

    Returns:
        16 bytes; any change to the key or value changes it.
    """
    return hashlib.blake2b(key + payload, digest_size=16).digest()


def score_payload(values: Sequence[float]) -> bytes:
    """Bytes of a stored score ``(contradiction, entailment, neutral, truncated)``."""
    c, e, n, truncated = values
    return struct.pack("<dddB", c, e, n, int(truncated))


def valid_probabilities(c: float, e: float, n: float) -> bool:
    """True when three probabilities are finite, in [0, 1] and sum to 1 (within 1e-3)."""
    probs = (c, e, n)
    return (
        all(isinstance(x, float) and math.isfinite(x) and -1e-6 <= x <= 1 + 1e-6 for x in probs)
        and abs(sum(probs) - 1.0) <= _SUM_TOLERANCE
    )


def valid_vector(vector: np.ndarray) -> bool:
    """True when an embedding is non-empty, finite and of norm at most 1000."""
    return bool(
        vector.size
        and np.isfinite(vector).all()
        and float(np.linalg.norm(vector.astype(np.float64))) <= _MAX_NORM
    )


def _checked_score(row: Sequence[Any]) -> tuple[float, float, float, int] | None:
    """A stored score row's values if its checksum and values hold, else None."""
    key, c, e, n, truncated, checksum = row
    values = (c, e, n, truncated)
    try:
        ok = bytes(checksum) == row_checksum(bytes(key), score_payload(values))
    except (struct.error, TypeError, ValueError):
        return None
    return values if ok and valid_probabilities(c, e, n) else None  # type: ignore[return-value]


def _checked_vector(row: Sequence[Any]) -> np.ndarray | None:
    key, blob, checksum = (bytes(x) if isinstance(x, bytes | memoryview) else x for x in row)
    if not isinstance(blob, bytes) or len(blob) % 4 or checksum != row_checksum(key, blob):
        return None
    vector = np.frombuffer(blob, dtype=np.float32)
    return vector if valid_vector(vector) else None
