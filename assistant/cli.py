"""`policy-assistant` command line: thin, parses input, calls the facade,
prints output. Every PolicyAssistantError is printed as `错误：…` with exit
code 2 (never a stack trace); its subcommands are one function each."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.errors import PolicyAssistantError, QuestionError, UserInputError
from assistant.settings import Settings


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", help="语料目录（默认 corpus/，环境变量 POLICY_ASSISTANT_CORPUS）")
    parser.add_argument("--index", help="索引目录（默认 index/，环境变量 POLICY_ASSISTANT_INDEX）")
    parser.add_argument("--chroma-url", help="Chroma 服务器地址，如 http://127.0.0.1:8000（默认内嵌存储）")
    parser.add_argument("--settings", dest="settings_file", help="TOML 配置文件")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policy-assistant", description="政策助手：政策文件问答、职责查询与政策匹配")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="解析语料并建立（增量）索引")
    p.add_argument("--rebuild", action="store_true", help="忽略已有索引，全部重建")
    _common(p)

    p = sub.add_parser("sections", help="列出解析出的章节")
    p.add_argument("--json", action="store_true")
    _common(p)

    p = sub.add_parser("ask", help="提问")
    p.add_argument("question", nargs="?", help="问题")
    p.add_argument("--file", help="每行一个问题的文件（- 表示标准输入），输出 JSON Lines")
    p.add_argument("--json", action="store_true")
    p.add_argument("-k", type=int, default=None, help="检索的章节数")
    p.add_argument("--mode", choices=["hybrid", "dense", "lexical"], help="检索方式")
    _common(p)

    p = sub.add_parser("match", help="政策匹配：企业画像 → 适用措施")
    p.add_argument("--profile", help="企业画像 JSON 文件；含企业情况（years_registered、revenue…）时同时做条件自测")
    p.add_argument("--qual", action="append", default=[], help="资质，如 高新技术企业（可重复）")
    p.add_argument("--need", action="append", default=[], help="需求，如 融资（可重复）")
    p.add_argument("--industry", action="append", default=[], help="行业（可重复）")
    p.add_argument("--location", action="append", default=[], help="所在地（可重复）")
    p.add_argument("--size", help="规模")
    p.add_argument("--json", action="store_true")
    _common(p)

    p = sub.add_parser("duties", help="职责查询：单位 → 其牵头或参与的任务")
    p.add_argument("unit", help="单位名称：全称、简称或英文名，如 中山市财政局、财政局、Finance Bureau")
    p.add_argument("--json", action="store_true")
    _common(p)

    p = sub.add_parser("eval", help="运行评测并生成报告")
    p.add_argument("--gold", help="单个问题集文件（默认：evals/gold/splits.toml 中的全部问题集）")
    p.add_argument("--split", dest="splits", action="append", help="只运行指定问题集：dev、heldout、real（可重复）")
    p.add_argument("--config", dest="configs", action="append", help="只运行指定配置（可重复）")
    p.add_argument("--out", help="报告目录（默认 evals/reports/<时间>）")
    p.add_argument("--compare", nargs=2, metavar=("A", "B"), help="比较两份报告的 metrics.json")
    p.add_argument("--limit", type=int, help="只评测前 N 个问题")
    _common(p)

    p = sub.add_parser("serve", help="启动网页应用")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--insecure", action="store_true", default=None,
                   help="允许在非本机地址上不设登录地提供服务（不推荐）")
    _common(p)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.load(
        config=args.settings_file,
        corpus_dir=args.corpus,
        index_dir=args.index,
        chroma_url=args.chroma_url,
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        insecure=getattr(args, "insecure", None),
        retrieval_mode=getattr(args, "mode", None),
    )


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _open(settings: Settings):
    from assistant.service import Assistant

    return Assistant.open(settings)


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from assistant.service import build_index

    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc="嵌入", unit="块", file=sys.stderr)
        bar.n = done
        bar.refresh()

    try:
        report = build_index(settings, progress=progress, force=args.rebuild,
                             say=lambda message: print(message, file=sys.stderr, flush=True))
    finally:
        if bar is not None:
            bar.close()
    print(report.summary_zh())
    return 0


def cmd_sections(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.service import parse_corpus

    corpus = parse_corpus(settings.corpus_dir)
    for name, reason in corpus.skipped.items():
        print(f"已跳过 {name}：{reason}", file=sys.stderr)
    if not corpus.documents:
        raise UserInputError(f"语料目录 {settings.corpus_dir} 中没有可读取的文件")
    sections = [s for d in corpus.documents for s in d.sections]
    if args.json:
        _print_json([
            {"id": s.id, "doc": s.doc, "path": s.path, "label": s.written_label, "section": s.label,
             "title": s.title, "part": s.part, "chapter": s.chapter, "kind": s.kind,
             "lead_units": s.lead_units, "responsible_units": s.responsible_units, "unit_source": s.unit_source,
             "targets": [t.to_dict() for t in s.targets], "figures": [f.to_dict() for f in s.figures],
             "references": s.references,
             "start": s.start, "end": s.end}
            for s in sections
        ])
        return 0
    for s in sections:
        units = f"  牵头：{'、'.join(s.lead_units)}" if s.lead_units else ""
        print(f"{s.doc} | {s.heading}{units}")
    return 0


def _read_questions(path: str) -> list[tuple[str, bool]]:
    """(question, decoded cleanly) per line; a line with invalid bytes
    becomes an error row instead of stopping the batch."""
    from assistant.service import decode_lines

    if path == "-":
        return decode_lines(sys.stdin.buffer.read())
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserInputError(f"无法读取问题文件 {path}：{exc.strerror}") from exc
    return decode_lines(data)


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    if not args.file and args.question is None:
        raise UserInputError("请给出问题，或用 --file 指定问题文件")
    assistant = _open(settings)
    session = assistant.new_session()
    questions = _read_questions(args.file) if args.file else [(args.question, True)]
    answered = 0
    for question, readable in questions:
        try:
            if not readable:
                raise QuestionError("这一行包含无效的字符编码（不是 UTF-8 或 GBK），已跳过")
            answer = assistant.ask(question, session=None if args.file else session, k=args.k)
        except QuestionError as exc:
            result = {"question": question, "error": str(exc)}
            print(json.dumps(result, ensure_ascii=False) if (args.json or args.file) else f"错误：{exc}",
                  flush=True)
            continue
        answered += 1
        if args.json or args.file:
            print(json.dumps(answer.to_json(), ensure_ascii=False, indent=None if args.file else 2), flush=True)
        else:
            print(answer.render_text())
    return 0 if answered else 1


def cmd_match(args: argparse.Namespace, settings: Settings) -> int:
    from assistant import service

    facts = None
    try:
        if args.profile:
            profile, facts = service.load_profile_with_facts(Path(args.profile))
        else:
            profile = service.profile_from_flags(
                qual=args.qual, need=args.need, industry=args.industry, location=args.location, size=args.size
            )
    except OSError as exc:
        raise UserInputError(f"无法读取企业档案：{exc}") from exc
    assistant = _open(settings)
    result = assistant.match(profile)
    checked = assistant.self_check(facts) if facts is not None else None
    if args.json:
        _print_json(result.to_json() if checked is None else
                    {"cards": result.to_json(), "self_check": [r.to_dict() for r in checked]})
    else:
        print(result.render_zh())
        if checked is not None:
            print("\n### 条件自测\n")
            print("\n\n".join(r.render_zh() for r in checked if any(v.status in ("met", "unmet") for v in r.verdicts)))
    return 0


def cmd_duties(args: argparse.Namespace, settings: Settings) -> int:
    assistant = _open(settings)
    match = assistant.resolve_unit(args.unit)
    duties = assistant.duties(match) if match.found else []
    if args.json:
        _print_json({**match.to_dict(), "duties": [d.to_dict() for d in duties]})
        return 0 if match.found else 1
    if not match.found:
        print(match.message(), file=sys.stderr)
        return 1
    print(f"{match.unit}：牵头 {sum(d.role == '牵头' for d in duties)} 项，共 {len(duties)} 项")
    for d in duties:
        print(f"{d.role}  {d.doc} {d.section}{d.title}")
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evals.harness import main as eval_main

    return eval_main(args, settings)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.web.app import serve

    return serve(settings)


COMMANDS = {
    "index": cmd_index,
    "sections": cmd_sections,
    "ask": cmd_ask,
    "match": cmd_match,
    "duties": cmd_duties,
    "eval": cmd_eval,
    "serve": cmd_serve,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = settings_from(args)
        return COMMANDS[args.command](args, settings)
    except PolicyAssistantError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
