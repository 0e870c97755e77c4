"""The articles a penalty enforces, read once at index time. A rule book's 法律责任 chapter names the
duties it punishes by their article (违反本条例第十八条规定，未按时备案的，…处5000元以上1万元以下的罚款):
the penalty sentence is stored with the labels of the articles of its own document it enforces
(`Sentence.enforces`), so a question asking what befalls a breach of a duty (会罚吗？有什么后果？) finds the
penalty through the duty's article, never by searching the text again."""

from __future__ import annotations

import re

from assistant.ingest import labels

# 违反本条例第十八条、第二十条第二款规定 (its own document: 本条例, 本办法, 本法, 本规定…)
_OWN_DOCUMENT = r"本(?:条例|办法|法|规定|细则|实施细则|实施办法|决定|规则)"
_REFERENCE = rf"{labels.ARTICLE}(?:{labels.SP}{labels.PARAGRAPH})?(?:{labels.SP}第?{labels.SP}[（(]{labels.SP}" \
             rf"{labels.NUMBER}{labels.SP}[)）]{labels.SP}项)?"
_VIOLATES = re.compile(rf"违反{_OWN_DOCUMENT}(?P<refs>{_REFERENCE}(?:{labels.SP}[、，,和及或与]{labels.SP}(?:{_REFERENCE}))*)")
_ARTICLE = re.compile(labels.ARTICLE)
# what a penalty does to the one who breached the duty
_PENALTY = re.compile(r"罚款|处罚|罚金|责令|警告|没收|吊销|撤销|处分|追究|通报批评|列入")


def enforced_articles(sentence: str) -> list[str]:
    """The labels (as written, whitespace removed) of the articles of its own document whose breach the
    sentence punishes; [] for a sentence naming no such article or stating no penalty."""
    found = list(_VIOLATES.finditer(sentence))
    if not found or not _PENALTY.search(sentence, found[-1].end()):
        return []
    return list(dict.fromkeys(labels.written(m.group()) for violation in found
                              for m in _ARTICLE.finditer(violation.group("refs"))))
