# The two commands: `make run` and `make test`. Both install what they need and are safe to repeat.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint typecheck pytest e2e bench bench-intake bench-peer clean

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
	$(BIN)/python -m bench.scaling

# The worst intake time: every way in (paste, upload, API, URL import, feed) with hostile and
# heaviest-accepted inputs at its size limit, each within 2 s of CPU (see README, Benchmarks).
bench-intake: $(VENV)/.installed-dev
	$(BIN)/python -m bench.intake

# The peer, side by side (see README, Benchmarks): Weblate from PyPI in a virtualenv of its own
# (bench/peer/.venv, git-ignored) on the local PostgreSQL and Redis, measured against the
# benchmark desk `make bench` built, by the same load generator. Weblate needs Python 3.12+,
# and its borgbackup dependency builds from source against Debian's lz4, zstd, xxhash, acl
# and OpenSSL headers. Not part of `make test`.
# The first Python 3.12+ that runs (pyenv's shims answer for versions that are not selected).
PEER_PYTHON ?= $(shell for p in python3.13 python3.12 $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13 $(HOME)/.pyenv/versions/3.12*/bin/python3.12); do $$p -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null && { command -v $$p; break; }; done)
PEER_WEBLATE ?= weblate[postgres]
PEER_VENV := bench/peer/.venv
PEER_DEBS := liblz4-dev libzstd-dev libxxhash-dev libacl1-dev libssl-dev libpq-dev

$(PEER_VENV)/.installed:
	@if [ -z "$(PEER_PYTHON)" ]; then \
	  echo "Weblate needs Python 3.12 or newer and none was found (python3.13, python3.12 on PATH or under ~/.pyenv/versions)." >&2; \
	  echo "Install one (e.g. 'pyenv install 3.13', or Debian 13's python3.13) or name it: make bench-peer PEER_PYTHON=/path/to/python3.12" >&2; \
	  exit 1; \
	fi
	@for deb in $(PEER_DEBS); do dpkg -s $$deb >/dev/null 2>&1 || missing="$$missing $$deb"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Weblate's borgbackup builds from source and needs:$$missing (apt-get install -y$$missing)" >&2; \
	  exit 1; \
	fi
	$(PEER_PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Weblate needs Python 3.12 or newer"'
	$(PEER_PYTHON) -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/pip install --quiet --upgrade pip
	$(PEER_VENV)/bin/pip install --quiet '$(PEER_WEBLATE)' gunicorn
	touch $@

bench-peer: $(VENV)/.installed-dev $(PEER_VENV)/.installed
	$(BIN)/python -m bench.peer.configure $(PEER_VENV)/peer
	psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'weblate_bench'" | grep -q 1 \
	  || psql -h 127.0.0.1 -U postgres -d postgres -c 'CREATE DATABASE weblate_bench'
	cd $(PEER_VENV)/peer && PYTHONPATH=. DJANGO_SETTINGS_MODULE=weblate_peer_settings ../bin/weblate migrate --noinput
	$(BIN)/python -m bench.peer.run --weblate-venv $(PEER_VENV) --seconds $(BENCH_SECONDS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
