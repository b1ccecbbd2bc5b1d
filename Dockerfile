# One image for both services of 行政应诉 (xingzheng-yingsu):
#   case-api serve | migrate | rebuild | token | openapi     (default: case-api serve)
#   notifier run | migrate
# docker-compose.yml picks the command per service; the image has no ENTRYPOINT, so
# `docker run IMAGE case-api token --role notifier --subject notifier` works as-is.
#
# Layout and install choice:
#   case_api.platform.migrate (and notifier.platform.migrate) find alembic.ini and migrations/ at
#   ROOT = Path(__file__).resolve().parents[4], i.e. the root of the repository
#   (services/case-api/case_api/platform/migrate.py -> ROOT). A plain `pip install .` would
#   put the package under site-packages, where ROOT is not the repository and alembic.ini is
#   not found.
#   So the repository layout is kept as-is under /app and the project is installed *editable*
#   (`pip install -e .`): the installed finder maps case_api, notifier and shared to their
#   directories under /app, the console scripts `case-api` and `notifier` land in
#   /usr/local/bin, and ROOT resolves to /app, next to /app/alembic.ini and /app/migrations.
#   Package data (calendar JSON, rule-pack YAML, ...) is read from the same tree. /app stays
#   owned by root and is read-only to the service user.

FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app \
       --shell /usr/sbin/nologin app

# The time-zone database: shared.clock uses ZoneInfo("Asia/Shanghai"), and newer slim bases
# (Debian trixie) no longer ship tzdata. Pango (with HarfBuzz's subsetter) lays out the
# bulletins' PDFs in WeasyPrint; fonts-noto-cjk gives their Chinese text its glyphs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first (from pyproject.toml alone), so source edits do not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; \
print('\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The repository layout that case_api.platform.migrate.ROOT expects (see above).
COPY alembic.ini ./
COPY migrations ./migrations
COPY shared ./shared
COPY services ./services

RUN pip install --no-deps -e . \
    && python -m compileall -q shared services \
    && python -c "from zoneinfo import ZoneInfo; ZoneInfo('Asia/Shanghai')" \
    && python -c "from case_api.platform.migrate import ROOT; \
from notifier.platform.migrate import ROOT as NOTIFIER_ROOT; \
assert str(ROOT) == str(NOTIFIER_ROOT) == '/app', ROOT; \
assert (ROOT / 'alembic.ini').is_file(); \
assert (ROOT / 'migrations' / 'case_api').is_dir() and (ROOT / 'migrations' / 'notifier').is_dir()" \
    && command -v case-api && command -v notifier

# The documents volume's mount point, owned by the app user: a new named volume takes the
# ownership of the directory it is mounted over.
RUN mkdir -p /var/lib/yingsu/documents && chown -R app:app /var/lib/yingsu

USER app:app

# Containers must bind all interfaces; compose sets these explicitly as well.
ENV CASE_API_HOST=0.0.0.0 \
    CASE_API_PORT=8000 \
    NOTIFIER_HOST=0.0.0.0 \
    NOTIFIER_PORT=8100

EXPOSE 8000 8100

CMD ["case-api", "serve"]
