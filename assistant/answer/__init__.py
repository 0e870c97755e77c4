"""Stage 4, questions -> cited answers: intents, hybrid retrieval, evidence
sentences, the composers per intent, and the optional LLM answerer."""

from assistant.answer.answerer import Answerer, Session
from assistant.answer.retrieve import Hit, Retriever

__all__ = ["Answerer", "Hit", "Retriever", "Session"]
