"""Ranking: dense (Chroma) and lexical (jieba + BM25) candidates fused by
reciprocal rank, at section level.

Questions with no Chinese go to the dense side (the e5 model is
multilingual); a small domain glossary also gives them Chinese terms for
the lexical side. Raw scores are kept on every hit so the answerer can tell
"found" from "nothing relevant".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings

from assistant.index.build import LoadedIndex
from assistant.index.lexical import LexicalIndex
from assistant.models import Section
from assistant.settings import Settings

_HAN = re.compile(r"[\u4e00-\u9fff]")

# English domain terms -> the Chinese words the documents use.
ENGLISH_TERMS = {
    "high-tech enterprise": "高新技术企业", "high tech enterprise": "高新技术企业", "hi-tech": "高新技术",
    "high-tech": "高新技术", "incubator": "孵化器", "maker space": "众创空间", "makerspace": "众创空间",
    "r&d": "研发", "research and development": "研发", "research institute": "研发机构",
    "new-type r&d": "新型研发机构", "new r&d institution": "新型研发机构", "patent": "专利",
    "intellectual property": "知识产权", "finance": "金融", "financing": "融资", "loan": "贷款",
    "venture capital": "创业投资", "tax": "税收", "land": "用地", "talent": "人才", "team": "团队",
    "university": "大学", "universities": "高等学校", "college": "高校", "lead": "牵头",
    "responsible": "责任单位", "target": "目标", "goal": "目标", "voucher": "创新券",
    "equipment manufacturing": "装备制造", "health": "健康医药", "medicine": "医药",
    "pharmaceutical": "医药", "electronic": "电子信息", "appliance": "家用电器", "service industry": "服务业",
    "torch": "火炬开发区", "cuiheng": "翠亨新区", "hong kong": "港澳", "macao": "港澳", "macau": "港澳",
    "international cooperation": "国际合作", "technology transformation": "技术改造",
    "technical transformation": "技术改造", "equity": "股权", "subsidy": "补助", "subsidies": "补助",
    "reward": "奖励", "commerce bureau": "商务局", "science and technology bureau": "科技局",
    "specialized town": "专业镇", "industrial cluster": "产业集群", "public service": "公共服务",
    "entrepreneurship": "创业", "innovation": "创新", "small": "小微", "sme": "中小企业",
    "researcher": "科研人员", "scientist": "科研人员", "gazelle": "瞪羚企业", "listed": "上市",
    "gdp": "GDP", "spending": "投入", "investment": "投资", "invest": "投入", "branch park": "分园",
    "town": "镇", "coordination": "协调", "day-to-day": "日常管理", "household registration": "落户",
    "hukou": "落户", "graduate": "毕业生", "medical device": "医疗器械", "demonstration zone": "自创区",
    "evaluation": "评价", "supervision": "督查", "planning": "规划", "cluster": "产业集群", "sales": "销售收入",
    "output": "产值", "enterprise": "企业", "company": "企业", "firm": "企业", "dividend": "分红",
    "share option": "股权", "shares": "股权", "income": "收入", "achievement": "成果", "transfer": "转化",
    "industrial park": "产业园", "platform": "平台", "new area": "新区", "housing": "住房",
    "standard": "标准", "quality": "质量", "science popularization": "科普", "pilot": "试点",
}


def has_chinese(text: str) -> bool:
    return bool(_HAN.search(text))


def lexical_query(question: str) -> str:
    """The text the lexical side searches: the question itself, or for a
    question with no Chinese, the Chinese terms its English words map to."""
    if has_chinese(question):
        return question
    lowered = question.lower()
    return " ".join(zh for en, zh in ENGLISH_TERMS.items() if en in lowered)


@dataclass
class Hit:
    section: Section
    score: float  # fused reciprocal-rank score
    dense: float = 0.0  # best cosine similarity of the section's chunks
    lexical: float = 0.0  # best BM25 score of the section's chunks
    chunks: list[str] = field(default_factory=list)  # matched chunk texts, best first


class Retriever:
    """Hybrid retrieval over one loaded index."""

    def __init__(self, index: LoadedIndex, embeddings: Embeddings, settings: Settings):
        self.index = index
        self.embeddings = embeddings
        self.settings = settings
        self.mode = settings.retrieval_mode
        self.lexical = LexicalIndex([c.tokens for c in index.chunks])
        self.sections = {s.key: s for s in index.sections}
        self._chunk_pos = {c.id: i for i, c in enumerate(index.chunks)}

    def embed(self, question: str) -> list[float]:
        return self.embeddings.embed_query(question)

    def search(self, question: str, k: int | None = None, docs: list[str] | None = None,
               vector: list[float] | None = None, keywords: str | None = None) -> list[Hit]:
        """Sections ranked for the question. `vector`: the question already
        embedded; `keywords`: what the lexical side should search instead of
        the whole question (its topic, without 牵头/单位/目标 framing words
        that every unit line and target sentence shares)."""
        k = k or self.settings.retrieval_k
        depth = max(3 * k, 20)
        ranked: list[list[tuple[int, float]]] = []
        weights: list[float] = []
        dense = lexical = []
        if self.mode in ("hybrid", "dense"):
            vector = vector if vector is not None else self.embed(question)
            dense = [(self._chunk_pos[i], s) for i, s in self.index.vectors.query(vector, depth, docs)
                     if i in self._chunk_pos]
            ranked.append(dense)
            weights.append(self.settings.dense_weight)
        lex_text = keywords or lexical_query(question)
        if self.mode in ("hybrid", "lexical") and lex_text:
            lexical = [(p, s) for p, s in self.lexical.search(lex_text, depth * 2)
                       if not docs or self.index.chunks[p].doc in docs][:depth]
            ranked.append(lexical)
            weights.append(self.settings.lexical_weight if has_chinese(question) else 0.5)
        return self._fuse(ranked, weights, dict(dense), dict(lexical))[:k]

    def _fuse(self, ranked, weights, dense: dict, lexical: dict) -> list[Hit]:
        hits: dict[str, Hit] = {}
        for results, weight in zip(ranked, weights):
            seen: set[str] = set()
            for rank, (pos, _) in enumerate(results):
                chunk = self.index.chunks[pos]
                hit = hits.setdefault(chunk.section_key, Hit(self.sections[chunk.section_key], 0.0))
                if chunk.text not in hit.chunks:
                    hit.chunks.append(chunk.text)
                if chunk.section_key not in seen:  # a section counts once per list, at its best rank
                    seen.add(chunk.section_key)
                    hit.score += weight / (self.settings.rrf_k + rank + 1)
                hit.dense = max(hit.dense, dense.get(pos, 0.0))
                hit.lexical = max(hit.lexical, lexical.get(pos, 0.0))
        return sorted(hits.values(), key=lambda h: -h.score)
