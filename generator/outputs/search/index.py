"""The search index, written into site/search-index/ at `mkdocs build`.

What a browser downloads is what is on disk, whatever the web server does: JSON files are
stored gzip-compressed (`<name>.json.gz`; the client decompresses them, or reads plain JSON if the
server already decoded them), text chunks are raw deflate streams against a shared dictionary.

    docs.json        the document table: one row per case or meeting page (title, number,
                     council, 年度, kind, categories, departments, outcome, date, url), its
                     length and its first text chunk — loaded once, for ranking, facets, display
    dir.json         the first token of every lexicon shard (binary-searched by the client)
    p/<n>.json       lexicon shard: token → its postings [chunk gap, count, …] when short, or
                     {"n": entries, "q": list number} when long, or {"n": entries} for a
                     trigram in more than TRIGRAM_NARROWS of its rarer bigram's chunks
    q/<i>.json       a long postings list, whole (chunk order)
    q/<i>h.json      its head, for lists longer than HEAD_FROM: the HEAD_ENTRIES pages where the
                     token weighs most, [chunk, page's count, …] — the first results of a common word
    dict.txt         the deflate dictionary of the text chunks (≤ 32 KB of the most repeated
                     lines and unit headers; loaded with the first chunk)
    t/<k>.bin        text chunk k: the JSON [[anchor, label, text], …] — the words as the page
                     shows them — deflated with dict.txt as preset dictionary. A unit of the
                     page's metadata is [anchor, label, text, 1]; a speaker turn is [anchor,
                     speaker as shown, text, 2, label as the minutes write it] (extract.py), and
                     a turn's two speaker strings are tokens of its chunk like its text

Tokens are the normalised text's character bigrams (normalize.py), a block's last character
paired with "\\n", every run of digits with its neighbours (第120号), and every trigram without
digits whose two bigrams are common (in more chunks than docs.json's "trigrams"); so every substring of
two or more characters is found through its bigrams (and the numbers inside it, which narrow
what bigrams of digits cannot) and a single character through the tokens it starts. Postings point at chunks (≈CHUNK_CHARS
characters of one page); the client confirms every match on the chunk's text, so a hit is
always an exact substring and the bigrams never decide alone.

The dictionary: each chunk compressed alone would lose what chunks share (standard clauses,
headings, the JSON around them); a preset dictionary gives that back while each chunk stays a
file of its own. The client inflates `stored block(dictionary) + chunk` and drops the
dictionary's bytes (engine.js), so any deflate decoder will do (DecompressionStream, zlib).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import zlib
from array import array
from collections import Counter
from collections.abc import Iterator
from itertools import chain
from operator import add, sub
from pathlib import Path

from .extract import META, TURN, Document, Unit
from .normalize import HARD_BREAK, normalize

CHUNK_CHARS = 2000
SHARD_BYTES = 6000
INLINE_ENTRIES = 200    # a longer postings list gets a file of its own
HEAD_FROM = 2048        # … and a head of HEAD_ENTRIES when longer than this
HEAD_ENTRIES = 256
TRIGRAM_NARROWS = 0.5   # a trigram's list is kept when at most this share of its rarer bigram's
COMMON_SHARE = 1 / 32   # a bigram is common (its trigrams are indexed) in more than this share of
                        # all chunks, and never with a list short enough to sit in the lexicon:
                        # 200 chunks of tier M's 5,886; on a larger archive the share keeps the
                        # trigrams to the same proportion of the text
DICTIONARY_BYTES = 32 * 1024 - 64
DICTIONARY_SAMPLE = 1500  # documents the dictionary is learnt from (spread over the archive)
FORMAT = 4  # 3: trigram tokens where both bigrams are common; 4: unit kinds, speakers, iso, bases
# Compression levels, measured on tier M (13.6 MB of index; CPU seconds for all its files):
#   JSON files (gzip)  level 9: 6.09 MB 5.4 s, 7: +0.65 % 1.9 s, 6: +1.2 % 1.4 s
#   text chunks        level 9: 7.48 MB 3.1 s, 8: same bytes 3.0 s, 7: +0.35 % 2.4 s
# Level 7 for JSON saves 3.6 s of a build for 40 KB (0.3 % of the index); the text chunks are what
# confirming reads most, and 9 costs little more there, so they stay at 9.
JSON_LEVEL = 7
TEXT_LEVEL = 9


# A run of digits with the characters on both sides, e.g. 第120号, 月5日: bigrams of digits are
# common in any archive (12, 20, 0号 …), a number in its context is not.
_NUMBER = re.compile(r"(?<=[^0-9\n])[0-9]+(?=[^0-9\n])")


def tokens(norm: str) -> Counter:
    return chunk_tokens([norm])


def chunk_tokens(norms: list[str]) -> Counter:
    """The tokens of a chunk's normalised texts, counted: each text's bigrams (its last character
    paired with HARD_BREAK) and its digit runs with their neighbours. One pass over the texts
    joined by breaks: pairs starting with a break are dropped, and a digit run never reaches
    across one."""
    text = HARD_BREAK.join(norms) + HARD_BREAK
    out = Counter(map(add, text, text[1:]))
    for pair in [pair for pair in out if pair[0] == HARD_BREAK]:
        del out[pair]
    out.update(text[m.start() - 1:m.end() + 1] for m in _NUMBER.finditer(text))
    return out


def indexed_trigrams(common: set[str]) -> set[str]:
    """Every trigram the index holds when these bigrams are common (in more chunks than
    docs.json's "trigrams" says):
    those without digits or breaks whose two bigrams are both common. Two common bigrams in one
    chunk are often apart (いい, くら, ら委 in minutes that never say いいくら): the trigram tells;
    the client looks one up exactly when its two bigrams' counts are above that number."""
    following: dict[str, list[str]] = {}
    for bigram in common:
        if len(bigram) == 2 and not _DIGIT_OR_BREAK.search(bigram):
            following.setdefault(bigram[0], []).append(bigram[1])
    return {a + b + c for a, bs in following.items() for b in bs for c in following.get(b, ())}


def chunk_trigrams(norm: str, trigrams: set[str]) -> Counter:
    """The trigrams of a chunk's normalised text that are in `trigrams` (indexed_trigrams), counted."""
    return Counter(_trigrams_in(norm, trigrams))


def _trigrams_in(norm: str, trigrams: set[str]) -> Iterator[str]:
    """Each trigram of the text (and of its last two characters with HARD_BREAK) in `trigrams`,
    as often as it occurs: filtered as they are made, not counted first."""
    text = norm + HARD_BREAK
    return filter(trigrams.__contains__, map(add, map(add, text, text[1:]), text[2:]))


_DIGIT_OR_BREAK = re.compile("[0-9\n]")


def _add(postings: dict[str, array], chunk_id: int, counts: Counter) -> None:
    get = postings.get
    for token, n in counts.items():
        entries = get(token)
        if entries is None:
            postings[token] = array("I", (chunk_id, n))
        else:
            entries.extend((chunk_id, n))


def _row(unit: Unit, piece: str) -> list:
    """A unit (or a piece of a long one) as a chunk stores it (see the module's doc)."""
    if unit.kind == TURN:
        return [unit.anchor, unit.label, piece, TURN, unit.speaker]
    return [unit.anchor, unit.label, piece] + ([META] if unit.kind == META else [])


def searchable(row: list) -> list[str]:
    """The strings of a chunk's unit a query is matched against (Unit.searchable)."""
    return [row[2], row[1], row[4]] if len(row) > 4 else [row[2]]


def _chunks(units: list[Unit]) -> list[list[list]]:
    """Consecutive units of one page, ≈CHUNK_CHARS each; a long unit is cut between blocks."""
    chunks: list[list[list]] = []
    current: list[list] = []
    size = 0
    for unit in units:
        pieces: list[str] = []
        block_lines: list[str] = []
        piece_size = 0
        for line in unit.text.split("\n"):
            if block_lines and piece_size + len(line) > CHUNK_CHARS:
                pieces.append("\n".join(block_lines))
                block_lines, piece_size = [], 0
            block_lines.append(line)
            piece_size += len(line)
        pieces.append("\n".join(block_lines))
        for piece in pieces:
            if current and size + len(piece) > CHUNK_CHARS:
                chunks.append(current)
                current, size = [], 0
            current.append(_row(unit, piece))
            size += len(piece)
    if current:
        chunks.append(current)
    return chunks


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def dictionary(documents: list[Document]) -> bytes:
    """The strings most chunks share: lines of text and unit headers (`["anchor","label",`),
    weighted by the bytes they would save; the most valuable last (nearest, cheapest to refer to)."""
    step = max(1, len(documents) // DICTIONARY_SAMPLE)
    seen_in: Counter = Counter()
    for doc in documents[::step]:
        for chunk in _chunks(doc.units):
            strings = set()
            for anchor, label, text, *_kind in chunk:
                strings.add(_json([anchor, label])[:-1] + b",")
                strings.update(line.encode("utf-8") for line in text.split("\n") if len(line) >= 4)
            seen_in.update(strings)
    ranked = sorted(((n - 1) * len(s), s) for s, n in seen_in.items() if n >= 3)
    picked: list[bytes] = []
    size = 0
    for _value, s in reversed(ranked):
        if size + len(s) + 1 <= DICTIONARY_BYTES:
            picked.append(s)
            size += len(s) + 1
    return b"\n".join(reversed(picked))


def deflate(data: bytes, zdict: bytes) -> bytes:
    compressor = zlib.compressobj(TEXT_LEVEL, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, zdict) \
        if zdict else zlib.compressobj(TEXT_LEVEL, zlib.DEFLATED, -15, 9)
    return compressor.compress(data) + compressor.flush()


def inflate(data: bytes, zdict: bytes) -> bytes:
    decompressor = zlib.decompressobj(-15, zdict) if zdict else zlib.decompressobj(-15)
    return decompressor.decompress(data) + decompressor.flush()


def write_index(documents: list[Document], out: Path, councils: dict[str, str] | None = None) -> dict:
    if out.exists():
        shutil.rmtree(out)
    for folder in ("t", "p", "q"):
        (out / folder).mkdir(parents=True)
    zdict = dictionary(documents)
    (out / "dict.txt.gz").write_bytes(gzip.compress(zdict, compresslevel=9, mtime=0))
    # token → its postings, flat: chunk, count, chunk, count … (8 bytes a posting, not a tuple)
    postings: dict[str, array] = {}
    rows: list[list[object]] = []
    lengths: list[int] = []  # each page's normalised length, for the BM25 heads
    chunk_doc: list[int] = []
    chunk_id = 0
    normalised: list[bytes] = []  # each chunk's normalised text, for the trigrams (compressed)
    for doc in documents:
        first = chunk_id
        length = 0
        for chunk in _chunks(doc.units):
            norms = [normalize(s) for row in chunk for s in searchable(row)]
            length += sum(map(len, norms))
            _add(postings, chunk_id, chunk_tokens(norms))
            normalised.append(zlib.compress(HARD_BREAK.join(norms).encode("utf-8"), 1))
            (out / "t" / f"{chunk_id}.bin").write_bytes(deflate(_json(chunk), zdict))
            chunk_doc.append(len(rows))
            chunk_id += 1
        rows.append([doc.url, doc.title, doc.number, doc.council, doc.fiscal_year, doc.kind,
                     doc.category, doc.department, doc.outcome, doc.date, length, first,
                     doc.iso, doc.bases])
        lengths.append(length)
    trigrams_from = max(INLINE_ENTRIES, int(chunk_id * COMMON_SHARE))
    common = {token for token, entries in postings.items() if len(entries) // 2 > trigrams_from}
    # Trigrams: how many chunks hold each first; one in more than TRIGRAM_NARROWS of its rarer
    # bigram's chunks narrows nothing and keeps only that count (the client then knows it is
    # there and reads the bigrams); the others get postings in a second pass. (One pass would
    # hold the postings of the wide ones too: 38 MB more on tier M for 1 s.)
    indexed = indexed_trigrams(common)
    chunks_with: Counter = Counter()
    for packed in normalised:
        chunks_with.update(set(_trigrams_in(zlib.decompress(packed).decode("utf-8"), indexed)))
    wide = {t: n for t, n in chunks_with.items()
            if n > TRIGRAM_NARROWS * min(len(postings[t[:2]]), len(postings[t[1:]])) // 2}
    listed = chunks_with.keys() - wide.keys()
    del chunks_with, indexed
    for cid, packed in enumerate(normalised):
        _add(postings, cid, chunk_trigrams(zlib.decompress(packed).decode("utf-8"), listed))
    del normalised
    tokens_total = len(postings) + len(wide)
    # Lexicon shards: tokens in code-point order, cut when a shard reaches SHARD_BYTES.
    firsts: list[str] = []
    shard: dict[str, object] = {}
    size = 0
    lists = 0

    def flush() -> None:
        nonlocal shard, size
        if shard:
            _dump(out / "p" / f"{len(firsts) - 1}.json", shard)
        shard, size = {}, 0

    for token in sorted(postings.keys() | wide.keys()):
        if not shard:
            firsts.append(token)
        if token in wide:
            shard[token] = {"n": wide[token]}  # no list: it narrows nothing
            size += len(token) + 10
            if size >= SHARD_BYTES:
                flush()
            continue
        entries = postings.pop(token)
        flat = _gaps(entries)
        count = len(entries) // 2
        if count <= INLINE_ENTRIES:
            shard[token] = flat
            size += len(token) + 2 * len(flat) + 4
        else:
            _dump(out / "q" / f"{lists}.json", flat)
            if count > HEAD_FROM:
                _dump(out / "q" / f"{lists}h.json", _head(entries, chunk_doc, lengths))
            shard[token] = {"n": count, "q": lists, **({"h": 1} if count > HEAD_FROM else {})}
            lists += 1
            size += len(token) + 24
        if size >= SHARD_BYTES:
            flush()
    flush()
    _dump(out / "dir.json", {"v": FORMAT, "shards": firsts})
    _dump(out / "docs.json", {
        "v": FORMAT, "chunks": chunk_id, "councils": councils or {}, "head": HEAD_ENTRIES,
        "trigrams": trigrams_from,
        "fields": ["url", "title", "number", "council", "fiscal_year", "kind", "category",
                   "department", "outcome", "date", "length", "first_chunk", "iso", "bases"],
        "docs": rows,
    })
    return {"documents": len(rows), "chunks": chunk_id, "tokens": tokens_total, "shards": len(firsts),
            "lists": lists, "dictionary": len(zdict)}


def _head(entries: array, chunk_doc: list[int], lengths: list[int]) -> list[int]:
    """The HEAD_ENTRIES pages where a token weighs most (the client's BM25 term weight, without
    idf), each as [its chunk with the most, the page's count]: the first results of a common word."""
    per_doc: dict[int, list[int]] = {}
    for cid, n in zip(entries[0::2], entries[1::2], strict=True):
        best = per_doc.setdefault(chunk_doc[cid], [cid, 0, 0])
        if n > best[2]:
            best[0], best[2] = cid, n
        best[1] += n
    average = sum(lengths) / max(1, len(lengths))

    def weight(item):
        doc, (_cid, tf, _most) = item
        return tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths[doc] / average))

    top = sorted(per_doc.items(), key=lambda item: (-weight(item), item[0]))[:HEAD_ENTRIES]
    return [v for _doc, (cid, tf, _most) in top for v in (cid, tf)]


def _gaps(entries: array) -> list[int]:
    """[chunk, count, …] → [chunk − previous chunk, count, …] (what the lexicon stores)."""
    chunks = entries[0::2]
    flat = entries.tolist()
    flat[0::2] = map(sub, chunks, chain((0,), chunks))
    return flat


def _dump(path: Path, value) -> None:
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(_json(value), compresslevel=JSON_LEVEL, mtime=0))


def file_bytes(path: Path) -> bytes:
    """A file of the index decoded as the client decodes it (tests: nothing unpublished inside)."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data)
    if path.suffix == ".bin":
        root = next(p for p in path.parents if (p / "dict.txt.gz").exists())
        return inflate(data, gzip.decompress((root / "dict.txt.gz").read_bytes()))
    return data


def read(index_dir: Path, name: str):
    """One file of the index, as the client reads it (tests, benchmarks)."""
    if name.startswith("t/"):
        return json.loads(file_bytes(index_dir / (name + ".bin")))
    return json.loads(gzip.decompress((index_dir / (name + ".gz")).read_bytes()))
