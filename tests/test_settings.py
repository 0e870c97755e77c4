"""Settings are validated once: a typo in a mode or a number out of range is a
clear start-up error naming the field, never a silently different behaviour."""

import pytest

from assistant.errors import ConfigError, PolicyAssistantError
from assistant.settings import Settings


def test_a_misspelt_mode_is_refused_with_the_field_named(monkeypatch):
    monkeypatch.setenv("POLICY_ASSISTANT_RETRIEVAL_MODE", "hybird")
    with pytest.raises(ConfigError, match="retrieval_mode"):
        Settings.load()


@pytest.mark.parametrize("field, value", [("retrieval_k", 0), ("port", 70000), ("dense_weight", -1),
                                          ("embedding_backend", "openai"), ("chroma_url", "localhost:8000")])
def test_out_of_range_values_are_refused(field, value):
    with pytest.raises(PolicyAssistantError, match=field):
        Settings.load(**{field: value})


def test_unknown_keys_in_a_toml_file_are_refused(tmp_path):
    config = tmp_path / "pa.toml"
    config.write_text('retrival_k = 5\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="retrival_k"):
        Settings.load(config=config)


def test_environment_values_are_coerced_and_overrides_win(monkeypatch, tmp_path):
    monkeypatch.setenv("POLICY_ASSISTANT_RETRIEVAL_K", "12")
    monkeypatch.setenv("POLICY_ASSISTANT_CORPUS", str(tmp_path))
    s = Settings.load(retrieval_mode="lexical")
    assert s.retrieval_k == 12 and s.corpus_dir == tmp_path and s.retrieval_mode == "lexical"
    assert s.with_overrides(retrieval_k=3).retrieval_k == 3


def test_secrets_are_masked_in_the_public_view():
    s = Settings(auth_user="admin", auth_password="pw", llm_api_key="sk-1")
    shown = s.public_dict()
    assert shown["auth_password"] == "***" and shown["llm_api_key"] == "***" and shown["auth_user"] == "admin"
