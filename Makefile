# Two commands do all the set-up on a fresh machine:
#   make example   builds the example study into ./out
#   make test      runs the tests
VENV ?= .venv
PY := $(VENV)/bin/python

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

.PHONY: example test docs
example: $(VENV)/.installed
	$(VENV)/bin/deck build

test: $(VENV)/.installed
	$(PY) -m pytest

docs: $(VENV)/.installed
	$(PY) scripts/make_docs.py
