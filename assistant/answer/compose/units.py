"""Who does a task: the unit lines (牵头/责任), a task table's row, or for laws the sentences that assign it."""

from __future__ import annotations

import re
from dataclasses import replace


from assistant.lexicon.tags import in_order
from assistant.answer.compose.draft import (Context, Draft, UNIT_WORDS, as_written, cite, duties_en, mark,
                                            no_tasks_en, note_line, unique_sections, unit_line)
from assistant.answer import english
from assistant.answer.compose.library import Library
from assistant.index.lexical import tokenize
from assistant.ingest.units import gloss
from assistant.answer.messages import say
from assistant.answer.plan import QueryPlan as Query, of_part
from assistant.ingest.outline import body_text
from assistant.ingest.roles import clause_naming, sentence_naming, sentence_roles, sentence_subject
from assistant.ingest.unit_notes import TableRow
from assistant.models import Section
from assistant.answer.compose import sentences


def owner_from_sentences(lib: Library, ctx: Context) -> Draft | None:
    """Who does a task, where no unit line says so (laws: `…由省人民政府专利行政部门
    负责处理`): sentences that speak of the task itself, beyond the document's own
    title; else the documents do not say (a preamble's 常务委员会 is no owner)."""
    draft = sentences.general(lib, ctx)
    if draft is None:
        return None
    for citation in draft.citations:
        task = [t for t in ctx.query.topic_tokens if not in_order(t, citation.doc)]
        if any(lib.evidence.occurs(t, citation.quote) for t in task):
            return draft
    return Draft(say("no_owner", ctx.query.english), [], [], answerable=False, reason="no_owner")


def table_row(lib: Library, ctx: Context) -> tuple[TableRow, Section] | None:
    """The task-table row (任务分工表) that names the task asked about, from
    the documents of the top hits: its own 牵头/配合 units, not the union a
    section gathers from all its rows."""
    docs = {h.section.doc for h in ctx.hits[:3]}
    best, score = None, lib.settings.task_row_coverage
    for row, section in (pair for doc in docs for pair in lib.task_rows.get(doc, [])):
        covered = lib.topic_share(ctx.query, row.task + row.detail, beyond=section.doc)
        if covered > score:
            best, score = (row, section), covered
    return best


def lead(lib: Library, ctx: Context) -> Draft | None:
    """The governing section's unit line; when another document's section
    fits the question as well, both, each with its document named. A task
    named in a task table is answered from its row."""
    found = table_row(lib, ctx)
    if found:
        row, section = found
        owner = replace(section, lead_units=row.units.lead, responsible_units=row.units.responsible)
        quote = row.quote or section.text.split("\n")[row.line].strip()
        return Draft(unit_sentence(owner, ctx.query, named=False), [cite(section, quote)], [section])
    if (whole := document_owner(lib, ctx)) is not None:
        return whole
    # A chapter's text only guesses at its owner: sections and sidebars first, unless the
    # chapter's own sentences name it (a closing 组织实施 chapter with no sections of its own).
    hits = sorted(ctx.hits[:3], key=lambda h: h.section.kind == "chapter" and not h.section.units)
    # A task the question names by its heading (“一区多园”发展模式 -> （四）创新“一区多园”发展模式) before the top
    # one, which never writes some of those heading words (（九）全面推进“一区多园”建设: no 模式 in it).
    if named := next((h for h in hits[1:] if lib.names_heading_over(ctx.query, h.section, hits[0].section)), None):
        hits = [named] + [h for h in hits if h is not named]
    owners = [(hit.score, lib.owner_of(hit.section)) for hit in hits]
    # (searched within the document a question names, a section writing none of the task asked names no one for
    # it: 由哪个部门负责解释 of a law silent on it)
    task = ctx.query.topic_tokens if ctx.query.docs_named and not ctx.query.follow_up else []
    owners = [(score, owner) for score, owner in owners if owner is not None
              and (not task or any(lib.evidence.occurs(t, owner.text) for t in task))]
    # (the top section's own unit line or note says who, whatever a sentence elsewhere names)
    if not (owners and owners[0][1].unit_source not in ("text", "")) and (named := sentences_naming_tasks(lib, ctx)):
        drafts = [from_sentence(owner, sentence, unit_sentence(owner, ctx.query, named=False), ctx.query)
                  for owner, sentence in named]
        return Draft("\n".join(d.text for d in drafts), [c for d in drafts for c in d.citations],
                     unique_sections([s for d in drafts for s in d.sections]))
    if not owners:
        return None
    top_score, first = owners[0]
    if first.unit_source not in ("text", "") and not (ctx.query.lead_named or ctx.query.role_of) \
            and (named := task_in_section(lib, ctx, first)):
        owner, sentence = named
        words = UNIT_WORDS["en" if ctx.query.english else "zh"]
        doers = plain_names(owner.lead_units + owner.responsible_units, ctx.query)
        return from_sentence(owner, sentence, words["doer"].format(resp=doers) + mark(owner), ctx.query)
    if first.unit_source == "text" and not ctx.query.role_of and (picked := singled_out(lib, ctx, first)):
        owner, sentence = picked
        return from_sentence(owner, sentence, unit_sentence(owner, ctx.query, named=False), ctx.query)
    chosen = [first] + [o for score, o in owners[1:2] if o.doc != first.doc and score >= 0.9 * top_score]
    return with_own_duties(lib, owners_answer(chosen, ctx.query), first, ctx.query)


def with_own_duties(lib: Library, draft: Draft, owner: Section, query: Query) -> Draft:
    """Asked who leads a task and what a named unit is to do in it (我是市城乡规划局的，这项工作谁牵头？我们要做什么？):
    after who, the sentences of the task's text that the unit is the subject of or given a role in
    (市城乡规划局要加强与…的沟通)."""
    if not query.duties_asked or query.english or not query.units:
        return draft

    def gives(sentence: str, unit: str) -> bool:  # (a subject read too far, 市城乡规划局要加强与省…厅, still opens with it)
        lead, shared = sentence_roles(sentence)
        return any(x.startswith(unit) for x in sentence_subject(sentence)) or unit in lead + shared

    said = [s for s in lib.texts_of(owner) if s not in draft.text and any(gives(s, u) for u in query.units)]
    if not said:
        return draft
    return Draft("\n".join([draft.text] + [f"{s}{mark(owner)}" for s in said]),
                 draft.citations + [cite(owner, s) for s in said], draft.sections)


def owners_answer(chosen: list[Section], query: Query) -> Draft:
    """Who does the task, from each chosen section's units (its document named when there are several), with the
    clause or note naming them."""
    lines = [unit_sentence(owner, query, named=len(chosen) > 1) for owner in chosen]
    # (an English answer explains each citation's quote instead of naming the clause)
    lines = [line + (f"\n{said}。" if not query.english and (said := naming(o)) else written(o, query))
             for line, o in zip(lines, chosen)]
    lines[0] = parts_of_named(chosen[0], query) + lines[0]  # (a body's part asked: said first)
    return Draft("\n".join(lines), [cite(o, naming(o) or unit_line(o)) for o in chosen], chosen)


def document_owner(lib: Library, ctx: Context) -> Draft | None:
    """Asked who is in charge of what a document is about as a whole (its title holds every topic word:
    汕头经济特区的城市景观照明由哪个部门主管？), the bodies its first article naming any answer (a
    regulation's 总则: `X主管…工作`, `X负责本行政区域内…工作`), not a section whose words echo the title."""
    topic = ctx.query.topic_tokens
    doc = ctx.hits[0].section.doc if ctx.hits else ""
    if not topic or not doc or ctx.query.role_of or not all(in_order(t, doc) for t in topic):
        return None
    owner = next((s for s in lib.of_doc.get(doc, []) if s.units and s.kind == "article"), None)
    return owners_answer([owner], ctx.query) if owner is not None else None


def from_sentence(owner: Section, sentence: str, who: str, query: Query) -> Draft:
    """An answer from the sentence that names who does the task: who, then (in Chinese) the sentence."""
    return Draft(who + ("" if query.english else f"\n{sentence}"), [cite(owner, sentence)], [owner])


def plain_names(units: list[str], query: Query) -> str:
    """Bodies by their one name across documents (in English, glossed), joined as the language lists them."""
    words = UNIT_WORDS["en" if query.english else "zh"]
    return words["sep"].join(gloss(u) if query.english else u for u in units)


def parts_of_named(owner: Section, query: Query) -> str:
    """The part each body the question names has in the task (食品药品监管局是什么角色？): lead, sharing, or
    not among the bodies listed."""
    words = UNIT_WORDS["en" if query.english else "zh"]
    groups = {"is_lead": [u for u in query.role_of if u in owner.lead_units],
              "is_shared": [u for u in query.role_of if u in owner.responsible_units and u not in owner.lead_units],
              "is_none": [u for u in query.role_of if u not in owner.units]}
    said = [words[key].format(units=plain_names(units, query)) for key, units in groups.items() if units]
    return "".join(line + "\n" for line in said)


def task_sentence(lib: Library, ctx: Context) -> tuple[Section, str] | None:
    """Where bodies are named in prose (a law's article, a notice's `请X会同Y…`, a 预案's `公安部：负责…`), a
    section gives several tasks to several bodies: the sentence naming the task asked (holding
    Settings.task_row_coverage of the question, as a task table's row must; of those, one with a role word
    before one without, then the nearest to the question) answers with the bodies `who_in` finds there.
    Sentences are those of the top sections and those nearest the question in their documents; sections
    with a unit line, a note or a table row keep theirs."""
    prose = [i for i in lib.task_candidates(ctx)
             if lib.by_key[lib.index.sentences[i].section_key].unit_source in ("text", "")]
    named = [(i, owner, found) for i, owner, _, found in tasks_named(lib, ctx, prose, lib.settings.task_row_coverage)]
    if not named:
        return None
    i, owner, (lead, resp, quote, _) = max(named, key=lambda n: (n[2][3], float(ctx.sentence_sims[n[0]])))
    return replace(owner, lead_units=lead, responsible_units=resp), quote


def singled_out(lib: Library, ctx: Context, owner: Section) -> tuple[Section, str] | None:
    """Of a section giving several bodies each a task of its own in prose (…供水主管部门负责…管理工作；…卫生健康
    主管部门负责…卫生监督工作；…价格主管部门负责…), the one sentence whose task holds more of the question than any
    other's by Settings.singled_out_margin, however little it holds (the words naming the document aside): the
    question picks that body out of the list. When no sentence stands out, the section's bodies answer together."""
    texts = (continued(lib, i) for i in lib.sentences_of.get(owner.key, []))
    found = [(lib.topic_share(ctx.query, text, beyond=owner.doc), who) for text in texts
             if (who := who_in(lib, ctx.query, text)) is not None and who[3]]
    ranked = sorted(found, key=lambda f: f[0], reverse=True)
    if len(ranked) < 2 or ranked[0][0] < ranked[1][0] + lib.settings.singled_out_margin:
        return None
    lead, resp, quote, _ = ranked[0][1]
    return replace(owner, lead_units=lead, responsible_units=resp), quote


def sentences_naming_tasks(lib: Library, ctx: Context) -> list[tuple[Section, str]]:
    """The sentence naming the task asked (`task_sentence`); asked of several tasks at once (价格和治安分别由哪个部门
    管理), also, for each task that sentence does not name, the sentence naming that one as if it were asked alone."""
    found = [named] if (named := task_sentence(lib, ctx)) else []
    said = [sentence for _, sentence in found]
    for part, _ in lib.unsaid_parts(ctx.query, said):
        if (named := task_sentence(lib, replace(ctx, query=of_part(ctx.query, part)))) and named[1] not in said:
            found.append(named)
            said.append(named[1])
    return found


def task_in_section(lib: Library, ctx: Context, owner: Section) -> tuple[Section, str] | None:
    """A task a section's own sentence gives another body (（二十八）强化组织领导, led by 火炬开发区:
    `设立…办公室，负责协调和日常管理工作`): asked who carries that task out (not who leads it), the
    sentence answers, not the unit line.
    The sentence must name the task with a role word and hold Settings.task_row_coverage of the question and
    more of it than the section's title does; bodies the unit line already names are no other body."""
    floor = max(lib.settings.task_row_coverage, lib.topic_share(ctx.query, owner.title))
    named = [(share, found) for _, _, share, found in tasks_named(lib, ctx, lib.sentences_of.get(owner.key, []), floor)
             if found[3] and not set(found[0] + found[1]) <= set(owner.units)]
    if not named:
        return None
    _, (lead, resp, quote, _) = max(named, key=lambda n: n[0])
    return replace(owner, lead_units=lead, responsible_units=resp, unit_note=[]), quote


def tasks_named(lib: Library, ctx: Context, candidates: list[int], floor: float):
    """(sentence, its section, its share of the question, `who_in`'s reading) for each candidate sentence
    holding more than `floor` of the question and naming bodies, in the candidates' order."""
    for i in candidates:
        text = continued(lib, i)
        if (share := lib.topic_share(ctx.query, text)) > floor and (found := who_in(lib, ctx.query, text)) is not None:
            yield i, lib.by_key[lib.index.sentences[i].section_key], share, found


def continued(lib: Library, i: int) -> str:
    """A sentence ending in `；` with the sentences after it that name no one of their own: Chinese leaves a
    continuing subject unsaid (城市管理主管部门负责道路以外的停车秩序管理工作；接受…投诉，依法处理小区内的停车行为。),
    so what they say is the same body's task."""
    sentences = lib.index.sentences
    text, key, j = sentences[i].text, sentences[i].section_key, i + 1
    while text.rstrip().endswith(("；", ";")) and j < len(sentences) and sentences[j].section_key == key:
        following = sentences[j].text
        if any(sentence_roles(following)) or sentence_subject(following):
            break
        text, j = text + following, j + 1
    return text


def who_in(lib: Library, query: Query, sentence: str) -> tuple[list[str], list[str], str, bool] | None:
    """(leads, responsible, what to quote, whether a role word named them) for the task a sentence gives:
    the clause naming bodies that holds most of the question (市税务局负责A，市财政局负责B), a lead another
    clause names among its bodies kept as lead (…由A、B组成，A为牵头单位); else the sentence's roles read whole;
    else, with no role word, its subject (国务院财政部门依法对…进行管理). A body the question names is what it
    asks about, not the one it asks for."""
    asked = set(query.tokens)

    def others(units: list[str]) -> list[str]:
        # (the issuer named in a document's title, 国务院办公厅关于…的意见, says where to look, not whom about)
        return [u for u in units if not set(tokenize(u)) <= asked or any(u in title for title in query.docs_named)]

    clauses = [(c, *map(others, sentence_roles(c))) for c in re.split(r"[，,；;]", sentence) if c.strip()]
    clauses = [c for c in clauses if c[1] or c[2]]
    if clauses:
        clause, lead, resp = max(clauses, key=lambda c: lib.topic_share(query, c[0]))
        leading = [c for c, l, _ in clauses if c != clause and set(l) & set(resp)]
        lead = lead + [u for u in resp if any(u in l for c, l, _ in clauses if c in leading)]
        shared = query.both_roles or query.intent == "responsibility"  # (else only the lead is shown, and quoted)
        quote = "，".join(([clause] if shared else []) + leading) if leading else clause if len(clauses) > 1 else sentence
        return lead, [u for u in resp if u not in lead], quote, True
    lead, resp = map(others, sentence_roles(sentence))
    if lead or resp:
        return lead, resp, sentence, True
    subject = others(sentence_subject(sentence))
    return ([], subject, sentence, False) if subject else None


def written(owner: Section, query: Query) -> str:
    note = note_as_written(owner, query)
    return "\n" + UNIT_WORDS["en" if query.english else "zh"]["quoted"].format(note=note) if note else ""


def naming(owner: Section) -> str:
    """The clause of a law's article that names who does the task (`市财政部门会同市会展业主管部门
    制定…`, `教育部为牵头单位`): an article has no unit line, so the answer says who in its own words."""
    units = owner.lead_units or owner.responsible_units
    if owner.unit_source != "text" or not units:
        return ""
    return clause_naming(body_text(owner), units[0], leads=bool(owner.lead_units))


def roles_asked(owner: Section, query: Query) -> tuple[bool, bool]:
    """(both roles, the shared role only) as the answer gives them. A shared-role question gets the shared
    units; "who is responsible" gets the lead too (in 「A、B负责，列第一位者为牵头单位」 every unit listed
    is responsible)."""
    both = bool((query.both_roles or query.intent == "responsibility" and query.role != "责任") and owner.lead_units)
    return both, query.intent == "responsibility" and not both


def note_as_written(owner: Section, query: Query) -> str:
    """The roles asked for in the words of the section's unit note (`牵头单位：市教育和体育局、科技局`),
    the text a role answer rests on. A note naming its roles in one phrase (`A、B、C负责`) is quoted
    when the answer gives every body it names (asked for the lead only, the answer says who)."""
    both, only_shared = roles_asked(owner, query)
    if len(owner.unit_note) == 2 and owner.lead_units:
        return "；".join(owner.unit_note if both else owner.unit_note[1:] if only_shared else owner.unit_note[:1])
    return "；".join(owner.unit_note) if both or not (owner.lead_units and owner.responsible_units) else ""


def unit_sentence(owner: Section, query: Query, named: bool) -> str:
    prefix = f"《{owner.doc}》：" if named else ""
    # Answer the role asked for; the cited unit line shows the whole line.
    both, only_shared = roles_asked(owner, query)
    words = UNIT_WORDS["en" if query.english else "zh"]
    name = gloss if query.english else (lambda unit: as_written(unit, owner.text))
    lead = words["sep"].join(map(name, owner.lead_units))
    resp = words["sep"].join(map(name, owner.responsible_units))
    if only_shared:
        text = words["shared"].format(resp=resp or words["none"])
    elif not lead:
        text = words["no_lead"].format(resp=resp)
    else:
        text = words["lead"].format(lead=lead, tail=words["tail"].format(resp=resp) if both and resp else "")
    if owner.applies_to:  # the note says where the measure applies: part of who answers for it
        text += words["applies"].format(scope=owner.applies_to)
    return f"{prefix}{text}{mark(owner)}"


def applies_to(lib: Library, ctx: Context) -> Draft | None:
    """Where a measure applies, when the question asks it (适用于哪个自贸区): the scope the note
    of the best hit states (another section's scope would answer for another measure)."""
    section = ctx.hits[0].section if ctx.hits else None
    if section is None or not section.applies_to:
        return None
    text = UNIT_WORDS["en" if ctx.query.english else "zh"]["applies"].format(scope=section.applies_to).strip()
    return Draft(f"{text}{mark(section)}", [cite(section, note_line(section))], [section])


DUTY_CHARS = 80  # a duty sentence longer than this is shown cut (the citation quotes it whole)


def _task_named(lib: Library, ctx: Context, groups) -> Section | None:
    """The task among the unit's that the question names by its heading, when the search ranks it first, or that
    the answer before quoted when the question names nothing of its own (那市城乡规划局具体要做什么: the sections
    searched are the earlier answer's)."""
    best = ctx.hits[0].section if ctx.hits else None
    if best is None or not any(best in group for _, group in groups):
        return None
    leans = ctx.query.follow_up and not ctx.query.topic_tokens
    return best if leans or lib.names_title(ctx.query, best) else None


def _duty(lib: Library, section: Section, unit: str, whole: bool = False) -> str:
    """What a section gives the unit to do: its title; where an article's own sentences
    name the bodies, the sentence naming this one (第八条's second sentence for 市财政局);
    where a task table's rows do, the tasks of the rows naming it."""
    said = ""
    if section.unit_source == "text":
        said = sentence_naming(section.text.removeprefix(section.written_label), unit)
    elif section.unit_source == "table":
        if whole:
            return ""  # (a citation quotes the document; the tasks are not one piece of it)
        tasks = "、".join(dict.fromkeys(
            row.task or row.detail[:20] for row, s in lib.task_rows.get(section.doc, [])
            if s.key == section.key and unit in row.units.lead + row.units.responsible))
        return f"{section.title}（{tasks}）" if tasks else section.title
    if not said:
        return "" if whole else section.title
    return said if whole or len(said) <= DUTY_CHARS else f"{said[:DUTY_CHARS]}…"


def _duties_en(lib: Library, unit: str, groups) -> list[str]:
    """Each task of an English duties answer: its English summary (role, label, the things its
    heading names, the other bodies), then its Chinese wording as the Chinese answer gives it."""
    tasks = [(role, s) for role, group in groups for s in group]
    several = len({s.doc for _, s in tasks}) > 1
    lines = []
    for n, (role, s) in enumerate(tasks, 1):
        lead = [u for u in s.lead_units if u != unit]
        shared = [u for u in s.responsible_units if u != unit and u not in s.lead_units]
        summary = english.duty(s.label, s.doc, s.title, "lead" if role == "牵头" else "shared", lead, shared, several)
        lines += [f"{n}. {summary}", f"Source text: {s.label}{_duty(lib, s, unit)}"]
    return lines


def duties(lib: Library, ctx: Context) -> Draft | None:
    query = ctx.query
    lines, citations, sections = [], [], []
    # (the question named its documents: no task from another)
    searched = [s for s in lib.index.sections if not ctx.docs or s.doc in ctx.docs]
    for unit in query.units:
        led = [s for s in searched if unit in s.lead_units]
        shared = [s for s in searched if unit in s.responsible_units and unit not in s.lead_units]
        groups = [("牵头", led), ("责任（参与）", shared)]
        asked = [g for g in groups if not query.role or g[0].startswith(query.role)]
        if not any(group for _, group in asked):
            # None in the role asked for: say so, then give the other role.
            lines.append(no_tasks_en(unit, query.role) if query.english else
                         f"现有文件中没有列出{unit}作为{query.role or '牵头或责任'}单位的任务。")
            if not any(group for _, group in groups):
                continue
        else:
            groups = asked
        if (named := _task_named(lib, ctx, groups)) is not None:
            # (在压实安全生产责任方面，要求区应急局做哪些事: that task's own text first, then the unit's other tasks)
            text = body_text(named)
            lines.append(f"{text}{mark(named)}")
            citations.append(cite(named, text))
        if query.english:
            lines.append(duties_en(unit, groups))
            lines += _duties_en(lib, unit, groups)
        else:
            parts = [f"{role}：" + "；".join(f"{s.label}{_duty(lib, s, unit)}" for s in group)
                     for role, group in groups if group]
            lines.append(f"{unit}在以下任务中承担职责——" + "。".join(parts) + "。")
        for _, group in groups:
            citations += [cite(s, unit_line(s) or _duty(lib, s, unit, whole=True)) for s in group]
            sections += group
    return Draft("\n".join(lines), citations, sections, answerable=bool(citations))
