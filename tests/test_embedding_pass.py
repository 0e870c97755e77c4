"""One embedding pass (issue #15): every distinct text of a build is embedded
once; chunk vectors are pooled from their pieces' vectors (path line and
sentences), the same vectors the sentences keep; a re-index embeds only the
changed sentence and its chunk's path line; a build made the old way lends only its sentence
vectors. Pure logic, so the deterministic hashing embedding stands in for
the model (retrieval quality with the real model is the evaluation's job)."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import numpy as np
import pytest

from assistant.index import build as build_module
from assistant.index.build import build_index, current_build
from assistant.index.chunking import Chunk, chunk_pieces, piece_hash, pooled_vector
from assistant.index.embeddings import HashingEmbeddings
from assistant.settings import Settings


class CountingEmbeddings(HashingEmbeddings):
    seen: Counter = Counter()

    def embed_documents(self, texts):
        CountingEmbeddings.seen.update(texts)
        return super().embed_documents(texts)


@pytest.fixture()
def counting(monkeypatch):
    CountingEmbeddings.seen = Counter()
    monkeypatch.setattr(build_module, "make_embeddings", lambda settings: CountingEmbeddings(settings))
    return CountingEmbeddings


@pytest.fixture()
def corpus(tmp_path, plan_path, second_doc_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(plan_path, folder / plan_path.name)
    shutil.copy(second_doc_path, folder / second_doc_path.name)
    return Settings(corpus_dir=folder, index_dir=tmp_path / "index", embedding_backend="hashing")  # pooled by default


def stored(settings, name: str):
    build = current_build(settings)
    return json.loads((build / f"{name}.json").read_text(encoding="utf-8")), np.load(
        build / ("vectors.npy" if name == "chunks" else "sentence_vectors.npy"))


def test_each_text_is_embedded_once_and_chunks_are_pooled_from_their_pieces(corpus, counting):
    report = build_index(corpus)
    assert counting.seen and max(counting.seen.values()) == 1  # no text twice
    chunks, vectors = stored(corpus, "chunks")
    sentences, sentence_vectors = stored(corpus, "sentences")
    long_chunks = [c for c in chunks if len(c["text"]) > 200]
    assert long_chunks and not any(c["text"] in counting.seen for c in long_chunks)  # no chunk embedded whole
    assert report.embedded == len(counting.seen)
    by_hash = {s["hash"]: v for s, v in zip(sentences, sentence_vectors)}
    model = HashingEmbeddings()
    for data, vector in zip(chunks, vectors):
        pieces = chunk_pieces(Chunk(**data))
        assert pieces[0] in data["text"] and all(p in data["text"] for p in pieces)
        piece_vectors = [by_hash.get(piece_hash(p), model.embed_documents([p])[0]) for p in pieces]
        assert np.allclose(vector, pooled_vector(piece_vectors, pieces), atol=1e-5)
        assert abs(float(np.linalg.norm(vector)) - 1) < 1e-4


def test_a_reindex_embeds_only_the_changed_pieces(corpus, counting, second_doc_path):
    build_index(corpus)
    doc = corpus.corpus_dir / second_doc_path.name
    lines = doc.read_text(encoding="utf-8").split("\n")
    body = next(i for i, line in enumerate(lines) if len(line) > 40 and "牵头单位" not in line)
    added = "同时建立季度通报制度，按季度公开各项任务的进展情况。"
    lines[body] = lines[body] + added
    doc.write_text("\n".join(lines), encoding="utf-8")
    counting.seen = Counter()
    report = build_index(corpus)
    assert report.changed == [doc.stem]
    assert added in counting.seen  # the new sentence, once
    # Besides it, only the path line of the chunk it changed (path lines are not kept between builds).
    others = [text for text in counting.seen if text != added]
    assert len(others) <= 1 and all(" > " in text for text in others)


def test_a_whole_chunk_build_embeds_each_chunk_once(corpus, counting):
    whole = corpus.with_overrides(chunk_vectors="embedded")
    build_index(whole)
    chunks, _ = stored(whole, "chunks")
    assert max(counting.seen.values()) == 1 and all(c["text"] in counting.seen for c in chunks)


def test_a_build_made_the_old_way_lends_only_its_sentence_vectors(corpus, counting):
    build_index(corpus)
    manifest_path = current_build(corpus) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    del manifest["chunk_vectors"]  # as written before chunk vectors could be pooled: whole chunks
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    known, _ = build_module._previous_vectors(corpus)
    sentences, _ = stored(corpus, "sentences")
    chunks, _ = stored(corpus, "chunks")
    assert {s["hash"] for s in sentences} <= set(known)
    assert not ({c["hash"] for c in chunks} & set(known))


def test_a_sentence_deep_in_a_long_section_finds_its_section_on_the_dense_side(corpus):
    """A pooled vector averages a long section's sentences; the dense side
    also scores each chunk by its best sentence, so a question worded like
    one of them still finds that section first."""
    from assistant.answer.retrieve import Retriever
    from assistant.index.build import open_index
    from assistant.index.embeddings import make_embeddings

    dense = corpus.with_overrides(retrieval_mode="dense")
    build_index(dense)
    index = open_index(dense)
    retriever = Retriever(index, make_embeddings(dense), dense)
    long_sections = {c.section_key for c in index.chunks if len(c.text) > 300}
    deep = [u for u in index.sentences if u.section_key in long_sections][5::7][:20]
    assert len(deep) >= 10
    first = [retriever.search(u.text, 5)[0].section.key == u.section_key for u in deep]
    assert all(first)
