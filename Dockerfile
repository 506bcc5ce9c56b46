# Copilote — one image for the web process (gunicorn), the Celery worker and Celery beat.
# Built and run by docker-compose.yml; see docs/production.md.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private

# What WeasyPrint needs from the system (Pango, HarfBuzz with its subsetter, fonts for the PDFs).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 copilote \
    && useradd --system --uid 10001 --gid copilote --home-dir /app --no-create-home --shell /usr/sbin/nologin copilote

WORKDIR /app

# Dependencies first (the lock file alone, every package pinned with its hashes): this layer is rebuilt
# only when they change.
COPY requirements/runtime.lock requirements/
RUN pip install --require-hashes -r requirements/runtime.lock

COPY . .

# Translations are compiled and static files collected (hashed, compressed) into the image;
# the key below exists only for this build step, the real one comes from .env at run time.
RUN python manage.py compile_catalogues \
    && COPILOTE_PRODUCTION=true \
       SECRET_KEY=build-only-key-not-used-at-run-time-0123456789abcdefghijklmnop \
       DATABASE_URL=sqlite:////tmp/build.sqlite3 \
       python manage.py collectstatic --noinput --verbosity 0 \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /data/media /data/private /data/beat /app/var \
    && chown -R copilote:copilote /data /app/var

USER copilote

EXPOSE 8000

# Workers: WEB_CONCURRENCY (read by gunicorn itself), 3 in .env.example.
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--timeout", "60", "--limit-request-line", "4094", "--limit-request-fields", "100", "--limit-request-field_size", "8190"]
