# syntax=docker/dockerfile:1
# One image for web, workers, beat and migrations; docker-compose.yml picks the command.

# --- Front-end assets: npm packages built into static/dist/ ------------------
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- Application --------------------------------------------------------------
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAR_DIR=/app/var \
    DJANGO_SETTINGS_MODULE=config.settings.production

RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg gettext \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 10001 --user-group app

WORKDIR /app

# Dependencies first: a change to the code alone reuses this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

COPY . .
COPY --from=assets /src/static/dist static/dist

# Editable, because settings find templates/, static/ and locale/ next to the code.
# The build settings need no secret: translations and static files only.
RUN pip install --no-deps -e . \
    && DJANGO_SETTINGS_MODULE=config.settings.base python manage.py compilemessages \
        --ignore=node_modules \
    && DJANGO_SETTINGS_MODULE=config.settings.base python manage.py collectstatic --noinput \
    && mkdir -p var/tmp \
    && chown -R app:app var

USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind=0.0.0.0:8000", "--access-logfile=-"]
