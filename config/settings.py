"""Copilote settings: every value comes from the environment (see `.env.example`).

The embedded default (no variable set) is the developer's machine: SQLite, Celery
tasks run in-process, e-mail printed on the console. `COPILOTE_PRODUCTION=true`
switches to the production posture and refuses to start without a real secret key.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    env.read_env(str(env_file))

# --- Mode --------------------------------------------------------------------------
PRODUCTION = env.bool("COPILOTE_PRODUCTION", default=False)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)

_INSECURE_KEY = "django-insecure-copilote-dev-only"
SECRET_KEY = env.str("SECRET_KEY", default=_INSECURE_KEY)
if PRODUCTION and (SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 50):
    raise environ.ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when COPILOTE_PRODUCTION is true."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- Applications -------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    # Copilote, infrastructure first then domain apps in dependency order.
    "core",
    "reports",
    "reminders",
    "directory",
    "actions",
    "governance",
    "raci",
    "adherents",
    "evaluation",
    "calls",
    "library",
    "api",
    "privacy",
    # Last: Django REST framework's French catalogue retranslates some of Django's own messages
    # (straight apostrophes, « e-mail »); core's catalogue, listed before it, keeps Django's.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "csp.middleware.CSPMiddleware",  # outermost: error pages of the middlewares below carry the policy too
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.portal.PortalOnlyMiddleware",  # portal-only accounts: their portal and public pages, 404 elsewhere
    "privacy.reads.ReadLogMiddleware",  # who read which member file (privacy/reads.py)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "directory.context_processors.navigation",
                "reminders.context_processors.notifications",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'copilote.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no row locks: a writing transaction takes the database's write lock when it begins
    # (IMMEDIATE), so the services' locked reads (core.locking) see the last committed state, and a
    # second writer waits for it (up to `timeout` seconds) instead of failing with « database is locked ».
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DATABASES["default"].setdefault("TEST", {})
if env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"]["NAME"] = env.str("TEST_DATABASE_NAME")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------------
# Rendered dashboards (core.dashboard_cache) and the public forms' rate limits. In memory
# by default; production shares one cache between its processes: CACHE_URL=redis://…
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# --- Authentication -----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Trusted proxies in front of the application, each appending to X-Forwarded-For (docs/production.md).
# 0: the client's address is REMOTE_ADDR and X-Forwarded-For is ignored (core/client.py).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# Brute force: 5 failures lock the account, whatever the addresses they came from, and lock the
# address, whatever the accounts tried from it, for 15 minutes. Each is a separate lockout parameter.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Axes would forget every failure of the address on one success (a valid account of one's own would
# then reset the count between guesses on other accounts): core.apps forgets only the signed-in
# account's own failures from that address.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.client.client_ip"
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT

# Public forms and password-reset e-mails (core/client.py, django-ratelimit), counted in CACHES["default"].
# A cache that does not answer limits nothing (the forms keep working; the incident is logged).
# django_ratelimit is not an installed app: only its functions are used, and its system checks would
# refuse the developer's in-memory cache; copilote.E001 requires the shared Redis in production.
RATELIMIT_FAIL_OPEN = True
PASSWORD_RESET_RATE_PER_ADDRESS = "5/h"
PASSWORD_RESET_RATE_PER_EMAIL = "3/h"

# --- Internationalisation -----------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Off on purpose: with it, every integer a template prints is grouped (« 1 311 »), which breaks
# ids and data attributes built from primary keys. Figures meant for reading use `intcomma`.
USE_THOUSAND_SEPARATOR = False
LOCALE_PATHS = [BASE_DIR / "locale"]
# French dates, times and numbers (« 10 h 00 », « 20 000 »); see also core/french.py.
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and media files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "staticfiles")))
# In development WhiteNoise serves straight from the finders; the folder exists so it does not warn.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Uploaded deliverables: never served from a URL, read through permission-checked views only.
PRIVATE_MEDIA_ROOT = env.str("PRIVATE_MEDIA_ROOT", default="") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Request body cap. Uploaded files do not count towards DATA_UPLOAD_MAX_MEMORY_SIZE (Django spools
# those over FILE_UPLOAD_MAX_MEMORY_SIZE to disk; core.uploads refuses those over UPLOAD_MAX_BYTES):
# it caps the rest of a body, form fields included, far above the longest legitimate text (a minutes
# report). Over it, or over DATA_UPLOAD_MAX_NUMBER_FIELDS fields (the largest form, the month's entry
# of indicators, posts 3 fields per indicator: an administrator fills every manual indicator), the
# request gets the French 400 page (templates/400.html). The whole body is capped before Django by
# the HTTPS proxy (client_max_body_size, docs/production.md).
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)

# --- E-mail -------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Copilote <copilote@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accessibility statement (core/accessibility.py, /accessibilite/) ---------------------
# Who publishes the service, and where a user who cannot use a page writes (RGAA 4.1).
ACCESSIBILITY_ENTITY = env.str("ACCESSIBILITY_ENTITY", default="L’équipe Copilote")
ACCESSIBILITY_CONTACT_EMAIL = env.str("ACCESSIBILITY_CONTACT_EMAIL", default="accessibilite@localhost")

# --- Celery -------------------------------------------------------------------------
# Without a broker the tasks run in-process (the embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The beat schedule, in one place.
CELERY_BEAT_SCHEDULE = {
    "reminders-daily-scan": {
        "task": "reminders.tasks.scan_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "evaluation-compute-indicators": {
        "task": "evaluation.tasks.compute_all_indicators",
        "schedule": crontab(hour=6, minute=30),
    },
    "library-weekly-digest": {
        "task": "library.tasks.send_weekly_digest",
        "schedule": crontab(day_of_week="mon", hour=7, minute=30),
    },
    "core-form-submissions-prune": {
        "task": "core.tasks.form_submissions_prune",
        "schedule": crontab(hour=3, minute=20),
    },
    "reports-requeue-stuck": {
        "task": "reports.tasks.requeue_stuck_documents",
        "schedule": crontab(minute="*/15"),
    },
    "reminders-daily-digest": {
        "task": "reminders.tasks.send_daily_digest",
        "schedule": crontab(hour=7, minute=15),
    },
    "reminders-retry-unsent-emails": {
        "task": "reminders.tasks.retry_unsent_emails",
        "schedule": crontab(minute="7-59/15"),
    },
    "privacy-apply-retention": {
        "task": "privacy.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=40),
    },
}

# --- Forms and layout ---------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
#: One-time form tokens (core.FormSubmission) older than this are deleted nightly (core.tasks).
FORM_SUBMISSION_RETENTION_DAYS = env.int("FORM_SUBMISSION_RETENTION_DAYS", default=30)

# --- Security -----------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

# No inline script or style anywhere: every script is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- API (issue 18) --------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_token": env.str("API_TOKEN_RATE", default="600/min")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Copilote",
    "DESCRIPTION": "API REST de Copilote (v1) : lecture de ce que le porteur du jeton voit sur le site.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "TAGS": [
        {"name": "Programmes", "description": "Les programmes visibles, leurs axes et leurs étapes."},
        {
            "name": "Actions",
            "description": "Les actions collectives : fiche, phases prévues et réelles, livrables.",
        },
        {"name": "Indicateurs", "description": "Les indicateurs, leurs cibles, leurs mesures et leur état."},
        {"name": "Mesures", "description": "L’envoi de mesures par lot, validé en tout ou rien."},
        {"name": "Instances", "description": "Les instances de gouvernance et leurs membres."},
        {
            "name": "Réunions",
            "description": "Les réunions : ordre du jour, présences, compte rendu approuvé.",
        },
        {"name": "Décisions", "description": "Les décisions et leurs suites à donner."},
        {
            "name": "Matrices RACI",
            "description": "Les matrices RACI : activités, rôles, lettres et vérification.",
        },
        {
            "name": "Données ouvertes",
            "description": "Les indicateurs publics d’un programme, sans jeton (Licence Ouverte 2.0).",
        },
    ],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.drop_database_bounds",
    ],
}

# --- Logging ------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
