"""Split news text into sentences with exact character offsets.

Input: ``str`` (the document text, never altered). Output: ``list[Sentence]`` with
``text[s.start:s.end] == s.text`` for every sentence.

Pipeline (:func:`split_sentences`):

1. **Blocks.** Blank lines always end a sentence. A single line break ends one too
   (headlines, bylines, list items), unless the next line continues the sentence: it
   starts with a lowercase letter, or the line ends with ``,``, ``;``, ``(`` or a hyphen
   (hard-wrapped text). A list marker at the start of a line (``-``, ``*``, ``•``,
   ``1.``, ``2)``) starts a new sentence and is left out of the span.
2. **Core segmenter** on each block, seeing its inner line breaks as spaces. The default
   is ``"sentencex"`` (chosen by ``benchmarks/bench_segmenters.py``: as accurate as pysbd
   once these rules are added, linear-time and about 20 times faster); ``"pysbd"`` or any
   callable ``text -> [(start, end), ...]`` can replace it. Blocks longer than
   ``_CHUNK_CHARS`` are segmented window by window, so cost stays linear.
3. **Post-rules.** Spans are stripped of surrounding whitespace; a closing parenthesis
   after terminal punctuation ends a sentence when a capital follows; a span that ends in an
   abbreviation that never ends a sentence (``Dr.``, ``Gen.``, ``No.``, ``approx.``, a
   month before a number…) is merged with the next one.
4. **Filter.** ``keep`` (default :func:`is_statement`) drops boilerplate; ``Sentence.index``
   counts the kept sentences.

Also :func:`read_text`, which turns a file into text or raises a one-line
:class:`~conflictscan.InputError`.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from conflictscan._config import DEFAULT_MAX_CHARS
from conflictscan._errors import InputError
from conflictscan._types import Sentence

__all__ = ["MAX_CHARS", "SEGMENTERS", "is_statement", "read_text", "split_sentences"]

MAX_CHARS = DEFAULT_MAX_CHARS
"""Largest text :func:`split_sentences` accepts (about 300,000 words); raise it if needed."""

Span = tuple[int, int]
SegmentFn = Callable[[str], Iterable[Span]]

_CHUNK_CHARS = 5_000
_INVISIBLE = "\ufeff\u200b\u2060"
_LINE = re.compile(r"[^\r\n]+")
_LIST_MARKER = re.compile(r"(?:[-*•▪◦]|\d{1,2}[.)])[ \t]+(?=\S)")
_CONTINUES = re.compile(r"[,;(\-]\s*$")
_NEVER_FINAL = re.compile(
    r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Maj|Capt|Sgt|Cpl|Adm|Cmdr|Sen|Rep|Gov|Rev"
    r"|Hon|St|Mt|Ft|No|Nos|approx|vs|e\.g|i\.e|cf|Dept|Univ)\.$"
)
_PAREN_END = re.compile(r"[.!?][\"”’']?\)(?=\s+[\"“‘(]?[A-Z])")
_QUOTE_AFTER_ABBREVIATION = re.compile(r"(?<=[a-z]\.)(?=\s+[\"“][A-Z])")
"""A quotation opening after a word ending in a full stop ("by 3 a.m. \"Everyone is
safe,\" she said"): the core segmenter reads "a.m." as an abbreviation and runs on."""
_MONTH_BEFORE_NUMBER = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.$")


def _sentencex_segmenter() -> SegmentFn:
    import sentencex

    def segment(text: str) -> list[Span]:
        found = sentencex.get_sentence_boundaries("en", text)
        return [(b["start_index"], b["end_index"]) for b in found]

    return segment


def _pysbd_segmenter() -> SegmentFn:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return lambda text: _locate(text, segmenter.segment(text))


SEGMENTERS: dict[str, Callable[[], SegmentFn]] = {
    "sentencex": _sentencex_segmenter,
    "pysbd": _pysbd_segmenter,
}
"""Named core segmenters: name -> factory returning ``text -> [(start, end), ...]``."""


def _locate(text: str, pieces: Iterable[str]) -> list[Span]:
    """Offsets of segmenter output strings, searched in order from a moving cursor."""
    spans: list[Span] = []
    cursor = 0
    for piece in pieces:
        body = piece.strip()
        start = text.find(body, cursor) if body else -1
        if start >= 0:
            spans.append((start, start + len(body)))
            cursor = start + len(body)
    return spans


@lru_cache(maxsize=8)
def _named_segmenter(name: str) -> SegmentFn:
    return SEGMENTERS[name]()


def _resolve_segmenter(segmenter: str | SegmentFn) -> SegmentFn:
    if callable(segmenter):
        return segmenter
    if segmenter not in SEGMENTERS:
        raise InputError(
            f"unknown segmenter {segmenter!r}; expected one of {sorted(SEGMENTERS)} "
            "or a callable text -> [(start, end), ...]"
        )
    return _named_segmenter(segmenter)


def _check_text(text: object, max_chars: int | None = None) -> str:
    limit = MAX_CHARS if max_chars is None else max_chars
    if not isinstance(text, str):
        raise InputError(
            f"text must be str, got {type(text).__name__}; decode bytes first "
            "(conflictscan.text.read_text does this for files)"
        )
    if len(text) > limit:
        raise InputError(
            f"text has {len(text):,} characters, more than max_chars={limit:,}; split it "
            "into several documents (one per article or chapter) or raise the limit with "
            "max_chars= (--max-chars on the command line)"
        )
    return text


def _line_breaks(gap: str) -> int:
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n")


def _starts_new_sentence(text: str, prev: Span, line: Span) -> bool:
    if _line_breaks(text[prev[1] : line[0]]) > 1 or _LIST_MARKER.match(text, line[0]):
        return True
    first = text[line[0]]
    return not (first.islower() or _CONTINUES.search(text, prev[0], prev[1]))


def _blocks(text: str) -> Iterator[Span]:
    """Runs of lines that may hold one sentence across a line break (step 1)."""
    block: Span | None = None
    prev: Span | None = None
    for match in _LINE.finditer(text):
        line = _bounds(text, match.start(), match.end())
        if line[0] == line[1]:
            continue
        if block is not None and prev is not None and _starts_new_sentence(text, prev, line):
            yield block
            block = None
        block = line if block is None else (block[0], line[1])
        prev = line
    if block is not None:
        yield block


def _run_segmenter(view: str, segment: SegmentFn) -> Iterator[Span]:
    """Segment ``view`` window by window so a superlinear segmenter stays linear.

    Each window's last sentence may be cut off, so the next window starts where it began;
    a window holding a single sentence is cut at its last space instead.
    """
    start = 0
    while len(view) - start > _CHUNK_CHARS:
        window = view[start : start + _CHUNK_CHARS]
        found = [span for span in segment(window) if window[span[0] : span[1]].strip()]
        if len(found) > 1 and found[-1][0] > 0:
            cut = found[-1][0]
            yield from ((start + s, start + e) for s, e in found[:-1])
        else:
            cut = window.rfind(" ") + 1 or len(window)
            yield start, start + cut
        start += cut
    yield from ((start + s, start + e) for s, e in segment(view[start:]))


def _segment_block(text: str, block: Span, segment: SegmentFn) -> list[Span]:
    start, end = block
    marker = _LIST_MARKER.match(text, start)
    if marker:
        start = marker.end()
    view = re.sub(r"[\r\n]", " ", text[start:end])
    spans = [(start + s, start + e) for s, e in _run_segmenter(view, segment)]
    return _merge_abbreviations(text, _split_after_parentheses(text, _trim(text, spans)))


def _bounds(text: str, start: int, end: int) -> Span:
    """``(start, end)`` moved inwards past whitespace, byte-order marks and zero-width spaces."""
    while start < end and (text[start].isspace() or text[start] in _INVISIBLE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _INVISIBLE):
        end -= 1
    return start, end


def _trim(text: str, spans: Iterable[Span]) -> list[Span]:
    trimmed = (_bounds(text, start, end) for start, end in spans)
    return [(start, end) for start, end in trimmed if start < end]


def _split_after_parentheses(text: str, spans: list[Span]) -> list[Span]:
    """Split after a closing parenthesis that follows terminal punctuation, and before a
    quotation that opens after an abbreviation's full stop (step 3)."""
    out: list[Span] = []
    for start, end in spans:
        cuts = [m.end() for m in _PAREN_END.finditer(text, start, end)]
        cuts += [
            m.start()
            for m in _QUOTE_AFTER_ABBREVIATION.finditer(text, start, end)
            if not _NEVER_FINAL.search(text[max(start, m.start() - 12) : m.start()])
        ]
        cuts = sorted(set(cuts))
        out += _trim(text, zip([start, *cuts], [*cuts, end], strict=True))
    return out


def _merge_abbreviations(text: str, spans: list[Span]) -> list[Span]:
    """Join a span ending in a never-final abbreviation to the next one (step 3)."""
    merged: list[Span] = []
    for span in spans:
        if merged and _ends_mid_sentence(text, merged[-1], span):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def _ends_mid_sentence(text: str, prev: Span, nxt: Span) -> bool:
    tail = text[max(prev[0], prev[1] - 12) : prev[1]]
    if _NEVER_FINAL.search(tail):
        return True
    return bool(_MONTH_BEFORE_NUMBER.search(tail)) and text[nxt[0]].isdigit()


# --------------------------------------------------------------------------- is_statement

# A sentence that only asks an open question asserts neither side of it ("Reports conflict
# on whether the president will resign"), so it cannot conflict with either side.
_OPEN_QUESTION = re.compile(
    r"^(?:[^.;]{0,60}?\b(?:reports?|accounts?|versions?|sources?|officials?)\s+"
    r"(?:conflict(?:ed|ing)?|differ(?:ed)?|diverge[ds]?|disagree[ds]?|vary|varied)\b"
    r"|(?:it\s+(?:is|was|remains|remained)\s+)?(?:still\s+)?"
    r"(?:unclear|uncertain|not\s+(?:yet\s+)?(?:clear|known))\b"
    r"|questions?\s+(?:remain|remained|persist|persisted|linger|lingered)\b)"
    r"[^.;]{0,40}?\b(?:whether|if|how|when|who|what|why)\b",
    re.IGNORECASE,
)

_THEN_ASSERTS = re.compile(r"[,;]\s+but\s+\w", re.IGNORECASE)
"""An open question that goes on to assert ("It is unclear who fired first, but 12 people
were killed") is kept."""

_BOILERPLATE: dict[str, re.Pattern[str]] = {
    "archive or partner notice": re.compile(
        r"\b(?:this (?:article|story|piece|report) (?:is|was) (?:from|originally|first)"
        r"|from the archives? of our partner)",
        re.IGNORECASE,
    ),
    "byline": re.compile(
        r"^[Bb]y\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
        r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*"
        r"(?:\s*[,|–—-]\s*[A-Z][\w]*(?:\s+[A-Za-z]+){0,3})?$",
    ),
    "reporting/editing credit": re.compile(
        r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|research|graphics"
        r"|produced|translated) by\b",
        re.IGNORECASE,
    ),
    "photo credit": re.compile(
        r"^\(?(?:photo(?:graph)?s?|image|picture|video|illustration|(?:photo )?credit)"
        r"\s*(?::|by\b)|\b(?:AP|AFP|Wire|Reuters) Photo\b|/Getty Images\b",
        re.IGNORECASE,
    ),
    "read-more link": re.compile(
        r"^(?:read more|read the full story|related|see also|more on this|watch|listen)"
        r"(?:\s*[:»>|–—-]|\s+(?:at|on|here)\b)",
        re.IGNORECASE,
    ),
    "sign-up prompt": re.compile(
        r"^(?:sign up|subscribe|follow us|click here|share this|download (?:our|the) app"
        r"|register (?:now|for))\b",
        re.IGNORECASE,
    ),
    "copyright line": re.compile(r"©|\(c\)\s*\d{4}|^copyright\b|all rights reserved", re.I),
    "timestamp line": re.compile(
        r"^(?:updated|published|posted|last (?:updated|modified)|first published)"
        r"(?:\s*:|\s+(?:on|at)\b|\s+\d)[\w ,./:-]{0,40}$",
        re.IGNORECASE,
    ),
    "advertisement marker": re.compile(
        r"^(?:advertisement|story continues below(?: advertisement)?|skip advertisement)$",
        re.IGNORECASE,
    ),
    "dateline alone": re.compile(
        r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}"
        r"(?=,|\s*\(|\s*[-–—]$)(?:,\s*[\w.]+(?:\s+[\w.,]+){0,3})?(?:\s*\([^()]{1,40}\))?"
        r"\s*[-–—:]?$"
    ),
}
_SECTION_WORD = re.compile(
    r"\b(?:NEWS|WORLD|BUSINESS|SPORTS?|OPINION|ANALYSIS|EDITORIAL|MARKETS|POLITICS|BREAKING"
    r"|UPDATE|LIVE|LATEST|EXCLUSIVE|FEATURES?|COMMENT|BRIEF(?:ING|S)?|LOCAL|NATIONAL"
    r"|INTERNATIONAL|ECONOMY|TECHNOLOGY|HEALTH|SCIENCE|CULTURE|SPONSORED|TOPICS)\b"
)
_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*")
MIN_WORDS = 4
"""Sentences with fewer words than this are dropped by :func:`is_statement`, unless they
read as a short sentence (:func:`_is_short_sentence`)."""
_SHORT_END = re.compile(r"[.!][\"'’”)]*$")


def _is_short_sentence(text: str, words: list[str]) -> bool:
    """A claim of two or three words written as a sentence: "Prices rose.", "He pleaded
    guilty.", "Nobody was injured." It starts with a capital or a digit, ends with a full
    stop or an exclamation mark, and has a lower-case word after the first, so labels and
    credits ("Key points:", "Getty Images.", "Photo: AP.") are not taken for one."""
    if len(words) < 2 or not _SHORT_END.search(text) or any(c in text for c in ":/|"):
        return False
    first = text.lstrip("\"'‘“(")[:1]
    return (first.isupper() or first.isdigit()) and any(w[:1].islower() for w in words[1:])


def _is_section_label(text: str, words: list[str]) -> bool:
    if any(c.islower() for c in text) or len(words) > 6:
        return False
    return bool(_SECTION_WORD.search(text))


def is_statement(text: str) -> bool:
    """Default ``keep`` filter: is this sentence a claim rather than page furniture?

    Headlines are kept (they carry claims). Dropped:

    * archive/partner notices ("This article is from the archive of our partner …");
    * bylines ("By Jane Doe", "By Jane Doe and Ed Roe, Staff Writers") and credits
      ("Reporting by …; Editing by …");
    * photo credits ("Photo: Lena Vos/Wire", "(AP Photo/…)", "…/Getty Images");
    * links and prompts ("Read more: …", "Related: …", "Sign up for …", "Subscribe …");
    * copyright lines ("©", "(c) 2024", "Copyright …", "All rights reserved");
    * timestamp lines ("Updated: Oct. 5, 2024"), advertisement markers;
    * datelines standing alone ("VELDHAVEN, Oct. 3 (Wire)");
    * all-caps section labels ("WORLD NEWS IN BRIEF");
    * fragments with fewer than :data:`MIN_WORDS` words, unless written as a sentence
      ("Prices rose.", "He pleaded guilty."), and lines with no letters at all;
    * open questions that assert neither side ("Reports conflict on whether …", "It is
      unclear whether …", "Questions remain over how …"), unless they go on to assert
      something (", but at least 12 people were killed").

    Pass your own predicate as ``split_sentences(..., keep=...)`` or ``keep=None``.

    Args:
        text: One sentence.

    Returns:
        ``True`` to keep the sentence.
    """
    stripped = text.strip()
    words = _WORD.findall(stripped)
    if not any(c.isalpha() for c in stripped):
        return False
    if len(words) < MIN_WORDS and not _is_short_sentence(stripped, words):
        return False
    if _is_section_label(stripped, words):
        return False
    if _OPEN_QUESTION.search(stripped) and not _THEN_ASSERTS.search(stripped):
        return False
    return not any(pattern.search(stripped) for pattern in _BOILERPLATE.values())


def split_sentences(
    text: str,
    *,
    doc_id: str | None = None,
    source: str | None = None,
    speaker: str | None = None,
    keep: Callable[[str], bool] | None = is_statement,
    segmenter: str | SegmentFn = "sentencex",
    max_chars: int | None = None,
) -> list[Sentence]:
    """Split news text into sentences with exact offsets.

    Args:
        text: The document text; it is never altered.
        doc_id: Copied onto every sentence.
        source: Copied onto every sentence.
        speaker: Default speaker copied onto every sentence.
        keep: Predicate on the sentence text; sentences it rejects are dropped. Defaults
            to :func:`is_statement` (boilerplate filter); pass ``None`` to keep everything.
        segmenter: A name in :data:`SEGMENTERS` or a callable ``text -> [(start, end)]``
            used on each block.
        max_chars: Longest text accepted; default :data:`MAX_CHARS`.

    Returns:
        Kept sentences in document order; ``index`` counts kept sentences from 0.

    Raises:
        InputError: ``text`` is not a ``str``, is longer than :data:`MAX_CHARS`, or
            ``segmenter`` is an unknown name.

    Example:
        >>> text = 'Gen. Tarn left the U.S. on Oct. 3. "We won the vote," she said.'
        >>> [s.text for s in split_sentences(text)]
        ['Gen. Tarn left the U.S. on Oct. 3.', '"We won the vote," she said.']
    """
    segment = _resolve_segmenter(segmenter)
    sentences: list[Sentence] = []
    for block in _blocks(_check_text(text, max_chars)):
        for start, end in _segment_block(text, block, segment):
            piece = text[start:end]
            if keep is None or keep(piece):
                sentences.append(
                    Sentence(piece, start, end, doc_id, len(sentences), speaker, source)
                )
    return sentences


# --------------------------------------------------------------------------- read_text

_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_CONTROL_LIMIT = 0.1
_SNIFF_BYTES = 65_536


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file; check the path") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory; pass a text file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check permissions") from exc


def _check_not_binary(data: bytes, name: str) -> None:
    nul = data.find(b"\x00", 0, _SNIFF_BYTES)
    if nul >= 0:
        raise InputError(
            f"{name}: looks binary (NUL byte at offset {nul}); extract its text first "
            "(e.g. pdftotext for PDF) or save it as UTF-8 plain text"
        )
    head = data[:_SNIFF_BYTES]
    controls = sum(1 for b in head if (b < 32 or b == 127) and b not in _TEXT_CONTROLS)
    if controls > _CONTROL_LIMIT * len(head):
        raise InputError(
            f"{name}: looks binary ({controls} control bytes in the first {len(head)}); "
            "extract its text first or save it as UTF-8 plain text"
        )


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        _check_not_binary(data, name)
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"{name}: not valid {encoding.upper().replace('-SIG', '')} (byte 0x{bad} at offset "
            f"{exc.start}); convert it to UTF-8, e.g. iconv -f cp1252 -t utf-8 IN > OUT"
        ) from exc


def read_text(source: str | os.PathLike[str] | bytes) -> str:
    """Read a text file (or raw bytes) as UTF-8, refusing what is not usable text.

    UTF-8 with or without a byte-order mark is read; UTF-16 is read when it starts with
    its byte-order mark. Line endings and all other characters are kept as they are, so
    offsets from :func:`split_sentences` point into exactly what this returns.

    Args:
        source: A path (``str`` or path-like) or the file's bytes.

    Returns:
        The decoded text.

    Raises:
        InputError: The file is missing or unreadable, empty (or only whitespace),
            binary (NUL bytes or many control bytes), or not valid UTF-8; the message
            says how to fix it.
    """
    if isinstance(source, bytes | bytearray):
        data, name = bytes(source), "input bytes"
    else:
        path = Path(source)
        data, name = _read_bytes(path), str(path)
    text = _decode(data, name)
    if not text.strip():
        raise InputError(f"{name}: is empty (no text to scan); pass a file with text in it")
    return text


def __getattr__(name: str) -> Any:
    if name == "is_claim":
        warnings.warn(
            "is_claim is deprecated and will be removed in 0.3; use "
            "conflictscan.text.is_statement (the same boilerplate filter)",
            DeprecationWarning,
            stacklevel=2,
        )
        return is_statement
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
