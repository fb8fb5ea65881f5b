"""`manage.py send_registration_reminders`: tell the members of each facility with a draft that
registration closes within 7 days. Meant for a daily cron job; running it again the same day
(or any day) tells nobody twice about the same entry."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from awards.notifications import REMINDER_DAYS, send_registration_reminders


class Command(BaseCommand):
    help = (
        f"Remind the facilities with a draft entry that registration closes within "
        f"{REMINDER_DAYS} days (once per entry; run it daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Act as if today were this day (YYYY-MM-DD), e.g. to catch up a missed run.",
        )

    def handle(self, *args, today: str | None = None, **options):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today={today!r} is not a date (YYYY-MM-DD).") from None
        count = send_registration_reminders(day)
        self.stdout.write(f"Drafts whose registration closes soon: {count}.")
