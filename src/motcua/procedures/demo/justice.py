"""Chứng thực (certification, commune) and lý lịch tư pháp (criminal record, province).

Codes, fees and limits: best knowledge, unverified.
"""

from __future__ import annotations

from ._build import (
    CERTIFIED,
    COMMUNE,
    COMMUNE_LEADER,
    COPY,
    LEADER,
    ORIGINAL,
    PROVINCE,
    SHOWN,
    SPECIALIST,
    WH,
    deliver,
    doc,
    fee,
    if_asked,
    procedure,
    receive,
    same_day_flow,
    step,
)

CERTIFICATION = "CT"
RECORD = "LLTP"
OFFICER = "Công chức Tư pháp – Hộ tịch"
AUTHORITY = "Ủy ban nhân dân cấp xã"
LAW = "Nghị định số 23/2015/NĐ-CP; Thông tư số 01/2020/TT-BTP; Thông tư số 226/2016/TT-BTC"
SAME_DAY = (
    "Trong ngày cơ quan tiếp nhận yêu cầu hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ; "
    "có thể kéo dài khi yêu cầu chứng thực với số lượng lớn."
)
IDENTITY = doc("Giấy tờ tùy thân có ảnh của người yêu cầu (CCCD, hộ chiếu)", SHOWN)

PROCEDURES = (
    procedure(
        "2.000815",
        CERTIFICATION,
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
        levels=COMMUNE,
        authority=AUTHORITY,
        limit=1,
        same_day=True,
        result="Bản sao có chứng thực",
        online="partial",
        pickup=False,
        legal=LAW,
        note=SAME_DAY,
        docs=(
            doc("Bản chính giấy tờ, văn bản làm cơ sở chứng thực", SHOWN),
            doc("Bản sao cần chứng thực", COPY, when="Người yêu cầu tự mang bản sao đến"),
        ),
        fees=(
            fee(
                "Phí chứng thực bản sao từ bản chính: 2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, "
                "tối đa 200.000 đồng/bản",
                2000,
            ),
        ),
        steps=same_day_flow(OFFICER),
    ),
    procedure(
        "2.000908",
        CERTIFICATION,
        "Chứng thực chữ ký trong các giấy tờ, văn bản",
        levels=COMMUNE,
        authority=AUTHORITY,
        limit=1,
        same_day=True,
        result="Giấy tờ, văn bản đã được chứng thực chữ ký",
        pickup=False,
        legal=LAW,
        requirements="Người yêu cầu phải ký trước mặt người thực hiện chứng thực.",
        note=SAME_DAY,
        docs=(IDENTITY, doc("Giấy tờ, văn bản cần chứng thực chữ ký", ORIGINAL)),
        fees=(fee("Phí chứng thực chữ ký, mỗi trường hợp", 10000),),
        steps=same_day_flow(OFFICER),
    ),
    procedure(
        "2.000884",
        CERTIFICATION,
        "Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật",
        levels=COMMUNE,
        authority=AUTHORITY,
        limit=1,
        same_day=True,
        result="Bản dịch đã được chứng thực chữ ký người dịch",
        pickup=False,
        legal=LAW,
        note=SAME_DAY,
        docs=(
            IDENTITY,
            doc("Bản dịch đính kèm giấy tờ, văn bản cần dịch", ORIGINAL),
            doc("Bằng tốt nghiệp đại học trở lên chuyên ngành ngoại ngữ hoặc bằng cấp tương đương", CERTIFIED),
        ),
        fees=(fee("Phí chứng thực chữ ký người dịch, mỗi trường hợp", 10000),),
        steps=same_day_flow(OFFICER),
    ),
    procedure(
        "2.001035",
        CERTIFICATION,
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
        levels=COMMUNE,
        authority=AUTHORITY,
        limit=16,
        unit=WH,
        result="Hợp đồng, giao dịch đã được chứng thực",
        pickup=False,
        legal=LAW,
        requirements="Các bên giao kết phải ký trước mặt người thực hiện chứng thực.",
        note="02 ngày làm việc (16 giờ làm việc); có thể kéo dài theo thỏa thuận bằng văn bản với người yêu cầu.",
        docs=(
            doc("Dự thảo hợp đồng, giao dịch", ORIGINAL),
            doc("Giấy tờ tùy thân của các bên", COPY),
            doc("Giấy chứng nhận quyền sở hữu tài sản (đăng ký xe…)", CERTIFIED),
        ),
        fees=(fee("Phí chứng thực hợp đồng, giao dịch", 50000),),
        steps=(
            receive(2),
            step("Kiểm tra hồ sơ, chứng kiến ký, ghi sổ", SPECIALIST, OFFICER, 10),
            step("Ký chứng thực, đóng dấu", LEADER, COMMUNE_LEADER, 2),
            deliver(2),
        ),
    ),
    procedure(
        "2.000488",
        RECORD,
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        levels=PROVINCE,
        authority="Sở Tư pháp",
        limit=10,
        result="Phiếu lý lịch tư pháp số 1 hoặc số 2",
        online="full",
        legal="Luật Lý lịch tư pháp năm 2009; Nghị định số 111/2010/NĐ-CP; Thông tư số 244/2016/TT-BTC",
        note="Người đã cư trú ở nhiều nơi hoặc có thời gian cư trú ở nước ngoài: không quá 15 ngày.",
        docs=(
            doc("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", ORIGINAL, template="Mẫu số 03/2013/TT-LLTP"),
            doc("Giấy tờ tùy thân (CCCD, hộ chiếu)", COPY),
            doc("Văn bản ủy quyền", ORIGINAL, when="Ủy quyền yêu cầu cấp Phiếu số 1"),
            doc("Giấy tờ chứng minh thuộc đối tượng miễn, giảm phí", COPY, when="Người yêu cầu được miễn, giảm phí"),
        ),
        fees=(
            fee(
                "Phí cung cấp thông tin lý lịch tư pháp",
                200000,
                "Sinh viên, người có công với cách mạng, thân nhân liệt sĩ: 100.000 đồng. Miễn phí cho trẻ em, "
                "người cao tuổi, người khuyết tật, người thuộc hộ nghèo, người cư trú tại xã đặc biệt khó khăn.",
            ),
            if_asked(fee("Phí cấp từ Phiếu thứ 3 trở đi trong một lần yêu cầu, mỗi Phiếu", 5000, per="Phiếu")),
        ),
        steps=(
            receive(),
            step(
                "Tra cứu Cơ sở dữ liệu lý lịch tư pháp", SPECIALIST, "Phòng Hành chính tư pháp – Sở Tư pháp", 2, group=1
            ),
            step(
                "Tra cứu thông tin án tích tại cơ quan Công an",
                SPECIALIST,
                "Phòng Hồ sơ nghiệp vụ – Công an tỉnh",
                5,
                other=True,
                group=1,
            ),
            step("Lập Phiếu lý lịch tư pháp", SPECIALIST, "Phòng Hành chính tư pháp – Sở Tư pháp", "1.5"),
            step("Ký Phiếu lý lịch tư pháp", LEADER, "Lãnh đạo Sở Tư pháp", 1),
            deliver(),
        ),
    ),
)
