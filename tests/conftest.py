"""Shared fixtures: no network, temp caches, a deterministic fake scorer and encoder."""

from __future__ import annotations

import os

# Must be set before anything imports huggingface_hub.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import re
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from conflictscan import PairScore

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
NLI_DATA_DIR = SHARED_DIR / "data" / "nli"


def shared_data_dir() -> Path:
    """The shared NLI data folder, or skip the calling test with a clear reason."""
    if not NLI_DATA_DIR.is_dir():
        pytest.skip(
            f"shared NLI data not found at {NLI_DATA_DIR} (only present in the dev/CI tree)"
        )
    return NLI_DATA_DIR


def feature_both_ways(a: str, b: str, name: str) -> set[float]:
    """A signals feature's values for two claims, read both ways round."""
    from conflictscan.signals import features

    return {features(x, y)[name] for x, y in ((a, b), (b, a))}


def evidence_both_ways(a: str, b: str, kind: str) -> set[bool]:
    """Whether two claims give evidence of ``kind``, read both ways round."""
    from conflictscan.signals import compare

    return {kind in {e.kind for e in compare(x, y)} for x, y in ((a, b), (b, a))}


@pytest.fixture
def nli_data_dir() -> Path:
    """Path to ``../shared/data/nli``; skips where it is absent."""
    return shared_data_dir()


@pytest.fixture(autouse=True)
def _isolated_caches(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every cache at a temp dir so tests never touch the user's caches."""
    cache = tmp_path_factory.getbasetemp() / "cache"
    monkeypatch.setenv("CONFLICTSCAN_CACHE", str(cache / "conflictscan"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


_NEGATIONS = re.compile(r"\b(not|no|never|denied|nobody|none|false)\b|n't\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - {"not", "no", "never", "the", "a", "an"}


class FakeScorer:
    """Deterministic stand-in for ``NLIScorer``.

    Two texts that share most content words contradict when exactly one of them is
    negated, entail when neither or both are, and are neutral otherwise.
    """

    model_id = "fake-nli"
    fingerprint = "fake-nli@1"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def score_pairs(
        self, pairs: Sequence[tuple[str, str]], *, show_progress: bool = False
    ) -> list[PairScore]:
        out = []
        for premise, hypothesis in pairs:
            self.calls.append((premise, hypothesis))
            wa, wb = _words(premise), _words(hypothesis)
            overlap = len(wa & wb) / max(1, min(len(wa), len(wb)))
            negated = bool(_NEGATIONS.search(premise)) != bool(_NEGATIONS.search(hypothesis))
            if overlap >= 0.6 and negated:
                probs = (0.9, 0.05, 0.05)
            elif overlap >= 0.6:
                probs = (0.05, 0.85, 0.10)
            else:
                probs = (0.05, 0.10, 0.85)
            out.append(PairScore(premise, hypothesis, *probs))
        return out


class FakeEncoder:
    """Deterministic bag-of-words encoder (hashed), rows L2-normalised."""

    dim = 256

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        mat = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _words(text):
                mat[row, zlib.crc32(word.encode()) % self.dim] += 1.0
        norms = np.linalg.norm(mat, axis=1, keepdims=True)
        return mat / np.maximum(norms, 1e-9)


@pytest.fixture
def fake_scorer() -> FakeScorer:
    """A fresh :class:`FakeScorer`."""
    return FakeScorer()


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    """A :class:`FakeEncoder`."""
    return FakeEncoder()


# Tiny local NLI models (tests/tiny_models.py), built once per test run.


@pytest.fixture(scope="session")
def tiny_model_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny random models saved with ``save_pretrained``; see ``tiny_models.build_tiny_model_set``.

    Keys: ``"cen"`` (random three-way NLI model), ``"cen_fixed"``, ``"enc_fixed"``,
    ``"upper_fixed"``, ``"spaced_fixed"``, ``"generic_fixed"`` (constant logits
    ``TINY_FIXED_BIAS`` under different label names/orders), ``"two_way"``, ``"encoder"``.
    Treat them as read-only; use ``tiny_nli_dir`` for a copy you may change.
    """
    from tiny_models import build_tiny_model_set

    return build_tiny_model_set(tmp_path_factory.mktemp("tiny_models"))


@pytest.fixture
def tiny_nli_dir(tiny_model_dirs: dict[str, Path], tmp_path: Path) -> Path:
    """A private copy of the tiny random three-way NLI model, safe to modify."""
    import shutil

    return Path(shutil.copytree(tiny_model_dirs["cen"], tmp_path / "tiny_nli"))


def run_python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (this one's) and return its stripped stdout."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()
