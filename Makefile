# Two commands for a fresh machine: `make run` and `make test`.
# The environment is .venv, built from requirements.lock (resolved in one pass
# by `make lock`) with uv, bytecode compiled (the machine sets
# PYTHONDONTWRITEBYTECODE=1, which would otherwise slow every import).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8866
export UV_COMPILE_BYTECODE := 1
export UV_LINK_MODE := copy

.PHONY: run test bench lock env cases freshness clean fsl-coverage

env: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(UV): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==0.13.9"

$(STAMP): requirements.lock pyproject.toml | $(UV)
	$(UV) pip install --python $(PY) --quiet -r requirements.lock
	$(UV) pip install --python $(PY) --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

# The server's settings (template, kernels, uploads) are in config/voila.py, shared with the tests.
run: $(STAMP)
	@echo "Tableaux de bord : ouvrez le lien « http://$(HOST):$(PORT)/?token=… » affiché ci-dessous (le jeton protège les dossiers)."
	$(VENV)/bin/voila notebooks --Voila.config_file_paths=config --Voila.ip=$(HOST) --port=$(PORT)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

cases: $(STAMP)
	$(PY) -m counselling.cases tests/cases/*.yaml

freshness: $(STAMP)
	$(PY) -m counselling.freshness

fsl-coverage: $(STAMP)
	$(PY) -m counselling.fsl_coverage --doc docs/fsl-couverture.md

bench: $(STAMP)
	$(PY) -m benchmarks

lock: | $(UV)
	$(UV) pip compile pyproject.toml --extra test --extra bench --python-version 3.11 \
		-o requirements.lock --quiet

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
