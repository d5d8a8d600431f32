# The two commands the README shows: `make poster` and `make test`.
# Both create .venv when it is missing and (re)install the package only when
# pyproject.toml changed, so a second run starts at once.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.poster-installed
BENCH_STAMP := $(VENV)/.poster-bench-installed
# axe-core and the Nu Html Checker for the HTML page's browser tests, from the npm registry.
NODE_STAMP := tests/browser/node_modules/.installed

.PHONY: poster test bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

$(NODE_STAMP): tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/browser --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else \
	  echo "npm not found: the HTML page's browser tests will be skipped (apt-get install npm chromium)"; \
	fi

poster: $(STAMP)
	$(BIN)/poster build --out build

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

# `make bench` also needs the bench extra (Typst, the benchmark's yardstick).
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	@touch $@

bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/capacity.py
	$(BIN)/python benchmarks/history.py
	$(BIN)/python benchmarks/hostile.py

clean:
	rm -rf build .pytest_cache .hypothesis
