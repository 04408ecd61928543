# sotflow application image, used by docker-compose.yml (init, api, relay, consumers).
# For users with Docker; without Docker use `make run` (ops/ scripts). Keep in step with ops/.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, in their own layer, so a code change does not reinstall them.
# The list comes from pyproject.toml and the pins from constraints.txt, as in the Makefile.
COPY pyproject.toml constraints.txt ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" >/tmp/requirements.txt \
 && pip install -c constraints.txt -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt

# The project itself: a regular (not editable) install, without the dev extras.
COPY . .
RUN pip install -c constraints.txt '.' \
 && rm -rf build *.egg-info

# Run as an unprivileged user; the code in site-packages stays root-owned and read-only.
RUN useradd --uid 10001 --create-home --no-log-init sotflow \
    && mkdir /keys && chown sotflow /keys  # the ledger's signing key (a volume in docker-compose.yml)
USER sotflow

CMD ["sotflow", "--help"]
