"""The importer on documents laid out as councils publish them: the synthetic corpus of
tests/fixtures/import/corpus/ (one document for each structure met in the development corpus of
real records, which is kept outside the repository), scored field by field against truths
written before the importer read them. Wrong is worse than unknown: no value may be wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.importer.score import STRUCTURES, report, score_document, score_folder

CORPUS = Path(__file__).parent / "fixtures" / "import" / "corpus"
DOCUMENTS = sorted(p.name for p in CORPUS.glob("*.txt"))


def test_every_document_has_its_truth_and_is_listed_in_the_readme():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert len(DOCUMENTS) >= 14
    for name in DOCUMENTS:
        assert (CORPUS / name.replace(".txt", ".truth.json")).is_file(), name
        assert name in readme, f"{name}: say in README.md which structures it stands for"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_councils_record_imports_right_or_unknown_never_wrong(document):
    truth = json.loads((CORPUS / document.replace(".txt", ".truth.json")).read_text(encoding="utf-8"))
    score = score_document(CORPUS / document, truth)
    print(report([score]))
    assert score.status == "written", score.status
    assert score.wrong == []
    assert score.total.right / score.total.total >= 0.5, score.total


def test_the_corpus_as_a_whole():
    scores = score_folder(CORPUS)
    print(report(scores))
    totals = {s: sum(sc.by_structure[s].right for sc in scores) for s in STRUCTURES}
    right = sum(sc.total.right for sc in scores)
    total = sum(sc.total.total for sc in scores)
    assert sum(sc.total.wrong for sc in scores) == 0
    assert right / total >= 0.85, (right, total)
    for structure in ("identity", "date", "place", "attendees", "observers", "agenda"):
        assert totals[structure] > 0, structure


def test_a_record_that_names_no_meeting_is_refused_not_a_crash(tmp_path):
    """「第3回委員会 (1月12日)」 has no year, and no 回 in a form read: which meeting it is cannot
    be told, so nothing is written and the refusal says why (exit 3, never a traceback)."""
    from generator.importer import NotRecognised, import_file
    doc = tmp_path / "x.txt"
    doc.write_text("〇日時\n1月12日(火) 10時開会\n〇場所\n第1委員会室\n〇出席委員\n山田委員長、川口委員\n",
                   encoding="utf-8")
    with pytest.raises(NotRecognised, match="cannot tell which meeting"):
        import_file(doc, "x", tmp_path / "content")
    assert not (tmp_path / "content").exists()
