"""Front matter is read by libyaml (C) with PyYAML's composer, and by the pure-Python reader
where the two would differ: the result — data, the line of every field, the error and its line —
is the reference reader's, always (load.py, `_LIBYAML_DIFFERS`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.stages import load
from generator.stages.load import load_yaml, split_front_matter

ROOT = Path(__file__).resolve().parent.parent


def outcome(read, text: str):
    try:
        located = read(text)
    except load.YamlLimit as exc:
        return ("limit", exc.line, exc.path, exc.message)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return ("error", type(exc).__name__, str(exc), mark.line if mark else None)
    except RecursionError:  # _front_fields reports it (aliases nested past the stack)
        return ("recursion",)
    return ("ok", repr(located.data), sorted(located.lines.items()))


def reference(text: str):
    return load._load(load._ContentLoader, text, 2, content=True)


def fast(text: str):
    return load_yaml(text, first_line=2, content=True)


# Where libyaml alone would read them otherwise (found by differential fuzzing).
DIFFERING = [
    "title: \t窓口予約システム\n",                      # a tab between tokens: PyYAML refuses it
    "present:\n  - {name: 川合 敏樹?, role: 会長}\n",   # `?` ends a plain scalar in {…} for PyYAML
    "a: !\n",                                             # a lone `!`: PyYAML resolves it as untagged
    "a: |#\n  x\n",                                       # a comment glued to `|`: PyYAML refuses it
    "a: 1\n\ufeffb: 2\n",                                 # a BOM: PyYAML reads it as part of the key
    "a: [[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]\nb: \x07\n",  # control character before depth
    "---",                                                # an empty document at the end of the text
    "--- # x",
]


@pytest.mark.parametrize("text", DIFFERING)
def test_where_libyaml_differs_the_reference_reader_answers(text: str) -> None:
    assert outcome(fast, text) == outcome(reference, text)


GROUPS = ["content", *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests/fixtures").iterdir() if p.is_dir())]


@pytest.mark.parametrize("group", GROUPS)  # one test per folder, so that the workers share them
def test_the_seeds_and_the_fixtures_read_the_same(group: str) -> None:
    texts = []
    for path in sorted((ROOT / group).glob("**/*.md")):
        try:
            front, _body, _line = split_front_matter(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue
        if front is not None:
            texts.append(front)
    for text in texts:
        assert outcome(fast, text) == outcome(reference, text), text[:200]


def test_the_comparison_reads_many_files() -> None:
    count = sum(1 for group in GROUPS for _ in (ROOT / group).glob("**/*.md"))
    assert count > 50


def test_libyaml_is_used_where_it_reads_alike() -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml: the reference reader reads everything")
    front, _body, _line = split_front_matter(
        (ROOT / "content/adachi/cases/shimon-480.md").read_text(encoding="utf-8"))
    assert front is not None and not load._LIBYAML_DIFFERS.search(front)
