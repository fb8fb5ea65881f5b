"""The small world each row of the matrix acts on, built with the factories and the services.

Built once per row (one test), before any persona's request. The two facilities exist from the
start, so that `applicant` and `other_applicant` are each a member of a facility; everything else
is made on first use (`cached_property`), so a row pays only for the objects it touches. A row
acts on its object through the URL kwargs in targets.py.
"""

from functools import cached_property

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from awards import services
from awards.models import Entry
from awards.services.attachments import add_attachment
from core.roles import Role
from core.workflow import transition
from notifications.services import deliver
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    FacilityMemberFactory,
    UserFactory,
    complete_dossier,
    png_bytes,
)


class World:
    def __init__(self, users: dict):
        """`users`: persona -> user (None for anonymous), as the `personas` fixture gives."""
        self.users = users
        self.facility = FacilityMemberFactory(user=users["applicant"]).facility
        self.other_facility = FacilityMemberFactory(user=users["other_applicant"]).facility

    @property
    def applicant(self):
        return self.users["applicant"]

    @property
    def officer(self):
        return self.users["officer"]

    @cached_property
    def bare_facility(self):
        """A second facility of `applicant`, with nothing that refers to it: one that may be
        deleted."""
        return FacilityMemberFactory(user=self.applicant).facility

    @cached_property
    def open_round(self):
        """A provincial round in registration, open today, its criteria copied."""
        return AwardRoundFactory()

    @cached_property
    def draft_round(self):
        """A round still being set up: seen by staff only."""
        return AwardRoundFactory(state="draft")

    @cached_property
    def entry(self) -> Entry:
        """A draft entry of `facility` in `open_round` with a complete dossier: ready to submit,
        still editable."""
        entry = EntryFactory(round=self.open_round, facility=self.facility)
        complete_dossier(entry)
        return entry

    @cached_property
    def photo(self):
        """A photo of `entry` uploaded through the service, so it has its thumbnail."""
        upload = SimpleUploadedFile("san-pham.png", png_bytes(800, 600), content_type="image/png")
        return add_attachment(actor=self.applicant, entry=self.entry, kind="photo", upload=upload)

    @cached_property
    def submitted_entry(self) -> Entry:
        """An entry of `facility` in `open_round`, submitted: waiting to be screened."""
        entry = EntryFactory(
            round=self.open_round, facility=self.facility, product_name="Bánh phồng sữa"
        )
        complete_dossier(entry)
        return transition(entry, to=Entry.State.SUBMITTED, actor=self.applicant)

    @cached_property
    def template(self):
        """A criteria template of the center's own, besides the official default."""
        return services.save_criteria_template(
            actor=self.officer,
            name="Phiếu chấm sản phẩm OCOP",
            description="",
            criteria=[
                {"code": "A", "text": "Thị trường", "max_points": "60", "children": []},
                {"code": "B", "text": "Kỹ thuật", "max_points": "40", "children": []},
            ],
        )

    @cached_property
    def reset_link(self) -> dict:
        """The URL kwargs of a valid password-reset link of an account of its own: a persona's
        link would go stale as soon as that persona signs in (the token covers last_login)."""
        owner = UserFactory(role=Role.APPLICANT)
        return {
            "uidb64": urlsafe_base64_encode(force_bytes(owner.pk)),
            "token": default_token_generator.make_token(owner),
        }

    # Notifications (issue 7)

    @cached_property
    def notification(self):
        """A notification of `applicant`, about their facility."""
        (notification,) = deliver(
            [self.applicant.pk],
            kind="test",
            title="Hồ sơ được trả lại để bổ sung",
            url=reverse("applicants:detail", args=[self.facility.pk]),
            target=self.facility,
        )
        return notification

    # Judging (issue 8): the round every judging row acts on. `judge` sits on its panel as a
    # member and is assigned `judged_entry` (their draft sheet is `sheet`); `chair` chairs the
    # panel; `other_judge` sits on no panel of it. Both seated judges have answered the
    # conflict-of-interest declaration (none).

    @cached_property
    def judging_round(self):
        from tests.factories import AwardRoundFactory

        return AwardRoundFactory(state="judging")

    @cached_property
    def panel(self):
        from awards.models import ConflictDeclaration
        from tests.factories import PanelFactory, PanelMemberFactory

        panel = PanelFactory(round=self.judging_round, name="Hội đồng bình chọn cấp tỉnh")
        PanelMemberFactory(panel=panel, judge=self.users["chair"], role="chair")
        PanelMemberFactory(panel=panel, judge=self.users["judge"], role="member")
        for persona in ("chair", "judge"):
            ConflictDeclaration.objects.create(round=self.judging_round, judge=self.users[persona])
        return panel

    @cached_property
    def judged_entry(self) -> Entry:
        """An eligible entry of `facility` in `judging_round`, with a complete dossier."""
        entry = EntryFactory(
            round=self.judging_round,
            facility=self.facility,
            product_name="Kẹo dừa sáp",
            state="eligible",
        )
        complete_dossier(entry)
        return entry

    @cached_property
    def sheet(self):
        """`judge`'s draft score sheet of `judged_entry`, on `panel`; the chair's is
        `chair_sheet`."""
        from tests.factories import ScoreSheetFactory

        return ScoreSheetFactory(
            panel=self.panel, entry=self.judged_entry, judge=self.users["judge"]
        )

    @cached_property
    def chair_sheet(self):
        from tests.factories import ScoreSheetFactory

        return ScoreSheetFactory(
            panel=self.panel, entry=self.judged_entry, judge=self.users["chair"]
        )

    # Judging (issue 8): scoring

    @cached_property
    def scored_sheet(self):
        """`sheet` with every criterion scored, still a draft: ready to submit."""
        from tests.factories import give_scores

        return give_scores(self.sheet, [35.5, 30, 8, 7.5])

    @cached_property
    def submitted_sheet(self):
        """`sheet` scored and submitted: one the chair or an officer may reopen."""
        from tests.factories import give_scores

        return give_scores(self.sheet, [35.5, 30, 8, 7.5], submit=True)

    # Judging (issue 8): panels. A round still screening with a panel that may be changed or
    # deleted (`chair` chairs it, `judge` is a member), for the panel rows.

    @cached_property
    def setup_round(self):
        from tests.factories import AwardRoundFactory

        return AwardRoundFactory(state="screening")

    @cached_property
    def setup_panel(self):
        from awards.models import ProductGroup
        from tests.factories import PanelFactory, PanelMemberFactory

        panel = PanelFactory(
            round=self.setup_round,
            name="Hội đồng nhóm 2",
            groups=[ProductGroup.objects.get(code=2)],
        )
        PanelMemberFactory(panel=panel, judge=self.users["chair"], role="chair")
        PanelMemberFactory(panel=panel, judge=self.users["judge"], role="member")
        return panel

    def declaring(self) -> dict:
        """The judging round's kwargs, with its panel and the entry a judge may declare a
        conflict with."""
        self.panel, self.judged_entry  # noqa: B018  (made on first use)
        return {"pk": self.judging_round.pk}

    # Judging (issue 8): results. `results_round` deliberates: `chair` chairs its panel and
    # `judge` sits on it (both scored, with a third judge); `result_entry` (of `facility`) passes
    # with three submitted sheets, `failing_entry` (of `other_facility`) does not.
    # `finalized_round` is that round finalized (result_entry recognised, with its certificate),
    # `published_round` the same round published; `published_certificate` is result_entry's.

    @cached_property
    def results_round(self):
        from awards.models import ConflictDeclaration
        from tests.factories import (
            AwardRoundFactory,
            PanelFactory,
            PanelMemberFactory,
            ScoreSheetFactory,
            give_scores,
        )

        award_round = AwardRoundFactory(state="deliberation")
        panel = PanelFactory(round=award_round, name="Hội đồng bình chọn (kết quả)")
        third = UserFactory(role=Role.JUDGE)
        judges = [self.users["chair"], self.users["judge"], third]
        PanelMemberFactory(panel=panel, judge=judges[0], role="chair")
        PanelMemberFactory(panel=panel, judge=judges[1], role="member")
        PanelMemberFactory(panel=panel, judge=third, role="member")
        for judge in judges:
            ConflictDeclaration.objects.create(round=award_round, judge=judge)
        self.result_entry = EntryFactory(
            round=award_round,
            facility=self.facility,
            product_name="Kẹo dừa lá dứa",
            state="eligible",
            voting_code="T2026-2-001",
        )
        self.failing_entry = EntryFactory(
            round=award_round,
            facility=self.other_facility,
            product_name="Bánh tráng sữa",
            state="eligible",
            voting_code="T2026-2-002",
        )
        for judge, good, poor in zip(
            judges,
            ([35, 32, 8, 8], [33, 30, 8, 9], [30, 30, 9, 8]),
            ([20, 20, 5, 5],) * 3,
            strict=True,
        ):
            sheet = ScoreSheetFactory(panel=panel, entry=self.result_entry, judge=judge)
            give_scores(sheet, good, submit=True)
            sheet = ScoreSheetFactory(panel=panel, entry=self.failing_entry, judge=judge)
            give_scores(sheet, poor, submit=True)
        return award_round

    @cached_property
    def finalized_round(self):
        import datetime

        from awards.services import propose_recognition

        award_round = self.results_round
        propose_recognition(
            actor=self.officer, award_round=award_round, entries=[self.result_entry], excluded=[]
        )
        return transition(
            award_round,
            action="finalize",
            actor=self.users["manager"],
            decision_number="1234/QĐ-UBND",
            decision_date=datetime.date(2026, 12, 10),
        )

    @cached_property
    def published_round(self):
        return transition(self.finalized_round, action="publish", actor=self.officer)

    @cached_property
    def published_certificate(self):
        self.published_round  # noqa: B018  (built for its certificate)
        return self.result_entry.certificate

    # Judging (issue 8): judgepages

    @cached_property
    def judgepages_round(self):
        """`judging_round`, with its panel seated (the judge's pages ask for a seat)."""
        return self.panel.round

    @cached_property
    def judgepages_submitted_sheet(self):
        """`judge`'s submitted sheet of a second entry of `judging_round` (of the other
        facility), on `panel`: the sheet the chair reopens."""
        from tests.factories import ScoreSheetFactory, give_scores

        entry = EntryFactory(
            round=self.judging_round,
            facility=self.other_facility,
            product_name="Bánh tráng sữa",
            state="eligible",
        )
        sheet = ScoreSheetFactory(panel=self.panel, entry=entry, judge=self.users["judge"])
        return give_scores(sheet, [30, 30, 8, 8], submit=True)

    # ---- Issue 9: background exports -------------------------------------------------------

    @cached_property
    def export_job(self):
        """A finished background export the officer asked for, its file kept an hour more."""
        import datetime

        from django.core.files.base import ContentFile
        from django.utils import timezone

        from core.models import ExportJob

        job = ExportJob(
            requested_by=self.officer,
            identifier="recognized",
            state=ExportJob.State.DONE,
            rows_done=1,
            rows_total=1,
            file_name="danh-sach-san-pham-duoc-cong-nhan-2026.xlsx",
            finished_at=timezone.now(),
            expires_at=timezone.now() + datetime.timedelta(hours=1),
        )
        job.file.save("matrix.xlsx", ContentFile(b"PK\x03\x04 not a real workbook"), save=False)
        job.save()
        return job

    # ---- Issue 10: extension programmes ----------------------------------------------------
    # The year's local plan, still being drawn up (so it takes proposals and applicants see it),
    # its equipment rule, and equipment proposals of `facility` at the step each row needs,
    # moved there through the services and the workflow. `council` appraises
    # `appraised_proposal`: `chair` chairs it, `judge` is a member and `officer` its secretary;
    # `other_judge` sits on no council.

    @cached_property
    def program_plan(self):
        from tests.programs.world import make_plan

        return make_plan()

    @cached_property
    def support_rule(self):
        from tests.programs.world import local_rule

        return local_rule()

    def _equipment_proposal(self, title: str):
        from tests.programs.world import equipment_proposal

        self.support_rule  # noqa: B018  (the limit a proposal is submitted under)
        return equipment_proposal(self.applicant, self.program_plan, self.facility, title=title)

    @cached_property
    def draft_proposal(self):
        """A complete draft (one machine, one budget line): editable, deletable, submittable."""
        return self._equipment_proposal("Hỗ trợ máy đóng gói kẹo dừa")

    @cached_property
    def proposal_document(self):
        """The draft's proposal document (a PDF), uploaded through the service."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        from programs.services.documents import add_document
        from tests.factories import PDF_BYTES

        upload = SimpleUploadedFile("thuyet-minh.pdf", PDF_BYTES, content_type="application/pdf")
        return add_document(
            actor=self.applicant, proposal=self.draft_proposal, kind="application", upload=upload
        )

    @cached_property
    def appraised_proposal(self):
        proposal = transition(
            self._equipment_proposal("Hỗ trợ máy sấy chân không"),
            action="submit",
            actor=self.applicant,
        )
        return transition(proposal, action="start_appraisal", actor=self.officer)

    @cached_property
    def later_appraised_proposal(self):
        """Under appraisal and on no council yet: added to `council` from its page."""
        proposal = transition(
            self._equipment_proposal("Hỗ trợ máy xay bột"), action="submit", actor=self.applicant
        )
        return transition(proposal, action="start_appraisal", actor=self.officer)

    @cached_property
    def contracted_proposal(self):
        """Approved and its contract signed: money may be paid on it."""
        from tests.programs.world import approved, contracted

        proposal = approved(
            self._equipment_proposal("Hỗ trợ máy dán nhãn"),
            facility_user=self.applicant,
            officer=self.officer,
            manager=self.users["manager"],
        )
        return contracted(proposal, officer=self.officer)

    @cached_property
    def in_progress_proposal(self):
        """Contracted and the work started: its items are checked at acceptance."""
        return transition(self.contracted_proposal, action="start_work", actor=self.officer)

    @cached_property
    def council(self):
        import datetime

        from programs.models import CouncilRole
        from programs.services.appraisal import create_council

        return create_council(
            actor=self.officer,
            plan=self.program_plan,
            data={
                "name": "Hội đồng thẩm định đề án khuyến công",
                "decision_number": "12/QĐ-TTKC",
                "decision_date": datetime.date(self.program_plan.year, 3, 2),
            },
            proposals=[self.appraised_proposal],
            members=[
                (self.users["chair"], CouncilRole.CHAIR),
                (self.users["judge"], CouncilRole.MEMBER),
                (self.officer, CouncilRole.SECRETARY),
            ],
        )
