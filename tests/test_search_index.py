"""The search index's files and the worker that reads them, run in node on a small index:
what a query finds, what it fetches, and that page text reaches results only escaped."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from cpportal import search_index

ROOT = Path(__file__).resolve().parent.parent
WORKERS = ROOT / "cpportal/theme/assets/javascripts/workers"

DOCS = [
    {"location": "sops/trafficking/", "title": "Trafficking of children",
     "text": "<p>What to do when a child is trafficked.</p>"},
    {"location": "sops/trafficking/#report", "title": "Report it",
     "text": "<p>Call the hotline.</p>"},
    {"location": "sops/care/", "title": "Alternative care",
     "text": "<p>Placement with a family &lt;script&gt;alert(1)&lt;/script&gt;</p>"},
    {"location": "sops/camps/", "title": "Camp 26", "text": "<p>Services in camp 26.</p>"},
]
SYNONYMS = [["alternative care", "foster care"]]


def write_site(folder: Path, docs=DOCS, lang="en") -> Path:
    for name, content in search_index.build(docs, lang, SYNONYMS).items():
        path = folder / "search" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    shutil.copytree(WORKERS, folder / "assets/javascripts/workers")
    return folder


def ask(site: Path, lang: str, queries: list[str]) -> dict:
    done = subprocess.run(["node", str(ROOT / "tests/search_worker.js"), str(site), lang],
                          input=json.dumps(queries), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def pages(answer: list) -> list[str]:
    return [item[0]["location"] for item in answer]


def test_queries_find_inflected_misspelt_synonym_and_typed_words(tmp_path):
    site = write_site(tmp_path)
    found = ask(site, "en", ["trafficked", "trafficing", "foster care", "camp 2", "camp ২৬",
                             "nothing"])["answers"]
    assert pages(found[0])[0] == "sops/trafficking/"
    assert pages(found[1])[0] == "sops/trafficking/"           # one typo
    assert pages(found[2]) == ["sops/care/"]                     # the termbase's synonym
    assert pages(found[3])[0] == "sops/camps/"                   # the word being typed
    assert pages(found[4])[0] == "sops/camps/"                   # Bengali digits
    assert found[5] == []


def test_a_query_fetches_the_head_its_chunks_and_its_pages_only(tmp_path):
    docs = [{"location": f"p{i}/", "title": f"Page {i}", "text": f"<p>word{i} common</p>"}
            for i in range(300)]
    site = write_site(tmp_path, docs)
    assert len(list((site / "search/en").glob("t*.json"))) > 1
    result = ask(site, "en", ["word7"])
    fetched = result["fetched"]
    assert fetched[0] == "search/en.json"
    chunk = chunk_of(site, "word7")
    # word7 and the words it begins (word70-word79, the reader may be typing them)
    assert {f for f in fetched if "/t" in f} <= {f"search/en/t{chunk}.json",
                                                 f"search/en/t{chunk + 1}.json"}
    assert [f for f in fetched if "/p" in f][0] == "search/en/p7.json"
    assert len([f for f in fetched if "/p" in f]) == 10
    assert pages(result["answers"][0])[0] == "p7/"


def chunk_of(site: Path, term: str) -> int:
    """The chunk the worker looks `term` up in, checked to hold it."""
    heads = json.loads((site / "search/en.json").read_text(encoding="utf-8"))["chunks"]
    number = max(i for i, first in enumerate(heads) if first <= term)
    assert term in json.loads((site / f"search/en/t{number}.json").read_text(encoding="utf-8"))
    return number


def test_page_text_reaches_results_escaped_with_marks_only(tmp_path):
    site = write_site(tmp_path)
    [answer] = ask(site, "en", ["placement"])["answers"]
    text = answer[0][0]["text"]  # the first page's own item
    assert "<script>" not in text and "&#60;script&#62;" in text
    assert "<mark>Placement</mark>" in text


def test_the_synonym_term_is_indexed_for_every_phrase_of_its_group():
    files = search_index.build(DOCS, "en", SYNONYMS)
    head = files["en.json"]
    assert head["synonyms"] == [[["altern", "care"], ["foster", "care"]]]
    postings = {term: p for name, chunk in files.items() if "/t" in name
                for term, p in chunk.items()}
    assert postings["~0"][0] == 2 and len(postings["~0"]) == 2   # page 2 only


def test_word_groups_join_the_termbase_and_the_glossary():
    from cpportal.glossary import Term
    from cpportal.termbase import word_groups

    concepts = [{"id": "cm", "preferred": {"en": "case management", "bn": "কেস ম্যানেজমেন্ট"},
                 "synonyms": {"bn": ["কেস ব্যবস্থাপনা"]}},
                {"id": "fr-only", "preferred": {"en": "x"}, "synonyms": {"fr": ["a", "b"]}}]
    glossary = [Term("CFS", {"en": "Child Friendly Space"}, {})]
    assert word_groups(concepts, glossary, "bn") == [["কেস ম্যানেজমেন্ট", "কেস ব্যবস্থাপনা"],
                                                     ["CFS", "Child Friendly Space"]]
    assert word_groups(concepts, glossary, "fr") == [["a", "b"], ["CFS", "Child Friendly Space"]]
