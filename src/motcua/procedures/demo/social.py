"""Bảo trợ xã hội (social protection) and người có công (people with meritorious services).

Codes, limits and amounts: best knowledge, unverified.
"""

from __future__ import annotations

from ._build import (
    CD,
    COMMUNE,
    COMMUNE_LEADER,
    COPY,
    LEADER,
    ONE_STOP,
    ORIGINAL,
    ORIGINAL_OR_COPY,
    PROVINCE,
    PROVINCE_COMMUNE,
    SPECIALIST,
    SUPERVISOR,
    deliver,
    doc,
    procedure,
    receive,
    step,
)

SOCIAL = "BTXH"
MERIT = "NCC"
CULTURE = "Phòng Văn hóa – Xã hội (xã)"
HOME_AFFAIRS = "Phòng Người có công – Sở Nội vụ"
SOCIAL_LAW = "Nghị định số 20/2021/NĐ-CP (sửa đổi, bổ sung bởi Nghị định số 76/2024/NĐ-CP)"
MERIT_LAW = "Pháp lệnh Ưu đãi người có công với cách mạng năm 2020; Nghị định số 131/2021/NĐ-CP"
PAID_BY_STATE = "Trợ cấp do ngân sách nhà nước chi trả; người đề nghị không phải nộp phí, lệ phí."

PROCEDURES = (
    procedure(
        "1.001776",
        SOCIAL,
        "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng",
        levels=COMMUNE,
        authority="Chủ tịch Ủy ban nhân dân cấp xã",
        limit=10,
        result="Quyết định trợ cấp xã hội hằng tháng",
        online="full",
        legal=SOCIAL_LAW,
        requirements="Người cao tuổi, người khuyết tật, trẻ em không có nguồn nuôi dưỡng và các đối tượng bảo trợ "
        "xã hội khác theo Nghị định 20/2021/NĐ-CP.",
        note=PAID_BY_STATE,
        docs=(
            doc("Tờ khai đề nghị trợ giúp xã hội", ORIGINAL, template="Mẫu số 1a–1g Nghị định 20/2021/NĐ-CP"),
            doc("Giấy xác nhận khuyết tật", COPY, when="Đối tượng là người khuyết tật"),
            doc(
                "Giấy tờ chứng minh đang mang thai hoặc nuôi con dưới 36 tháng tuổi",
                COPY,
                when="Người khuyết tật đang mang thai hoặc nuôi con nhỏ",
            ),
        ),
        steps=(
            receive(),
            step("Thẩm định hồ sơ, trình Hội đồng xét duyệt", SPECIALIST, CULTURE, 3),
            step("Niêm yết công khai kết quả xét duyệt", SUPERVISOR, ONE_STOP, 2),
            step("Hoàn thiện hồ sơ, dự thảo quyết định", SPECIALIST, CULTURE, 2),
            step("Ký quyết định trợ cấp", LEADER, COMMUNE_LEADER, 2),
            deliver(),
        ),
    ),
    procedure(
        "1.001731",
        SOCIAL,
        "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        levels=COMMUNE,
        authority="Chủ tịch Ủy ban nhân dân cấp xã",
        limit=3,
        result="Quyết định hỗ trợ chi phí mai táng",
        online="full",
        legal=SOCIAL_LAW,
        note=PAID_BY_STATE,
        docs=(
            doc("Tờ khai đề nghị hỗ trợ chi phí mai táng", ORIGINAL, template="Mẫu số 04 Nghị định 20/2021/NĐ-CP"),
            doc("Trích lục khai tử", ORIGINAL_OR_COPY),
            doc(
                "Giấy tờ chứng minh người tổ chức mai táng",
                COPY,
                when="Cơ quan, tổ chức, cá nhân không phải thân nhân tổ chức mai táng",
            ),
        ),
        steps=(
            receive(),
            step("Kiểm tra hồ sơ, dự thảo quyết định", SPECIALIST, CULTURE, 1),
            step("Ký quyết định hỗ trợ", LEADER, COMMUNE_LEADER, 1),
            deliver(),
        ),
    ),
    procedure(
        "1.001699",
        SOCIAL,
        "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        levels=COMMUNE,
        authority="Chủ tịch Ủy ban nhân dân cấp xã",
        limit=30,
        unit=CD,
        result="Giấy xác nhận khuyết tật",
        online="partial",
        legal="Luật Người khuyết tật năm 2010; Nghị định số 28/2012/NĐ-CP; Thông tư số 01/2019/TT-BLĐTBXH",
        note="Người được Hội đồng xác định mức độ khuyết tật chuyển đến Hội đồng giám định y khoa thì thời hạn "
        "tính lại từ khi có kết luận giám định.",
        docs=(
            doc("Đơn đề nghị xác định mức độ khuyết tật", ORIGINAL, template="Mẫu số 01 Thông tư 01/2019"),
            doc("Bản sao các giấy tờ y tế chứng minh về khuyết tật", COPY, when="Có giấy tờ y tế liên quan"),
            doc("Giấy xác nhận khuyết tật đã cấp", ORIGINAL, when="Đề nghị xác định lại mức độ khuyết tật"),
        ),
        steps=(
            receive(1),
            step("Triệu tập Hội đồng xác định mức độ khuyết tật", SPECIALIST, CULTURE, 5),
            step(
                "Hội đồng xác định mức độ khuyết tật quan sát, phỏng vấn, đánh giá",
                SPECIALIST,
                "Hội đồng xác định mức độ khuyết tật cấp xã",
                15,
            ),
            step("Niêm yết công khai kết luận", SUPERVISOR, ONE_STOP, 5),
            step("Ký Giấy xác nhận khuyết tật", LEADER, COMMUNE_LEADER, 3),
            deliver(1),
        ),
    ),
    procedure(
        "1.010810",
        MERIT,
        "Giải quyết chế độ trợ cấp một lần và mai táng phí khi người có công với cách mạng từ trần",
        levels=PROVINCE_COMMUNE,
        authority="Giám đốc Sở Nội vụ",
        limit=12,
        result="Quyết định trợ cấp một lần, mai táng phí",
        online="partial",
        legal=MERIT_LAW,
        note=PAID_BY_STATE,
        docs=(
            doc("Bản khai tình hình thân nhân", ORIGINAL, template="Mẫu số 11 Phụ lục I Nghị định 131/2021/NĐ-CP"),
            doc("Trích lục khai tử", ORIGINAL_OR_COPY),
            doc(
                "Biên bản ủy quyền của các thân nhân",
                ORIGINAL,
                when="Có nhiều thân nhân cùng được hưởng trợ cấp",
            ),
        ),
        steps=(
            receive(),
            step("Xác nhận bản khai, lập danh sách gửi Sở Nội vụ", SPECIALIST, CULTURE, 5),
            step("Thẩm định, đối chiếu hồ sơ gốc người có công", SPECIALIST, HOME_AFFAIRS, 4, other=True),
            step("Ký quyết định trợ cấp", LEADER, "Lãnh đạo Sở Nội vụ", 2, other=True),
            deliver(),
        ),
    ),
    procedure(
        "1.010812",
        MERIT,
        "Di chuyển hồ sơ khi người hưởng trợ cấp ưu đãi thay đổi nơi thường trú",
        levels=PROVINCE,
        authority="Sở Nội vụ",
        limit=5,
        result="Giấy giới thiệu di chuyển hồ sơ người có công",
        online="full",
        legal=MERIT_LAW,
        docs=(doc("Đơn đề nghị di chuyển hồ sơ", ORIGINAL, template="Mẫu số 46 Phụ lục I Nghị định 131/2021"),),
        steps=(
            receive(),
            step("Kiểm tra, sao lưu hồ sơ, lập phiếu báo di chuyển", SPECIALIST, HOME_AFFAIRS, 3),
            step("Ký giấy giới thiệu", LEADER, "Lãnh đạo Sở Nội vụ", 1),
            deliver(),
        ),
    ),
)
