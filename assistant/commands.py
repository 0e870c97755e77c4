"""The CLI subcommands, one function each: (args, settings) -> exit code."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .index import IndexUnavailable
from .settings import Settings


class UserError(Exception):
    """Something the user can fix; printed without a stack trace."""


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _open(settings: Settings):
    from .embeddings import EmbeddingError
    from .service import Assistant

    try:
        return Assistant.open(settings)
    except (IndexUnavailable, EmbeddingError) as exc:
        raise UserError(str(exc)) from exc


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from .embeddings import EmbeddingError
    from .index import build_index
    from .vectorstore import VectorStoreError

    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc="嵌入", unit="块", file=sys.stderr)
        bar.n = done
        bar.refresh()

    try:
        report = build_index(settings, progress=progress, force=args.rebuild)
    except (IndexUnavailable, EmbeddingError, VectorStoreError) as exc:
        raise UserError(str(exc)) from exc
    finally:
        if bar is not None:
            bar.close()
    print(report.summary_zh())
    return 0


def cmd_sections(args: argparse.Namespace, settings: Settings) -> int:
    from .ingest import parse_corpus

    corpus = parse_corpus(settings.corpus_dir)
    for name, reason in corpus.skipped.items():
        print(f"已跳过 {name}：{reason}", file=sys.stderr)
    if not corpus.documents:
        raise UserError(f"语料目录 {settings.corpus_dir} 中没有可读取的文件")
    sections = [s for d in corpus.documents for s in d.sections]
    if args.json:
        _print_json([
            {"doc": s.doc, "section": s.label, "title": s.title, "chapter": s.chapter, "kind": s.kind,
             "lead_units": s.lead_units, "responsible_units": s.responsible_units,
             "targets": [t.to_dict() for t in s.targets], "references": s.references,
             "start": s.start, "end": s.end}
            for s in sections
        ])
        return 0
    for s in sections:
        units = f"  牵头：{'、'.join(s.lead_units)}" if s.lead_units else ""
        print(f"{s.doc} | {s.heading}{units}")
    return 0


def _read_questions(path: str) -> list[str]:
    if path == "-":
        return sys.stdin.read().splitlines()
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取问题文件 {path}：{exc.strerror}") from exc
    from .readers import decode_text

    return decode_text(data).splitlines()


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from .service import QuestionError

    if not args.file and args.question is None:
        raise UserError("请给出问题，或用 --file 指定问题文件")
    assistant = _open(settings)
    session = assistant.new_session()
    questions = _read_questions(args.file) if args.file else [args.question]
    answered = 0
    for question in questions:
        try:
            answer = assistant.ask(question, session=None if args.file else session, k=args.k)
        except QuestionError as exc:
            result = {"question": question, "error": str(exc)}
            print(json.dumps(result, ensure_ascii=False) if (args.json or args.file) else f"错误：{exc}",
                  flush=True)
            continue
        except IndexUnavailable as exc:
            raise UserError(str(exc)) from exc
        answered += 1
        if args.json or args.file:
            print(json.dumps(answer.to_json(), ensure_ascii=False, indent=None if args.file else 2), flush=True)
        else:
            print(render_answer(answer))
    return 0 if answered else 1


def render_answer(answer) -> str:
    lines = [answer.text, ""]
    for n, c in enumerate(answer.citations, 1):
        lines.append(f"[{n}] {c.section}{c.title}：{c.quote}")
    if answer.see_also:
        lines.append("相关章节：" + "；".join(f"{c.section}{c.title}" for c in answer.see_also))
    return "\n".join(lines).rstrip()


def cmd_match(args: argparse.Namespace, settings: Settings) -> int:
    from . import eligibility

    try:
        if args.profile:
            profile = eligibility.load_profile(Path(args.profile))
        else:
            profile = eligibility.profile_from_flags(
                qual=args.qual, need=args.need, industry=args.industry, location=args.location, size=args.size
            )
    except (ValueError, OSError) as exc:
        raise UserError(str(exc)) from exc
    result = _open(settings).match(profile)
    if args.json:
        _print_json(result.to_json())
    else:
        print(result.render_zh())
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from .evaluate import main as eval_main

    return eval_main(args, settings)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from .web import serve

    return serve(settings)


COMMANDS = {
    "index": cmd_index,
    "sections": cmd_sections,
    "ask": cmd_ask,
    "match": cmd_match,
    "eval": cmd_eval,
    "serve": cmd_serve,
}
