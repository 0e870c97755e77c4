# policy-assistant: `make run` and `make test` are the whole set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export TOKENIZERS_PARALLELISM := false

.PHONY: install run index test eval bench system-deps clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	# torch first and pinned: here it is a local CPU wheel; unpinned it pulls a multi-GB CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -c constraints.txt -e '.[test,llm]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the browser tests need: headless Chromium and CJK fonts.
system-deps:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		echo "installing chromium and fonts-noto-cjk (apt)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

index: install
	$(BIN)/policy-assistant index

run: install
	$(BIN)/policy-assistant serve

test: install system-deps
	$(PY) -m pytest -q

eval: index
	$(BIN)/policy-assistant eval

bench: index
	$(PY) bench/latency.py
	$(PY) bench/index_build.py
	$(PY) bench/load.py
	$(PY) bench/scale.py
	$(PY) bench/hostile.py
	$(PY) bench/regex_budget.py

clean:
	rm -rf $(VENV) index .pytest_cache
