# Two commands: `make demo` and `make test`. Both set up everything they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEPS := $(VENV)/.deps-installed

.PHONY: demo test test-fast lint messages compile-messages lock browser-tools clean

demo: $(DEPS)
	$(BIN)/birge demo
	$(BIN)/birge collectstatic --noinput --verbosity 0
	@echo ""
	@echo "Birge demo on http://127.0.0.1:8000/ru/  (stop with Ctrl-C)"
	@echo "Demo logins, all with the password birge-demo-2026:"
	@echo "  admin@birge.demo      site administrator"
	@echo "  hub.kz@birge.demo     hub administrator, Kazakhstan (also hub.kg, hub.tj, hub.tm, hub.az)"
	@echo "  member@birge.demo     ordinary member"
	@echo "E-mails the demo sends are written to var/mail/."
	$(BIN)/birge serve

test: $(DEPS) browser-tools
	$(BIN)/pytest $(PYTEST_ARGS)

# Everything but the browser tests, for a quick loop while coding.
test-fast: $(DEPS)
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

lint: $(DEPS)
	$(BIN)/ruff check birge tests bench conftest.py scripts
	$(BIN)/ruff format --check birge tests bench conftest.py scripts

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(DEPS): pyproject.toml requirements.lock | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $@

# The browser tests drive Debian's Chromium; axe-core comes from the npm registry; the catalog test runs
# xgettext. Installed here when missing (with apt as root), never skipped.
browser-tools: node_modules/axe-core/axe.min.js
	@if [ ! -x /usr/bin/chromium ] || ! command -v xgettext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext >/dev/null; \
	  else \
	    echo "Chromium or gettext is missing: run 'sudo apt-get install -y chromium gettext', then 'make test' again."; exit 1; \
	  fi; \
	fi

node_modules/axe-core/axe.min.js: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: run 'sudo apt-get install -y npm', then 'make test' again."; exit 1; }
	npm ci --no-audit --no-fund --silent
	touch $@

# Translators: refresh the catalogs from the code, then compile them.
messages: $(DEPS)
	cd birge && ../$(BIN)/django-admin makemessages --all --no-obsolete --ignore "*/tests/*" --ignore "data/*" --settings birge.settings.dev --pythonpath ..
	$(MAKE) compile-messages

compile-messages: $(DEPS)
	cd birge && ../$(BIN)/django-admin compilemessages --settings birge.settings.dev --pythonpath ..

# Re-pin every dependency to the newest release the ranges in pyproject.toml allow.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e ".[test]"
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) node_modules var
