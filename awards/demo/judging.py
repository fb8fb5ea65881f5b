"""The judging of the demo's 2024 provincial round, as the Bến Tre report sums it up: "20 sản
phẩm của 20 đơn vị đạt bình chọn cấp tỉnh, thực hiện hỗ trợ 12 sản phẩm của 12 đơn vị dự thi cấp
khu vực". Data only; awards/demo/judging_seed.py seeds it.

Two panels of the provincial council score every eligible entry of their groups: 9 judges in
all (4 on the first panel, 5 on the second) and one secretary on both. Each entry has a target
score; a judge's total is the target moved by the judge's leniency (the biases of a panel sum to
zero, so the mean stays near the target) and a small seeded jitter, split over the four official
criteria. One judge of the first panel scores on paper at the meeting: the secretary enters those
sheets on the judge's behalf (the sheets say who entered them). 22 entries pass 70 points; the
council recognises the best product of each facility, so two passing second products are left
out with that reason: 20 recognised products of 20 facilities. The 12 best are nominated to the
2024 regional round of the South.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from awards.demo.entries import FOOD, HANDICRAFT, MACHINERY, OTHER

# One known password for the panels' accounts giamkhao01 … giamkhao08 and thuky (printed by
# seed_demo in a short note).
JUDGE_ACCOUNT_PASSWORD = "Giamkhao-Hoidong-2024"


@dataclass(frozen=True)
class DemoJudge:
    username: str  # "judge" is the demo's judge account (core/demo.py)
    full_name: str
    panel: int  # 1 or 2
    role: str  # chair, member, secretary
    # Points this judge gives above (or below) an entry's target: lenient or severe.
    bias: Decimal = Decimal("0")


JUDGES = [
    DemoJudge("giamkhao01", "Nguyễn Thanh Hải", 1, "chair", Decimal("1")),
    DemoJudge("judge", "Trần Văn Minh", 1, "member", Decimal("3")),
    DemoJudge("giamkhao02", "Lê Thị Ngọc Hân", 1, "member", Decimal("-2")),
    DemoJudge("giamkhao03", "Huỳnh Văn Tâm", 1, "member", Decimal("-2")),
    DemoJudge("giamkhao04", "Phạm Thị Kim Loan", 2, "chair", Decimal("0")),
    DemoJudge("giamkhao05", "Võ Văn Đức", 2, "member", Decimal("4")),
    DemoJudge("giamkhao06", "Đoàn Thị Bích Thủy", 2, "member", Decimal("-3")),
    DemoJudge("giamkhao07", "Trương Quốc Bảo", 2, "member", Decimal("2")),
    DemoJudge("giamkhao08", "Ngô Thị Mỹ Dung", 2, "member", Decimal("-3")),
]
SECRETARY = DemoJudge("thuky", "Lâm Thị Thanh Tuyền", 0, "secretary")

PANELS = {
    1: ("Hội đồng bình chọn nhóm thủ công mỹ nghệ và sản phẩm khác", (HANDICRAFT, OTHER)),
    2: (
        "Hội đồng bình chọn nhóm chế biến nông, lâm, thủy sản, thực phẩm và cơ khí",
        (FOOD, MACHINERY),
    ),
}

# The score each eligible product is aimed at (the judges' mean lands within about 1.5 points).
TARGETS = {
    "Bộ chén, muỗng gáo dừa khảm trai": 86,
    "Đèn trang trí gáo dừa": 74,
    "Giỏ xách đan cọng dừa nhiều màu": 81,
    "Bộ khay, chậu hoa đan cọng dừa": 66,
    "Thảm xơ dừa dệt tay": 67,
    "Kẹo dừa sầu riêng Phú Hưng": 90,
    "Kẹo dừa lá dứa Phú Hưng": 73.5,
    "Kẹo dừa nguyên chất Út Hiền": 79,
    "Kẹo dừa ca cao Út Hiền": 64,
    "Mứt dừa non Lan Anh": 76,
    "Bánh phồng sữa Lan Anh": 75,
    "Bánh phồng Sơn Đốc Tư Thảo": 84,
    "Bánh tráng dừa Mỹ Lồng": 82,
    "Bánh tráng nướng mè Mỹ Lồng": 62,
    "Nước dừa đóng lon Giồng Trôm": 92,
    "Nước cốt dừa Giồng Trôm": 67,
    "Rượu nếp Phú Lễ": 80,
    "Nước mắm cá cơm truyền thống Bình Đại": 88,
    "Nước mắm cá cơm nhĩ Bảo Thạnh": 74,
    "Dầu dừa tinh khiết hữu cơ Mỏ Cày": 89,
    "Cơm dừa nạo sấy Mỏ Cày": 65,
    "Sô-cô-la ca cao Giao Long": 83,
    "Máy xới đất mini Chợ Lách": 77,
    "Máy phun thuốc cải tiến Chợ Lách": 63,
    "Than hoạt tính gáo dừa Phước Mỹ": 85,
    "Mụn dừa ép viên Đồng Khởi": 78,
    "Kiểng thú tạo hình Cái Mơn": 78.5,
    "Chậu kiểng bonsai để bàn Cái Mơn": 61,
    "Bonsai mai chiếu thủy Út Nhỏ": 73,
    "Túi xách da bò khâu tay Sao Mai": 76,
}
# Where two judges of a panel disagree more than the round's spread allows (the results flag
# it): the judge's extra points on that product (the pair sums to zero: the mean is unmoved).
DISAGREEMENTS = {
    "Rượu nếp Phú Lễ": {"giamkhao05": Decimal("10"), "giamkhao06": Decimal("-10")},
}
# Why the council leaves out a passing product (the officer's proposal records it).
ONE_PER_FACILITY = (
    "Hội đồng đề nghị công nhận một sản phẩm tiêu biểu nhất của mỗi cơ sở; sản phẩm khác của cơ "
    "sở đã được đề nghị công nhận."
)

# The days of judging and after, in 2024 (core.clock).
JUDGING_DAYS = {
    "declared": datetime.date(2024, 5, 16),
    "first_sheet": datetime.date(2024, 5, 20),
    "ended": datetime.date(2024, 5, 31),
    "proposed": datetime.date(2024, 6, 4),
    "finalized": datetime.date(2024, 6, 10),
    "published": datetime.date(2024, 6, 12),
    "nominated": datetime.date(2024, 6, 20),
}
RECOGNITION_DECISION = ("1256/QĐ-UBND", JUDGING_DAYS["finalized"])
NOMINATION_DECISION = ("98/QĐ-SCT", JUDGING_DAYS["nominated"])
NOMINEES = 12
# The judge whose paper sheets the secretary enters.
PAPER_JUDGE = "giamkhao03"
COMMENTS = [
    (85, "Sản phẩm tiêu biểu, chất lượng ổn định, bao bì đẹp; có khả năng mở rộng thị trường."),
    (75, "Sản phẩm đạt yêu cầu; nên cải tiến mẫu mã bao bì và truy xuất nguồn gốc."),
    (70, "Sản phẩm đạt mức tối thiểu; cần hoàn thiện hồ sơ chất lượng."),
    (0, "Sản phẩm chưa nổi bật về thị trường và giá trị văn hóa; cần đầu tư thêm."),
]

REGIONAL_ROUND = {
    "title": "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu khu vực phía Nam năm 2024",
    "year": 2024,
    "organiser_name": "Cục Công Thương địa phương, Bộ Công Thương",
    "registration_opens": datetime.date(2024, 7, 1),
    "registration_closes": datetime.date(2024, 8, 15),
    "judging_ends": datetime.date(2024, 9, 30),
}
