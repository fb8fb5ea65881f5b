"""A round's results, the recognition proposal, the nominations and the certificates (issue 8:
results). Thin: each endpoint parses, calls awards.results or one service, answers.

- `GET /rounds/{id}/results/`: the center's staff and the chair of a panel of the round (the
  chair without the facilities), once the round deliberates. Before that: 409 Conflict with a
  message (the round exists and the reader may read it, but its state has no results yet).
  Anyone else: 404 when they may not see the round at all, 403 when they may (a published round
  is public) but not its results.
- `POST /rounds/{id}/recognition/`: officers and administrators, while the round deliberates.
- `POST /rounds/{id}/nominations/`: officers and administrators, once the round is final.
- `/certificates/`: staff read all (`?round=` filters), an applicant their facilities' once the
  round is published.

Scores are strings with two decimal places (the official list prints one; two are kept so that
what the ranking compares shows).
"""

import django_filters
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from api.exceptions import Conflict
from api.serializers import TextField
from awards import rules, services
from awards.filters import IntegerFilter
from awards.models import AwardRound, Certificate, Recognition
from awards.result_access import can_view_results, certificates_visible_to, sees_facilities
from awards.results import compute_results
from core.roles import Role, has_role


def _text(value) -> str | None:
    return None if value is None else str(value)


def results_data(award_round: AwardRound, user) -> dict:
    """The results as the API answers them (and the page reads the same RoundResults)."""
    results = compute_results(award_round)
    staff = sees_facilities(user)
    proposal = {}
    if staff:
        proposal = {r.entry_id: r for r in Recognition.objects.filter(round=award_round).order_by()}
    rows = []
    for row in results.rows:
        data = {
            "entry": row.entry_id,
            "voting_code": row.voting_code,
            "product_name": row.product_name,
            "group": row.group.code,
            "group_name": row.group.name,
            "sheets": row.sheets,
            "has_result": row.has_result,
            "mean": _text(row.mean),
            "criterion_means": {code: str(mean) for code, mean in row.criterion_means.items()},
            "stdev": _text(row.stdev),
            "spread": _text(row.spread),
            "disagreement": row.disagreement,
            "normalized": _text(row.normalized),
            "rank_in_group": row.rank_in_group,
            "rank_overall": row.rank_overall,
            "passes": row.passes,
            "state": row.entry.state,
        }
        if staff:
            data["facility"] = {"id": row.facility.pk, "name": row.facility.name}
            recognition = proposal.get(row.entry_id)
            data["recognition"] = (
                {"recognized": recognition.recognized, "reason": recognition.reason}
                if recognition
                else None
            )
        rows.append(data)
    return {
        "round": award_round.pk,
        "state": award_round.state,
        "pass_score": str(award_round.pass_score),
        "min_score_sheets": award_round.min_score_sheets,
        "disagreement_spread": str(award_round.disagreement_spread),
        "tie_rule": results.tie_rule,
        "stdev_kind": results.stdev_kind,
        "normalized_note": results.normalized_note,
        "overall_mean": _text(results.overall_mean),
        "overall_stdev": _text(results.overall_stdev),
        "criteria": [
            {"code": c.code, "text": c.text, "max_points": str(c.max_points)}
            for c in results.criteria
        ],
        "results": rows,
    }


def _round_for_results(user, pk) -> AwardRound:
    """The round if the user may read its results (404 if they may not see the round, 403 if
    they see it but not its results, 409 before its results exist)."""
    award_round = get_object_or_404(AwardRound, pk=pk)
    if not can_view_results(user, award_round):
        if rules.can_view_round(user, award_round):
            raise exceptions.PermissionDenied(
                _("Only the center's staff and the panels' chairs read the results.")
            )
        raise Http404
    if not award_round.phase.results_visible:
        raise Conflict(
            _(
                "The round has no results yet: they are computed once judging has ended (the "
                "round is now “%(state)s”)."
            )
            % {"state": award_round.get_state_display()},
            code="no_results_yet",
        )
    return award_round


def _officers_round(user, pk) -> AwardRound:
    if not has_role(user, Role.OFFICER, Role.ADMIN):
        raise exceptions.PermissionDenied(_("Only extension officers do this."))
    return get_object_or_404(AwardRound, pk=pk)


class RoundResultsView(APIView):
    """The round's results: one row per screened-in entry (see the module's docstring)."""

    @extend_schema(
        tags=["rounds"],
        responses={
            200: dict,
            403: OpenApiResponse(
                description="The round is visible, its results only to staff and chairs."
            ),
            409: OpenApiResponse(description="The round has no results yet (before deliberation)."),
        },
    )
    def get(self, request, pk):
        award_round = _round_for_results(request.user, pk)
        return Response(results_data(award_round, request.user))


class ExcludedSerializer(serializers.Serializer):
    entry = serializers.IntegerField()
    reason = TextField(multiline=True, allow_blank=True, required=False, default="")


class RecognitionSerializer(serializers.Serializer):
    entries = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
    excluded = ExcludedSerializer(many=True, required=False, default=list)


class RoundRecognitionView(APIView):
    """The officer's proposal: `entries` recognised, `excluded` passing entries left out with
    a reason. Replaces the round's proposal; answers it."""

    @extend_schema(tags=["rounds"], request=RecognitionSerializer, responses={200: dict})
    def post(self, request, pk):
        award_round = _officers_round(request.user, pk)
        serializer = RecognitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        rows = services.propose_recognition(
            actor=request.user,
            award_round=award_round,
            entries=data["entries"],
            excluded=[(item["entry"], item.get("reason", "")) for item in data["excluded"]],
        )
        return Response(
            {
                "entries": sorted(r.entry_id for r in rows if r.recognized),
                "excluded": [
                    {"entry": r.entry_id, "reason": r.reason}
                    for r in sorted(rows, key=lambda r: r.entry_id)
                    if not r.recognized
                ],
            }
        )


class NominationsSerializer(serializers.Serializer):
    entries = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
    decision_number = TextField(allow_blank=True)
    decision_date = serializers.DateField(allow_null=True)


class RoundNominationsView(APIView):
    """The nominees for the next level, by a decision. Replaces the round's nominations not
    yet sent to the next-level round; answers every nomination of the round and the nominees
    not copied (their product is already entered in the next-level round)."""

    @extend_schema(tags=["rounds"], request=NominationsSerializer, responses={201: dict})
    def post(self, request, pk):
        award_round = _officers_round(request.user, pk)
        serializer = NominationsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        outcome = services.nominate(
            actor=request.user,
            award_round=award_round,
            entries=data["entries"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
        )
        return Response(
            {
                "nominations": [
                    {
                        "entry": n.entry_id,
                        "voting_code": n.entry.voting_code,
                        "decision_number": n.decision_number,
                        "decision_date": n.decision_date.isoformat(),
                        "next_entry": n.next_entry_id,
                    }
                    for n in outcome.nominations
                ],
                "skipped": [{"entry": e.pk, "message": m} for e, m in outcome.skipped],
            },
            status=status.HTTP_201_CREATED,
        )


class CertificateSerializer(serializers.ModelSerializer):
    round = serializers.SerializerMethodField()
    entry = serializers.SerializerMethodField()
    facility = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "year",
            "sequence",
            "issued_on",
            "valid_until",
            "round",
            "entry",
            "facility",
        ]
        read_only_fields = fields

    def get_round(self, certificate) -> dict:
        return {"id": certificate.round_id, "title": certificate.round.title}

    def get_entry(self, certificate) -> dict:
        entry = certificate.entry
        return {
            "id": entry.pk,
            "product_name": entry.product_name,
            "voting_code": entry.voting_code,
            "group": entry.product_group.code,
        }

    def get_facility(self, certificate) -> dict:
        facility = certificate.entry.facility
        return {"id": facility.pk, "name": facility.name}


class CertificateFilter(django_filters.FilterSet):
    round = IntegerFilter(field_name="round_id", label=_("round"))
    year = IntegerFilter(label=_("year"))

    class Meta:
        model = Certificate
        fields = ["round", "year"]


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Recognition certificates: staff read all; an applicant their facilities' once the
    round's results are published."""

    serializer_class = CertificateSerializer
    lookup_value_converter = "id"
    filterset_class = CertificateFilter
    ordering_fields = ["number", "year", "issued_on"]

    def get_queryset(self):
        return certificates_visible_to(self.request.user)
