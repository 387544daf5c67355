# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
CHROMIUM ?= /usr/bin/chromium
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
OUT    := out
DOCS   := build/docs

WHEEL_VENV := $(VENV)-wheel
DIST   := dist

.PHONY: install chromium demo docs test wheel-check lint clean

## The package alone (what `make demo` needs).
install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@# Builds the Rust core (cargo, by maturin) into src/cleanwire as well.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@# An editable install leaves the sources uncompiled; with PYTHONDONTWRITEBYTECODE
	@# set, every run would compile them again, a third of a one-file run's time.
	$(BIN)/python -m compileall -q src/cleanwire > /dev/null
	touch $(STAMP)

## The test tools on top (pytest, mypy, pre-commit, playwright, pdoc, ...).
$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(TEST_STAMP)

## Clean the five seed articles into out/ and compare them with their gold text.
demo: $(STAMP)
	@mkdir -p $(OUT)
	@for seed in seeds/*.txt; do \
	  name=$$(basename $$seed); \
	  $(BIN)/cleanwire strip $$seed > $(OUT)/$$name || exit $$?; \
	  outlet=$$($(BIN)/cleanwire detect $$seed | head -n 1 | cut -d' ' -f2); \
	  if cmp -s $(OUT)/$$name tests/fixtures/gold/$$name; then verdict="matches gold"; else verdict="DIFFERS from gold"; fi; \
	  printf '%-28s %-17s %5s -> %5s bytes  %s\n' $$name $$outlet $$(wc -c < $$seed) $$(wc -c < $(OUT)/$$name) "$$verdict"; \
	done
	@echo "Clean text is in $(OUT)/. See what was removed: $(BIN)/cleanwire strip --diff seeds/001_4e12145062bb74ca.txt"

## Debian's Chromium for the HTML report's browser tests; nothing to do when it is there.
## Without root or apt the browser tests are skipped (they say why); the rest still run.
chromium:
	@if [ -x $(CHROMIUM) ]; then \
	  :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium for the browser tests (apt-get)"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium \
	    || echo "warning: could not install chromium; the browser tests will be skipped"; \
	else \
	  echo "warning: no $(CHROMIUM) and apt-get is not usable (needs root); the browser tests will be skipped"; \
	fi

## Build the binary wheel users install, put it in a fresh virtual environment
## without the test extras, and clean the seeds with it: they must match gold.
## Cargo reuses the editable install's build, so the wheel costs little.
wheel-check: $(TEST_STAMP)
	rm -rf $(DIST) $(WHEEL_VENV)
	$(BIN)/maturin build --quiet --release --out $(DIST)
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(DIST)/cleanwire-*.whl
	$(WHEEL_VENV)/bin/python -c "from cleanwire.rules import native; assert native.enabled(), 'the wheel has no native core'"
	@for seed in seeds/*.txt; do \
	  $(WHEEL_VENV)/bin/cleanwire strip $$seed | cmp -s - tests/fixtures/gold/$$(basename $$seed) \
	    || { echo "the wheel's cleanwire differs from gold on $$seed"; exit 1; }; \
	done
	@echo "the wheel cleans every seed as gold has it"

## The Python API page (cleanwire.Cleaner, clean, CleanResult) from the docstrings, into build/docs/.
## The lazily imported names are looked up first, so pdoc finds them in the module.
docs: $(TEST_STAMP)
	$(BIN)/python -c 'import pathlib, sys, pdoc, cleanwire; [getattr(cleanwire, name) for name in cleanwire.__all__]; pdoc.pdoc("cleanwire", output_directory=pathlib.Path(sys.argv[1]))' $(DOCS)
	@echo "API page: $(DOCS)/cleanwire.html"

## Run the whole test suite (what CI runs), after building the API page.
test: $(TEST_STAMP) chromium docs
	$(BIN)/mypy
	$(BIN)/cleanwire rules lint
	$(MAKE) wheel-check
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(WHEEL_VENV) $(DIST) $(OUT) $(DOCS) .pytest_cache .hypothesis target
