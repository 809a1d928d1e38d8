# Two commands for a newcomer: `make run` and `make test`. Both set everything up first and are idempotent.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
REF_VENV := .venv-ref
DEMO ?= xor
# Qt under X on Debian, CJK fonts for the Chinese UI, Xvfb for the one real-window smoke test,
# poppler-utils to look at PDF reports.
SYSTEM_PACKAGES := libxcb-cursor0 libegl1 libgl1 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
	libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 \
	libxcb-xinerama0 libxcb-xkb1 fonts-noto-cjk xvfb xauth poppler-utils

.PHONY: run test bench lint system venv dev reference fixtures translations screenshots clean

run: venv
	$(VENV)/bin/nn-studio --demo $(DEMO)

test: dev
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

# Benchmarks run in the reference venv, which has PyTorch CPU to compare against.
bench: reference
	$(REF_VENV)/bin/python -m bench

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# System packages, only as root on Debian and only those missing (dpkg -s is fast: no apt call when all are there).
system:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "Installing system packages:" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  fi; \
	fi

$(VENV)/.stamp-run: pyproject.toml | system
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-run
	$(PY) -m pip install -q -e '.[test]'
	touch $@

venv: system $(VENV)/.stamp-run
dev: system $(VENV)/.stamp-dev

# Reference values from PyTorch and scikit-learn (not needed to run or test; fixtures are committed).
$(REF_VENV)/.stamp: tests/reference/requirements.txt
	test -x $(REF_VENV)/bin/python || $(PYTHON) -m venv $(REF_VENV)
	$(REF_VENV)/bin/pip install -q -r tests/reference/requirements.txt
	$(REF_VENV)/bin/pip install -q -e . --no-deps
	touch $@

reference: $(REF_VENV)/.stamp
fixtures: reference
	$(REF_VENV)/bin/python -m tests.reference.generate

translations: dev
	$(PY) -m studio.i18n_tools

screenshots: dev
	$(PY) -m studio.screenshots docs/screenshots

clean:
	rm -rf $(VENV) $(REF_VENV) build *.egg-info
