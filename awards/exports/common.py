"""What every list of an award round shares: the round as subject, its year in the title and
file name, and who may download it.

Staff (officers, managers, administrators) may download every list of any round. A panel chair
of the round may download the lists that say `chairs_may_download` once the round's phase makes
results visible, and never sees a facility: the results pages show a chair voting codes and
products only (awards.result_access.sees_facilities), so the files do too. Judges otherwise and
applicants get no list.
"""

from typing import ClassVar

from django.utils.translation import gettext as _

from awards.models import AwardRound
from awards.result_access import chairs_in_round, sees_facilities
from core.roles import is_staff_role
from core.spreadsheets import ExportNotAllowed, ListExporter, WorkbookExporter


class RoundExportMixin:
    """For exporters whose subject is an AwardRound."""

    subject_model = AwardRound
    chairs_may_download: ClassVar[bool] = False

    subject: AwardRound

    @property
    def award_round(self) -> AwardRound:
        return self.subject

    def check_allowed(self) -> None:
        if is_staff_role(self.user):
            return
        if (
            self.chairs_may_download
            and self.award_round.phase.results_visible
            and chairs_in_round(self.user, self.award_round)
        ):
            return
        raise ExportNotAllowed

    def shows_facilities(self) -> bool:
        """Whether the file names facilities (and their addresses): staff only."""
        return sees_facilities(self.user)

    def year(self) -> int | None:
        return self.award_round.year

    def title_lines(self) -> list[str]:
        # "DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN", then the round: "Bình chọn sản phẩm CNNT tiêu
        # biểu cấp tỉnh năm 2024".
        title = str(self.award_round)
        if str(self.year()) not in title:  # the demo's titles already say the year
            title = _("%(round)s (year %(year)s)") % {"round": title, "year": self.year()}
        return [str(self.verbose_name).upper(), title]


class RoundListExporter(RoundExportMixin, ListExporter):
    """A table of a round's entries."""


class RoundWorkbookExporter(RoundExportMixin, WorkbookExporter):
    """A document of a round that is not one table (the score sheets)."""
