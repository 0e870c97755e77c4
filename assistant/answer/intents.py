"""What a question asks for: its intent, the units and years it names, and
whether it leans on the previous turn.

Rules over wording, Chinese and English; nothing keyed to known questions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import cn2an

from assistant import lexicon
from assistant.eligibility import MONEY_QUESTIONS
from assistant.lexicon.english import CorpusSenses, english_units, phrase_translations
from assistant.answer.evidence import SYNONYMS
from assistant.index.lexical import FILLERS, tokenize
from assistant.lexicon.tags import dictionary_tag, has_chinese
from assistant.answer.cues import cue
from assistant.answer.retrieve import lexical_query
from assistant.ingest.units import ALIASES, UNIT_MARK, units_marked

LEAD = cue("lead")
RESPONSIBLE = cue("responsible")
DUTY = cue("duty")
OBLIGATION_ASKED = cue("obligation_asked")
BASIS_WHETHER = cue("basis_whether")
FRAMING = cue("framing")
ROLE_PHRASE = cue("role_phrase")
# A duty verb right after a unit named, its object asked (县水利局负责考核哪些项目).
DUTY_OF_UNIT = re.compile(UNIT_MARK + "(?:" + cue("duty_of_unit").pattern + ")", re.I)
TARGET = cue("target")
# Asking what support one can get, not merely mentioning money.
ELIGIBILITY = cue("eligibility")
# References asked for: the document a section is based on.
REFERENCE = cue("reference")
FOLLOW_UP = cue("follow_up")
ANAPHOR = cue("anaphor")
YEAR = re.compile(r"(20\d\d)\s*年?")
# The lead named only to set it aside ("除了牵头单位，还有哪些单位负责？"): the question asks for the others.
ASKS_TIME_OR_AMOUNT = cue("time_or_amount")
# The shared role named as such (the document's 责任/配合/参与 column or list)
SHARED_ROLE = cue("shared_role")
BODIES_ASKED = cue("bodies_asked")
EXCEPT_LEAD = cue("except_lead")
ROLE_OF_BODY = cue("role_of_body")
WHICH_ARTICLE = cue("which_article")
WH_WORD = cue("wh_word")
A_NOT_A = cue("a_not_a")
WH_DETERMINER = cue("wh_determiner")
YES_NO = cue("yes_no")
LEAD_ROLE = cue("lead_role")
# how the name of a body ends (市科技局, 主管部门), and the words a who-question asks for a body by (哪个单位)
BODY_ENDINGS = tuple(lexicon.words("unit_suffixes")) + ("单位", "机构", "主体")
DUTIES_ASKED = cue("duties_asked")
ENCOURAGED_ASKED = cue("encouraged_asked")

# "When does it take effect": documents say so in one sentence, by convention their last article
# (本条例自2020年1月1日起施行。本办法自印发之日起施行，有效期3年。).
EFFECT_ASKED = cue("effect_asked")

# Words that frame a question but name no topic (lexicon/frame_words.toml):
# removed before judging whether the documents cover what the question is about.
FRAME_WORDS = set(lexicon.words("frame_words"))
# jieba part-of-speech tags of function words: time (t), measure and numeral (m, q), pronoun (r),
# adverb (d), preposition (p), conjunction (c), particle (u, y), interjection (e), direction (f).
FUNCTION_TAGS = ("t", "m", "q", "r", "d", "p", "c", "u", "y", "e", "f")
NUMERALS = frozenset("0123456789一二三四五六七八九十百千万两几数半")
JOINING_TAGS = ("c", "p")  # conjunctions and prepositions (如果, 按照): how clauses join, never what is asked of
FUNCTION_CHARACTERS = frozenset(lexicon.words("function_characters"))
ASPECT_MARKED = re.compile(r"^[\u4e00-\u9fff][了着过]$")  # 亏了, 拖着: a one-character verb and its aspect


@dataclass
class Query:
    text: str
    intent: str  # lead | responsibility | duties | target | eligibility | reference | general
    english: bool
    units: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    topic_tokens: list[str] = field(default_factory=list)  # what it is about: fillers and frames removed
    tokens: list[str] = field(default_factory=list)  # every content token, frame words included
    context_tokens: list[str] = field(default_factory=list)  # a follow-up's earlier topic
    follow_up: bool = False
    role: str | None = None  # duties or responsibility restricted to '牵头' or '责任'
    article: str = ""  # 第十五条: the article a question asks about, as documents write it
    # An English question's topic per English phrase: its Chinese translations, any one of which
    # says what the phrase says (sign: 标志/签署/签名), so a phrase is found when one of them is.
    alternatives: list[list[str]] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)  # the English phrase of each alternatives group, as written
    both_roles: bool = False  # 牵头单位和责任单位分别是 / 谁牵头，谁配合: the lead and the shared units asked
    role_of: list[str] = field(default_factory=list)  # 食品药品监管局是什么角色: the bodies named whose part is asked
    lead_named: bool = False  # 牵头/lead said in so many words: the lead role is asked, not whoever does the task


LEADING_NA = re.compile(r"^(那么|那)(?=[\u4e00-\u9fff])(?![些个里样时种])")


def clean_question(question: str) -> str:
    """Normalise width and strip control and zero-width characters."""
    text = unicodedata.normalize("NFKC", question)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs") or ch in "\n\t")
    return re.sub(r"\s+", " ", text).strip()


def topic_tokens(text: str, units: list[str]) -> list[str]:
    names = units + [alias for alias, unit in ALIASES.items() if unit in units]
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ").replace(name.removeprefix("市"), " ")
    tokens = _uncounted(tokenize(ROLE_PHRASE.sub(" ", text)))
    asking = [t for t in tokens if WH_WORD.search(t)]  # 多长时间 (and 长时间, 时间 in it) asks, names nothing
    asked = [m.group() for m in A_NOT_A.finditer(text)]  # 行不行 (and the 不行 in it), 需不需要 (需不需 in it)
    tokens = [t for t in tokens if not any(t in word for word in asking + asked) and not any(a in t for a in asked)]
    return [t for t in tokens if t not in FRAME_WORDS and t not in FILLERS and not t.isdigit() and len(t) > 1
            and not (dictionary_tag(t) or "").startswith(JOINING_TAGS)]


def _uncounted(tokens: list[str]) -> list[str]:
    """A word jieba keeps whole with the count before it (一艘船 beside 一艘) is the thing counted (船):
    how many says nothing of what the question is about."""
    counts = [t for t in tokens
              if len(t) > 1 and t[0] in NUMERALS and (dictionary_tag(t) or "").startswith(("m", "q"))]
    return [next((t[len(c):] for c in counts if t.startswith(c) and len(t) > len(c)), t) for t in tokens]


# Words the lexicons know (standard abbreviations such as 高企 and 规上, applicant categories):
# question words even where neither jieba's dictionary nor the corpus has them.
LEXICON_WORDS = frozenset(SYNONYMS) | frozenset(lexicon.words("beneficiaries")) \
    | frozenset(lexicon.words("qualification_words")) | frozenset(lexicon.words("domain_words"))


def content_words(tokens: list[str], vocabulary: dict | None) -> list[str]:
    """The question's words that can name its subject. A word the corpus uses counts, and so
    does one it never uses that is a content word (最低工资, 看病, 养犬 say what the documents
    lack). A word the corpus never uses counts for nothing when it is a function word (a time,
    measure or pronoun word, an adverb: 往后, 几天, 每年), a verb with an aspect particle (亏了:
    the corpus writes 亏损), or a fragment jieba's new-word guessing glued across a word boundary
    (后要, 最多能: lexicon/function_characters.toml)."""
    if vocabulary is None:
        return tokens
    return [t for t in tokens if t in vocabulary or t in LEXICON_WORDS or t.isascii() or _content_word(t)]


def _content_word(word: str) -> bool:
    tag = dictionary_tag(word)
    if tag is None:  # a word jieba guessed: a new word (养犬), or a fragment when a function character ends it
        return word[0] not in FUNCTION_CHARACTERS and word[-1] not in FUNCTION_CHARACTERS
    return not tag.startswith(FUNCTION_TAGS) and not ASPECT_MARKED.search(word)


def maximal(tokens: list[str]) -> list[str]:
    """Search-mode tokens without the sub-words of longer ones (自创 in 自创区)."""
    return [t for t in tokens if not any(t != other and t in other for other in tokens)]


def analyse(question: str, known_units: list[str], vocabulary: dict | None = None,
            distinctive_idf: float = 2.0, corpus: CorpusSenses | None = None) -> Query:
    """`vocabulary` (the corpus's words) lets words the documents never use,
    such as a mis-segmented `里管`, count for nothing when the intent is read;
    `corpus` reads an English question's words in the senses the documents use."""
    # (市经信局的同事问：…: who is asking frames the question and names nothing it asks about)
    text = FRAMING.sub("", clean_question(question), count=1)
    english = not has_chinese(text)
    # An English question names a unit in English (Finance Bureau -> 市财政局).
    units, marked = (english_units(text, known_units), text) if english else units_marked(text, known_units)
    # English questions are judged on the Chinese terms their words map to.
    # A follow-up's opening 那 is glued to the next word by jieba (那全社会 -> 那全, 社会): set it apart.
    searchable = lexical_query(text, vocabulary, units, corpus) if english else LEADING_NA.sub(r"\1 ", text)
    topics = topic_tokens(searchable, units)
    if not english:
        topics = content_words(topics, vocabulary)
    query = Query(
        text=text,
        intent="general",
        english=english,
        units=units,
        years=[int(y) for y in YEAR.findall(text)],
        topic_tokens=topics,
        tokens=[t for t in tokenize(searchable) if t not in FILLERS],
    )
    if english:
        groups = [(phrase, [t for word in group for t in topic_tokens(word, units) if t in topics])
                  for phrase, group in phrase_translations(text, vocabulary, units=units, names=False, corpus=corpus)]
        query.alternatives = [g for _, g in groups if g]
        query.phrases = [phrase for phrase, g in groups if g]
    # Words common across the whole corpus (建设, 自创区) do not narrow a
    # "what does unit X do" question to one topic.
    known_topics = [t for t in maximal(topics) if vocabulary is None or vocabulary.get(t, 0) >= distinctive_idf]
    query.intent = _intent(text, units, known_topics, query)
    if query.intent != "duties" and units and DUTY_OF_UNIT.search(marked) and not query.article \
            and not query.role_of:
        # the unit is the subject of the duty asked, whatever else the question names (its document, field); not
        # when what is asked is the part it has (市金融局要做什么角色: 角色 is what 做什么 asks)
        query.intent, query.role = "duties", _duty_role(text)
    # A short question ending in 呢 (作价投资的情况呢？) leans on the one before, whatever its topic words.
    short_ne = bool(re.search(r"呢[？?]?$", text)) and len(text) <= 12
    # (那国资委参加吗？: the part of a body asked, leaning on the task the one before asked of, names no task itself)
    query.follow_up = bool(FOLLOW_UP.search(text)) and (len(topics) <= 1 or short_ne or bool(query.role_of)) \
        or bool(ANAPHOR.search(text))
    return query


ARTICLE_ASKED = re.compile(r"第\s*([一二三四五六七八九十百零〇两]+|\d+)\s*条|\barticle\s+(\d+)", re.I)


def asked_article(text: str) -> str:
    """`第15条` / `第十五条` / `Article 15` -> `第十五条` (documents write Chinese numerals)."""
    m = ARTICLE_ASKED.search(text)
    if not m:
        return ""
    number = m.group(1) or m.group(2)
    if number.isdigit():
        number = cn2an.an2cn(number)
    return f"第{number.replace('两', '二')}条"


def _duty_role(text: str) -> str | None:
    """The one role a duties question restricts itself to (牵头 or 责任), if it names one."""
    lead_role = bool(re.search(r"牵头|\blead", text, re.I))
    shared_role = bool(re.search(r"参与|配合|责任单位|co-?responsible|support", text, re.I))
    if lead_role != shared_role:
        return "牵头" if lead_role else "责任"
    return None


def _bodies_beside_lead(text: str) -> bool:
    """Several bodies asked for in a clause of their own beside the one asking who leads (谁牵头、哪些部门
    负责): the bodies sharing the work. Asked in the lead's own clause (牵头的是哪些部门) they are the leads."""
    return any(BODIES_ASKED.search(clause) and not re.search(r"牵头|lead", clause, re.I)
               for clause in re.split(r"[，,、；;？?]", text))


def _thing_asked(text: str) -> str:
    """The kind of thing a question word asks for when it is no body (哪些情形, 什么条件, 哪一类规划): the noun
    right after it; "" when there is none, it names a body (哪个部门, 什么机构), or a duty verb asks it (承担哪项措施:
    the body's tasks, whatever it calls them)."""
    for m in WH_DETERMINER.finditer(text):
        if DUTY.search(text[max(0, m.start() - 2):m.start()]):
            continue
        noun = next((t for t in tokenize(text[m.end():m.end() + 6]) if len(t) > 1), "")
        if noun and not noun.endswith(BODY_ENDINGS) and has_chinese(noun):
            return noun
    return ""


def _intent(text: str, units: list[str], topics: list[str], query: Query) -> str:
    query.article = asked_article(text)
    if query.article and not LEAD.search(text):
        return "article"
    # "牵头单位要在什么时候…" names the lead as its subject but asks for a date or a number; 哪些情形下由主管部门…
    # names the body and asks which cases
    thing = _thing_asked(text)
    asks_other = bool(ASKS_TIME_OR_AMOUNT.search(text)) or bool(thing)
    asks_lead = bool(LEAD.search(text))
    asks_resp = bool(RESPONSIBLE.search(text))
    asks_who = bool(re.search(r"哪个|哪家|哪些(?:单位|部门)|谁|\bwhich (?:unit|department|bureau|office|body|agenc)|"
                              r"\bwho\b", text, re.I))
    if units and ROLE_OF_BODY.search(text):  # the part a named body has in a task: who leads, who shares it
        query.role_of, query.both_roles = list(units), True
        return "lead"
    # (县级以上人民政府应当把…工作纳入哪一类规划: a thing of another kind asked of the body, not its duties)
    if units and DUTY.search(text) and len(topics) <= 1 and not asks_who and not (thing and not DUTY.search(thing)):
        query.role = _duty_role(text)
        return "duties"
    # 由哪个部门会同其他部门负责: the body that acts together with the others is the one asked, as 牵头
    names_lead = bool(re.search(r"牵头|会同|lead", EXCEPT_LEAD.sub(" ", text), re.I))
    query.lead_named = names_lead
    query.both_roles = names_lead and bool(SHARED_ROLE.search(text) or _bodies_beside_lead(text)) \
        and not EXCEPT_LEAD.search(text)
    # 使用单位要承担哪些配合义务: what a party must do, the party named, asks its duties, not who shares them
    asks_obligation = bool(OBLIGATION_ASKED.search(text)) and not asks_who
    if (asks_resp or EXCEPT_LEAD.search(text)) and not names_lead and not asks_obligation:
        # "责任单位有哪些" / "除了牵头…还有" ask for the shared role alone; "由哪些部门负责"
        # asks for every unit that answers for the task, the lead included.
        if SHARED_ROLE.search(text) or EXCEPT_LEAD.search(text):
            query.role = "责任"
        return "responsibility"
    # 作为牵头部门的单位要承担哪些责任: the role names whose duties are asked, not a body asked for
    asks_duties = bool(DUTIES_ASKED.search(text)) and not asks_who
    # 中标后主管部门必须兑现吗: whether a body must do something, naming it, asks yes or no, not who leads
    # (由市科技局主导吗 asks whether it leads: the lead asked)
    asks_whether = bool(YES_NO.search(text)) and not asks_who and not LEAD_ROLE.search(text)
    if asks_lead and not (asks_other and not asks_who) and not asks_duties and not asks_whether:
        return "lead"
    if WHICH_ARTICLE.search(text):
        return "general"  # …的是第几条: the sentence stating it, with its label, whatever its words would ask
    if REFERENCE.search(text) and not BASIS_WHETHER.search(text):
        return "reference"
    if ELIGIBILITY.search(text) or any(form in text for form in MONEY_QUESTIONS):
        return "eligibility"
    if TARGET.search(text):
        return "target"
    return "general"
