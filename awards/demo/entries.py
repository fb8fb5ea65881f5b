"""The demo's award rounds and products: the 2024 provincial round of the Bến Tre report, with
its 30 products and their Mẫu 02 descriptions, and the 2026 drafts of the demo applicant. Data
only; awards/demo/__init__.py seeds it."""

import datetime
from dataclasses import dataclass

from awards.dossier import MIN_PHOTOS
from awards.models import Attachment, AwardRound, Level, ProductGroup, ScreeningCondition

HANDICRAFT, FOOD, MACHINERY, OTHER = 1, 2, 3, 4

# One known password for the facility accounts (printed once by seed_demo, in a short note).
FACILITY_ACCOUNT_PASSWORD = "Binhchon-Sanpham-2024"
FACILITY_ACCOUNT_PREFIX = "coso"


@dataclass(frozen=True)
class DemoRound:
    title: str
    year: int
    organiser: str
    pass_score: str = "70.0"
    min_score_sheets: int = 3
    nominee_quota: int | None = None

    def lookup(self):
        return AwardRound.objects.filter(title=self.title, year=self.year, level=Level.PROVINCE)


ROUND_2024 = DemoRound(
    title="Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2024",
    year=2024,
    organiser="Sở Công Thương tỉnh Bến Tre",
    nominee_quota=12,
)
# The dates of the 2024 round.
DATES_2024 = {
    "registration_opens": datetime.date(2024, 3, 1),
    "registration_closes": datetime.date(2024, 4, 30),
    "judging_ends": datetime.date(2024, 5, 31),
}
# The days its steps were taken, recorded through the services' `on=` (core.clock): created in
# February, open from 1 March, entries registered through March and April (each submitted a few
# days after registering), registration closed on 2 May, screened from 6 May, judging from
# 16 May.
DAYS_2024 = {
    "created": datetime.date(2024, 2, 20),
    "opened": DATES_2024["registration_opens"],
    "first_registration": datetime.date(2024, 3, 4),
    "closed": datetime.date(2024, 5, 2),
    "first_screening": datetime.date(2024, 5, 6),
    "judging": datetime.date(2024, 5, 16),
}

ROUND_2026 = DemoRound(
    title="Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2026",
    year=2026,
    organiser="Sở Công Thương tỉnh Vĩnh Long",
)
# Counted from the day of seeding, so the round is open whenever the demo is installed.
WINDOW_2026 = {"registration_opens": -15, "registration_closes": 45, "judging_ends": 75}


@dataclass(frozen=True)
class DemoEntry:
    facility: str  # name of a demo facility (applicants/demo.py)
    product: str
    group: int
    features: str
    materials: str
    process: str
    markets: str
    price: str
    standards: str = ""
    awards: str = ""
    product_set: bool = False
    # Screening: None when every condition is met, else the condition that failed and why.
    fails: tuple[str, str] | None = None
    photos: int = MIN_PHOTOS
    submit: bool = True

    def data(self) -> dict:
        return {
            "product_name": self.product,
            "product_group": ProductGroup.objects.get(code=self.group),
            "is_product_set": self.product_set,
            "features": self.features,
            "materials": self.materials,
            "production_process": self.process,
            "markets": self.markets,
            "price": self.price,
            "quality_standards": self.standards,
            "awards_received": self.awards,
        }


HAI_TAM = "Cơ sở Mỹ nghệ dừa Hai Tâm"
PHU_TUC = "Tổ hợp tác Đan giỏ cọng dừa Phú Túc"
DONG_KHOI = "Hợp tác xã Chỉ xơ dừa Đồng Khởi"
PHU_HUNG = "Công ty TNHH Kẹo dừa Phú Hưng"
UT_HIEN = "Cơ sở Kẹo dừa Út Hiền"
LAN_ANH = "Công ty TNHH Thực phẩm Dừa Lan Anh"
BANH_PHONG_LAN_ANH = "Hộ kinh doanh Bánh phồng Lan Anh"
TU_THAO = "Cơ sở Bánh phồng Tư Thảo"
MY_LONG = "Hợp tác xã Bánh tráng Mỹ Lồng"
GIONG_TROM = "Công ty Cổ phần Nước dừa Giồng Trôm"
PHU_LE = "Cơ sở Rượu Phú Lễ Ba Hiền"
BINH_DAI = "Công ty TNHH Nước mắm Bình Đại"
BAO_THANH = "Hợp tác xã Nước mắm Bảo Thạnh"
MO_CAY = "Liên hiệp Hợp tác xã Dừa hữu cơ Mỏ Cày"
GIAO_LONG = "Công ty TNHH Ca cao Giao Long"
CHO_LACH = "Doanh nghiệp tư nhân Cơ khí Chợ Lách"
PHUOC_MY = "Công ty TNHH Than hoạt tính Phước Mỹ"
CAI_MON = "Hợp tác xã Hoa kiểng Cái Mơn"
UT_NHO = "Cơ sở Bonsai Út Nhỏ"
SAO_MAI = "Công ty TNHH Đồ da Sao Mai"

ATTP = "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"

ENTRIES_2024 = [
    # Group 1: handicrafts and fine arts.
    DemoEntry(
        HAI_TAM,
        "Bộ chén, muỗng gáo dừa khảm trai",
        HANDICRAFT,
        features="Bộ 4 chén và 4 muỗng làm từ gáo dừa già, khảm trai, phủ dầu dừa an toàn.",
        materials="Gáo dừa già Bến Tre, vỏ trai, dầu dừa tinh luyện.",
        process="Chọn gáo, cắt, chà nhám, khảm trai thủ công; 1.500 bộ/tháng.",
        markets="Cửa hàng lưu niệm TP Hồ Chí Minh, khách du lịch Cồn Phụng; xuất khẩu Úc.",
        price="280.000 đ/bộ",
        standards="TCCS 01:2022/HT",
        product_set=True,
    ),
    DemoEntry(
        HAI_TAM,
        "Đèn trang trí gáo dừa",
        HANDICRAFT,
        features="Đèn ngủ, đèn treo khoan lỗ hoa văn, bóng LED 5 W; cao 25 cm.",
        materials="Gáo dừa, đế gỗ dừa, linh kiện điện đạt chuẩn.",
        process="Khoan hoa văn bằng máy cầm tay, lắp điện, kiểm tra từng chiếc; 800 chiếc/tháng.",
        markets="Khu du lịch miền Tây, sàn thương mại điện tử.",
        price="180.000 – 350.000 đ/chiếc",
    ),
    DemoEntry(
        PHU_TUC,
        "Giỏ xách đan cọng dừa nhiều màu",
        HANDICRAFT,
        features="Giỏ xách nữ đan cọng dừa nhuộm màu tự nhiên, lót vải, quai da.",
        materials="Cọng lá dừa, màu nhuộm thực vật, vải bố.",
        process="Phơi, chẻ, nhuộm cọng; đan tay tại hộ thành viên; 3.000 chiếc/tháng.",
        markets="Doanh nghiệp xuất khẩu thủ công mỹ nghệ; Nhật Bản, Hàn Quốc.",
        price="120.000 đ/chiếc",
    ),
    DemoEntry(
        PHU_TUC,
        "Bộ khay, chậu hoa đan cọng dừa",
        HANDICRAFT,
        features="Bộ 3 khay và 2 chậu hoa nhiều cỡ, khung thép sơn tĩnh điện.",
        materials="Cọng lá dừa, khung thép, sơn phủ gốc nước.",
        process="Hàn khung, đan phủ cọng dừa, phủ sơn bóng; 1.200 bộ/tháng.",
        markets="Siêu thị nội thất, xuất khẩu châu Âu qua doanh nghiệp đầu mối.",
        price="350.000 đ/bộ",
        product_set=True,
    ),
    DemoEntry(
        DONG_KHOI,
        "Thảm xơ dừa dệt tay",
        HANDICRAFT,
        features="Thảm chùi chân và thảm trang trí dệt tay, nhiều hoa văn, 40×60 đến 120×180 cm.",
        materials="Chỉ xơ dừa se sợi, màu nhuộm không độc hại.",
        process="Se chỉ, dệt trên khung gỗ thủ công; 6.000 m²/năm.",
        markets="Xuất khẩu Hàn Quốc, Đài Loan; hệ thống siêu thị trong nước.",
        price="95.000 đ/m²",
        standards="TCCS 02:2023/ĐK",
    ),
    # Group 2: processed agricultural, forestry and fishery products and food.
    DemoEntry(
        PHU_HUNG,
        "Kẹo dừa sầu riêng Phú Hưng",
        FOOD,
        features="Kẹo dừa dẻo vị sầu riêng Ri6, gói giấy gạo, hộp 400 g.",
        materials="Nước cốt dừa, mạch nha, đường mía, sầu riêng Ri6.",
        process="Nấu trên chảo mở theo công thức truyền thống, cán, cắt, gói; 40 tấn/năm.",
        markets="Hệ thống Co.opmart, Bách hóa Xanh; xuất khẩu Trung Quốc, Đài Loan.",
        price="45.000 đ/hộp 400 g",
        standards=f"{ATTP}; ISO 22000:2018",
        awards="Sản phẩm OCOP 4 sao (2022)",
    ),
    DemoEntry(
        PHU_HUNG,
        "Kẹo dừa lá dứa Phú Hưng",
        FOOD,
        features="Kẹo dừa dẻo màu xanh tự nhiên từ lá dứa, hộp 250 g và 400 g.",
        materials="Nước cốt dừa, mạch nha, đường mía, lá dứa tươi.",
        process="Xay lá dứa lấy nước màu, nấu cùng nước cốt dừa; 25 tấn/năm.",
        markets="Cửa hàng đặc sản, đại lý các tỉnh miền Tây và TP Hồ Chí Minh.",
        price="38.000 đ/hộp 400 g",
        standards=f"{ATTP}; ISO 22000:2018",
    ),
    DemoEntry(
        UT_HIEN,
        "Kẹo dừa nguyên chất Út Hiền",
        FOOD,
        features="Kẹo dừa truyền thống không phụ gia tạo màu, gói giấy gạo, túi 500 g.",
        materials="Nước cốt dừa, mạch nha, đường mía.",
        process="Nấu thủ công bằng bếp củi, gói tay; 12 tấn/năm.",
        markets="Khách du lịch Mỏ Cày, chợ Bến Tre, đại lý TP Hồ Chí Minh.",
        price="40.000 đ/túi 500 g",
        standards=ATTP,
    ),
    DemoEntry(
        UT_HIEN,
        "Kẹo dừa ca cao Út Hiền",
        FOOD,
        features="Kẹo dừa dẻo vị ca cao Bến Tre, túi 300 g.",
        materials="Nước cốt dừa, mạch nha, bột ca cao nguyên chất.",
        process="Nấu thủ công, phối bột ca cao ở giai đoạn cuối; 6 tấn/năm.",
        markets="Cửa hàng đặc sản trong tỉnh, bán trực tuyến.",
        price="35.000 đ/túi 300 g",
        standards=ATTP,
    ),
    DemoEntry(
        LAN_ANH,
        "Mứt dừa non Lan Anh",
        FOOD,
        features="Mứt dừa non sợi dẻo, 4 vị (lá dứa, dâu, sầu riêng, nguyên chất), hộp 500 g.",
        materials="Cơm dừa non, đường tinh luyện, màu từ lá dứa, dâu tằm.",
        process="Bào sợi, ngâm, sên đường bằng chảo inox; 15 tấn/năm, cao điểm dịp Tết.",
        markets="Siêu thị, đại lý bánh kẹo Tết các tỉnh phía Nam.",
        price="65.000 đ/hộp 500 g",
        standards=ATTP,
    ),
    DemoEntry(
        BANH_PHONG_LAN_ANH,
        "Bánh phồng sữa Lan Anh",
        FOOD,
        features="Bánh phồng sữa Sơn Đốc, phơi nắng, nướng hoặc chiên; gói 10 cái.",
        materials="Nếp, sữa đặc, đường, dừa nạo.",
        process="Quết bột, cán, phơi trên vỉ tre; 60.000 cái/tháng.",
        markets="Chợ, đại lý đặc sản trong và ngoài tỉnh.",
        price="30.000 đ/gói 10 cái",
        standards=ATTP,
    ),
    DemoEntry(
        TU_THAO,
        "Bánh phồng Sơn Đốc Tư Thảo",
        FOOD,
        features="Bánh phồng nếp truyền thống làng nghề Sơn Đốc, gói 10 cái.",
        materials="Nếp, khoai mì, đường, dừa nạo.",
        process="Quết bột bằng máy, cán và phơi thủ công; 40.000 cái/tháng.",
        markets="Thương lái TP Hồ Chí Minh, chợ Giồng Trôm.",
        price="25.000 đ/gói 10 cái",
        standards=ATTP,
    ),
    DemoEntry(
        MY_LONG,
        "Bánh tráng dừa Mỹ Lồng",
        FOOD,
        features="Bánh tráng dừa nướng, béo thơm, đường kính 22 cm; túi 5 cái.",
        materials="Bột gạo, nước cốt dừa, dừa nạo, mè.",
        process="Tráng bánh trên lò củi trấu, phơi nắng, đóng gói hút ẩm; 500.000 cái/năm.",
        markets="Siêu thị, cửa hàng đặc sản; khách du lịch làng nghề Mỹ Lồng.",
        price="35.000 đ/túi 5 cái",
        standards=ATTP,
        awards="Sản phẩm OCOP 3 sao (2021)",
    ),
    DemoEntry(
        MY_LONG,
        "Bánh tráng nướng mè Mỹ Lồng",
        FOOD,
        features="Bánh tráng mè đen nướng giòn, túi 10 cái.",
        materials="Bột gạo, mè đen, nước cốt dừa.",
        process="Tráng bánh thủ công, phơi, nướng than; 300.000 cái/năm.",
        markets="Cửa hàng đặc sản trong tỉnh, bán trực tuyến.",
        price="30.000 đ/túi 10 cái",
        standards=ATTP,
    ),
    DemoEntry(
        GIONG_TROM,
        "Nước dừa đóng lon Giồng Trôm",
        FOOD,
        features="Nước dừa xiêm xanh nguyên chất, tiệt trùng, lon 330 ml, hạn dùng 12 tháng.",
        materials="Dừa xiêm xanh Giồng Trôm.",
        process="Dây chuyền khép kín: tách nước, lọc, tiệt trùng UHT, rót lon; 8 triệu lon/năm.",
        markets="Hệ thống siêu thị toàn quốc; xuất khẩu Mỹ, Hàn Quốc.",
        price="15.000 đ/lon",
        standards=f"{ATTP}; HACCP; FSSC 22000",
        awards="Sản phẩm OCOP 4 sao (2023)",
    ),
    DemoEntry(
        GIONG_TROM,
        "Nước cốt dừa Giồng Trôm",
        FOOD,
        features="Nước cốt dừa 100% tiệt trùng, hộp giấy 200 ml và 1 lít.",
        materials="Cơm dừa khô Bến Tre.",
        process="Ép cơm dừa, đồng hóa, tiệt trùng UHT, rót hộp vô trùng; 3.000 tấn/năm.",
        markets="Nhà hàng, cơ sở bánh kẹo, siêu thị; xuất khẩu.",
        price="22.000 đ/hộp 200 ml",
        standards=f"{ATTP}; HACCP",
    ),
    DemoEntry(
        PHU_LE,
        "Rượu nếp Phú Lễ",
        FOOD,
        features="Rượu nếp truyền thống 40 độ, chai thủy tinh 500 ml.",
        materials="Nếp than, men lá gia truyền, nước giếng.",
        process="Ủ men 3 ngày, chưng cất bằng nồi đồng, hạ thổ 6 tháng; 20.000 lít/năm.",
        markets="Nhà hàng, đại lý trong tỉnh, khách du lịch.",
        price="90.000 đ/chai 500 ml",
        standards=f"{ATTP}; công bố hợp quy rượu QCVN 6-3:2010/BYT",
    ),
    DemoEntry(
        BINH_DAI,
        "Nước mắm cá cơm truyền thống Bình Đại",
        FOOD,
        features="Nước mắm nhĩ cá cơm 35 độ đạm, chai thủy tinh 500 ml.",
        materials="Cá cơm than đánh bắt vùng biển Bình Đại, muối hạt.",
        process="Ủ chượp trong thùng gỗ 12 tháng, kéo rút nhĩ; 150.000 lít/năm.",
        markets="Siêu thị, cửa hàng đặc sản, bán trực tuyến toàn quốc.",
        price="85.000 đ/chai 500 ml",
        standards=f"{ATTP}; TCVN 5107:2018",
        awards="Sản phẩm OCOP 4 sao (2022)",
    ),
    DemoEntry(
        BAO_THANH,
        "Nước mắm cá linh Bảo Thạnh",
        FOOD,
        features="Nước mắm cá linh mùa nước nổi, 20 độ đạm, chai nhựa PET 1 lít.",
        materials="Cá linh, muối, đường.",
        process="Ủ chượp trong lu 8 tháng, lọc, đóng chai thủ công; 30.000 lít/năm.",
        markets="Chợ địa phương, đại lý trong tỉnh.",
        price="45.000 đ/chai 1 lít",
        fails=(
            ScreeningCondition.MEETS_STANDARDS,
            "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đã hết hiệu lực từ tháng "
            "01/2024; cơ sở chưa được cấp lại.",
        ),
    ),
    DemoEntry(
        BAO_THANH,
        "Nước mắm cá cơm nhĩ Bảo Thạnh",
        FOOD,
        features="Nước mắm nhĩ cá cơm 30 độ đạm, chai thủy tinh 500 ml, hộp quà 2 chai.",
        materials="Cá cơm sọc tiêu đánh bắt vùng biển Ba Tri, muối hạt Bảo Thạnh.",
        process="Ủ chượp trong thùng gỗ 12 tháng, kéo rút nhĩ, lọc; 60.000 lít/năm.",
        markets="Cửa hàng đặc sản Bến Tre, siêu thị TP Hồ Chí Minh, bán trực tuyến.",
        price="75.000 đ/chai 500 ml",
        standards=f"{ATTP} (cấp lại tháng 3/2024); TCVN 5107:2018",
    ),
    DemoEntry(
        MO_CAY,
        "Dầu dừa tinh khiết hữu cơ Mỏ Cày",
        FOOD,
        features="Dầu dừa ép lạnh hữu cơ (virgin), chai thủy tinh 250 ml và 500 ml.",
        materials="Dừa hữu cơ của các hợp tác xã thành viên, chứng nhận hữu cơ USDA, EU.",
        process="Ép lạnh cơm dừa tươi, ly tâm tách dầu, lọc; 200 tấn/năm.",
        markets="Xuất khẩu Mỹ, EU, Nhật Bản; cửa hàng thực phẩm hữu cơ trong nước.",
        price="120.000 đ/chai 500 ml",
        standards=f"{ATTP}; chứng nhận hữu cơ USDA Organic, EU Organic",
        awards="Sản phẩm OCOP 5 sao tiềm năng (2023)",
    ),
    DemoEntry(
        MO_CAY,
        "Cơm dừa nạo sấy Mỏ Cày",
        FOOD,
        features="Cơm dừa nạo sấy khô độ ẩm dưới 3%, túi 1 kg và bao 25 kg.",
        materials="Dừa hữu cơ Mỏ Cày.",
        process="Gọt vỏ nâu, nạo sợi, thanh trùng, sấy băng tải; 1.500 tấn/năm.",
        markets="Cơ sở bánh kẹo trong nước; xuất khẩu EU, Trung Đông.",
        price="95.000 đ/kg",
        standards=f"{ATTP}; HACCP",
    ),
    DemoEntry(
        GIAO_LONG,
        "Sô-cô-la ca cao Giao Long",
        FOOD,
        features="Sô-cô-la đen 70% ca cao Bến Tre lên men, thanh 50 g, 4 hương vị.",
        materials="Hạt ca cao lên men trồng xen vườn dừa Châu Thành, đường mía, bơ ca cao.",
        process="Lên men, rang, nghiền, tôi sô-cô-la thủ công; 5 tấn/năm.",
        markets="Cửa hàng quà tặng TP Hồ Chí Minh, khách du lịch, bán trực tuyến.",
        price="65.000 đ/thanh 50 g",
        standards=ATTP,
    ),
    # Group 3: equipment, machinery, tools and mechanical parts.
    DemoEntry(
        CHO_LACH,
        "Máy xới đất mini Chợ Lách",
        MACHINERY,
        features="Máy xới đất cầm tay động cơ xăng 7 HP, bề rộng xới 60 cm, gọn cho vườn liếp.",
        materials="Thép tấm, động cơ nhập khẩu, hộp số chế tạo tại cơ sở.",
        process="Cắt, hàn khung, gia công lưỡi xới, lắp ráp, chạy thử; 40 máy/tháng.",
        markets="Nhà vườn cây giống, hoa kiểng Chợ Lách, Vĩnh Long, Tiền Giang.",
        price="9.500.000 đ/máy",
        standards="TCCS 01:2023/CL; an toàn máy nông nghiệp",
    ),
    DemoEntry(
        CHO_LACH,
        "Máy phun thuốc cải tiến Chợ Lách",
        MACHINERY,
        features="Máy phun thuốc đẩy tay, bình 160 lít, ống dây 100 m, áp lực 30 bar.",
        materials="Bình nhựa HDPE, khung thép mạ kẽm, đầu bơm piston.",
        process="Gia công khung, lắp bơm, thử áp lực từng máy; 60 máy/tháng.",
        markets="Nông dân trồng cây ăn trái, hoa kiểng các tỉnh miền Tây.",
        price="6.800.000 đ/máy",
        standards="TCCS 02:2023/CL",
    ),
    DemoEntry(
        CHO_LACH,
        "Bộ kéo cắt tỉa cây kiểng",
        MACHINERY,
        features="Bộ 3 kéo cắt cành, tỉa lá và cắt bonsai, lưỡi thép SK5.",
        materials="Lưỡi kéo thép SK5, cán nhựa bọc cao su.",
        process="Lắp cán, mài bén, đóng hộp; 2.000 bộ/tháng.",
        markets="Cửa hàng vật tư nông nghiệp, nhà vườn hoa kiểng.",
        price="250.000 đ/bộ",
        product_set=True,
        fails=(
            ScreeningCondition.MADE_BY_FACILITY,
            "Lưỡi kéo do cơ sở khác sản xuất; cơ sở chỉ lắp cán, mài và đóng hộp, nên sản phẩm "
            "không do cơ sở tự sản xuất.",
        ),
    ),
    # Group 4: other products.
    DemoEntry(
        PHUOC_MY,
        "Than hoạt tính gáo dừa Phước Mỹ",
        OTHER,
        features="Than hoạt tính dạng hạt từ gáo dừa, chỉ số iốt 1.000 mg/g, bao 25 kg.",
        materials="Gáo dừa khô Bến Tre.",
        process="Than hóa, hoạt hóa bằng hơi nước ở 950 °C, sàng phân cỡ; 4.000 tấn/năm.",
        markets="Xuất khẩu Nhật Bản, Hàn Quốc, Ấn Độ; nhà máy nước trong nước.",
        price="32.000 đ/kg",
        standards="ISO 9001:2015; ASTM D4607",
    ),
    DemoEntry(
        DONG_KHOI,
        "Mụn dừa ép viên Đồng Khởi",
        OTHER,
        features="Mụn dừa đã xử lý chát, ép viên nén 5 kg, giá thể trồng rau và hoa.",
        materials="Mụn dừa từ xơ dừa của các cơ sở trong vùng.",
        process="Xả chát, phơi, sàng, ép viên thủy lực; 2.500 tấn/năm.",
        markets="Nhà vườn Đà Lạt, trang trại rau; xuất khẩu Hàn Quốc.",
        price="45.000 đ/viên 5 kg",
        standards="TCCS 03:2023/ĐK",
    ),
    DemoEntry(
        CAI_MON,
        "Kiểng thú tạo hình Cái Mơn",
        OTHER,
        features="Cây kiểng tạo hình con giáp và thú, cao 0,8 – 2 m, cắt tỉa thủ công.",
        materials="Cây cần thăng, bùm sụm, mai chiếu thủy; khung thép định hình.",
        process="Ươm cây, uốn khung, cắt tỉa tạo hình 1 – 3 năm; 1.000 cây/năm.",
        markets="Khách sạn, khu du lịch, công trình cảnh quan; chợ hoa Tết TP Hồ Chí Minh.",
        price="1.500.000 – 15.000.000 đ/cây",
        awards="Giải A Hội thi kiểng thú Festival Dừa Bến Tre (2023)",
    ),
    DemoEntry(
        CAI_MON,
        "Chậu kiểng bonsai để bàn Cái Mơn",
        OTHER,
        features="Bonsai mini để bàn trong chậu gốm, cao 20 – 40 cm, kèm hướng dẫn chăm sóc.",
        materials="Cây linh sam, sam hương, mai chiếu thủy; chậu gốm, đá trang trí.",
        process="Giâm cành, uốn dây, cắt tỉa 2 năm; 5.000 chậu/năm.",
        markets="Quà tặng doanh nghiệp, sàn thương mại điện tử.",
        price="350.000 – 1.200.000 đ/chậu",
    ),
    DemoEntry(
        UT_NHO,
        "Bonsai mai chiếu thủy Út Nhỏ",
        OTHER,
        features="Bonsai mai chiếu thủy dáng trực, dáng hoành, cao 50 – 90 cm.",
        materials="Cây mai chiếu thủy nhân giống tại vườn, chậu men.",
        process="Nhân giống, uốn tạo dáng 3 – 5 năm; 600 cây/năm.",
        markets="Nhà vườn, người chơi kiểng TP Hồ Chí Minh và miền Đông.",
        price="2.000.000 – 20.000.000 đ/cây",
    ),
    DemoEntry(
        SAO_MAI,
        "Túi xách da bò khâu tay Sao Mai",
        OTHER,
        features="Túi xách nữ da bò thật, khâu tay toàn bộ, khóa đồng, 3 kích cỡ, 6 màu.",
        materials="Da bò thuộc thảo mộc nhập từ TP Hồ Chí Minh, chỉ sáp, khóa đồng.",
        process="Cắt rập, lạng da, khâu tay, mài cạnh, sơn cạnh; 1.200 chiếc/tháng.",
        markets="Cửa hàng tại Bến Tre và TP Hồ Chí Minh, sàn thương mại điện tử; xuất khẩu Nhật.",
        price="1.200.000 – 2.500.000 đ/chiếc",
        standards="TCCS 02:2023/SM",
    ),
]

# The demo applicant's two drafts in the 2026 round: one ready to submit, one still missing
# photos (the documents are there, one photo of three).
DRAFTS_2026 = [
    DemoEntry(
        LAN_ANH,
        "Kẹo dừa lá dứa Lan Anh",
        FOOD,
        features="Kẹo dừa dẻo lá dứa, không chất tạo màu tổng hợp, hộp 400 g có màng co.",
        materials="Nước cốt dừa, mạch nha, đường mía, lá dứa tươi.",
        process="Nấu bằng chảo hai vỏ gia nhiệt dầu, cắt và gói bằng máy; 30 tấn/năm.",
        markets="Siêu thị các tỉnh miền Tây, sàn thương mại điện tử; xuất khẩu Đài Loan.",
        price="42.000 đ/hộp 400 g",
        standards=f"{ATTP}; ISO 22000:2018",
        awards="Sản phẩm OCOP 3 sao (2024)",
        submit=False,
    ),
    DemoEntry(
        BANH_PHONG_LAN_ANH,
        "Bánh phồng nếp Sơn Đốc Lan Anh",
        FOOD,
        features="Bánh phồng nếp truyền thống, đóng túi hút ẩm 10 cái, có hướng dẫn nướng.",
        materials="Nếp Bến Tre, đường, dừa nạo, muối.",
        process="Quết bột bằng máy, cán và phơi trên vỉ tre; 80.000 cái/tháng.",
        markets="Chợ, đại lý đặc sản trong và ngoài tỉnh; cửa hàng tiện lợi.",
        price="32.000 đ/túi 10 cái",
        standards=ATTP,
        photos=1,
        submit=False,
    ),
]

# The documents of an entry's dossier and their one-line content.
DOCUMENT_TITLES = {
    Attachment.Kind.REGISTRATION_FORM: "Mẫu 01 - Phiếu đăng ký tham gia bình chọn",
    Attachment.Kind.DESCRIPTION: "Mẫu 02 - Bản thuyết minh sản phẩm",
    Attachment.Kind.BUSINESS_REGISTRATION: "Bản sao giấy chứng nhận đăng ký kinh doanh",
    Attachment.Kind.QUALITY_CERTIFICATE: "Giấy chứng nhận chất lượng, an toàn thực phẩm",
    Attachment.Kind.LOWER_LEVEL_DECISION: "Quyết định công nhận cấp dưới",
    Attachment.Kind.LOWER_LEVEL_CERTIFICATE: "Giấy chứng nhận cấp dưới",
}
# Background colours of the product photos, one set per group.
PHOTO_COLOURS = {
    HANDICRAFT: ["#8d6e63", "#a1887f", "#6d4c41"],
    FOOD: ["#f9a825", "#ef6c00", "#c0ca33"],
    MACHINERY: ["#546e7a", "#78909c", "#37474f"],
    OTHER: ["#2e7d32", "#558b2f", "#00897b"],
}
