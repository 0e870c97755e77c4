"""`policy-assistant` command line: thin, parses input, calls the package,
prints output and clear errors (never a stack trace for user mistakes)."""

from __future__ import annotations

import argparse
import sys

from .settings import Settings


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
    p.add_argument("--profile", help="企业画像 JSON 文件")
    p.add_argument("--qual", action="append", default=[], help="资质，如 高新技术企业（可重复）")
    p.add_argument("--need", action="append", default=[], help="需求，如 融资（可重复）")
    p.add_argument("--industry", action="append", default=[], help="行业（可重复）")
    p.add_argument("--location", action="append", default=[], help="所在地（可重复）")
    p.add_argument("--size", help="规模")
    p.add_argument("--json", action="store_true")
    _common(p)

    p = sub.add_parser("eval", help="运行评测并生成报告")
    p.add_argument("--gold", default="evals/gold.jsonl")
    p.add_argument("--config", dest="configs", action="append", help="只运行指定配置（可重复）")
    p.add_argument("--out", help="报告目录（默认 evals/reports/<时间>）")
    p.add_argument("--compare", nargs=2, metavar=("A", "B"), help="比较两份报告的 metrics.json")
    p.add_argument("--limit", type=int, help="只评测前 N 个问题")
    _common(p)

    p = sub.add_parser("serve", help="启动网页应用")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
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
        retrieval_mode=getattr(args, "mode", None),
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .commands import COMMANDS, UserError

    try:
        settings = settings_from(args)
        return COMMANDS[args.command](args, settings)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
