"""Settings shared by every environment. Numbers that are local practice live in QUNYAN_RULES."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from qunyan.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("QUNYAN_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "django_tasks",
    "qunyan.core",
    "qunyan.people",
    "qunyan.reserves",
    "qunyan.party",
    "qunyan.talents",
    "qunyan.training",
    "qunyan.mentoring",
    "qunyan.evaluation",
    "qunyan.duties",
    "qunyan.casework",
    "qunyan.api",
    "qunyan.spreadsheets",
    "qunyan.reports",
    "qunyan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "qunyan.core.middleware.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "qunyan.core.middleware.LoginPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "qunyan.core.middleware.ClientAddressMiddleware",
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
                "django.template.context_processors.i18n",
                "qunyan.core.context_processors.portal",
            ],
        },
    },
]

# Widgets render through Jinja2, not Django's template engine: a select of a town's 250
# villages took 40 ms a page through Django templates (one template render per option).
FORM_RENDERER = "django.forms.renderers.Jinja2"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'qunyan.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an import writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.Account"
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "qunyan.core.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]

# Sessions end after half an hour without activity.
SESSION_COOKIE_AGE = env_int("QUNYAN_SESSION_SECONDS", 30 * 60)
# Renewed while in use by qunyan.core.middleware.SessionRefreshMiddleware (once a minute).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: nothing inline, nothing from elsewhere (templates keep scripts and
# styles in static files; tests/security/test_templates.py keeps them so).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Login policy (等保 2.0 level 3): password age, and a second factor for the separated admin roles.
QUNYAN_PASSWORD_MAX_AGE_DAYS = env_int("QUNYAN_PASSWORD_MAX_AGE_DAYS", 90)
QUNYAN_TOTP_REQUIRED_ROLES = env_list(
    "QUNYAN_TOTP_REQUIRED_ROLES", ["system_admin", "security_admin", "auditor"]
)
OTP_TOTP_ISSUER = "群雁 Qunyan"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
]

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
QUNYAN_UPLOAD_MAX_BYTES = env_int("QUNYAN_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
QUNYAN_UPLOAD_DIR = VAR_DIR / "uploads"
# What an imported workbook may unpack to (a 200,000-row roster is about 80 MB of sheet XML).
QUNYAN_IMPORT_MAX_UNPACKED_BYTES = env_int("QUNYAN_IMPORT_MAX_UNPACKED_BYTES", 1024 * 1024 * 1024)

# Personal data keys: a file outside the repository (created by `make install`) or the environment.
QUNYAN_DATA_KEY = env_str("QUNYAN_DATA_KEY", "")
QUNYAN_DATA_KEY_FILE = env_str("QUNYAN_DATA_KEY_FILE", str(VAR_DIR / "keys" / "data.key"))

# Login protection: lock an account (or an address) after repeated failures.
QUNYAN_LOCKOUT_ATTEMPTS = env_int("QUNYAN_LOCKOUT_ATTEMPTS", 5)
QUNYAN_LOCKOUT_MINUTES = env_int("QUNYAN_LOCKOUT_MINUTES", 15)
QUNYAN_AUDIT_RETENTION_DAYS = env_int("QUNYAN_AUDIT_RETENTION_DAYS", 180)

# Local practice, not regulation: every number here is a setting with its default and source.
QUNYAN_RULES = {
    # domain.md: no Hunan quota found; local default.
    "RESERVE_MIN_PER_VILLAGE": env_int("RESERVE_MIN_PER_VILLAGE", 2),
    "RESERVE_MIN_YOUNG_COLLEGE_PER_VILLAGE": env_int("RESERVE_MIN_YOUNG_COLLEGE_PER_VILLAGE", 1),
    # Optional "one reserve per key post": posts (secretary, committee) that each need a reserve
    # in every village, e.g. RESERVE_KEY_POSTS=secretary. Empty: the two thresholds only.
    "RESERVE_KEY_POSTS": env_list("RESERVE_KEY_POSTS", []),
    # Days a village has to close a work-list item before it shows as overdue.
    "WORKLIST_DEADLINE_DAYS": env_int("WORKLIST_DEADLINE_DAYS", 90),
    # domain.md: age caps for nomination — main posts 60, others 65.
    "NOMINATION_MAX_AGE_MAIN_POST": env_int("NOMINATION_MAX_AGE_MAIN_POST", 60),
    "NOMINATION_MAX_AGE_OTHER_POST": env_int("NOMINATION_MAX_AGE_OTHER_POST", 65),
    # The article's "35岁以下" includes 35.
    "YOUNG_MAX_AGE": 35,
    # 导师帮带: no rule found; local defaults. Mentees a mentor takes at most; the age up to which
    # a serving cadre or town staff member is offered a mentor; days without a logged meeting
    # after which a pair stands out as idle; years of service by which a veteran (老带新) leads.
    "MENTOR_CAPACITY": env_int("MENTOR_CAPACITY", 3),
    "MENTEE_MAX_AGE": env_int("MENTEE_MAX_AGE", 40),
    "MENTORING_IDLE_DAYS": env_int("MENTORING_IDLE_DAYS", 90),
    "MENTORING_VETERAN_YEARS": env_int("MENTORING_VETERAN_YEARS", 3),
    # 发展党员 (domain.md settings; the hard rules of the 细则 live in qunyan/party/workflow.py).
    # Months from application before someone can be fixed as activist (0: no wait; local rules
    # use 3 or 6); working days of publicity (公示) before the admission and conversion meetings;
    # someone leaving the unit within this many months is not admitted (0: no check); days ahead
    # the due list looks.
    "PARTY_ACTIVIST_MIN_MONTHS": env_int("PARTY_ACTIVIST_MIN_MONTHS", 0),
    "PARTY_PUBLICITY_WORKING_DAYS": env_int("PARTY_PUBLICITY_WORKING_DAYS", 5),
    "PARTY_LEAVING_UNIT_MONTHS": env_int("PARTY_LEAVING_UNIT_MONTHS", 3),
    "PARTY_DUE_AHEAD_DAYS": env_int("PARTY_DUE_AHEAD_DAYS", 30),
    # 强化作用发挥 (evaluation, domain.md "Evaluation and pay"). Village indicators: key →
    # [label, weight]; the total is the weighted mean of the 0–100 scores (missing counts 0).
    # Keys registered by other modules (register_indicator_source) may be added here.
    "EVALUATION_INDICATORS": {
        "party_building": ["党建工作", 30],
        "economy": ["产业发展", 25],
        "governance": ["乡村治理", 25],
        "services": ["为民服务", 20],
    },
    # Lowest total for each computed rating; caps on how many villages get it (None: no cap).
    "RATING_MIN_SCORES": {"red_flag": 90, "model": 80, "advanced": 70},
    "RATING_CAPS": {"red_flag": None, "model": None, "advanced": None},
    # The article: bonus +30 % / +20 % / +10 % in 红旗村 / 模范村 / 先进村.
    "RATING_BONUS_UPLIFT_PERCENT": {"red_flag": 30, "model": 20, "advanced": 10},
    # 优秀 quota per village: percent of those assessed, + points in rated villages (the article's
    # "提高10%"); "half_up" rounds 0.5 person up, "down" never exceeds the percentage.
    "EXCELLENT_QUOTA_PERCENT": env_int("EXCELLENT_QUOTA_PERCENT", 20),
    "EXCELLENT_QUOTA_RATED_UPLIFT_POINTS": env_int("EXCELLENT_QUOTA_RATED_UPLIFT_POINTS", 10),
    "EXCELLENT_QUOTA_ROUNDING": env_str("EXCELLENT_QUOTA_ROUNDING", "half_up"),
    # Percent of the bonus base paid per grade: local practice, no source found.
    "BONUS_GRADE_PERCENT": {"excellent": 120, "competent": 100, "basic": 80, "incompetent": 0},
    # Departed-cadre subsidy until a town or county saves its own rule table (domain.md: no local
    # formula found). tiers: [years served at least, yuan per month].
    "SUBSIDY_DEFAULT_RULE": {
        "eligible_posts": ["党组织书记", "村委会主任", "书记兼主任"],
        "min_years": 3,
        "male_age": 60,
        "female_age": 55,
        "disqualifiers": ["dismissed", "recalled", "disciplined", "civil_servant"],
        "tiers": [[3, "100.00"], [6, "150.00"], [9, "200.00"]],
    },
    # 提质强能 (training), domain.md: annual class hours for secretaries and committee members
    # and for party members; months within which a new secretary must attend a class; the
    # 农民大学生 age caps (diploma track: high-school level; degree track: 大专); minutes before
    # a session's start from which its QR check-in opens (0: only during the session).
    "TRAINING_HOURS_CADRE": env_int("TRAINING_HOURS_CADRE", 56),
    "TRAINING_HOURS_PARTY_MEMBER": env_int("TRAINING_HOURS_PARTY_MEMBER", 32),
    "TRAINING_NEW_SECRETARY_MONTHS": env_int("TRAINING_NEW_SECRETARY_MONTHS", 6),
    "FARMER_COLLEGE_DIPLOMA_MAX_AGE": env_int("FARMER_COLLEGE_DIPLOMA_MAX_AGE", 45),
    "FARMER_COLLEGE_DEGREE_MAX_AGE": env_int("FARMER_COLLEGE_DEGREE_MAX_AGE", 50),
    "TRAINING_CHECKIN_OPENS_MINUTES": env_int("TRAINING_CHECKIN_OPENS_MINUTES", 0),
    # 人岗相适 (duty division): no rule found; local defaults. Duties one cadre takes at most and
    # at least (1: everyone takes one, 人人有责); 1 = the committee must include a woman
    # (domain.md "Two committees"), 0 = not checked.
    "DUTIES_MAX_PER_PERSON": env_int("DUTIES_MAX_PER_PERSON", 3),
    "DUTIES_MIN_PER_PERSON": env_int("DUTIES_MIN_PER_PERSON", 1),
    "DUTIES_COMMITTEE_NEEDS_WOMAN": env_int("DUTIES_COMMITTEE_NEEDS_WOMAN", 1),
    # 贴近服务 (casework): days after receipt an open mediation case stands out (《人民调解工作
    # 若干规定》: a dispute is generally settled within one month); the largest attachment a phone
    # may upload; the longest side photos are resized to (smaller files, EXIF stripped).
    "CASE_OPEN_ALERT_DAYS": env_int("CASE_OPEN_ALERT_DAYS", 30),
    "ATTACHMENT_MAX_BYTES": env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024),
    "ATTACHMENT_IMAGE_MAX_PX": env_int("ATTACHMENT_IMAGE_MAX_PX", 1600),
}

# Background work (large imports, year reports) through Django's tasks framework. Here the
# immediate backend runs a task in the request itself; production (prod.py) queues them in the
# database for the `manage.py db_worker` process. QUNYAN_BACKGROUND_IMPORT sends the confirmed
# web import to the queue instead of running it while the browser waits.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
QUNYAN_BACKGROUND_IMPORT = env_bool("QUNYAN_BACKGROUND_IMPORT", False)
QUNYAN_REPORT_DIR = VAR_DIR / "reports"

# The public portal footer (product.md, item 12).
QUNYAN_PORTAL = {
    "host_unit": env_str("QUNYAN_HOST_UNIT", "中共湖南省委组织部"),
    "tech_support": env_str("QUNYAN_TECH_SUPPORT", "湖南红网新媒体集团"),
    "icp": env_str("QUNYAN_ICP", "湘ICP备17016663号-1"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
