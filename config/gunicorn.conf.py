"""gunicorn settings for LiverLog: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Command-line flags override these; GUNICORN_WORKERS, GUNICORN_BIND override the defaults.
"""

import os

from gunicorn.glogging import Logger

from tracker.server.logs import redact

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: with keep-alive connections, gthread workers served 0.45x as many
# requests, since every connection stuck to one worker (see the README's deploy section).
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
worker_class = "sync"
timeout = 60
# PDFs and large imports run in the task worker, so no request holds a worker for long.
accesslog = "-"


class RedactingLogger(Logger):
    """gunicorn's access log, with share-link tokens redacted from the request line
    (gunicorn logs requests itself, outside Django's LOGGING)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("r", "U", "f"):
            if isinstance(atoms.get(name), str):
                atoms[name] = redact(atoms[name])
        return atoms


logger_class = RedactingLogger
