"""A real `db_worker` process on the test database, with a slow list registered, for the test
in which a worker is killed in the middle of a list (test_export_jobs). Run as
`python -m tests.core.slow_export_worker <database name>`."""

import os
import sys
import time

SLOW_IDENTIFIER = "test-export-jobs-slow"
SLOW_ROWS = 10_000


def slow_exporter():
    from core.spreadsheets.base import ExportNotAllowed, WorkbookExporter

    class SlowExporter(WorkbookExporter):
        identifier = SLOW_IDENTIFIER
        verbose_name = "Slow"
        file_stem = "slow"

        def check_allowed(self) -> None:
            if not self.user.is_authenticated:
                raise ExportNotAllowed

        def row_count(self) -> int:
            return SLOW_ROWS

        def write(self, book, progress=None) -> None:
            sheet = book.create_sheet()
            for number in range(1, SLOW_ROWS + 1):
                sheet.append([number])
                time.sleep(0.01)  # long enough to be killed halfway
                if progress:
                    progress(number, SLOW_ROWS)

    return SlowExporter


def main(database_name: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from core.spreadsheets.base import registry

    # The test database the test process made, not the development one.
    connections["default"].settings_dict["NAME"] = database_name
    registry.register(slow_exporter())
    call_command("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1")


if __name__ == "__main__":
    main(sys.argv[1])
