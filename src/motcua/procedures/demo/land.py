"""Đất đai (land). First certificates at commune level, changes at the province's land registration office.

Codes, fees and limits: best knowledge, unverified (codes changed with the Land Law 2024 and again in 2025).
"""

from __future__ import annotations

from ._build import (
    CERTIFIED,
    COMMUNE,
    COMMUNE_LEADER,
    COPY,
    LEADER,
    ORIGINAL,
    ORIGINAL_OR_COPY,
    PROVINCE,
    SHOWN,
    SPECIALIST,
    charge,
    deliver,
    doc,
    fee,
    procedure,
    receive,
    step,
)

FIELD = "DD"
OFFICE = "Chi nhánh Văn phòng đăng ký đất đai"
OFFICE_LEADER = "Giám đốc Văn phòng đăng ký đất đai"
TAX = "Cơ quan thuế"
AUTHORITY = "Văn phòng đăng ký đất đai thuộc Sở Nông nghiệp và Môi trường"
LAW = "Luật Đất đai năm 2024; Nghị định số 101/2024/NĐ-CP; Nghị định số 151/2025/NĐ-CP"
NOT_COUNTED = (
    "Không tính thời gian thực hiện nghĩa vụ tài chính, thời gian niêm yết công khai và thời gian xem xét "
    "xử lý đối với trường hợp sử dụng đất có vi phạm pháp luật."
)
APPLICATION = doc("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", ORIGINAL, template="Mẫu số 11/ĐK")
CERTIFICATE = doc("Giấy chứng nhận đã cấp", ORIGINAL)
CERT_CHARGE = charge(
    "Lệ phí cấp Giấy chứng nhận (mức do Hội đồng nhân dân tỉnh quy định)",
    50000,
    "Miễn lệ phí đối với hộ gia đình, cá nhân ở nông thôn theo quy định của Hội đồng nhân dân tỉnh.",
)

PROCEDURES = (
    procedure(
        "1.012755",
        FIELD,
        "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu cho hộ gia đình, cá nhân",
        levels=COMMUNE,
        authority="Ủy ban nhân dân cấp xã",
        limit=20,
        result="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        online="partial",
        legal=LAW,
        note=NOT_COUNTED,
        docs=(
            doc("Đơn đăng ký đất đai, tài sản gắn liền với đất", ORIGINAL, template="Mẫu số 04/ĐK"),
            doc(
                "Giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai",
                CERTIFIED,
                when="Người sử dụng đất có giấy tờ về quyền sử dụng đất",
            ),
            doc("Mảnh trích đo bản đồ địa chính thửa đất", ORIGINAL, when="Nơi chưa có bản đồ địa chính"),
            doc("Chứng từ thực hiện nghĩa vụ tài chính", COPY, when="Có nghĩa vụ tài chính phải nộp trước khi cấp"),
        ),
        fees=(
            charge("Lệ phí cấp Giấy chứng nhận lần đầu", 100000, CERT_CHARGE.exemptions),
            fee("Phí thẩm định hồ sơ cấp Giấy chứng nhận (mức do Hội đồng nhân dân tỉnh quy định)", 500000),
        ),
        steps=(
            receive(),
            step("Kiểm tra hồ sơ, xác nhận hiện trạng, niêm yết công khai", SPECIALIST, "Công chức Địa chính xã", 5),
            step("Kiểm tra hồ sơ địa chính, trích lục bản đồ", SPECIALIST, OFFICE, 6, other=True),
            step("Xác định nghĩa vụ tài chính, ra thông báo nộp", SPECIALIST, TAX, 3, other=True),
            step("Ký Giấy chứng nhận", LEADER, COMMUNE_LEADER, 2),
            step("Cập nhật cơ sở dữ liệu đất đai", SPECIALIST, OFFICE, 1, other=True),
            deliver(),
        ),
    ),
    procedure(
        "1.012766",
        FIELD,
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, "
        "thừa kế",
        levels=PROVINCE,
        authority=AUTHORITY,
        limit=10,
        result="Giấy chứng nhận cấp mới hoặc xác nhận thay đổi trên Giấy chứng nhận đã cấp",
        online="partial",
        legal=LAW + "; Luật Thuế thu nhập cá nhân; Nghị định số 10/2022/NĐ-CP",
        note=NOT_COUNTED,
        docs=(
            APPLICATION,
            doc("Hợp đồng, văn bản chuyển nhượng, tặng cho hoặc văn bản thừa kế đã công chứng, chứng thực", ORIGINAL),
            CERTIFICATE,
            doc("Tờ khai lệ phí trước bạ, tờ khai thuế thu nhập cá nhân", ORIGINAL),
            doc(
                "Giấy tờ chứng minh được miễn thuế, lệ phí",
                ORIGINAL_OR_COPY,
                when="Người nhận quyền thuộc trường hợp được miễn (tặng cho giữa vợ chồng, cha mẹ và con…)",
            ),
        ),
        fees=(
            CERT_CHARGE,
            charge("Lệ phí trước bạ (0,5% giá trị tài sản, theo thông báo của cơ quan thuế)", 0),
        ),
        steps=(
            receive(),
            step("Kiểm tra hồ sơ, gửi thông tin sang cơ quan thuế", SPECIALIST, OFFICE, 2),
            step("Xác định nghĩa vụ tài chính, ra thông báo nộp", SPECIALIST, TAX, 3, other=True, group=1),
            step("Chỉnh lý hồ sơ địa chính, chuẩn bị Giấy chứng nhận", SPECIALIST, OFFICE, "2.5", group=1),
            step("Kiểm tra việc hoàn thành nghĩa vụ tài chính, in Giấy chứng nhận", SPECIALIST, OFFICE, 2),
            step("Ký Giấy chứng nhận", LEADER, OFFICE_LEADER, 1),
            deliver(),
        ),
    ),
    procedure(
        "1.012770",
        FIELD,
        "Đăng ký biến động do thay đổi thông tin về người sử dụng đất (tên, giấy tờ nhân thân, địa chỉ)",
        levels=PROVINCE,
        authority=AUTHORITY,
        limit=7,
        result="Xác nhận thay đổi trên Giấy chứng nhận đã cấp hoặc Giấy chứng nhận mới",
        online="full",
        legal=LAW,
        docs=(
            APPLICATION,
            CERTIFICATE,
            doc("Giấy tờ chứng minh nội dung thay đổi", COPY),
        ),
        fees=(CERT_CHARGE,),
        steps=(
            receive(),
            step("Kiểm tra hồ sơ, chỉnh lý hồ sơ địa chính", SPECIALIST, OFFICE, 5),
            step("Xác nhận thay đổi trên Giấy chứng nhận", LEADER, OFFICE_LEADER, 1),
            deliver(),
        ),
    ),
    procedure(
        "1.012772",
        FIELD,
        "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        levels=PROVINCE,
        authority=AUTHORITY,
        limit=7,
        result="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        online="partial",
        legal=LAW,
        docs=(
            doc("Đơn đề nghị cấp đổi Giấy chứng nhận", ORIGINAL),
            CERTIFICATE,
            doc("Bản trích đo địa chính thửa đất", ORIGINAL, when="Có thay đổi hình thể, kích thước thửa đất"),
        ),
        fees=(CERT_CHARGE,),
        steps=(
            receive(),
            step("Kiểm tra hồ sơ, in Giấy chứng nhận", SPECIALIST, OFFICE, 5),
            step("Ký Giấy chứng nhận", LEADER, OFFICE_LEADER, 1),
            deliver(),
        ),
    ),
    procedure(
        "1.012774",
        FIELD,
        "Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do bị mất",
        levels=PROVINCE,
        authority=AUTHORITY,
        limit=10,
        result="Giấy chứng nhận được cấp lại",
        online="partial",
        legal=LAW,
        note="Không tính 15 ngày niêm yết thông báo mất Giấy chứng nhận tại Ủy ban nhân dân cấp xã.",
        docs=(
            doc("Đơn đề nghị cấp lại Giấy chứng nhận", ORIGINAL),
            doc("Giấy xác nhận của Ủy ban nhân dân cấp xã về việc đã niêm yết thông báo mất", ORIGINAL),
            doc("Giấy tờ chứng minh mất do thiên tai, hỏa hoạn", ORIGINAL, when="Mất do thiên tai, hỏa hoạn"),
        ),
        fees=(CERT_CHARGE,),
        steps=(
            receive(),
            step("Kiểm tra hồ sơ, trích lục bản đồ, in Giấy chứng nhận", SPECIALIST, OFFICE, 7),
            step("Ký Giấy chứng nhận, hủy Giấy chứng nhận đã mất", LEADER, OFFICE_LEADER, 2),
            deliver(),
        ),
    ),
    procedure(
        "1.012779",
        FIELD,
        "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất",
        levels=PROVINCE,
        authority=AUTHORITY,
        limit=1,
        same_day=True,
        result="Xác nhận đăng ký thế chấp trên đơn và Giấy chứng nhận",
        online="partial",
        legal="Bộ luật Dân sự năm 2015; Nghị định số 99/2022/NĐ-CP; " + LAW,
        note="Trong ngày làm việc; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo; "
        "trường hợp phức tạp không quá 03 ngày làm việc.",
        docs=(
            doc("Phiếu yêu cầu đăng ký thế chấp", ORIGINAL, template="Mẫu số 01a Nghị định 99/2022/NĐ-CP"),
            doc("Hợp đồng thế chấp đã công chứng, chứng thực", ORIGINAL_OR_COPY),
            CERTIFICATE,
            doc("Giấy tờ tùy thân của người yêu cầu", SHOWN),
        ),
        fees=(
            fee(
                "Phí đăng ký biện pháp bảo đảm",
                80000,
                "Miễn phí cho cá nhân, hộ gia đình vay vốn sản xuất nông nghiệp tại tổ chức tín dụng.",
            ),
        ),
        steps=(
            receive("0.25"),
            step("Kiểm tra, ghi nội dung đăng ký vào sổ địa chính", SPECIALIST, OFFICE, "0.25"),
            step("Ký xác nhận đăng ký thế chấp", LEADER, OFFICE_LEADER, "0.25"),
            deliver("0.25"),
        ),
    ),
)
