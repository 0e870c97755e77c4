"""Chinese lexical search: jieba tokens into a bm25s index.

Used by `index` (tokens stored per chunk) and `retrieve` (question tokens,
the in-memory BM25 built from the stored tokens), so both sides tokenise
identically.
"""

from __future__ import annotations

import logging
import re
import threading

import bm25s
import jieba
import numpy as np

jieba.setLogLevel(logging.WARNING)
_init_lock = threading.Lock()
_initialised = False

# Function words and question words that carry no topic.
STOPWORDS = set(
    "的 了 和 与 及 等 是 在 对 为 把 被 将 并 或 而 也 都 就 要 会 能 可 可以 哪些 哪个 什么 怎么 怎样 如何 多少 "
    "吗 呢 吧 啊 呀 么 有 有没有 没有 我 我们 你 你们 他 它 这 那 这个 那个 其 之 以 于 由 从 到 向 "
    "请问 请 一下 一些 一个 方面 相关 关于 有关 进行 开展 加快 推进 推动 实施 加强 积极 大力 全面 "
    "问 想 知道 告诉 谁 个 家 给 所 该 各 中 上 下 得 地 着 过 还 又 更 最 很 太 已 已经 ， 。 、 ？ ! ? ！ ： ； （ ） “ ”".split()
)
# Colloquial fillers, demonstratives and question frames: words that make a
# question sound natural but say nothing about its topic.
FILLERS = set(
    "这份 这项 这块 这事 这些 那些 这种 那种 这样 那样 东西 哪几 哪几个 几个 几项 几年 哪儿 哪里 哪个 哪家 "
    "什么样 干什么 做什么 干嘛 出来 起来 下来 一起 除了 这边 那边 里 里面 啥 没 不 能不能 不能 能否 是否 "
    "有没有 没有 搞 做 弄 拿 用来 手里 办 吗 吧 啊 呀 嘛 哈 多大 多久 第几 分别 具体 总的 总体 "
    "主要 一般 目前 现在 现有 当前 打算 希望 需要 应该 必须 是不是 会不会 可不可以 能够 得到 获得 "
    "方案 方案里 文件 文件里 规定 提到 说 讲 里说 说的 提出 明确 根据 按照 安排 涉及 包括 "
    "问题 情况 内容 东东 方面 哪些方面 怎么办 咋办 咋 啥样 多少钱 "
    "which what who whom how is are was were be the a an of for to in on at by with and or do does did "
    "can could should would will there their they it its this that these those any some about".split()
)
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")

# Domain words jieba splits badly; taught once at start-up.
DOMAIN_WORDS = [
    "高新技术企业", "科技型中小企业", "瞪羚企业", "新型研发机构", "孵化器", "众创空间", "加速器",
    "科技创新券", "研发准备金", "股权质押", "知识产权", "专利", "牵头单位", "责任单位", "一区多园",
    "专业镇", "技术改造", "科技金融", "风险补偿", "加计扣除", "创新券",
    "自创区", "产业集群", "装备制造", "健康医药", "电子信息", "家用电器", "研发费用", "孵化育成",
]


def _ensure_init() -> None:
    global _initialised
    with _init_lock:
        if not _initialised:
            for word in DOMAIN_WORDS:
                jieba.add_word(word, freq=20000)
            jieba.initialize()
            _initialised = True


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens, lower-cased, without stopwords/punctuation."""
    _ensure_init()
    tokens = []
    for token in jieba.cut_for_search(text):
        token = token.strip().lower()
        if token and token not in STOPWORDS and _KEEP.search(token):
            tokens.append(token)
    return tokens


class LexicalIndex:
    """BM25 over pre-tokenised chunks; built in memory from stored tokens."""

    def __init__(self, token_lists: list[list[str]]) -> None:
        self.size = len(token_lists)
        self._bm25 = bm25s.BM25()
        # bm25s drops documents with no tokens unless given a placeholder.
        self._bm25.index([t or ["<empty>"] for t in token_lists], show_progress=False)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(chunk position, score) of the best k chunks, score > 0 only."""
        tokens = tokenize(query)
        if not tokens or self.size == 0:
            return []
        k = min(k, self.size)
        try:
            ids, scores = self._bm25.retrieve([tokens], k=k, show_progress=False)
        except (ValueError, KeyError):  # no query token in the vocabulary
            return []
        return [(int(i), float(s)) for i, s in zip(np.ravel(ids), np.ravel(scores)) if s > 0]
