# The two commands the README shows: `make poster` and `make test`.
# Both create .venv when it is missing and (re)install the package only when
# pyproject.toml changed, so a second run starts at once.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.poster-installed

.PHONY: poster test bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

poster: $(STAMP)
	$(BIN)/poster build --out build

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build .pytest_cache .hypothesis
