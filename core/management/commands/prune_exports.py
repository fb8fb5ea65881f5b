"""Delete expired background exports (files and rows); run it daily from cron or a timer."""

from django.core.management.base import BaseCommand

from core.spreadsheets.jobs import prune


class Command(BaseCommand):
    help = "Delete expired export files and their jobs, and mark killed jobs failed."

    def handle(self, *args, **options) -> None:
        count = prune()
        self.stdout.write(f"{count} export job(s) deleted.")
