"""Province-level services: driving licences (police since 1/3/2025), education, health.

Codes, fees and limits: best knowledge, unverified.
"""

from __future__ import annotations

from ._build import (
    CD,
    CERTIFIED,
    COPY,
    ELECTRONIC,
    LEADER,
    ORIGINAL,
    PROVINCE,
    SHOWN,
    SPECIALIST,
    charge,
    deliver,
    doc,
    fee,
    flow,
    procedure,
    receive,
    same_day_flow,
    step,
)

ROADS = "GPLX"
EDUCATION = "GD"
HEALTH = "YT"
TRAFFIC_POLICE = "Phòng Cảnh sát giao thông – Công an tỉnh"
TRAFFIC_LEADER = "Lãnh đạo Phòng Cảnh sát giao thông"
ROAD_LAW = "Luật Trật tự, an toàn giao thông đường bộ năm 2024; Thông tư số 12/2025/TT-BCA; Thông tư số 37/2023/TT-BTC"
LICENCE_CHARGE = charge(
    "Lệ phí cấp, đổi giấy phép lái xe",
    135000,
    "Nộp hồ sơ trực tuyến: 115.000 đồng (theo Thông tư số 63/2023/TT-BTC).",
)
HEALTH_CHECK = doc(
    "Giấy khám sức khỏe của người lái xe",
    ORIGINAL,
    when="Đổi, cấp lại giấy phép lái xe các hạng có yêu cầu khám sức khỏe, trừ khi đã có dữ liệu điện tử",
)
EDU_AUTHORITY = "Sở Giáo dục và Đào tạo"
EDU_OFFICE = "Phòng Quản lý văn bằng – Sở Giáo dục và Đào tạo"
HEALTH_AUTHORITY = "Sở Y tế"

PROCEDURES = (
    procedure(
        "1.013171",
        ROADS,
        "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
        levels=PROVINCE,
        authority="Công an cấp tỉnh (Phòng Cảnh sát giao thông)",
        limit=5,
        result="Giấy phép lái xe (thẻ PET) trả tận nhà qua dịch vụ bưu chính nếu người đề nghị chọn",
        online="full",
        legal=ROAD_LAW,
        docs=(
            doc("Đơn đề nghị đổi giấy phép lái xe", ORIGINAL, template="Mẫu theo Thông tư 12/2025/TT-BCA"),
            HEALTH_CHECK,
            doc("Giấy phép lái xe đang sử dụng", SHOWN),
        ),
        fees=(LICENCE_CHARGE,),
        steps=(
            receive(),
            step("Kiểm tra hồ sơ, đối chiếu dữ liệu giấy phép lái xe", SPECIALIST, TRAFFIC_POLICE, 2),
            step("Phê duyệt, in giấy phép lái xe", LEADER, TRAFFIC_LEADER, 2),
            deliver(),
        ),
    ),
    procedure(
        "1.013172",
        ROADS,
        "Cấp lại giấy phép lái xe",
        levels=PROVINCE,
        authority="Công an cấp tỉnh (Phòng Cảnh sát giao thông)",
        limit=5,
        result="Giấy phép lái xe cấp lại",
        online="full",
        legal=ROAD_LAW,
        note="Thời gian xác minh giấy phép lái xe bị mất không quá 02 ngày làm việc, tính trong thời hạn.",
        docs=(doc("Đơn đề nghị cấp lại giấy phép lái xe", ORIGINAL), HEALTH_CHECK),
        fees=(LICENCE_CHARGE,),
        steps=(
            receive(),
            step("Tra cứu, xác minh giấy phép lái xe đã cấp", SPECIALIST, TRAFFIC_POLICE, 2),
            step("Phê duyệt, in giấy phép lái xe", LEADER, TRAFFIC_LEADER, 2),
            deliver(),
        ),
    ),
    procedure(
        "1.013173",
        ROADS,
        "Đổi giấy phép lái xe hoặc bằng lái xe của nước ngoài cấp",
        levels=PROVINCE,
        authority="Công an cấp tỉnh (Phòng Cảnh sát giao thông)",
        limit=5,
        result="Giấy phép lái xe Việt Nam",
        online="partial",
        legal=ROAD_LAW,
        docs=(
            doc("Đơn đề nghị đổi giấy phép lái xe", ORIGINAL),
            doc("Bản dịch giấy phép lái xe nước ngoài ra tiếng Việt có chứng thực", CERTIFIED),
            doc("Hộ chiếu còn thời hạn", COPY),
            doc("Thẻ thường trú, thẻ tạm trú hoặc giấy tờ cư trú", COPY, when="Người đề nghị là người nước ngoài"),
        ),
        fees=(LICENCE_CHARGE,),
        steps=(
            receive(),
            step("Kiểm tra hồ sơ, xác minh tính hợp lệ của giấy phép nước ngoài", SPECIALIST, TRAFFIC_POLICE, 3),
            step("Phê duyệt, in giấy phép lái xe", LEADER, TRAFFIC_LEADER, 1),
            deliver(),
        ),
    ),
    procedure(
        "2.001914",
        EDUCATION,
        "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        levels=PROVINCE,
        authority=EDU_AUTHORITY,
        limit=1,
        same_day=True,
        result="Bản sao văn bằng, chứng chỉ từ sổ gốc",
        online="full",
        legal="Nghị định số 23/2015/NĐ-CP; Thông tư số 21/2019/TT-BGDĐT",
        note="Trong ngày làm việc; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo.",
        docs=(
            doc("Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc", ORIGINAL),
            doc("Giấy tờ tùy thân của người yêu cầu", SHOWN),
        ),
        fees=(fee("Phí cấp bản sao văn bằng, chứng chỉ từ sổ gốc, mỗi bản", 3000, per="bản"),),
        steps=same_day_flow(EDU_OFFICE, "Lãnh đạo Sở Giáo dục và Đào tạo"),
    ),
    procedure(
        "1.005092",
        EDUCATION,
        "Chỉnh sửa nội dung văn bằng, chứng chỉ",
        levels=PROVINCE,
        authority=EDU_AUTHORITY,
        limit=5,
        result="Quyết định chỉnh sửa văn bằng, chứng chỉ",
        online="partial",
        legal="Thông tư số 21/2019/TT-BGDĐT",
        docs=(
            doc("Đơn đề nghị chỉnh sửa văn bằng, chứng chỉ", ORIGINAL),
            doc("Văn bằng, chứng chỉ đề nghị chỉnh sửa", ORIGINAL),
            doc("Quyết định thay đổi, cải chính hộ tịch hoặc giấy khai sinh", CERTIFIED),
        ),
        steps=flow("3.5", EDU_OFFICE, "Lãnh đạo Sở Giáo dục và Đào tạo"),
    ),
    procedure(
        "1.006390",
        EDUCATION,
        "Chuyển trường đối với học sinh trung học phổ thông",
        levels=PROVINCE,
        authority="Hiệu trưởng trường trung học phổ thông; Sở Giáo dục và Đào tạo",
        limit=3,
        result="Giấy giới thiệu chuyển trường",
        online="full",
        legal="Thông tư số 50/2021/TT-BGDĐT",
        docs=(
            doc("Đơn xin chuyển trường của cha, mẹ hoặc người giám hộ", ORIGINAL),
            doc("Học bạ", ORIGINAL),
            doc("Giấy giới thiệu chuyển trường của trường nơi đi", ORIGINAL),
            doc("Hồ sơ học sinh điện tử trên cơ sở dữ liệu ngành", ELECTRONIC, when="Trường đã dùng học bạ số"),
        ),
        steps=(
            receive(),
            step("Xác nhận của trường nơi đi", SPECIALIST, "Trường trung học phổ thông nơi đi", 1, other=True),
            step("Tiếp nhận, xếp lớp tại trường nơi đến", LEADER, "Hiệu trưởng trường nơi đến", 1, other=True),
            deliver(),
        ),
    ),
    procedure(
        "1.002425",
        HEALTH,
        "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm",
        levels=PROVINCE,
        authority=HEALTH_AUTHORITY,
        limit=20,
        result="Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (hiệu lực 03 năm)",
        online="full",
        legal="Luật An toàn thực phẩm năm 2010; Nghị định số 15/2018/NĐ-CP; Thông tư số 67/2021/TT-BTC",
        docs=(
            doc("Đơn đề nghị cấp Giấy chứng nhận", ORIGINAL),
            doc("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ", ORIGINAL),
            doc("Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất, kinh doanh", COPY),
            doc("Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm", COPY),
        ),
        fees=(
            fee("Phí thẩm định cơ sở sản xuất thực phẩm nhỏ lẻ", 500000, group=1),
            fee("Phí thẩm định cơ sở sản xuất, kinh doanh thực phẩm khác", 2500000, group=1),
        ),
        steps=(
            receive(),
            step("Thẩm định hồ sơ", SPECIALIST, "Phòng Nghiệp vụ Dược – Sở Y tế", 5),
            step("Thành lập đoàn, thẩm định thực tế tại cơ sở", SPECIALIST, "Đoàn thẩm định – Sở Y tế", 10),
            step("Ký Giấy chứng nhận", LEADER, "Lãnh đạo Sở Y tế", 2),
            deliver(),
        ),
    ),
    procedure(
        "1.012271",
        HEALTH,
        "Cấp giấy phép hành nghề khám bệnh, chữa bệnh",
        levels=PROVINCE,
        authority=HEALTH_AUTHORITY,
        limit=30,
        unit=CD,
        result="Giấy phép hành nghề khám bệnh, chữa bệnh",
        online="full",
        legal="Luật Khám bệnh, chữa bệnh năm 2023; Nghị định số 96/2023/NĐ-CP; Thông tư số 59/2023/TT-BTC",
        docs=(
            doc("Đơn đề nghị cấp giấy phép hành nghề", ORIGINAL, template="Mẫu 01 Phụ lục I Nghị định 96/2023"),
            doc("Văn bằng chuyên môn phù hợp", CERTIFIED),
            doc("Giấy chứng nhận đủ sức khỏe để hành nghề", ORIGINAL),
            doc("Giấy xác nhận hoàn thành thực hành và kết quả kiểm tra đánh giá năng lực", COPY),
        ),
        fees=(fee("Phí thẩm định cấp giấy phép hành nghề khám bệnh, chữa bệnh", 360000),),
        steps=(
            receive(1),
            step("Thẩm định hồ sơ, lấy ý kiến Hội đồng chuyên môn", SPECIALIST, "Phòng Nghiệp vụ Y – Sở Y tế", 20),
            step("Ký giấy phép hành nghề", LEADER, "Lãnh đạo Sở Y tế", 5),
            deliver(1),
        ),
    ),
)
