"""Đăng ký hộ kinh doanh (household business) and xây dựng (construction permits for houses), commune level.

Codes, fees and limits: best knowledge, unverified.
"""

from __future__ import annotations

from ._build import (
    CD,
    CERTIFIED,
    COMMUNE,
    COMMUNE_LEADER,
    COPY,
    LEADER,
    ORIGINAL,
    SPECIALIST,
    charge,
    deliver,
    doc,
    flow,
    procedure,
    receive,
    step,
)

BUSINESS = "HKD"
CONSTRUCTION = "XD"
ECONOMY = "Phòng Kinh tế (xã)"
URBAN = "Phòng Kinh tế, Hạ tầng và Đô thị (xã, phường)"
AUTHORITY = "Ủy ban nhân dân cấp xã"
BUSINESS_LAW = "Luật Doanh nghiệp năm 2020; Nghị định số 168/2025/NĐ-CP về đăng ký doanh nghiệp"
BUILD_LAW = "Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020); Nghị định số 175/2024/NĐ-CP"
ONLINE_FREE = "Miễn lệ phí khi đăng ký qua mạng điện tử (theo nghị quyết của Hội đồng nhân dân tỉnh)."
MANDATE = doc("Văn bản ủy quyền cho người nộp hồ sơ", ORIGINAL, when="Người nộp hồ sơ không phải chủ hộ kinh doanh")
FORM = doc("Giấy đề nghị", ORIGINAL, template="Mẫu Phụ lục Thông tư hướng dẫn đăng ký hộ kinh doanh")

PROCEDURES = (
    procedure(
        "2.000575",
        BUSINESS,
        "Đăng ký thành lập hộ kinh doanh",
        levels=COMMUNE,
        authority=AUTHORITY,
        limit=3,
        result="Giấy chứng nhận đăng ký hộ kinh doanh",
        online="full",
        legal=BUSINESS_LAW,
        requirements="Cá nhân, thành viên hộ gia đình có đủ năng lực hành vi dân sự; tên hộ kinh doanh không trùng "
        "trong phạm vi cấp xã.",
        docs=(
            doc("Giấy đề nghị đăng ký hộ kinh doanh", ORIGINAL),
            doc(
                "Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh",
                COPY,
                when="Các thành viên hộ gia đình cùng đăng ký hộ kinh doanh",
            ),
            doc(
                "Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ",
                CERTIFIED,
                when="Các thành viên hộ gia đình cùng đăng ký hộ kinh doanh",
            ),
            MANDATE,
        ),
        fees=(charge("Lệ phí đăng ký hộ kinh doanh", 100000, ONLINE_FREE),),
        steps=flow("1.5", ECONOMY, COMMUNE_LEADER),
    ),
    procedure(
        "2.000720",
        BUSINESS,
        "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        levels=COMMUNE,
        authority=AUTHORITY,
        limit=3,
        result="Giấy chứng nhận đăng ký hộ kinh doanh (cấp mới theo nội dung thay đổi)",
        online="full",
        legal=BUSINESS_LAW,
        docs=(
            doc("Thông báo thay đổi nội dung đăng ký hộ kinh doanh", ORIGINAL),
            doc(
                "Biên bản họp thành viên hộ gia đình về việc thay đổi chủ hộ",
                COPY,
                when="Thay đổi chủ hộ kinh doanh",
            ),
            MANDATE,
        ),
        fees=(charge("Lệ phí thay đổi nội dung đăng ký hộ kinh doanh", 50000, ONLINE_FREE),),
        steps=flow("1.5", ECONOMY, COMMUNE_LEADER),
    ),
    procedure(
        "2.000629",
        BUSINESS,
        "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh",
        levels=COMMUNE,
        authority=AUTHORITY,
        limit=3,
        result="Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh",
        online="full",
        legal=BUSINESS_LAW,
        docs=(doc("Thông báo tạm ngừng kinh doanh hoặc tiếp tục kinh doanh trước thời hạn", ORIGINAL), MANDATE),
        fees=(charge("Lệ phí", 0, "Không thu lệ phí."),),
        steps=flow("1.5", ECONOMY, COMMUNE_LEADER),
    ),
    procedure(
        "2.000586",
        BUSINESS,
        "Chấm dứt hoạt động hộ kinh doanh",
        levels=COMMUNE,
        authority=AUTHORITY,
        limit=3,
        result="Thông báo về việc chấm dứt hoạt động hộ kinh doanh",
        online="full",
        legal=BUSINESS_LAW + "; Luật Quản lý thuế năm 2019",
        docs=(
            doc("Thông báo về việc chấm dứt hoạt động hộ kinh doanh", ORIGINAL),
            doc("Thông báo của cơ quan thuế về việc hoàn thành nghĩa vụ thuế", COPY),
            MANDATE,
        ),
        steps=(
            receive(),
            step("Đề nghị cơ quan thuế xác nhận nghĩa vụ thuế", SPECIALIST, ECONOMY, "0.5", group=1),
            step("Xác nhận hoàn thành nghĩa vụ thuế", SPECIALIST, "Thuế cơ sở", 1, other=True, group=1),
            step("Cập nhật tình trạng, ký thông báo", LEADER, COMMUNE_LEADER, 1),
            deliver(),
        ),
    ),
    procedure(
        "1.009994",
        CONSTRUCTION,
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        levels=COMMUNE,
        authority=AUTHORITY,
        limit=15,
        unit=CD,
        result="Giấy phép xây dựng kèm theo bản vẽ thiết kế có đóng dấu",
        online="partial",
        legal=BUILD_LAW + "; Thông tư số 85/2019/TT-BTC",
        docs=(
            doc("Đơn đề nghị cấp giấy phép xây dựng", ORIGINAL, template="Mẫu số 01 Phụ lục II Nghị định 175/2024"),
            doc("Giấy tờ chứng minh quyền sử dụng đất", CERTIFIED),
            doc("Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối)", COPY, 2),
            doc(
                "Bản kê khai năng lực, kinh nghiệm của tổ chức, cá nhân thiết kế",
                ORIGINAL,
                when="Nhà ở có tổng diện tích sàn từ 250 m² hoặc từ 3 tầng trở lên do tổ chức, cá nhân thiết kế",
            ),
            doc(
                "Văn bản cam kết bảo đảm an toàn cho công trình liền kề",
                ORIGINAL,
                when="Công trình xây chen có tầng hầm",
            ),
        ),
        fees=(charge("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", 75000),),
        steps=(
            receive(),
            step("Kiểm tra hồ sơ, kiểm tra thực địa", SPECIALIST, URBAN, 7),
            step("Lấy ý kiến cơ quan quản lý chuyên ngành", SPECIALIST, "Cơ quan quản lý chuyên ngành", 3, other=True),
            step("Dự thảo giấy phép xây dựng", SPECIALIST, URBAN, 2),
            step("Ký giấy phép xây dựng", LEADER, COMMUNE_LEADER, 2),
            deliver(),
        ),
    ),
    procedure(
        "1.009995",
        CONSTRUCTION,
        "Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ",
        levels=COMMUNE,
        authority=AUTHORITY,
        limit=15,
        unit=CD,
        result="Giấy phép sửa chữa, cải tạo",
        online="partial",
        legal=BUILD_LAW,
        docs=(
            doc("Đơn đề nghị cấp giấy phép sửa chữa, cải tạo", ORIGINAL),
            doc("Giấy tờ chứng minh quyền sở hữu nhà ở", CERTIFIED),
            doc("Ảnh chụp hiện trạng công trình (10 × 15 cm)", ORIGINAL),
            doc("Bản vẽ thiết kế phần sửa chữa, cải tạo", COPY, 2),
        ),
        fees=(charge("Lệ phí cấp giấy phép sửa chữa, cải tạo", 75000),),
        steps=(
            receive(),
            step("Kiểm tra hồ sơ, kiểm tra thực địa", SPECIALIST, URBAN, 10),
            step("Ký giấy phép", LEADER, COMMUNE_LEADER, 2),
            deliver(),
        ),
    ),
    procedure(
        "1.009997",
        CONSTRUCTION,
        "Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ",
        levels=COMMUNE,
        authority=AUTHORITY,
        limit=5,
        result="Giấy phép xây dựng được gia hạn",
        online="full",
        legal=BUILD_LAW,
        docs=(
            doc("Đơn đề nghị gia hạn giấy phép xây dựng", ORIGINAL),
            doc("Giấy phép xây dựng đã được cấp", ORIGINAL),
        ),
        fees=(charge("Lệ phí gia hạn giấy phép xây dựng", 15000),),
        steps=flow("3.5", URBAN, COMMUNE_LEADER),
    ),
)
