"""Counts behind the rate limits (failed share-link look-ups from an address, password-
reset e-mails to an address or an account), shared by every app server."""

from django.db import models


class RateCount(models.Model):
    """Events under one key in its current window. Counted by one atomic upsert
    (tracker/server/counters.py), so requests at once, on any server, never lose one."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    # The window's end in Unix seconds: a plain number compares alike in every database.
    window_ends = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["window_ends"])]

    def __str__(self):
        return f"{self.key}: {self.count}"
