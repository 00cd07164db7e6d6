# Entry points of the project. The README's two commands are `make site` and `make test`.
PY := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test setup system serve check pdf pack bench bench-pdf words status links screenshots clean

## site: set everything up, then build the whole site (both languages, generated pages, search, PDFs) into site/
site: setup
	$(PY) -m teiaguide build

## test: set everything up (incl. Debian's chromium if missing), then run the whole test suite, one worker
## per core (pytest-xdist; the workers share one build of the site)
test: setup system
	$(PY) -m pytest -n auto

## setup: Python environment (.venv, every pin from pyproject.toml) and npm assets (font, axe-core)
# It also byte-compiles the guide's own modules, as pip does for an installed package: the editable
# install leaves that to the first import, which caches nothing where PYTHONDONTWRITEBYTECODE is set, and
# every process of a build would compile them again (about 0.2 s each). Quick when nothing changed.
setup: .venv/.installed node_modules/.installed
	@$(PY) -m compileall -q teiaguide

.venv/.installed: pyproject.toml
	python3 -m venv .venv
	.venv/bin/pip install --quiet --upgrade pip
	.venv/bin/pip install --quiet -e '.[test,bench]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## system: Debian packages the tests need (chromium, poppler-utils), installed only when missing
system:
	scripts/ensure-system-packages.sh

## serve: live-reloading preview on http://127.0.0.1:8000/
serve: setup
	$(PY) -m teiaguide serve

## check: validate data/, good_practices/ and front matter (what CI runs on pull requests)
check: setup
	$(PY) -m teiaguide check

## pack: guide PDFs and workshop pack (both languages) from the built site/, listed on its Downloads pages
pack: setup
	$(PY) -m teiaguide pack

## pdf: the same as pack (the guide PDFs are part of the pack)
pdf: pack

## bench-pdf: our PDF export against mkdocs-to-pdf, real guide and a synthetic 300-page guide per language
bench-pdf: setup
	$(PY) scripts/bench_pdf.py

## bench: benchmark the pipeline (see README)
bench: setup system
	$(PY) scripts/benchmark.py

## status: translation status of every page, practice and data record (`make status BASE=origin/main`: only
## the items a change touches, as the pull-request check prints it)
status: setup
	$(PY) -m teiaguide status $(if $(BASE),--changed $(BASE),)

## links: check every internal link and anchor of the built site/ (both languages, PDFs); list external links
links: setup
	$(PY) -m teiaguide links

## words: word counts per page and language (hand-written pages; `make words ARGS=--generated` for all)
words: setup
	$(PY) scripts/wordcount.py $(ARGS)

## screenshots: PNGs of the home page, a chapter and the notification form at 390 and 1366 px, every language
## (and the home page in the dark scheme), into screenshots/; builds the HTML first when site/ is out of date
screenshots: setup system
	$(PY) scripts/screenshots.py

clean:
	rm -rf site build/stage/docs/en build/stage/docs/ru .pytest_cache
