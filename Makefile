# Two entry points: `make score` (score the seed pair) and `make test` (the whole suite).
# Both create .venv and install everything on first use.
VENV ?= .venv
PY := $(VENV)/bin/python
# This machine keeps the CPU torch wheel in /opt/wheels; constraints.txt pins it (never the package metadata).
PIP_FLAGS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels)
STAMP := $(VENV)/.installed

.PHONY: install score test browser bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(PIP_FLAGS) -c constraints.txt -e '.[comet,dask,semantic,test]'
	touch $(STAMP)

score: $(STAMP)
	$(VENV)/bin/mtqe score seeds/original.txt seeds/roundtrip.txt

# Debian's chromium for the HTML report's real-browser test; the test skips with a reason if this fails.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium not installed: the browser test will skip"; }

test: $(STAMP) browser
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/bench_core.py
	$(PY) benchmarks/bench_comet.py
	$(PY) benchmarks/demetr_eval.py
	$(PY) benchmarks/demetr_eval.py --corpus 2
	$(PY) benchmarks/bench_corpus.py
	$(PY) benchmarks/bench_memory.py
	$(PY) benchmarks/simulate.py
	$(PY) benchmarks/realworld_eval.py
	$(PY) benchmarks/verdict_eval.py
	$(PY) -m pip install -q $(PIP_FLAGS) -c constraints.txt -e '.[html-eval]'
	$(PY) benchmarks/html_extract_eval.py

clean:
	rm -rf $(VENV) build *.egg-info
