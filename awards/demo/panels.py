"""The 2024 round's two judging panels (issue 8: panels), set up before judging starts: nine
judges, the demo `judge` account among them, one chair each.

The eight judges besides `judge` are demo accounts giamkhao01 … giamkhao08 with one known
password (JUDGE_PASSWORD), created through core.services.create_user."""

from django.contrib.auth import get_user_model

from awards import services
from awards.models import AwardRound, ProductGroup
from core.roles import Role
from core.services import create_user

JUDGE_PASSWORD = "Giamkhao-Hoidong-2024"
JUDGE_NAMES = [
    "Nguyễn Văn Thành",
    "Lê Thị Hồng",
    "Phạm Minh Tâm",
    "Huỳnh Thị Ngọc",
    "Võ Văn Phúc",
    "Trương Thị Yến",
    "Đặng Quốc Bảo",
    "Bùi Thị Kim",
]
# (name, groups' codes, how many judges: the first chairs)
PANELS = [
    ("Hội đồng nhóm chế biến nông, lâm, thủy sản và thực phẩm", [2], 5),
    ("Hội đồng nhóm thủ công mỹ nghệ, cơ khí và sản phẩm khác", [1, 3, 4], 4),
]


def demo_judges() -> list:
    """The demo `judge` account, then giamkhao01 … giamkhao08 (created when missing)."""
    User = get_user_model()
    judges = [User.objects.get(username="judge")]
    for number, name in enumerate(JUDGE_NAMES, start=1):
        username = f"giamkhao{number:02d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_user(
                actor=None,
                username=username,
                password=JUDGE_PASSWORD,
                role=Role.JUDGE,
                full_name=name,
                email=f"{username}@example.com",
            )
        judges.append(user)
    return judges


def seed_panels(award_round: AwardRound, *, officer) -> None:
    judges = demo_judges()
    start = 0
    for name, codes, size in PANELS:
        seated = judges[start : start + size]
        start += size
        services.create_panel(
            actor=officer,
            award_round=award_round,
            name=name,
            product_groups=list(ProductGroup.objects.filter(code__in=codes)),
            members=[(judge, "chair" if i == 0 else "member") for i, judge in enumerate(seated)],
        )
