import zoneinfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tracker.demo import logs as demo


class Command(BaseCommand):
    help = "Create (or reset) the demo account with a year of realistic data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--on-production",
            action="store_true",
            help="Seed even with DEBUG off (the demo password is published in the README).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["on_production"]:
            raise CommandError(
                "DEBUG is off, so this looks like a real server: the demo account's "
                "password is public, and anyone could log in with it. Run with DEBUG=1 "
                "for development, or pass --on-production if you really mean it."
            )
        today = timezone.localdate(timezone=zoneinfo.ZoneInfo("Europe/London"))
        demo.seed(today)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo account ready. Log in as {demo.USERNAME!r} with password {demo.PASSWORD!r}."
            )
        )
