"""Stage 1, files -> structured sections: readers (txt/md/docx/pdf, encodings),
the outline parser, unit lists and figures. Knows nothing of vectors."""

from assistant.ingest.outline import CorpusReport, ParsedDocument, body_text, parse_corpus, parse_file, parse_text
from assistant.ingest.readers import SUPPORTED_SUFFIXES, corpus_files, decode_text, read_document

__all__ = ["CorpusReport", "ParsedDocument", "SUPPORTED_SUFFIXES", "body_text", "corpus_files", "decode_text", "parse_corpus", "parse_file",
           "parse_text", "read_document"]
