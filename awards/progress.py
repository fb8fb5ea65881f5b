"""How far the judging of a round has come: per judge (sheets assigned, drafted, submitted)
and per entry (sheets submitted against the round's minimum). For the officers' and the panel
chair's progress page and `GET /api/v1/rounds/{id}/progress/`.

A few aggregate queries whatever the size of the round (never one per judge or per entry). Void
sheets (their judge declared a conflict) count nowhere.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from awards.models import SCREENED_IN, AwardRound, Entry, Panel, ScoreSheet

S = ScoreSheet.State


def round_progress(award_round: AwardRound, *, panel: Panel | None = None) -> dict:
    """{"judges": [{"judge", "panel", "assigned", "drafted", "submitted"}], "entries":
    [{"entry", "panel", "submitted", "minimum", "complete"}]}, only `panel`'s when given.

    `drafted`: draft sheets with at least one score (begun, not submitted). An entry is
    `complete` once it has the round's minimum of submitted sheets."""
    panels = {
        p.pk: p
        for p in Panel.objects.filter(round=award_round).prefetch_related("product_groups")
        if panel is None or p.pk == panel.pk
    }
    return {
        "judges": _judges(award_round, panels),
        "entries": _entries(award_round, panels),
    }


def _judges(award_round: AwardRound, panels: dict) -> list[dict]:
    rows = list(
        ScoreSheet.objects.filter(round=award_round, panel_id__in=panels)
        .exclude(state=S.VOID)
        .values("judge_id", "panel_id")
        # A sheet with several scores joins several rows: each sheet is counted once.
        .annotate(
            assigned=Count("id", distinct=True),
            drafted=Count("id", distinct=True, filter=Q(state=S.DRAFT, scores__isnull=False)),
            submitted=Count("id", distinct=True, filter=Q(state=S.SUBMITTED)),
        )
        .order_by()
    )
    judges = get_user_model().objects.in_bulk({row["judge_id"] for row in rows})
    result = [
        {
            "judge": judges[row["judge_id"]],
            "panel": panels[row["panel_id"]],
            "assigned": row["assigned"],
            "drafted": row["drafted"],
            "submitted": row["submitted"],
        }
        for row in rows
    ]
    result.sort(key=lambda r: (r["panel"].name, r["judge"].full_name, r["judge"].pk))
    return result


def _entries(award_round: AwardRound, panels: dict) -> list[dict]:
    # In a round a product group is judged by at most one panel: an entry's panel is its
    # group's.
    by_group = {group.pk: p for p in panels.values() for group in p.product_groups.all()}
    entries = (
        Entry.objects.filter(
            round=award_round, state__in=SCREENED_IN, product_group_id__in=by_group
        )
        .select_related("product_group")
        .annotate(submitted_sheets=Count("score_sheets", filter=Q(score_sheets__state=S.SUBMITTED)))
        .order_by("voting_code", "id")
    )
    minimum = award_round.min_score_sheets
    return [
        {
            "entry": entry,
            "panel": by_group[entry.product_group_id],
            "submitted": entry.submitted_sheets,
            "minimum": minimum,
            "complete": entry.submitted_sheets >= minimum,
        }
        for entry in entries
    ]
