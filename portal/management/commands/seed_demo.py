"""`manage.py seed_demo`: the demo installation for tỉnh Vĩnh Long.

Each app keeps its own demo data beside its code (core/demo.py, applicants/demo.py, …); this
command runs them in order inside one transaction and prints the demo accounts. It is
idempotent: a second run creates nothing and changes nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from applicants import demo as applicants_demo
from awards import demo as awards_demo
from awards.demo import judging as judging_demo
from core import demo as core_demo
from programs import demo as programs_demo

SITE_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Load the demo data (organisation of tỉnh Vĩnh Long, one account per role with known "
        "passwords, 40 facilities, the 2024 provincial award round with its screened entries and "
        "the 2026 round open for registration, the 2024 extension plans and a 2026 plan under "
        "way) and print the demo accounts. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts have published passwords: never "
            "use this on a production database.",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with published passwords; it runs only with "
                "DEBUG=true (or --force)."
            )
        with transaction.atomic():
            organisation_created = core_demo.seed_organisation()
            accounts = core_demo.seed_accounts()
            users = {seeded.account.username: seeded.user for seeded in accounts}
            facilities_created, facilities_kept = applicants_demo.seed_facilities(
                officer=users["officer"], members=users
            )
            awards = awards_demo.seed_awards(officer=users["officer"], members=users)
            programs = programs_demo.seed_programs(
                officer=users["officer"], manager=users["manager"], members=users
            )

        accounts_created = sum(seeded.created for seeded in accounts)
        self.stdout.write(
            f"Organisation: {'created' if organisation_created else 'kept as it is'}.\n"
            f"Accounts: {accounts_created} created, {len(accounts) - accounts_created} kept.\n"
            f"Facilities: {facilities_created} created, {facilities_kept} kept.\n"
            f"Award rounds: {awards.rounds_created} created, {awards.rounds_kept} kept; "
            f"entries: {awards.entries_created} created, {awards.entries_kept} kept.\n"
            f"Extension plans: {programs.plans_created} created, {programs.plans_kept} kept; "
            f"proposals: {programs.proposals_created} created, {programs.proposals_kept} kept."
        )
        self.stdout.write(self._accounts_table(accounts))
        self.stdout.write(self._facility_accounts_note(awards))
        self.stdout.write(self._panel_accounts_note())

    def _facility_accounts_note(self, awards) -> str:
        usernames = awards.facility_usernames
        if not usernames:
            return ""
        return (
            f"\nThe facilities of the 2024 award round have their own applicant accounts, "
            f"{usernames[0]} to {usernames[-1]} ({awards.accounts_created} created now), "
            f"password {awards_demo.FACILITY_ACCOUNT_PASSWORD} unless changed since."
        )

    def _panel_accounts_note(self) -> str:
        judges = [judge.username for judge in judging_demo.JUDGES if judge.username != "judge"]
        return (
            f"The 2024 judging panels: the judge account and {judges[0]} to {judges[-1]}, with "
            f"{judging_demo.SECRETARY.username} as their secretary, password "
            f"{judging_demo.JUDGE_ACCOUNT_PASSWORD} unless changed since."
        )

    def _accounts_table(self, accounts) -> str:
        rows = [("username", "role", "password")]
        for seeded in accounts:
            account = seeded.account
            # An existing account may have had its password changed since it was seeded.
            password = (
                account.password
                if seeded.created or seeded.user.check_password(account.password)
                else "(changed, not the demo password)"
            )
            rows.append((account.username, account.role.value, password))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]

        def line(cells) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

        rule = line("-" * width for width in widths)
        table = [line(rows[0]), rule, *(line(row) for row in rows[1:])]
        lines = ["", f"Demo accounts — open {SITE_URL}", rule, *table, rule]
        return "\n".join(text.rstrip() for text in lines)
