"""What the programme demo seeds: the Bến Tre report's 2024 extension year (Sở Công Thương
tỉnh Bến Tre, 9 months 2024, line 16 of ../shared/seed/ben-tre-industry-trade-9-months-2024.txt):
"đã tổ chức 03 tập huấn nâng cao năng lực quản lý, tiết kiệm chi phí trong sản xuất …; xét
duyệt danh mục gồm 25 đề án đầu tư ứng dụng máy móc thiết bị tiên tiến vào sản xuất. Hỗ trợ các
cơ sở … xây dựng hồ sơ đề án, trình xét duyệt 06 đề án. Xây dựng và triển khai thực hiện 04 Đề
án khuyến công tỉnh năm 2024", and a 2026 local plan being carried out.

The figures (machines, prices, budgets) are plausible, not the report's: it gives only counts.
"""

import datetime
from dataclasses import dataclass

from applicants.demo.facilities import COCONUT, CRAFT, FOOD, MECHANICAL, POTTERY, SEAFOOD

# The provincial fund's equipment support. The People's Council of each province sets it; the
# figures are those other provinces use (domain.md §3: 50 % ≤ 250 million, a line × 1.5): they
# must be checked against the resolution of tỉnh Vĩnh Long (the former Bến Tre's for 2024)
# before the demo is shown as the province's own rule.
LOCAL_EQUIPMENT_RULE = {
    "max_rate": 50,
    "ceiling": 250_000_000,
    "line_multiplier": "1.5",
    "legal_basis": "Nghị quyết của HĐND tỉnh (mức hỗ trợ khuyến công địa phương)",
    "valid_from": datetime.date(2024, 1, 1),
}


@dataclass(frozen=True)
class DemoPlan:
    year: int
    fund_source: str
    title: str
    budget: int


LOCAL_2024 = DemoPlan(2024, "local", "Kế hoạch khuyến công địa phương năm 2024", 6_500_000_000)
# The envelope the Ministry announced for the province's national-fund proposals (plausible).
NATIONAL_2024 = DemoPlan(
    2024,
    "national",
    "Kế hoạch khuyến công quốc gia năm 2024 (đề án trình Bộ Công Thương)",
    2_000_000_000,
)
LOCAL_2026 = DemoPlan(2026, "local", "Kế hoạch khuyến công địa phương năm 2026", 7_000_000_000)

# The days of the 2024 local plan, as the centre worked through it.
DAYS_2024 = {
    "plan": datetime.date(2024, 1, 8),
    "first_proposal": datetime.date(2024, 1, 15),
    "appraisal": datetime.date(2024, 3, 18),
    "council": datetime.date(2024, 3, 18),
    "concluded": datetime.date(2024, 4, 5),
    "approved": datetime.date(2024, 4, 12),
    "plan_approved": datetime.date(2024, 4, 19),
    "contract": datetime.date(2024, 5, 6),
    "advance": datetime.date(2024, 5, 10),
    "work": datetime.date(2024, 5, 13),
    "accepted": datetime.date(2024, 8, 26),
    "settlement": datetime.date(2024, 9, 16),
    "settled": datetime.date(2024, 9, 20),
    # The national plan's proposals go to the Ministry before 20 May (TT 36/2013/TT-BCT).
    "national_first": datetime.date(2024, 4, 22),
    "national_appraisal": datetime.date(2024, 5, 27),
}
APPROVAL_DECISION = "245/QĐ-SCT"
PLAN_DECISION = "812/QĐ-UBND"
COUNCIL_DECISION = "178/QĐ-SCT"


# Machines by trade: (name, specification, unit price in VND, part of a production line).
MACHINES = {
    COCONUT: [
        (
            "Máy nấu kẹo dừa tự động",
            "Nồi inox 304, 100 kg/mẻ, cánh khuấy biến tần",
            185_000_000,
            False,
        ),
        ("Máy cắt và gói kẹo dừa", "Công suất 300 viên/phút, gói 2 lớp", 240_000_000, True),
        ("Máy ép nước cốt dừa", "Trục vít inox, 500 kg cơm dừa/giờ", 96_000_000, False),
    ],
    FOOD: [
        (
            "Lò sấy bánh tráng bằng nhiệt",
            "Buồng sấy 20 khay, điều khiển nhiệt độ",
            165_000_000,
            False,
        ),
        ("Máy tráng bánh tráng tự động", "Công suất 2.000 bánh/giờ", 210_000_000, True),
        ("Máy đóng gói hút chân không", "Buồng đôi, 2 thanh hàn 500 mm", 78_000_000, False),
    ],
    SEAFOOD: [
        ("Kho cấp đông IQF", "Công suất 500 kg/giờ, môi chất R404A", 420_000_000, True),
        ("Máy sấy bơm nhiệt", "Sấy cá khô, 300 kg/mẻ", 230_000_000, False),
    ],
    CRAFT: [
        ("Máy dệt chiếu cải tiến", "Khung dệt bán tự động, khổ 1,8 m", 62_000_000, False),
        ("Máy se sợi lục bình", "Động cơ 1,5 kW, 40 m/phút", 45_000_000, False),
    ],
    POTTERY: [
        ("Lò nung gốm bằng gas", "Thể tích 3 m³, nhiệt độ 1.250 °C", 390_000_000, False),
        ("Máy nhào đất sét chân không", "Công suất 1 tấn/giờ", 150_000_000, True),
    ],
    MECHANICAL: [
        ("Máy tiện CNC", "Đường kính tiện 400 mm, bộ điều khiển Fanuc", 520_000_000, False),
        ("Máy cắt plasma CNC", "Bàn cắt 1,5 × 3 m", 310_000_000, True),
    ],
}
# Any other trade: a general-purpose packing machine.
DEFAULT_MACHINES = [
    ("Máy chiết rót và đóng nắp", "Bán tự động, 1.200 chai/giờ", 135_000_000, True),
    ("Máy dán nhãn tự động", "Nhãn cuộn, 60 sản phẩm/phút", 88_000_000, False),
]


@dataclass(frozen=True)
class DemoProject:
    """A non-equipment proposal of the 2024 local plan carried out to settlement: the activity,
    the title, who carries it out (center, facility or another organisation's name), the
    indexes of its beneficiaries in applicants.demo.FACILITIES and its budget lines as (item,
    unit, quantity, unit cost, extension share)."""

    activity: str
    title: str
    implementing: str
    beneficiaries: tuple[int, ...]
    lines: tuple[tuple[str, str, int, int, int], ...]
    implementing_name: str = ""


EXTENSION_2024 = (
    DemoProject(
        "demonstration",
        "Mô hình trình diễn kỹ thuật nấu kẹo dừa bằng nồi hơi tiết kiệm năng lượng",
        "facility",
        (0,),
        (
            ("Nồi hơi và hệ thống nấu kẹo", "bộ", 1, 480_000_000, 144_000_000),
            ("Hội thảo trình diễn, tham quan mô hình", "cuộc", 2, 18_000_000, 36_000_000),
        ),
    ),
    DemoProject(
        "cleaner-production",
        "Tư vấn áp dụng sản xuất sạch hơn tại cơ sở chế biến thủy sản",
        "center",
        (12,),
        (
            ("Đánh giá sản xuất sạch hơn", "đợt", 1, 60_000_000, 54_000_000),
            ("Cải tạo hệ thống xử lý nước thải", "hệ thống", 1, 140_000_000, 40_000_000),
        ),
    ),
    DemoProject(
        "product-development",
        "Hỗ trợ thiết kế bao bì, nhãn hiệu sản phẩm công nghiệp nông thôn tiêu biểu",
        "center",
        (2, 5, 8),
        (
            ("Thiết kế bộ nhận diện và bao bì", "sản phẩm", 3, 25_000_000, 60_000_000),
            ("In bao bì mẫu", "lô", 3, 10_000_000, 15_000_000),
        ),
    ),
    DemoProject(
        "digital",
        "Hỗ trợ ứng dụng phần mềm quản lý sản xuất và bán hàng trực tuyến",
        "other",
        (3, 7),
        (
            ("Phần mềm quản lý sản xuất (bản quyền 1 năm)", "cơ sở", 2, 30_000_000, 42_000_000),
            ("Tập huấn sử dụng, gian hàng thương mại điện tử", "cơ sở", 2, 12_000_000, 24_000_000),
        ),
        implementing_name="Công ty Cổ phần Giải pháp số Mê Kông",
    ),
)

TRAINING_LINES = (
    ("Thù lao giảng viên", "buổi", 4, 2_000_000, 8_000_000),
    ("Tài liệu cho học viên", "bộ", 50, 60_000, 3_000_000),
    ("Hỗ trợ tiền ăn học viên", "người", 50, 150_000, 7_500_000),
    ("Thuê hội trường, trang thiết bị", "ngày", 2, 4_000_000, 8_000_000),
    ("Chi phí đi lại của học viên", "người", 50, 100_000, 0),
)
# The three courses, each held where the beneficiaries are (the index of a facility of that
# commune in applicants.demo.FACILITIES).
TRAININGS_2024 = (
    ("Tập huấn nâng cao năng lực quản lý, tiết kiệm chi phí trong sản xuất (lớp 1)", 0),
    ("Tập huấn nâng cao năng lực quản lý, tiết kiệm chi phí trong sản xuất (lớp 2)", 10),
    ("Tập huấn nâng cao năng lực quản lý, tiết kiệm chi phí trong sản xuất (lớp 3)", 20),
)
