# The two commands in the README: `make run` and `make test`. Both build .venv from the lock file.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

CHROMIUM := /usr/bin/chromium

.PHONY: run test lint demo lock clean browser brief-deps nginx bytecode

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# pip compiles the packages it installs, but not ours (installed editable): where Python may not
# write bytecode (PYTHONDONTWRITEBYTECODE, a read-only checkout) every process compiled the
# whole package again, 0.05-0.1 s of each `xieshang` command and each server start. Only the
# files changed since the last run are compiled.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q xieshang >/dev/null 2>&1 || true  # a read-only checkout runs uncompiled

run: $(STAMP) bytecode  ## start the dashboard on the current snapshot (the embedded demo until an import)
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: $(STAMP) bytecode browser brief-deps nginx  ## lint, check the layers and types, then the whole test suite (unit, pages, real browser)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The end-to-end tests drive Debian's chromium (browsers cannot be downloaded here), with
# CJK fonts so Chinese renders. Installed when missing and we may (root, or sudo).
browser:
	@if [ -x $(CHROMIUM) ] && fc-list :lang=zh 2>/dev/null | grep -q .; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	else echo "chromium and fonts-noto-cjk are missing and cannot be installed:" \
	  "the browser tests will be skipped (install them to run the whole suite)"; exit 0; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null

# The replica test (tests/e2e/test_replicas.py) puts Debian's nginx in front of two app
# processes, started by the test itself on loopback ports (the package's own service is not
# used). Installed when missing and we may (root, or sudo); on CI a missing nginx is an error.
NGINX := /usr/sbin/nginx
nginx:
	@if [ -x $(NGINX) ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	elif [ -n "$$CI" ]; then echo "nginx is missing and cannot be installed" >&2; exit 1; \
	else echo "nginx is missing and cannot be installed:" \
	  "the replica test will be skipped (install Debian's nginx to run it)"; exit 0; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null

# The brief's PDF is laid out by WeasyPrint on Pango, in Noto CJK; its tests read PDFs with
# poppler (pdftotext, pdftoppm). Installed when missing and we may (root, or sudo); on CI a
# missing package is an error rather than a skip.
BRIEF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk poppler-utils
brief-deps:
	@if ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' && command -v pdftoppm >/dev/null \
	  && fc-list :lang=zh 2>/dev/null | grep -q .; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	elif [ -n "$$CI" ]; then echo "$(BRIEF_DEBS) are missing and cannot be installed" >&2; exit 1; \
	else echo "Pango, Noto CJK or poppler-utils are missing and cannot be installed:" \
	  "PDF briefs and their tests will be skipped (install $(BRIEF_DEBS))"; exit 0; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(BRIEF_DEBS) >/dev/null

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

demo: $(STAMP)  ## regenerate the embedded demo export in data/demo
	$(BIN)/xieshang demo

lock:  ## re-resolve requirements.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
