"""Start the hourly e-mail reminders: run once after deploying, with a task worker
(`manage.py db_worker`) running. Each run schedules the next."""

from django.core.management.base import BaseCommand

from tracker.reminders.tasks import schedule_next, send_reminders


class Command(BaseCommand):
    help = "Schedule the hourly reminder e-mails on the task worker."

    def handle(self, *args, **options):
        if not send_reminders.get_backend().supports_defer:
            sent = send_reminders.call()
            self.stdout.write(f"This task backend cannot wait: sent {sent} reminder(s) now.")
            return
        result = schedule_next()
        self.stdout.write(f"Reminders scheduled from {result.task.run_after:%Y-%m-%d %H:%M} UTC.")
