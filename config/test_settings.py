"""The settings the test suite runs with: production settings (DEBUG off) and a key that
exists only for tests, since the production settings refuse to start without one."""

import os

os.environ.setdefault("SECRET_KEY", "liverlog-tests-only-key-not-secret-0123456789-abcdefghij")

from config.settings import *  # noqa: E402, F403

# Tasks run at once, inside the request that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
