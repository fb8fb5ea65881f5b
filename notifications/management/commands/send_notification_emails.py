"""`manage.py send_notification_emails`: send again the notification e-mails that failed (the
mail server was down) or never went out (the process stopped first). Meant for a cron job every
few minutes; a row is tried at most notifications.services.MAX_EMAIL_ATTEMPTS times, each try
later after the last than the one before (RETRY_STEP)."""

from django.core.management.base import BaseCommand

from notifications.services import retry_emails


class Command(BaseCommand):
    help = "Send the notification e-mails still pending or failed (run it every few minutes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=500, help="At most this many e-mails in one run."
        )

    def handle(self, *args, limit: int = 500, **options):
        sent, failed, dropped = retry_emails(limit=max(limit, 1))
        self.stdout.write(
            f"Notification e-mails: {sent} sent, {failed} failed, {dropped} no longer wanted."
        )
