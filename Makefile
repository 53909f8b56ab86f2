# Set-up and everyday commands. `make serve` and `make test` do all set-up on a fresh
# Debian machine: a virtual environment in .venv with pinned packages, and the Debian
# packages the tests need (installed with apt-get when run as root).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEBIAN_PACKAGES := chromium fonts-liberation poppler-utils
export NO_MKDOCS_2_WARNING := 1

.PHONY: install system-packages serve build test bench publish clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

system-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	  else \
	    echo "These Debian packages are needed:$$missing"; \
	    echo "Run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# PDFs, packs and the offline copy take a while: `make serve` skips them unless PDF=1.
# Every language by default, so the language menu works (about 2 s a save); LANGUAGE=en, bn
# or fr builds only that one, served at the root (about 1 s a save). A save rebuilds only what
# it changed, and the whole-site check is left to `make build` and CI.
LANGUAGE ?= all
serve: install
	PORTAL_PDF=$(if $(PDF),1,0) $(if $(filter all,$(LANGUAGE)),,PORTAL_LANGUAGE=$(LANGUAGE)) \
	  $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install system-packages
	PORTAL_PDF=1 $(BIN)/python -m cpportal build --site-dir site

NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js 18+) is needed: apt-get install -y nodejs npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: install system-packages $(NODE_STAMP)
	$(BIN)/python -m pytest

# Page weight, build speed, `make serve` reload, Lighthouse, search beside Pagefind,
# validation at scale: one table.
bench: install system-packages
	cd benchmarks/lighthouse && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	$(BIN)/pip install --quiet --disable-pip-version-check -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/run_all.py

publish: install system-packages
	@test -n "$(VERSION)" || { echo "Usage: make publish VERSION=2026.1 [ALLOW_DRAFTS=1]"; exit 1; }
	$(BIN)/python -m cpportal release $(VERSION) $(if $(ALLOW_DRAFTS),--allow-drafts)

clean:
	rm -rf site public .pytest_cache .cache node_modules
