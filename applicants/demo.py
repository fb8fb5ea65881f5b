"""Demo data of the applicants app: 40 rural industrial facilities of tỉnh Vĩnh Long.

The new tỉnh Vĩnh Long (code 86) joins the former Bến Tre, Vĩnh Long and Trà Vinh provinces
(1 July 2025), so the facilities carry the trades of all three: coconut candy and coconut
products, rice paper and puffed rice cakes, mats and water-hyacinth handicrafts, red pottery,
bonsai, fish sauce, Khmer specialities and mechanical workshops. Wards are real commune-level
units of province 86; the old address gives the pre-reform commune and district.

Tax codes are written as their first nine digits and completed with the official check digit,
so every code is valid and the data stays deterministic. Enterprises registered in the former
provinces start with 13 (Bến Tre), 15 (Vĩnh Long) or 21 (Trà Vinh); a household business uses
its owner's personal code (8…) or has none yet.

Facilities are created through applicants.services.create_facility (validated with
Facility.full_clean and written to the activity log); what exists already is left alone, so a
facility edited in the app keeps its edits when `make run` seeds again.
"""

import datetime
from dataclasses import dataclass

from applicants.models import Facility, LegalForm
from applicants.services import create_facility
from core.models import Ward
from core.validators import tax_code_check_digit

PROVINCE_CODE = "86"

MICRO = LegalForm.MICRO_ENTERPRISE
SMALL = LegalForm.SMALL_ENTERPRISE
MEDIUM = LegalForm.MEDIUM_ENTERPRISE
COOPERATIVE = LegalForm.COOPERATIVE
UNION = LegalForm.COOPERATIVE_UNION
GROUP = LegalForm.COOPERATIVE_GROUP
HOUSEHOLD = LegalForm.HOUSEHOLD_BUSINESS

FOOD = "Chế biến thực phẩm"
SEAFOOD = "Chế biến thủy sản"
COCONUT = "Chế biến sản phẩm từ dừa"
CRAFT = "Thủ công mỹ nghệ"
POTTERY = "Gốm, gạch nung"
ORNAMENTAL = "Sinh vật cảnh, cây kiểng"
MECHANICAL = "Cơ khí, máy móc nông nghiệp"
LEATHER = "Da, túi xách"
BEVERAGE = "Sản xuất đồ uống"


@dataclass(frozen=True)
class DemoFacility:
    name: str
    legal_form: str
    tax_head: str  # first nine digits of the tax code; "" for a household without one
    ward: str  # full name of a commune-level unit of province 86
    address: str
    representative: str
    title: str
    phone: str
    sector: str
    products: str
    workers: int
    founded: int
    old_address: str = ""
    craft_village: str = ""
    email: str = ""
    woman: bool = False
    ethnic_minority: bool = False
    # Username of a demo account that is a member (it creates the facility itself).
    member: str = ""

    @property
    def tax_code(self) -> str:
        if not self.tax_head:
            return ""
        check = tax_code_check_digit(self.tax_head)
        if check is None:
            raise ValueError(f"No valid tax code starts with {self.tax_head} ({self.name}).")
        return f"{self.tax_head}{check}"


FACILITIES = [
    # Former Bến Tre: coconut country.
    DemoFacility(
        name="Công ty TNHH Kẹo dừa Phú Hưng",
        legal_form=SMALL,
        tax_head="130085018",
        ward="Phường Phú Khương",
        address="Số 125, khu phố Phú Chánh",
        old_address="Ấp Phú Chánh, xã Phú Hưng, thành phố Bến Tre, tỉnh Bến Tre",
        representative="Nguyễn Thị Ngọc Hân",
        title="Giám đốc",
        phone="0913 882 145",
        email="keoduaphuhung@example.com",
        sector=COCONUT,
        products="Kẹo dừa sầu riêng, kẹo dừa lá dứa, kẹo dừa đậu phộng",
        workers=45,
        founded=2008,
        woman=True,
    ),
    DemoFacility(
        name="Cơ sở Kẹo dừa Út Hiền",
        legal_form=HOUSEHOLD,
        tax_head="",
        ward="Xã Mỏ Cày",
        address="Khu phố 3",
        old_address="Khu phố 3, thị trấn Mỏ Cày, huyện Mỏ Cày Nam, tỉnh Bến Tre",
        representative="Lê Thị Hiền",
        title="Chủ cơ sở",
        phone="0275 3843 217",
        sector=COCONUT,
        products="Kẹo dừa nguyên chất, kẹo dừa ca cao",
        workers=12,
        founded=1998,
        woman=True,
    ),
    DemoFacility(
        name="Công ty TNHH Thực phẩm Dừa Lan Anh",
        legal_form=SMALL,
        tax_head="130026417",
        ward="Xã Thành Thới",
        address="Ấp An Bình",
        old_address="Ấp An Bình, xã Thành Thới A, huyện Mỏ Cày Nam, tỉnh Bến Tre",
        representative="Nguyễn Thị Lan",
        title="Giám đốc",
        phone="0987 214 356",
        email="lananh@example.com",
        sector=COCONUT,
        products="Kẹo dừa, bánh tráng dừa, mứt dừa non",
        workers=38,
        founded=2015,
        woman=True,
        member="applicant",
    ),
    DemoFacility(
        name="Hộ kinh doanh Bánh phồng Lan Anh",
        legal_form=HOUSEHOLD,
        tax_head="832920268",
        ward="Xã Hưng Nhượng",
        address="Ấp 5",
        old_address="Ấp 5, xã Hưng Nhượng, huyện Giồng Trôm, tỉnh Bến Tre",
        craft_village="Làng nghề bánh phồng Sơn Đốc",
        representative="Nguyễn Thị Lan",
        title="Chủ hộ kinh doanh",
        phone="0987 214 356",
        sector=FOOD,
        products="Bánh phồng nếp, bánh phồng sữa, bánh phồng khoai mì",
        workers=9,
        founded=2004,
        woman=True,
        member="applicant",
    ),
    DemoFacility(
        name="Cơ sở Bánh phồng Tư Thảo",
        legal_form=HOUSEHOLD,
        tax_head="",
        ward="Xã Hưng Nhượng",
        address="Ấp 4",
        old_address="Ấp 4, xã Hưng Nhượng, huyện Giồng Trôm, tỉnh Bến Tre",
        craft_village="Làng nghề bánh phồng Sơn Đốc",
        representative="Trần Văn Thảo",
        title="Chủ cơ sở",
        phone="0358 406 921",
        sector=FOOD,
        products="Bánh phồng Sơn Đốc, bánh phồng tôm",
        workers=7,
        founded=1993,
    ),
    DemoFacility(
        name="Hợp tác xã Bánh tráng Mỹ Lồng",
        legal_form=COOPERATIVE,
        tax_head="130064585",
        ward="Xã Lương Phú",
        address="Ấp Thạnh Lợi",
        old_address="Ấp Thạnh Lợi, xã Mỹ Thạnh, huyện Giồng Trôm, tỉnh Bến Tre",
        craft_village="Làng nghề bánh tráng Mỹ Lồng",
        representative="Trương Văn Hùng",
        title="Giám đốc hợp tác xã",
        phone="0275 3861 504",
        sector=FOOD,
        products="Bánh tráng dừa, bánh tráng sữa, bánh tráng nướng mè",
        workers=26,
        founded=2017,
    ),
    DemoFacility(
        name="Công ty Cổ phần Nước dừa Giồng Trôm",
        legal_form=MEDIUM,
        tax_head="130005737",
        ward="Xã Phước Long",
        address="Quốc lộ 57C, ấp Phong Điền",
        old_address="Ấp Phong Điền, xã Hưng Phong, huyện Giồng Trôm, tỉnh Bến Tre",
        representative="Lê Minh Tâm",
        title="Tổng Giám đốc",
        phone="0275 3866 888",
        email="info@nuocduagiongtrom.example.com",
        sector=BEVERAGE,
        products="Nước dừa đóng lon, nước cốt dừa, cơm dừa sấy",
        workers=185,
        founded=2012,
    ),
    DemoFacility(
        name="Công ty TNHH Than hoạt tính Phước Mỹ",
        legal_form=MEDIUM,
        tax_head="130154044",
        ward="Xã Phước Mỹ Trung",
        address="Khu phố 2",
        old_address="Khu phố 2, thị trấn Phước Mỹ Trung, huyện Mỏ Cày Bắc, tỉnh Bến Tre",
        representative="Võ Thành Nhân",
        title="Giám đốc",
        phone="0275 3665 112",
        sector=COCONUT,
        products="Than hoạt tính từ gáo dừa, than gáo dừa thiêu kết",
        workers=120,
        founded=2010,
    ),
    DemoFacility(
        name="Hợp tác xã Chỉ xơ dừa Đồng Khởi",
        legal_form=COOPERATIVE,
        tax_head="130132160",
        ward="Xã Đồng Khởi",
        address="Ấp Định Nhơn",
        old_address="Ấp Định Nhơn, xã Định Thủy, huyện Mỏ Cày Nam, tỉnh Bến Tre",
        representative="Huỳnh Văn Đức",
        title="Giám đốc hợp tác xã",
        phone="0918 337 046",
        sector=COCONUT,
        products="Chỉ xơ dừa, mụn dừa ép viên, thảm xơ dừa",
        workers=40,
        founded=2019,
    ),
    DemoFacility(
        name="Cơ sở Mỹ nghệ dừa Hai Tâm",
        legal_form=HOUSEHOLD,
        tax_head="861855683",
        ward="Phường Sơn Đông",
        address="Số 48, khu phố Sơn Lợi",
        old_address="Ấp Sơn Lợi, xã Sơn Đông, thành phố Bến Tre, tỉnh Bến Tre",
        representative="Trần Văn Tâm",
        title="Chủ cơ sở",
        phone="0939 155 482",
        sector=CRAFT,
        products="Đồ mỹ nghệ từ gáo dừa: chén, muỗng, túi xách, đèn trang trí",
        workers=15,
        founded=2001,
    ),
    DemoFacility(
        name="Tổ hợp tác Đan giỏ cọng dừa Phú Túc",
        legal_form=GROUP,
        tax_head="130088462",
        ward="Xã Phú Túc",
        address="Ấp Phú Hòa",
        old_address="Ấp Phú Hòa, xã Phú Túc, huyện Châu Thành, tỉnh Bến Tre",
        representative="Lê Thị Kim Phượng",
        title="Tổ trưởng",
        phone="0703 628 915",
        sector=CRAFT,
        products="Giỏ, khay, chậu hoa đan từ cọng dừa",
        workers=22,
        founded=2020,
        woman=True,
    ),
    DemoFacility(
        name="Hợp tác xã Hoa kiểng Cái Mơn",
        legal_form=COOPERATIVE,
        tax_head="130339525",
        ward="Xã Vĩnh Thành",
        address="Ấp Vĩnh Bắc",
        old_address="Ấp Vĩnh Bắc, xã Vĩnh Thành, huyện Chợ Lách, tỉnh Bến Tre",
        craft_village="Làng nghề hoa kiểng Cái Mơn",
        representative="Nguyễn Văn Chín",
        title="Giám đốc hợp tác xã",
        phone="0275 3871 236",
        sector=ORNAMENTAL,
        products="Cây kiểng bonsai, kiểng thú tạo hình, chậu kiểng",
        workers=30,
        founded=2016,
    ),
    DemoFacility(
        name="Cơ sở Bonsai Út Nhỏ",
        legal_form=HOUSEHOLD,
        tax_head="",
        ward="Xã Vĩnh Thành",
        address="Ấp Vĩnh Hưng",
        old_address="Ấp Vĩnh Hưng, xã Vĩnh Thành, huyện Chợ Lách, tỉnh Bến Tre",
        craft_village="Làng nghề hoa kiểng Cái Mơn",
        representative="Phạm Văn Nhỏ",
        title="Chủ cơ sở",
        phone="0367 520 814",
        sector=ORNAMENTAL,
        products="Bonsai mai chiếu thủy, kiểng lá tạo hình",
        workers=5,
        founded=2005,
    ),
    DemoFacility(
        name="Doanh nghiệp tư nhân Cơ khí Chợ Lách",
        legal_form=MICRO,
        tax_head="130068001",
        ward="Xã Chợ Lách",
        address="Khu phố 1",
        old_address="Khu phố 1, thị trấn Chợ Lách, huyện Chợ Lách, tỉnh Bến Tre",
        representative="Phan Văn Lực",
        title="Chủ doanh nghiệp",
        phone="0275 3871 590",
        sector=MECHANICAL,
        products="Máy cắt cỏ, máy phun thuốc, máy bơm nước cải tiến",
        workers=18,
        founded=2003,
    ),
    DemoFacility(
        name="Cơ sở Rượu Phú Lễ Ba Hiền",
        legal_form=HOUSEHOLD,
        tax_head="840314945",
        ward="Xã Tân Xuân",
        address="Ấp Phú Khương",
        old_address="Ấp Phú Khương, xã Phú Lễ, huyện Ba Tri, tỉnh Bến Tre",
        craft_village="Làng nghề rượu Phú Lễ",
        representative="Đoàn Văn Hiền",
        title="Chủ cơ sở",
        phone="0984 631 207",
        sector=BEVERAGE,
        products="Rượu nếp Phú Lễ, rượu dừa",
        workers=7,
        founded=1995,
    ),
    DemoFacility(
        name="Công ty TNHH Nước mắm Bình Đại",
        legal_form=SMALL,
        tax_head="130174852",
        ward="Xã Bình Đại",
        address="Khu phố 4",
        old_address="Khu phố 4, thị trấn Bình Đại, huyện Bình Đại, tỉnh Bến Tre",
        representative="Huỳnh Văn Biển",
        title="Giám đốc",
        phone="0275 3851 473",
        sector=SEAFOOD,
        products="Nước mắm cá cơm truyền thống, mắm tôm chà",
        workers=32,
        founded=2009,
    ),
    DemoFacility(
        name="Hợp tác xã Nước mắm Bảo Thạnh",
        legal_form=COOPERATIVE,
        tax_head="130234895",
        ward="Xã Bảo Thạnh",
        address="Ấp Thạnh Hòa",
        old_address="Ấp Thạnh Hòa, xã Bảo Thạnh, huyện Ba Tri, tỉnh Bến Tre",
        representative="Nguyễn Văn Hải",
        title="Giám đốc hợp tác xã",
        phone="0945 208 376",
        sector=SEAFOOD,
        products="Nước mắm cá cơm, nước mắm cá linh",
        workers=21,
        founded=2018,
    ),
    DemoFacility(
        name="Công ty TNHH Đồ da Sao Mai",
        legal_form=SMALL,
        tax_head="130281389",
        ward="Phường Bến Tre",
        address="Số 210, đường Nguyễn Văn Tư",
        old_address="Số 210, đường Nguyễn Văn Tư, phường 7, thành phố Bến Tre, tỉnh Bến Tre",
        representative="Đặng Thị Sao Mai",
        title="Giám đốc",
        phone="0275 3829 614",
        email="saomai.leather@example.com",
        sector=LEATHER,
        products="Túi xách da, ví da, thắt lưng da",
        workers=65,
        founded=2014,
        woman=True,
    ),
    DemoFacility(
        name="Liên hiệp Hợp tác xã Dừa hữu cơ Mỏ Cày",
        legal_form=UNION,
        tax_head="130269727",
        ward="Xã Mỏ Cày",
        address="Ấp An Thới",
        old_address="Ấp An Thới, xã An Thạnh, huyện Mỏ Cày Nam, tỉnh Bến Tre",
        representative="Đặng Văn Phúc",
        title="Chủ tịch Hội đồng quản trị",
        phone="0275 3843 806",
        email="lienhiepdua@example.com",
        sector=COCONUT,
        products="Dầu dừa tinh khiết, cơm dừa nạo sấy, nước cốt dừa hữu cơ",
        workers=60,
        founded=2020,
    ),
    DemoFacility(
        name="Công ty TNHH Ca cao Giao Long",
        legal_form=MICRO,
        tax_head="130252858",
        ward="Xã Giao Long",
        address="Ấp 3",
        old_address="Ấp 3, xã Giao Long, huyện Châu Thành, tỉnh Bến Tre",
        representative="Phan Thị Thanh Trúc",
        title="Giám đốc",
        phone="0776 315 902",
        sector=FOOD,
        products="Sô-cô-la ca cao, bột ca cao nguyên chất",
        workers=11,
        founded=2019,
        woman=True,
    ),
    # Former Vĩnh Long: red pottery of Mang Thít, water hyacinth, rice and machinery.
    DemoFacility(
        name="Công ty TNHH Gạch gốm Phước Thành",
        legal_form=SMALL,
        tax_head="150348422",
        ward="Xã Nhơn Phú",
        address="Ấp Phú Thạnh",
        old_address="Ấp Phú Thạnh, xã Nhơn Phú, huyện Mang Thít, tỉnh Vĩnh Long",
        craft_village="Làng nghề gạch gốm Mang Thít",
        representative="Trần Văn Thành",
        title="Giám đốc",
        phone="0270 3845 321",
        email="gomphuocthanh@example.com",
        sector=POTTERY,
        products="Gạch tàu, gốm đỏ mỹ nghệ, chậu gốm trang trí xuất khẩu",
        workers=55,
        founded=2002,
    ),
    DemoFacility(
        name="Hợp tác xã Gốm đỏ Hòa Tịnh",
        legal_form=COOPERATIVE,
        tax_head="150206863",
        ward="Xã Bình Phước",
        address="Ấp Hòa Ninh",
        old_address="Ấp Hòa Ninh, xã Hòa Tịnh, huyện Mang Thít, tỉnh Vĩnh Long",
        craft_village="Làng nghề gạch gốm Mang Thít",
        representative="Nguyễn Văn Tịnh",
        title="Giám đốc hợp tác xã",
        phone="0919 462 730",
        sector=POTTERY,
        products="Lu, khạp, chậu gốm đỏ, gốm trang trí sân vườn",
        workers=35,
        founded=2015,
    ),
    DemoFacility(
        name="Cơ sở Gốm mỹ nghệ Sáu Tài",
        legal_form=HOUSEHOLD,
        tax_head="",
        ward="Xã Cái Nhum",
        address="Ấp Chánh Thuận",
        old_address="Ấp Chánh Thuận, xã Chánh An, huyện Mang Thít, tỉnh Vĩnh Long",
        craft_village="Làng nghề gạch gốm Mang Thít",
        representative="Lâm Văn Tài",
        title="Chủ cơ sở",
        phone="0388 714 265",
        sector=POTTERY,
        products="Gốm đỏ mỹ nghệ, tượng gốm, đèn gốm",
        workers=10,
        founded=1988,
    ),
    DemoFacility(
        name="Doanh nghiệp tư nhân Cơ khí Long Châu",
        legal_form=MICRO,
        tax_head="150263595",
        ward="Phường Long Châu",
        address="Số 36, đường Lê Thái Tổ",
        old_address="Số 36, đường Lê Thái Tổ, phường 1, thành phố Vĩnh Long, tỉnh Vĩnh Long",
        representative="Lâm Quốc Dũng",
        title="Chủ doanh nghiệp",
        phone="0270 3822 418",
        sector=MECHANICAL,
        products="Máy sấy lúa, máy xát vỏ, gia công cơ khí theo đơn hàng",
        workers=14,
        founded=1999,
    ),
    DemoFacility(
        name="Công ty Cổ phần Cơ khí Nông nghiệp Tân Ngãi",
        legal_form=MEDIUM,
        tax_head="150217417",
        ward="Phường Tân Ngãi",
        address="Số 12, Quốc lộ 1",
        old_address="Số 12, Quốc lộ 1, phường Tân Ngãi, thành phố Vĩnh Long, tỉnh Vĩnh Long",
        representative="Nguyễn Hữu Phước",
        title="Tổng Giám đốc",
        phone="0270 3836 155",
        email="cokhitanngai@example.com",
        sector=MECHANICAL,
        products="Máy gặt đập liên hợp cỡ nhỏ, máy sấy nông sản, băng tải",
        workers=96,
        founded=2006,
    ),
    DemoFacility(
        name="Cơ sở Đan lục bình Tư Nga",
        legal_form=HOUSEHOLD,
        tax_head="817402202",
        ward="Xã Tam Bình",
        address="Ấp Mỹ Phú",
        old_address="Ấp Mỹ Phú, xã Mỹ Thạnh Trung, huyện Tam Bình, tỉnh Vĩnh Long",
        representative="Huỳnh Thị Nga",
        title="Chủ cơ sở",
        phone="0332 918 647",
        sector=CRAFT,
        products="Giỏ, thảm, chậu hoa đan lục bình",
        workers=20,
        founded=2010,
        woman=True,
    ),
    DemoFacility(
        name="Tổ hợp tác Đan lục bình Tích Thiện",
        legal_form=GROUP,
        tax_head="150005775",
        ward="Xã Trà Ôn",
        address="Ấp Sóc Ruộng",
        old_address="Ấp Sóc Ruộng, xã Tích Thiện, huyện Trà Ôn, tỉnh Vĩnh Long",
        representative="Thạch Thị Sa Ri",
        title="Tổ trưởng",
        phone="0868 240 519",
        sector=CRAFT,
        products="Túi xách, hộp, giỏ đan lục bình xuất khẩu",
        workers=28,
        founded=2018,
        woman=True,
        ethnic_minority=True,
    ),
    DemoFacility(
        name="Công ty TNHH Bánh tráng Phú Quới",
        legal_form=SMALL,
        tax_head="150315421",
        ward="Xã Phú Quới",
        address="Ấp Phước Yên",
        old_address="Ấp Phước Yên, xã Phú Quới, huyện Long Hồ, tỉnh Vĩnh Long",
        representative="Võ Văn Quới",
        title="Giám đốc",
        phone="0270 3859 207",
        sector=FOOD,
        products="Bánh tráng gạo, bánh tráng rế, bún khô",
        workers=42,
        founded=2011,
    ),
    DemoFacility(
        name="Hợp tác xã Sinh vật cảnh Long Hồ",
        legal_form=COOPERATIVE,
        tax_head="150114946",
        ward="Xã Long Hồ",
        address="Ấp Long Bình",
        old_address="Ấp Long Bình, xã Long Phước, huyện Long Hồ, tỉnh Vĩnh Long",
        representative="Trần Minh Cảnh",
        title="Giám đốc hợp tác xã",
        phone="0902 753 418",
        sector=ORNAMENTAL,
        products="Cây kiểng bonsai, mai vàng, kiểng cổ thụ",
        workers=24,
        founded=2017,
    ),
    DemoFacility(
        name="Công ty TNHH Nông sản Tân Quới",
        legal_form=SMALL,
        tax_head="150317708",
        ward="Xã Tân Quới",
        address="Khu phố Tân Thuận",
        old_address="Khu phố Tân Thuận, thị trấn Tân Quới, huyện Bình Tân, tỉnh Vĩnh Long",
        representative="Lê Văn Quang",
        title="Giám đốc",
        phone="0270 3758 336",
        email="nongsantanquoi@example.com",
        sector=FOOD,
        products="Khoai lang sấy, khoai lang đông lạnh, bột khoai lang",
        workers=75,
        founded=2016,
    ),
    DemoFacility(
        name="Cơ sở Đóng ghe xuồng Vũng Liêm",
        legal_form=HOUSEHOLD,
        tax_head="899729523",
        ward="Xã Trung Thành",
        address="Khóm 2",
        old_address="Khóm 2, thị trấn Vũng Liêm, huyện Vũng Liêm, tỉnh Vĩnh Long",
        representative="Nguyễn Văn Sang",
        title="Chủ cơ sở",
        phone="0792 406 138",
        sector=MECHANICAL,
        products="Ghe, xuồng composite, sửa chữa tàu thuyền",
        workers=9,
        founded=1996,
    ),
    # Former Trà Vinh: Khmer mats and handicrafts, coconut and the coast.
    DemoFacility(
        name="Hợp tác xã Dệt chiếu Cà Hom",
        legal_form=COOPERATIVE,
        tax_head="210372529",
        ward="Xã Hàm Giang",
        address="Ấp Cà Hom",
        old_address="Ấp Cà Hom, xã Hàm Tân, huyện Trà Cú, tỉnh Trà Vinh",
        craft_village="Làng nghề dệt chiếu Cà Hom - Bến Bạ",
        representative="Thạch Thị Sô Phia",
        title="Giám đốc hợp tác xã",
        phone="0294 3874 512",
        sector=CRAFT,
        products="Chiếu bông, chiếu hoa hai mặt, thảm lác",
        workers=23,
        founded=2019,
        woman=True,
        ethnic_minority=True,
    ),
    DemoFacility(
        name="Tổ hợp tác Thủ công mỹ nghệ Hưng Mỹ",
        legal_form=GROUP,
        tax_head="210258324",
        ward="Xã Hưng Mỹ",
        address="Ấp Bãi Vàng",
        old_address="Ấp Bãi Vàng, xã Hưng Mỹ, huyện Châu Thành, tỉnh Trà Vinh",
        craft_village="Làng nghề tiểu thủ công nghiệp Hưng Mỹ",
        representative="Nguyễn Thị Bé Năm",
        title="Tổ trưởng",
        phone="0917 604 285",
        sector=CRAFT,
        products="Thảm, giỏ lục bình, yếm dừa, giỏ tơ xơ dừa",
        workers=31,
        founded=2012,
        woman=True,
    ),
    DemoFacility(
        name="Cơ sở Cốm dẹp Ba So",
        legal_form=HOUSEHOLD,
        tax_head="",
        ward="Phường Nguyệt Hóa",
        address="Khóm Ba So",
        old_address="Ấp Ba So, xã Nguyệt Hóa, huyện Châu Thành, tỉnh Trà Vinh",
        craft_village="Làng nghề cốm dẹp Ba So",
        representative="Kim Thị Sà Rết",
        title="Chủ cơ sở",
        phone="0376 205 413",
        sector=FOOD,
        products="Cốm dẹp, cốm dẹp sấy giòn",
        workers=8,
        founded=1992,
        woman=True,
        ethnic_minority=True,
    ),
    DemoFacility(
        name="Công ty TNHH Dừa sáp Cầu Kè",
        legal_form=SMALL,
        tax_head="210363727",
        ward="Xã Cầu Kè",
        address="Ấp Ô Tưng",
        old_address="Ấp Ô Tưng, xã Châu Điền, huyện Cầu Kè, tỉnh Trà Vinh",
        representative="Lý Văn Hào",
        title="Giám đốc",
        phone="0294 3834 906",
        email="duasapcauke@example.com",
        sector=COCONUT,
        products="Kẹo dừa sáp, thạch dừa sáp, dừa sáp đông lạnh",
        workers=36,
        founded=2017,
    ),
    DemoFacility(
        name="Cơ sở Bánh tét Trà Cuôn Năm Thắm",
        legal_form=HOUSEHOLD,
        tax_head="831726913",
        ward="Xã Vinh Kim",
        address="Ấp Trà Cuôn",
        old_address="Ấp Trà Cuôn, xã Kim Hòa, huyện Cầu Ngang, tỉnh Trà Vinh",
        craft_village="Làng nghề bánh tét Trà Cuôn",
        representative="Trần Thị Thắm",
        title="Chủ cơ sở",
        phone="0963 517 240",
        sector=FOOD,
        products="Bánh tét Trà Cuôn nhân mỡ, nhân đậu xanh, bánh tét chay",
        workers=14,
        founded=2000,
        woman=True,
    ),
    DemoFacility(
        name="Doanh nghiệp tư nhân Mắm bò hóc Trà Cú",
        legal_form=MICRO,
        tax_head="210079259",
        ward="Xã Trà Cú",
        address="Khóm 3",
        old_address="Khóm 3, thị trấn Trà Cú, huyện Trà Cú, tỉnh Trà Vinh",
        representative="Sơn Sà Rương",
        title="Chủ doanh nghiệp",
        phone="0294 3876 213",
        sector=SEAFOOD,
        products="Mắm bò hóc, mắm cá lóc, khô cá sặc",
        workers=10,
        founded=2014,
        ethnic_minority=True,
    ),
    DemoFacility(
        name="Công ty TNHH Nước mắm Duyên Hải",
        legal_form=SMALL,
        tax_head="210314564",
        ward="Phường Duyên Hải",
        address="Khóm 1",
        old_address="Khóm 1, phường 1, thị xã Duyên Hải, tỉnh Trà Vinh",
        representative="Dương Văn Hiệp",
        title="Giám đốc",
        phone="0294 3832 647",
        sector=SEAFOOD,
        products="Nước mắm cá cơm, mắm ruốc, tôm khô",
        workers=27,
        founded=2013,
    ),
    DemoFacility(
        name="Cơ sở Cơ khí Hai Lợi",
        legal_form=HOUSEHOLD,
        tax_head="807574999",
        ward="Phường Trà Vinh",
        address="Số 57, đường Nguyễn Đáng",
        old_address="Số 57, đường Nguyễn Đáng, phường 9, thành phố Trà Vinh, tỉnh Trà Vinh",
        representative="Trịnh Văn Lợi",
        title="Chủ cơ sở",
        phone="0823 641 795",
        sector=MECHANICAL,
        products="Cửa sắt, khung nhà thép tiền chế, gia công tiện phay",
        workers=6,
        founded=2009,
    ),
    DemoFacility(
        name="Công ty Cổ phần Tơ xơ dừa Tiểu Cần",
        legal_form=MEDIUM,
        tax_head="210171392",
        ward="Xã Tiểu Cần",
        address="Khóm 5",
        old_address="Khóm 5, thị trấn Tiểu Cần, huyện Tiểu Cần, tỉnh Trà Vinh",
        representative="Ngô Thanh Phong",
        title="Tổng Giám đốc",
        phone="0294 3822 790",
        email="toxodua@example.com",
        sector=COCONUT,
        products="Tơ xơ dừa, thảm xơ dừa, lưới xơ dừa xuất khẩu",
        workers=150,
        founded=2008,
    ),
]


def _facility_data(item: DemoFacility, index: int, wards: dict[str, Ward]) -> dict:
    ward = wards[item.ward]
    has_registration = item.legal_form != HOUSEHOLD
    return {
        "name": item.name,
        "legal_form": item.legal_form,
        "tax_code": item.tax_code,
        # An enterprise's or cooperative's registration number is its tax code.
        "business_registration_number": item.tax_code if has_registration else "",
        # A stable, plausible date in the founding year (the data lists only the year).
        "business_registration_date": (
            datetime.date(item.founded, index % 12 + 1, index * 7 % 28 + 1)
            if has_registration
            else None
        ),
        "representative_name": item.representative,
        "representative_title": item.title,
        "phone": item.phone,
        "email": item.email,
        "address_line": item.address,
        "province": ward.province,
        "ward": ward,
        "old_address": item.old_address,
        "craft_village": item.craft_village,
        "sector": item.sector,
        "main_products": item.products,
        "workers": item.workers,
        "founded_year": item.founded,
        "woman_owned": item.woman,
        "ethnic_minority_owned": item.ethnic_minority,
    }


def _existing(item: DemoFacility) -> Facility | None:
    """The facility already seeded for `item`: by tax code when it has one, else by name."""
    if item.tax_head:
        return Facility.objects.filter(tax_code=item.tax_code).first()
    return Facility.objects.filter(name=item.name, ward__province_id=PROVINCE_CODE).first()


def seed_facilities(*, officer, members: dict[str, object]) -> tuple[int, int]:
    """Create the missing demo facilities; returns (created, kept).

    The officer registers them, except those with a demo member, which that member registers
    (create_facility makes an applicant who creates a facility its member).
    """
    wards = {
        ward.name: ward
        for ward in Ward.objects.filter(province_id=PROVINCE_CODE).select_related("province")
    }
    created = kept = 0
    for index, item in enumerate(FACILITIES):
        if _existing(item) is not None:
            kept += 1
            continue
        actor = members[item.member] if item.member else officer
        create_facility(actor=actor, data=_facility_data(item, index, wards))
        created += 1
    return created, kept
