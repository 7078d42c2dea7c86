"""The search index, written into site/search-index/ at `mkdocs build`.

Every file is stored gzip-compressed (`<name>.gz`): what a browser downloads is what is on
disk, whatever the web server does (the client decompresses, or reads plain JSON if the server
already decoded it).

    docs.json        the document table: one row per case or meeting page (title, number,
                     council, 年度, kind, categories, departments, outcome, date, url), its
                     length and its first text chunk — loaded once, for ranking, facets, display
    dir.json         the first token of every postings shard (binary-searched by the client)
    p/<n>.json       postings: token → [chunk gap, count, chunk gap, count, …]
    t/<k>.json       text chunk k: [[anchor, label, text], …] — the words as the page shows them

Tokens are the normalised text's character bigrams (normalize.py), a block's last character
paired with "\\n"; so every substring of two or more characters is found through its bigrams
and a single character through the tokens it starts. Postings point at chunks (≈CHUNK_CHARS
characters of one page); the client confirms every match on the chunk's text, so a hit is
always an exact substring and the bigrams never decide alone.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections import Counter, defaultdict
from pathlib import Path

from .extract import Document, Unit
from .normalize import HARD_BREAK, normalize

CHUNK_CHARS = 2000
SHARD_BYTES = 6000
FORMAT = 1


def tokens(norm: str) -> Counter:
    text = norm + HARD_BREAK
    return Counter(text[i:i + 2] for i in range(len(text) - 1) if text[i] != HARD_BREAK)


def _chunks(units: list[Unit]) -> list[list[list[str]]]:
    """Consecutive units of one page, ≈CHUNK_CHARS each; a long unit is cut between blocks."""
    chunks: list[list[list[str]]] = []
    current: list[list[str]] = []
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
            current.append([unit.anchor, unit.label, piece])
            size += len(piece)
    if current:
        chunks.append(current)
    return chunks


def write_index(documents: list[Document], out: Path, councils: dict[str, str] | None = None) -> dict:
    if out.exists():
        shutil.rmtree(out)
    (out / "t").mkdir(parents=True)
    (out / "p").mkdir()
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    rows = []
    chunk_id = 0
    for doc in documents:
        first = chunk_id
        length = 0
        for chunk in _chunks(doc.units):
            counts: Counter = Counter()
            for _anchor, _label, text in chunk:
                norm = normalize(text)
                length += len(norm)
                counts.update(tokens(norm))
            for token, n in counts.items():
                postings[token].append((chunk_id, n))
            _dump(out / "t" / f"{chunk_id}.json", chunk)
            chunk_id += 1
        rows.append([doc.url, doc.title, doc.number, doc.council, doc.fiscal_year, doc.kind,
                     doc.category, doc.department, doc.outcome, doc.date, length, first])
    # Shards: tokens in code-point order, cut when a shard reaches SHARD_BYTES.
    firsts: list[str] = []
    shard: dict[str, list[int]] = {}
    size = 0

    def flush() -> None:
        nonlocal shard, size
        if shard:
            _dump(out / "p" / f"{len(firsts) - 1}.json", shard)
        shard, size = {}, 0

    for token in sorted(postings):
        flat: list[int] = []
        previous = 0
        for cid, n in postings[token]:
            flat += [cid - previous, n]
            previous = cid
        if not shard:
            firsts.append(token)
        shard[token] = flat
        size += len(token) + 2 * len(flat) + 4
        if size >= SHARD_BYTES:
            flush()
    flush()
    _dump(out / "dir.json", {"v": FORMAT, "shards": firsts})
    _dump(out / "docs.json", {
        "v": FORMAT, "chunks": chunk_id, "councils": councils or {},
        "fields": ["url", "title", "number", "council", "fiscal_year", "kind", "category",
                   "department", "outcome", "date", "length", "first_chunk"],
        "docs": rows,
    })
    return {"documents": len(rows), "chunks": chunk_id, "tokens": len(postings), "shards": len(firsts)}


def _dump(path: Path, value) -> None:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def read(index_dir: Path, name: str):
    """One file of the index, as the client reads it (tests, benchmarks)."""
    return json.loads(gzip.decompress((index_dir / (name + ".gz")).read_bytes()))
