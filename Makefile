# Two commands do all the set-up on a fresh machine:
#   make example   builds the example study into ./out
#   make test      runs the tests (as root it also installs LibreOffice and Poppler for the render tests)
VENV ?= .venv
PY := $(VENV)/bin/python
DEBIAN_PACKAGES := libreoffice-impress poppler-utils fonts-crosextra-carlito fonts-liberation2

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

.PHONY: example test system review references docs bench
example: $(VENV)/.installed
	$(VENV)/bin/deck build

system:
	@if command -v soffice >/dev/null && command -v pdftotext >/dev/null && fc-list | grep -q Carlito && fc-list | grep -q "Liberation Sans"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEBIAN_PACKAGES) >/dev/null; \
	else echo "note: install $(DEBIAN_PACKAGES) to run the LibreOffice render tests (skipped without them)"; fi

test: $(VENV)/.installed system
	$(PY) -m pytest

review: $(VENV)/.installed system
	$(VENV)/bin/deck build --review

references: $(VENV)/.installed
	$(PY) -m pytest -n 0 tests/test_references.py --update-references

docs: $(VENV)/.installed system
	$(PY) scripts/make_docs.py

bench: $(VENV)/.installed
	$(PY) -m bench
