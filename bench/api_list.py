"""api-list: GET /api/v1/entries/?page_size=100 against a plain Django view of the same rows.

Target: the API answer takes at most 4 times the plain view's, and costs as many queries for 10
rows as for 100.

Both requests go through django.test.Client, in process: the full middleware stack (sessions,
CSRF, CSP, WhiteNoise, language, authentication…), URL resolution, and the same client
overhead, signed in with the same session as the same officer. What differs is only what
answers: DRF (authentication and permission classes, the filter backends, pagination, the
serializers, content negotiation, the JSON renderer) against a view written by hand.

The baseline is what a plain view would do to give a client the same information, and no
less: the page of rows with `.values()` from entries_visible_to() (so the same rows, in the
same order, by the same permission rule), the total count, each entry's screening checklist
with a second `.values()` query, the state and condition labels, serialized by JsonResponse
as compactly as DRF's renderer.
It is not tuned; a lighter baseline would flatter nothing and a heavier one would hide DRF's
cost.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from awards import services
from awards.models import Entry, ProductGroup, ScreeningCheck, ScreeningCondition
from awards.queries import entries_visible_to
from bench.harness import (
    Check,
    Result,
    database_description,
    interleaved,
    ms,
    paired_ratio,
    throwaway_database,
)
from core.models import Ward
from core.roles import Role
from tests.factories import AwardRoundFactory, EntryFactory, FacilityFactory, UserFactory

NAME = "api-list"
TARGET = 4.0
ENTRIES = 120  # more than one page of 100
FACILITIES = 2 * 12  # two makers of each of the twelve products
WARDS = 6
PRODUCT_URL = "/api/v1/entries/"
BASELINE_URL = "/bench/plain-entries/"
WARMUP, SAMPLES = 20, 150


# ---- The baseline ---------------------------------------------------------------------------

ENTRY_COLUMNS = [
    "id",
    "round_id",
    "round__title",
    "facility_id",
    "facility__name",
    "product_name",
    "product_group__code",
    "product_group__name",
    "is_product_set",
    "features",
    "materials",
    "production_process",
    "markets",
    "price",
    "quality_standards",
    "awards_received",
    "state",
    "state_reason",
    "voting_code",
    "submitted_at",
    "created_at",
    "updated_at",
]
CHECK_COLUMNS = ["entry_id", "condition", "passed", "reason", "checked_at"]


@login_required
def plain_entries(request):
    """The same page of entries as the API's list, by hand."""
    size = min(int(request.GET.get("page_size", 25)), 100)
    entries = entries_visible_to(request.user)
    rows = list(entries.values(*ENTRY_COLUMNS)[:size])
    states = dict(Entry.State.choices)
    for row in rows:
        row["state_label"] = str(states[row["state"]])
        row["screening_checks"] = []
    by_id = {row["id"]: row for row in rows}
    conditions = dict(ScreeningCondition.choices)
    checks = ScreeningCheck.objects.filter(entry_id__in=by_id).values(*CHECK_COLUMNS)
    for check in checks:
        check["condition_label"] = str(conditions[check["condition"]])
        by_id[check.pop("entry_id")]["screening_checks"].append(check)
    # Encoded as DRF's JSONRenderer does (UTF-8 as is, compact), so both send the same text.
    return JsonResponse(
        {"count": entries.count(), "results": rows},
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


# This module is the URL configuration while the benchmark runs: the baseline first, then the
# project's own URLs unchanged. The product's path is tried against one extra pattern; that
# costs a regular-expression match, not a measurable share of either request.
urlpatterns = [
    path("bench/plain-entries/", plain_entries),
    path("", include("config.urls")),
]


# ---- The data -------------------------------------------------------------------------------

# (group code, product, features, materials, process, markets, price)
PRODUCTS = [
    (
        2,
        "Kẹo dừa sáp lá dứa",
        "Kẹo dừa mềm dẻo, thơm lá dứa, không chất bảo quản; gói giấy gạo, hộp giấy kraft.",
        "Cơm dừa sáp, mạch nha, đường mía, lá dứa tươi.",
        "Nấu thủ công bằng chảo gang, cắt và gói tay; công suất 3 tấn/tháng.",
        "Các tỉnh Đồng bằng sông Cửu Long, TP Hồ Chí Minh; xuất khẩu Trung Quốc, Hàn Quốc.",
        "45.000 đ/hộp 400 g",
    ),
    (
        2,
        "Bánh tráng sữa Mỹ Lồng",
        "Bánh tráng nướng béo, giòn, vị sữa dừa, mè đen; đóng túi hút chân không.",
        "Gạo lúa mùa, nước cốt dừa, đường thốt nốt, mè đen.",
        "Tráng bằng lò trấu, phơi nắng hai ngày; 12.000 cái/tháng.",
        "Siêu thị Co.opmart, điểm du lịch Cồn Phụng, bán trực tuyến.",
        "30.000 đ/xấp 10 cái",
    ),
    (
        2,
        "Nước mắm cá cơm truyền thống",
        "Nước mắm nhĩ 35 độ đạm, ủ chượp 12 tháng trong thùng gỗ, màu cánh gián.",
        "Cá cơm than tươi, muối hạt Bạc Liêu.",
        "Ủ chượp chum sành, kéo rút thủ công; 20.000 lít/năm.",
        "Trong tỉnh, TP Hồ Chí Minh, Cần Thơ.",
        "85.000 đ/chai 500 ml",
    ),
    (
        2,
        "Bánh phồng tôm Trà Vinh",
        "Bánh phồng tôm tươi, giòn xốp khi chiên, không hàn the.",
        "Tôm đất, bột năng, trứng vịt, tỏi, tiêu.",
        "Nhào bột, hấp, thái lát, sấy bằng máy; 2 tấn/tháng.",
        "Chợ đầu mối Bình Điền, cửa hàng đặc sản miền Tây.",
        "60.000 đ/gói 500 g",
    ),
    (
        1,
        "Giỏ đan cọng dừa",
        "Giỏ đựng đồ đan tay, quai tre, phủ dầu bóng gốc nước, nhiều kích cỡ.",
        "Cọng lá dừa, tre gai, dầu bóng.",
        "Chuốt cọng, đan tay tại hộ gia đình, sấy chống mốc; 5.000 cái/tháng.",
        "Xuất khẩu Nhật Bản, châu Âu qua công ty thương mại.",
        "120.000 đ/bộ 3 cái",
    ),
    (
        1,
        "Chiếu lác in hoa văn",
        "Chiếu lác dệt máy, in hoa văn truyền thống, viền vải, gấp gọn.",
        "Cây lác, sợi đay, phẩm màu thực phẩm.",
        "Nhuộm, dệt bằng khung máy, may viền; 1.500 đôi/tháng.",
        "Chợ nông thôn các tỉnh miền Tây, Campuchia.",
        "250.000 đ/đôi 1,6 m",
    ),
    (
        1,
        "Gốm đỏ Mang Thít",
        "Chậu, bình gốm đỏ nung củi, men tự nhiên, chịu nhiệt.",
        "Đất sét sông Cổ Chiên, cát mịn.",
        "Tạo hình bàn xoay, nung lò bầu 7 ngày; 8.000 sản phẩm/tháng.",
        "Xuất khẩu Hà Lan, Bỉ; cửa hàng cây cảnh TP Hồ Chí Minh.",
        "180.000 đ/cái",
    ),
    (
        1,
        "Túi xách lục bình",
        "Túi xách đan lục bình, lót vải bố, khóa kéo đồng.",
        "Cọng lục bình phơi khô, vải bố, phụ kiện đồng.",
        "Phơi, tết sợi, đan trên khuôn gỗ, may lót; 2.000 cái/tháng.",
        "Điểm du lịch, bán trực tuyến, xuất khẩu Úc.",
        "220.000 đ/cái",
    ),
    (
        3,
        "Máy cắt cỏ đeo vai",
        "Máy cắt cỏ động cơ xăng 2 thì 1,5 kW, lưỡi thép SK5, trục dẫn chống rung.",
        "Thép ống, thép tấm SK5, động cơ nhập khẩu.",
        "Gia công cắt, hàn, sơn tĩnh điện, lắp ráp và chạy thử; 300 máy/tháng.",
        "Đại lý vật tư nông nghiệp các tỉnh miền Tây.",
        "3.200.000 đ/máy",
    ),
    (
        3,
        "Máy tách vỏ dừa",
        "Máy tách vỏ dừa khô công suất 600 trái/giờ, an toàn cho người đứng máy.",
        "Thép CT3, inox 304, động cơ điện 3 kW.",
        "Gia công cơ khí, lắp ráp, chạy thử tải; 15 máy/tháng.",
        "Cơ sở chế biến dừa trong tỉnh, Tiền Giang, Trà Vinh.",
        "48.000.000 đ/máy",
    ),
    (
        4,
        "Than gáo dừa hoạt tính",
        "Than hoạt tính dạng hạt từ gáo dừa, chỉ số iốt trên 1.000 mg/g.",
        "Gáo dừa khô.",
        "Than hóa, hoạt hóa bằng hơi nước, sàng phân loại; 50 tấn/tháng.",
        "Nhà máy nước, xuất khẩu Hàn Quốc.",
        "32.000 đ/kg",
    ),
    (
        4,
        "Chỉ xơ dừa",
        "Sợi xơ dừa se đôi, đường kính 6 mm, dùng làm lưới chống sạt lở.",
        "Vỏ dừa khô.",
        "Đập, tách xơ, phơi, se sợi bằng máy; 30 tấn/tháng.",
        "Công trình giao thông, xuất khẩu Trung Quốc.",
        "9.000 đ/kg",
    ),
]
# Sizes and packs: ten of each of the twelve products, 120 different product names.
VARIANTS = [
    "loại 1",
    "loại 2",
    "quà biếu",
    "gói nhỏ",
    "gói lớn",
    "đặc biệt",
    "xuất khẩu",
    "du lịch",
    "gia đình",
    "cao cấp",
]
FACILITY_KINDS = ["Cơ sở", "Hợp tác xã", "Tổ hợp tác", "Công ty TNHH", "Hộ kinh doanh"]
PLACES = [
    "Phú Hưng",
    "Đồng Khởi",
    "Phú Túc",
    "Lan Anh",
    "Út Hiền",
    "Hai Tâm",
    "Mỹ Lồng",
    "Cái Mơn",
    "Tân Thạch",
    "Châu Bình",
    "An Thạnh",
    "Hòa Lộc",
]
PEOPLE = ["Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Hồng", "Phạm Minh Tâm", "Võ Thị Kim Ngân"]
FOOD_STANDARDS = "TCCS 01:2024/PH; giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"
ALL_MET = {condition: (True, "") for condition in ScreeningCondition.values}


def build_data():
    """One round in registration with 120 entries of 24 facilities over six wards of tỉnh Vĩnh
    Long, in every state a list shows: 20 drafts, 20 submitted (half with part of the checklist
    ticked), 40 eligible with voting codes, 10 returned, 10 ineligible; 330 checklist rows.
    Returns the officer (role "officer": sees every entry)."""
    officer = UserFactory(username="canbo", full_name="Lê Thị Thu Trang", role=Role.OFFICER)
    in_province = Ward.objects.filter(province_id="86").order_by("code")
    wards = list(in_province[:: max(1, in_province.count() // WARDS)][:WARDS])
    award_round = AwardRoundFactory(
        title="Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2026",
        organiser_name="Sở Công Thương tỉnh Vĩnh Long",
    )
    facilities = [
        FacilityFactory(
            name=f"{FACILITY_KINDS[k % 5]} {PRODUCTS[k % 12][1]} {PLACES[k % 12]}",
            ward=wards[k % WARDS],
            representative_name=PEOPLE[k % 5],
            main_products=PRODUCTS[k % 12][1],
            address_line=f"Ấp {k % 7 + 1}",
        )
        for k in range(FACILITIES)
    ]
    groups = {group.code: group for group in ProductGroup.objects.all()}
    submitted_at = timezone.now() - datetime.timedelta(days=3)
    for n in range(ENTRIES):
        group, product, features, materials, process, markets, price = PRODUCTS[n % 12]
        variant = n // 12
        # Drafts, then submitted ones. Submitted without the dossier's files, which the list
        # does not show (a real submission needs them; see awards.workflows).
        draft = n % 10 < 2
        entry = EntryFactory(
            round=award_round,
            facility=facilities[n % 12 + 12 * (variant % 2)],  # a maker of the product
            product_name=f"{product}, {VARIANTS[variant]}",
            product_group=groups[group],
            features=features,
            materials=materials,
            production_process=process,
            markets=markets,
            price=price,
            quality_standards=FOOD_STANDARDS if group == 2 else "",
            awards_received="Sản phẩm OCOP 3 sao năm 2023" if n % 4 == 0 else "",
            state=Entry.State.DRAFT if draft else Entry.State.SUBMITTED,
            submitted_at=None if draft else submitted_at,
        )
        # The screening, through the services as an officer does it.
        match n % 10:
            case 2 | 3 | 4 | 5:
                services.screen_entry(
                    actor=officer, entry=entry, decision="eligible", checks=ALL_MET
                )
            case 6:
                services.record_screening(
                    actor=officer,
                    entry=entry,
                    checks={"made_by_facility": (True, ""), "no_ip_infringement": (True, "")},
                )
            case 7:
                services.screen_entry(
                    actor=officer,
                    entry=entry,
                    decision="returned",
                    note="Bổ sung giấy chứng nhận an toàn thực phẩm còn hiệu lực.",
                    checks={"dossier_complete": (False, "Thiếu giấy chứng nhận ATTP.")},
                )
            case 8:
                services.screen_entry(
                    actor=officer,
                    entry=entry,
                    decision="ineligible",
                    note="Sản phẩm do cơ sở khác sản xuất, cơ sở chỉ đóng gói.",
                    checks={**ALL_MET, "made_by_facility": (False, "Chỉ đóng gói lại.")},
                )
    return officer


# ---- The measurement ------------------------------------------------------------------------


def run() -> Result:
    with throwaway_database(), override_settings(ROOT_URLCONF=__name__):
        officer = build_data()
        client = Client()
        client.force_login(officer)

        def get(url, page_size):
            response = client.get(url, {"page_size": page_size}, HTTP_ACCEPT="application/json")
            if response.status_code != 200:
                raise RuntimeError(f"GET {url}: {response.status_code} {response.content[:500]}")
            return response

        def queries(url, page_size):
            with CaptureQueriesContext(connection) as captured:
                data = get(url, page_size).json()
            return len(captured), data

        # Once each first: the first request of a process fills caches (content types…).
        get(PRODUCT_URL, 100)
        get(BASELINE_URL, 100)
        product_10, _ = queries(PRODUCT_URL, 10)
        product_100, product_data = queries(PRODUCT_URL, 100)
        baseline_100, baseline_data = queries(BASELINE_URL, 100)
        product_ids = [row["id"] for row in product_data["results"]]
        baseline_ids = [row["id"] for row in baseline_data["results"]]
        product_bytes = len(get(PRODUCT_URL, 100).content)
        baseline_bytes = len(get(BASELINE_URL, 100).content)

        database = database_description()
        product, baseline = interleaved(
            lambda: get(PRODUCT_URL, 100),
            lambda: get(BASELINE_URL, 100),
            warmup=WARMUP,
            samples=SAMPLES,
        )

    return Result(
        name=NAME,
        ratio=paired_ratio(product, baseline),
        op="<=",
        target=TARGET,
        figures={
            "product": f"{ms(product)}: GET {PRODUCT_URL}?page_size=100 ({product_bytes:,} bytes)",
            "baseline": f"{ms(baseline)}: plain view, .values() ({baseline_bytes:,} bytes)",
            "samples": f"{SAMPLES} of each, interleaved, after {WARMUP} warm-ups; "
            "ratio: the median of the pairs' ratios",
            "queries": f"product {product_100}, baseline {baseline_100}",
            "database": database,
        },
        checks=[
            Check(
                "same query count for 10 and 100 rows",
                product_10 == product_100,
                f"page_size=10: {product_10} queries, page_size=100: {product_100}",
            ),
            Check(
                "product and baseline answer the same 100 rows, in the same order",
                len(product_ids) == 100 and product_ids == baseline_ids,
                f"{len(product_ids)} and {len(baseline_ids)} rows, "
                f"{'same' if product_ids == baseline_ids else 'different'} ids",
            ),
        ],
    )
