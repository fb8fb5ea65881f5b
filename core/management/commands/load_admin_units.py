from django.core.management.base import BaseCommand
from django.db import transaction

from core.admin_units import load_admin_units
from core.models import Province, Ward


class Command(BaseCommand):
    help = "Load or refresh the 34 provinces and 3,321 commune-level units of the 2025 reform."

    def handle(self, *args, **options):
        with transaction.atomic():
            provinces, wards = load_admin_units(Province, Ward)
        self.stdout.write(f"{provinces} provinces, {wards} commune-level units.")
