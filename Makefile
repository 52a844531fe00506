# bidrag — the two commands of the README, and what they need.
# Everything is installed into .venv from the package registries; nothing else is assumed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: sample api test lint eval bench clean browser ocr

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]" --config-settings editable_mode=compat
	touch $(STAMP)

## run the archive flow (local Prefect) over the bundled sample archive into output/
sample: $(STAMP) ocr api
	$(BIN)/bidrag run samples/archive --output output

## the local Prefect API that runs reuse, started before the run so that the run does not wait for it: returns at
## once when it answers; detached, in a session of its own, its output in $PREFECT_HOME/bidrag-api.log; it stops
## after 30 minutes without a run, or with `.venv/bin/bidrag server stop` (docs/performance.md). `make test` never
## starts it (the tests use Prefect's per-run API).
api: $(STAMP)
	@$(BIN)/bidrag server start

## headless Chromium for the page tests (report, review): Debian's package, installed once if missing
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT := DEBIAN_FRONTEND=noninteractive apt-get
browser:
	@command -v chromium >/dev/null 2>&1 || $(SUDO) $(APT) install -y -q chromium >/dev/null 2>&1 \
	  || ($(SUDO) $(APT) update -q >/dev/null 2>&1 && $(SUDO) $(APT) install -y -q chromium >/dev/null 2>&1) \
	  || echo "chromium could not be installed: the page tests skip (CI sets BIDRAG_REQUIRE_BROWSER=1: they fail)"

## Tesseract with its Swedish model, for scans (docs/ocr.md): Debian's packages, installed once if missing
ocr:
	@(command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx swe) \
	  || $(SUDO) $(APT) install -y -q tesseract-ocr tesseract-ocr-swe >/dev/null 2>&1 \
	  || ($(SUDO) $(APT) update -q >/dev/null 2>&1 && $(SUDO) $(APT) install -y -q tesseract-ocr tesseract-ocr-swe >/dev/null 2>&1) \
	  || echo "tesseract could not be installed: scans stay no_text and the scan tests skip (CI sets BIDRAG_REQUIRE_OCR=1: they fail)"

## lint, format check, type check, then the tests (CI sets BIDRAG_REQUIRE_SHARED=1 so tests on ../shared never skip)
test: lint browser ocr
	$(BIN)/python -m pytest -q

## ruff (lint and format) and mypy over the code, as configured in pyproject.toml
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## score the seeds against the gold annotations in ../shared
eval: $(STAMP)
	$(BIN)/bidrag run ../shared/seeds --output output-seeds
	$(BIN)/bidrag eval output-seeds ../shared/gold

clean:
	rm -rf $(VENV) output/* output/.bidrag output-seeds
