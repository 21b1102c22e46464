"""Log configuration: plain lines or JSON lines, and no share-link secret in any line.

Application events go through `event()`: one logger per area ("liverlog.<area>"), a
short message, and the details as fields (JSON keys, or key=value in plain lines).
Nothing personal is logged beyond a user id; a share link is named by its key id only.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

# /shared/<key>.<secret>/ or anything typed in its place: keep what identifies the link
# row (the key, not secret on its own) and drop the rest.
SHARE_PATH = re.compile(r"(/shared/)([^/\s\"'?]*)")
REDACTED = "[redacted]"
# Attributes every LogRecord has; anything else was passed as `extra` and is a field.
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
HIDDEN = {"request", "server_time"}  # objects Django attaches, not fields to print


def redact(text: str) -> str:
    return SHARE_PATH.sub(lambda m: m.group(1) + _key_only(m.group(2)), text)


def _key_only(token: str) -> str:
    key, dot, _ = token.partition(".")
    return f"{key}.{REDACTED}" if dot else REDACTED


class RedactShareTokens(logging.Filter):
    """Rewrites a record's message so that no share-link token reaches any handler
    (django.request's "Not Found: /shared/…", django.server's request lines, …)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


def fields(record: logging.LogRecord) -> dict:
    return {
        key: value
        for key, value in vars(record).items()
        if key not in STANDARD and key not in HIDDEN and not key.startswith("_")
    }


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, then the event's fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **fields(record),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class PlainFormatter(logging.Formatter):
    """A readable line, with the event's fields as key=value after the message."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extra = " ".join(f"{key}={value}" for key, value in fields(record).items())
        return f"{line} {extra}" if extra else line


def event(area: str, message: str, **details) -> None:
    """Log one application event at INFO, e.g. event("sharing", "share link opened", key=…)."""
    logging.getLogger(f"liverlog.{area}").info(message, extra=details)


def configuration(json_lines: bool, level: str) -> dict:
    """The LOGGING setting: everything to standard error, through the redaction filter."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": RedactShareTokens}},
        "formatters": {
            "json": {"()": JsonFormatter},
            "plain": {"()": PlainFormatter},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["redact"],
                "formatter": "json" if json_lines else "plain",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Application events at INFO even when the rest logs warnings only.
            "liverlog": {"level": "INFO"},
            # Named so that Django's own handlers (unfiltered) are replaced by ours.
            "django": {"level": level},
            "django.server": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }
