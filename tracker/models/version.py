"""A per-person data version: a token that changes on every write to anything the pages
compute from, so a cached page can be checked with one primary-key read.

Every model a person's record reads (tracker/record.py) writes through Versioned: a save or
delete of one row, and bulk_create, bulk_update, update and delete of a queryset, all
change the token in the same transaction. Rows deleted by a cascade from a parent that is
itself Versioned (a lab report's results) or from the user (the account is gone) need no
bump of their own.
"""

import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction


class DataVersion(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True
    )
    token = models.CharField(max_length=32)

    def __str__(self):
        return f"data version {self.token} of {self.user_id}"


def bump(*user_ids: int) -> None:
    """Give each person a new data version."""
    for user_id in {pk for pk in user_ids if pk is not None}:
        token = secrets.token_hex(16)
        if DataVersion.objects.filter(user_id=user_id).update(token=token):
            continue
        try:
            with transaction.atomic():
                DataVersion.objects.create(user_id=user_id, token=token)
        except IntegrityError:  # created at the same moment by another write
            DataVersion.objects.filter(user_id=user_id).update(token=token)


def version_of(user) -> str:
    """The person's data version ("" before their first write)."""
    found = DataVersion.objects.filter(user_id=user.pk).values_list("token", flat=True).first()
    return found or ""


class VersionedQuerySet(models.QuerySet):
    """Bulk writes change the data version of every person whose rows they touch."""

    def _owners(self) -> list[int]:
        return list(self.order_by().values_list("user_id", flat=True).distinct())

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        created = super().bulk_create(objs, *args, **kwargs)
        bump(*(obj.user_id for obj in objs))
        return created

    def bulk_update(self, objs, *args, **kwargs):
        objs = list(objs)
        updated = super().bulk_update(objs, *args, **kwargs)
        bump(*(obj.user_id for obj in objs))
        return updated

    def update(self, **kwargs):
        owners = self._owners()
        updated = super().update(**kwargs)
        bump(*owners)
        return updated

    def delete(self):
        owners = self._owners()
        deleted = super().delete()
        bump(*owners)
        return deleted


class Versioned(models.Model):
    """A row of a person's data: saving or deleting it changes their data version."""

    objects = VersionedQuerySet.as_manager()
    user_id: int  # every subclass has a `user` foreign key

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        bump(self.user_id)

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        bump(self.user_id)
        return deleted
