"""Developer machine and `make run`: the embedded defaults, readable errors."""

from .base import *
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# The demo's staff enter the admin with their password alone; set it to true to try the
# second factor that production asks for.
ADMIN_REQUIRES_MFA = env.bool("ADMIN_REQUIRES_MFA", default=False)
