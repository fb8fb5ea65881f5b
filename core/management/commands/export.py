"""`python manage.py export <name> --round <id> -o <file>`: an official list written to a file,
for scripts and the operator's shell (issue 9); a plan's lists take `--plan <id>` instead
(issue 10). Runs as an administrator account (`--user`, or the first active administrator), so
the list holds what that account's download would."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.http import QueryDict

from core.roles import Role
from core.spreadsheets import ExportNotAllowed, registry
from core.spreadsheets.writer import render_xlsx

# The option naming each kind of subject (by model label: core imports no domain app).
SUBJECT_OPTIONS = {"awards.AwardRound": "round", "programs.Plan": "plan"}


class Command(BaseCommand):
    help = "Write an official list (.xlsx) to a file."

    def add_arguments(self, parser):
        parser.add_argument("name", help="the list: " + ", ".join(sorted(registry.exporters)))
        parser.add_argument("--round", type=int, dest="round_id", help="the award round's id")
        parser.add_argument("--plan", type=int, dest="plan_id", help="the extension plan's id")
        parser.add_argument("-o", "--output", required=True, help="the file to write")
        parser.add_argument("--user", help="the account whose download it is (username)")
        parser.add_argument(
            "--filter", action="append", default=[], metavar="NAME=VALUE",
            help="a filter of the list's page, e.g. --filter province=86 (repeatable)",
        )  # fmt: skip

    def handle(self, name, round_id, plan_id, output, user, filter, **options):
        exporter_class = registry.get(name)
        if exporter_class is None:
            known = ", ".join(sorted(registry.exporters))
            raise CommandError(f"Unknown list {name!r} (known: {known}).")
        subject = None
        model = exporter_class.subject_model
        if model is not None:
            subject = self._subject(name, model, {"round": round_id, "plan": plan_id})
        params = QueryDict(mutable=True)
        for item in filter:
            key, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"--filter {item!r}: write NAME=VALUE.")
            params.appendlist(key, value)
        exporter = exporter_class(user=self._user(user), subject=subject, params=params)
        try:
            exporter.check_allowed()
        except ExportNotAllowed:
            raise CommandError("This account may not have this list.") from None
        errors = exporter.param_errors()
        if errors:
            raise CommandError(f"Filters not valid: {errors}")
        with open(output, "wb") as stream:
            render_xlsx(exporter, stream)
        self.stdout.write(f"{output}: {exporter.row_count()} rows ({exporter.file_name()})")

    def _subject(self, name, model, ids: dict[str, int | None]):
        """The list's subject from the option that names its kind (--round for a round's list,
        --plan for a plan's); the other option is refused rather than ignored."""
        option = SUBJECT_OPTIONS.get(model._meta.label)
        if option is None:
            raise CommandError(f"The list {name!r} cannot be written from the command line.")
        others = [f"--{other}" for other, value in ids.items() if other != option and value]
        if others:
            raise CommandError(f"The list {name!r} takes --{option} <id>, not {others[0]}.")
        pk = ids[option]
        if pk is None:
            raise CommandError(f"The list {name!r} needs --{option} <id>.")
        subject = apps.get_model(model._meta.label).objects.filter(pk=pk).first()
        if subject is None:
            raise CommandError(f"There is no {option} {pk}.")
        return subject

    def _user(self, username):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            account = users.filter(username=username).first()
            if account is None:
                raise CommandError(f"There is no active account {username!r}.")
            return account
        administrators = Q(is_superuser=True) | Q(groups__name=Role.ADMIN.value)
        account = users.filter(administrators).order_by("pk").first()
        if account is None:
            raise CommandError("Create an administrator first, or pass --user.")
        return account
