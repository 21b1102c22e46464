import zoneinfo

from django.core.management.base import BaseCommand
from django.utils import timezone

from tracker.demo import logs as demo


class Command(BaseCommand):
    help = "Create (or reset) the demo account with a year of realistic data."

    def handle(self, *args, **options):
        today = timezone.localdate(timezone=zoneinfo.ZoneInfo("Europe/London"))
        demo.seed(today)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo account ready. Log in as {demo.USERNAME!r} with password {demo.PASSWORD!r}."
            )
        )
