# The two commands: `make run` and `make test`. Both install what they need and are safe to repeat.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint typecheck pytest e2e bench bench-intake clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "translate_flow needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamps record that the installed packages match pyproject.toml; editing it reinstalls.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-run

# Machine suggestions come from Apertium where Debian's apertium-apy and the es-en pair are
# installed: started here on a free loopback port for as long as the app runs (unless
# TRANSLATE_FLOW_APERTIUM_URL names one already). Without them the app runs all the same and
# the editor's panel says that no engine serves the pair.
APERTIUM_APY := /usr/bin/apertium-apy
APERTIUM_PAIR := /usr/share/apertium/modes/spa-eng.mode

run: $(VENV)/.installed-run
	$(BIN)/translate-flow db upgrade
	$(BIN)/translate-flow demo
	@if [ -z "$$TRANSLATE_FLOW_APERTIUM_URL" ] && [ -x $(APERTIUM_APY) ] && [ -f $(APERTIUM_PAIR) ]; then \
	  said=$$(mktemp); \
	  $(BIN)/python -m translate_flow.machine.apertium_loopback --port 0 >"$$said" 2>/dev/null & apy=$$!; \
	  trap 'kill $$apy 2>/dev/null; rm -f "$$said"' EXIT INT TERM; \
	  for _ in $$(seq 100); do grep -q '^listening on ' "$$said" && break; kill -0 $$apy 2>/dev/null || break; sleep 0.1; done; \
	  TRANSLATE_FLOW_APERTIUM_URL=$$(sed -n 's/^listening on //p' "$$said"); export TRANSLATE_FLOW_APERTIUM_URL; \
	  if [ -n "$$TRANSLATE_FLOW_APERTIUM_URL" ]; then echo "Apertium (machine suggestions) on $$TRANSLATE_FLOW_APERTIUM_URL"; \
	  else echo "Apertium did not start: the editor will offer no machine suggestions"; fi; \
	elif [ -z "$$TRANSLATE_FLOW_APERTIUM_URL" ]; then \
	  echo "No machine suggestions: apt-get install apertium-apy apertium-eng-spa to have Apertium's"; \
	fi; \
	echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C stops)"; \
	$(BIN)/translate-flow run --host $(HOST) --port $(PORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

e2e: $(VENV)/.installed-dev
	$(BIN)/pytest -m e2e

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest -n 2 --dist loadgroup

test: lint typecheck pytest

# The benchmark (see README, Benchmarks): each scale on SQLite and on PostgreSQL, building each
# database once (bench/data/, translate_flow_bench_<scale>) and writing bench/results/*.md.
BENCH_SCALES ?= 10000
BENCH_SECONDS ?= 10
bench: $(VENV)/.installed-dev
	for scale in $(BENCH_SCALES); do \
	  $(BIN)/python -m bench.run --backend sqlite --scale $$scale --seconds $(BENCH_SECONDS) || exit 1; \
	  $(BIN)/python -m bench.run --backend postgresql --scale $$scale --seconds $(BENCH_SECONDS) || exit 1; \
	done

# The worst intake time: every way in (paste, upload, API, URL import, feed) with hostile and
# heaviest-accepted inputs at its size limit, each within 2 s of CPU (see README, Benchmarks).
bench-intake: $(VENV)/.installed-dev
	$(BIN)/python -m bench.intake

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
