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
# Load the app once, in the master, and fork the workers from it: the code and libraries
# (Django, plotly, the views) are then shared copy-on-write instead of held three times.
# Measured with bench/deploy.py (see the README's deploy section).
preload_app = True


def when_ready(server):
    """In the master, before the first fork: import every view and what it uses (the URL
    patterns import them) and plotly's property validators (loaded by the first chart,
    about 14 MB), then freeze the collector's view of those objects, so that a collection
    in a worker does not write to, and so copy, the pages it shares."""
    import gc

    import plotly.graph_objects as go
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports the views)
    chart = go.Figure(go.Scatter(x=[0], y=[0], mode="lines+markers"))
    chart.add_hrect(y0=0, y1=1)
    chart.to_json()
    gc.freeze()


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
