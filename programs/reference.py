"""The reference data every installation starts with: the extension activities of the
national programme and the national fund's support levels (TT 28/2018/TT-BTC). Seeded by a data
migration; officers and admins edit them afterwards (a province adds its local-fund levels)."""

import datetime
from decimal import Decimal

# (code, name, has equipment items): the contents of the programme, in its order.
ACTIVITIES = (
    ("demonstration", "Xây dựng mô hình trình diễn kỹ thuật, chuyển giao công nghệ", False),
    ("equipment", "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ", True),
    ("cleaner-production", "Sản xuất sạch hơn, xử lý ô nhiễm môi trường", False),
    ("product-development", "Phát triển sản phẩm công nghiệp nông thôn tiêu biểu", False),
    ("linkages", "Liên kết, cụm liên kết ngành, chuỗi giá trị, hạ tầng cụm công nghiệp", False),
    ("training", "Đào tạo, nâng cao năng lực quản lý", False),
    ("consulting", "Tư vấn, thông tin tuyên truyền, hội chợ triển lãm", False),
    ("digital", "Chuyển đổi số", False),
    ("sustainable", "Sản xuất và tiêu dùng bền vững", False),
    ("capacity", "Nâng cao năng lực hệ thống khuyến công", False),
    ("new-enterprise", "Hỗ trợ thành lập doanh nghiệp mới tại địa bàn khó khăn", False),
)

NATIONAL_BASIS = "Thông tư 28/2018/TT-BTC ngày 28/3/2018 của Bộ Tài chính"
NATIONAL_FROM = datetime.date(2018, 5, 12)

# (activity code, rate %, ceiling VND, production-line multiplier) for the national fund.
NATIONAL_RULES = (
    ("equipment", Decimal(50), 300_000_000, Decimal("1.5")),
    ("demonstration", Decimal(30), 1_000_000_000, Decimal(1)),
    ("new-enterprise", None, 10_000_000, Decimal(1)),
)
