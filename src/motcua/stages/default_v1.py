"""Version 1 of the stage catalogue, loaded published by migration 0002 (docs/stages.md).

Frozen: the migration reads it, so a change here would change what a fresh database starts with but not the
databases already migrated. Change the catalogue by copying the published version into a draft (admin, or the
workbook import) and publishing it.

Sources, by stage, are in docs/domain.md: "Who does what: postal staff and the agency" (Decision 45/2016/QĐ-TTg:
the post checks completeness, guides, receives, collects fees), "The postal steps of a home pickup and a delivery"
(Circular 17/2017/TT-BTTTT, art. 5), "Lifecycle and national codes" and "Deadlines and verdicts" (Decree
118/2025/NĐ-CP, transfer the same day), "Official papers" (forms 01–07 of Circular 03/2025/TT-VPCP, Annex I),
"Fees and postage", "Shared rules" (digitization at reception). The time standards are motcua's defaults, to be
calibrated with the measured durations (``stages.measure``); only reception's 15 minutes has a public source
(Decision 468/QĐ-TTg, 2021: a citizen waits at most 15 minutes).
"""

from __future__ import annotations

from .specs import EventSpec, StageSpec, StepSpec

POSTAL, CIVIL, CITIZEN = "postal_staff", "civil_servant", "citizen"


def _steps(*rows: tuple[str, str, str]) -> tuple[StepSpec, ...]:
    return tuple(StepSpec(order=i, actor=actor, text_vi=vi, text_en=en) for i, (actor, vi, en) in enumerate(rows, 1))


def _events(start: tuple[tuple[str, str], ...], end: tuple[tuple[str, str], ...]) -> tuple[EventSpec, ...]:
    return tuple(EventSpec("start", i, kind, name) for i, (kind, name) in enumerate(start, 1)) + tuple(
        EventSpec("end", i, kind, name) for i, (kind, name) in enumerate(end, 1)
    )


STAGES: tuple[StageSpec, ...] = (
    StageSpec(
        code="guide",
        name_vi="Hướng dẫn thực hiện thủ tục",
        name_en="Guidance on the procedure",
        performer=POSTAL,
        sort_order=1,
        time_standard_minutes=5,
        inputs=("Yêu cầu của người dân", "Danh mục thủ tục hành chính đã công bố"),
        outputs=("Phiếu hướng dẫn thực hiện thủ tục hành chính",),
        quality_checks=(
            "Đúng thủ tục người dân cần, theo phiên bản đang công bố",
            "Nêu đủ thành phần hồ sơ, phí, lệ phí, thời hạn và cách nhận kết quả",
        ),
        slips=("guidance",),
        indicators=("transparency", "satisfaction"),
        steps=_steps(
            (
                POSTAL,
                "Tìm thủ tục người dân cần trong danh mục",
                "Find the procedure the citizen needs in the catalogue",
            ),
            (
                POSTAL,
                "Giải thích thành phần hồ sơ, phí, lệ phí, thời hạn giải quyết và cách nhận kết quả",
                "Explain the papers, fees, time limit and the ways to receive the result",
            ),
            (POSTAL, "In và giao phiếu hướng dẫn", "Print and hand over the guidance slip"),
            (CITIZEN, "Chuẩn bị hồ sơ theo phiếu hướng dẫn", "Prepare the dossier as the slip says"),
        ),
    ),
    StageSpec(
        code="receive",
        name_vi="Tiếp nhận hồ sơ",
        name_en="Reception of the dossier",
        performer=POSTAL,
        sort_order=2,
        time_standard_minutes=15,
        inputs=("Hồ sơ giấy của người dân", "Giấy tờ tùy thân của người nộp"),
        outputs=(
            "Hồ sơ có mã và ngày hẹn trả kết quả",
            "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01)",
            "Hoặc phiếu yêu cầu bổ sung (mẫu 02) hay phiếu từ chối tiếp nhận (mẫu 03)",
        ),
        quality_checks=(
            "Đủ thành phần hồ sơ bắt buộc theo danh mục đã công bố",
            "Số định danh khớp ngày sinh; ngày sinh hợp lệ",
            "Mã hồ sơ và ngày hẹn in trên giấy tiếp nhận",
        ),
        slips=("01", "02", "03"),
        indicators=("transparency", "progress", "satisfaction"),
        steps=_steps(
            (
                POSTAL,
                "Kiểm tra thành phần hồ sơ theo danh mục cơ quan có thẩm quyền đã công bố",
                "Check the papers against the list the competent agency published",
            ),
            (
                POSTAL,
                "Thiếu giấy tờ: hướng dẫn bổ sung (mẫu 02) hoặc từ chối tiếp nhận (mẫu 03)",
                "Papers missing: guide the applicant to supplement (form 02) or refuse (form 03)",
            ),
            (
                POSTAL,
                "Nhập thông tin người nộp, giấy tờ và cách nhận kết quả",
                "Enter the applicant, the papers and how the result will be returned",
            ),
            (
                POSTAL,
                "Cấp mã hồ sơ, ngày hẹn và in giấy tiếp nhận (mẫu 01)",
                "Give the dossier code and appointment and print the receipt (form 01)",
            ),
            (CITIZEN, "Kiểm tra và nhận giấy tiếp nhận", "Check and take the receipt"),
        ),
        events=_events((), (("dossier", "receive"),)),
    ),
    StageSpec(
        code="digitize",
        name_vi="Số hóa hồ sơ",
        name_en="Digitization of the dossier",
        performer=POSTAL,
        sort_order=3,
        time_standard_minutes=2,
        time_basis="page",
        inputs=("Giấy tờ của hồ sơ đã tiếp nhận",),
        outputs=(
            "Bản sao điện tử PDF/A có chữ ký số của điểm tiếp nhận",
            "Giấy tờ lưu vào kho dữ liệu của người dân để dùng lại",
        ),
        quality_checks=(
            "Đủ trang, đọc được, đúng chiều",
            "Đúng chủ sở hữu (số định danh) và loại giấy tờ",
            "Chữ ký số của bản sao hợp lệ",
        ),
        indicators=("digitization",),
        steps=_steps(
            (
                POSTAL,
                "Dùng lại giấy tờ đã có trong kho dữ liệu của người dân",
                "Reuse papers already in the citizen's data store",
            ),
            (
                POSTAL,
                "Quét từng giấy tờ, đặt tờ tách giữa các giấy tờ khi quét cả tập",
                "Scan each paper, with a separator sheet between papers when scanning a batch",
            ),
            (POSTAL, "Kiểm tra số trang và chất lượng bản quét", "Check the page count and the quality of the scan"),
            (
                POSTAL,
                "Ký số bản sao và lưu vào hồ sơ, kho dữ liệu",
                "Sign the copy and store it on the dossier and in the data store",
            ),
        ),
    ),
    StageSpec(
        code="transfer",
        name_vi="Chuyển hồ sơ đến cơ quan giải quyết",
        name_en="Transfer to the competent agency",
        performer=POSTAL,
        sort_order=4,
        time_standard_minutes=3,
        inputs=("Hồ sơ đã tiếp nhận trong ngày",),
        outputs=("Biên bản bàn giao hồ sơ", "Hồ sơ đang giải quyết tại cơ quan"),
        quality_checks=(
            "Hồ sơ điện tử chuyển ngay; tiếp nhận sau 15 giờ chuyển đầu ngày làm việc kế tiếp",
            "Biên bản bàn giao có chữ ký bên giao và bên nhận",
        ),
        slips=("handover", "06"),
        indicators=("progress",),
        steps=_steps(
            (POSTAL, "Gom hồ sơ trong ngày theo cơ quan giải quyết", "Group the day's dossiers by competent agency"),
            (POSTAL, "In biên bản bàn giao hồ sơ", "Print the hand-over list"),
            (
                POSTAL,
                "Chuyển hồ sơ điện tử; niêm phong và chuyển hồ sơ giấy",
                "Send the electronic dossiers; seal and carry the paper ones",
            ),
            (
                CIVIL,
                "Cán bộ cơ quan kiểm tra theo biên bản và ký nhận",
                "The agency's officer checks against the list and signs for it",
            ),
        ),
        events=_events((("dossier", "receive"),), (("dossier", "transfer"),)),
    ),
    StageSpec(
        code="agency_processing",
        name_vi="Giải quyết tại cơ quan có thẩm quyền",
        name_en="Processing at the competent agency",
        performer=CIVIL,
        sort_order=5,
        time_standard_minutes=0,
        reference_only=True,
        inputs=("Hồ sơ đã chuyển đến cơ quan",),
        outputs=("Kết quả có chữ ký số của cơ quan, hoặc văn bản không giải quyết",),
        quality_checks=(
            "Xong trước ngày hẹn; không quá một lần yêu cầu bổ sung trong khi giải quyết",
            "Trễ hạn: xin lỗi và hẹn lại (mẫu 04) ít nhất một ngày làm việc trước hạn",
        ),
        slips=("02", "04", "05", "06"),
        indicators=("progress", "digitization"),
        steps=_steps(
            (CIVIL, "Chuyên viên thẩm định hồ sơ theo quy trình nội bộ", "The specialist appraises the dossier"),
            (
                CIVIL,
                "Yêu cầu bổ sung (mẫu 02) hoặc nghĩa vụ tài chính qua bộ phận một cửa khi cần",
                "Ask, through the one-stop, for a supplement (form 02) or a financial obligation when needed",
            ),
            (
                CIVIL,
                "Lãnh đạo phê duyệt và ký số kết quả, hoặc không giải quyết",
                "The leader approves and signs the result, or does not approve",
            ),
            (
                CIVIL,
                "Chuyển kết quả về bộ phận trả kết quả hoặc giao bưu chính",
                "Send the result to the counter or hand it to the post",
            ),
        ),
        events=_events(
            (("dossier", "transfer"),),
            (("dossier", "approve"), ("dossier", "reject"), ("dossier", "stop"), ("dossier", "withdraw")),
        ),
    ),
    StageSpec(
        code="return_counter",
        name_vi="Trả kết quả tại quầy",
        name_en="Return of the result at the counter",
        performer=POSTAL,
        sort_order=6,
        time_standard_minutes=5,
        inputs=("Kết quả cơ quan chuyển về bộ phận trả kết quả", "Giấy tiếp nhận và hẹn trả kết quả (mẫu 01)"),
        outputs=("Kết quả đã trao, người nhận ký nhận",),
        quality_checks=(
            "Đúng người nhận: số định danh, giấy tờ tùy thân đã kiểm tra",
            "Người nhận thay có giấy ủy quyền",
            "Thu đủ phí, lệ phí còn thiếu",
        ),
        slips=("07",),
        indicators=("progress", "satisfaction"),
        steps=_steps(
            (POSTAL, "Nhận kết quả và báo người dân đến nhận", "Take in the result and tell the applicant"),
            (
                POSTAL,
                "Kiểm tra giấy tờ tùy thân của người nhận, giấy ủy quyền nếu nhận thay",
                "Check the collector's identity paper, and the authorisation of someone else",
            ),
            (POSTAL, "Thu phí, lệ phí còn thiếu", "Collect any fees still owed"),
            (CITIZEN, "Ký nhận kết quả", "Sign for the result"),
        ),
        events=_events(
            (("dossier", "send_result_to_counter"), ("dossier", "return_to_counter")),
            (("dossier", "return_result"),),
        ),
    ),
    StageSpec(
        code="pickup",
        name_vi="Thu gom hồ sơ tại nhà",
        name_en="Home pickup of the dossier",
        performer=POSTAL,
        sort_order=7,
        time_standard_minutes=20,
        inputs=("Đơn đặt lịch thu gom: thủ tục, địa chỉ, khung giờ",),
        outputs=(
            "Danh mục giấy tờ có chữ ký của bưu tá và người dân",
            "Biên lai phí, lệ phí và cước",
            "Hồ sơ niêm phong, biên bản giao nhận tại bộ phận một cửa",
        ),
        quality_checks=(
            "Đủ giấy tờ bắt buộc; danh mục khớp chữ ký",
            "Số niêm phong đọc trên phong bì khớp số đã ghi",
            "Giấy tiếp nhận (mẫu 01) mang trả người dân",
        ),
        slips=("01",),
        indicators=("satisfaction", "payment"),
        steps=_steps(
            (
                POSTAL,
                "Kiểm tra giấy tờ theo danh mục đã công bố, hướng dẫn bổ sung",
                "Check the papers against the published list, guide what is missing",
            ),
            (
                POSTAL,
                "Lập danh mục giấy tờ (bản chính hay bản sao); hai bên ký trên màn hình",
                "List the papers (original or copy); both sign on the screen",
            ),
            (POSTAL, "Đóng gói, niêm phong và ghi số niêm phong", "Pack, seal and record the seal number"),
            (POSTAL, "Thu phí, lệ phí và cước; giao biên lai", "Collect fees and postage; give the receipt"),
            (
                POSTAL,
                "Chuyển hồ sơ đến bộ phận một cửa; lập biên bản giao nhận",
                "Carry the dossier to the one-stop; sign the hand-over record",
            ),
            (
                POSTAL,
                "Mang giấy tiếp nhận (mẫu 01) trả người dân ở lần đến sau",
                "Bring the receipt (form 01) back to the applicant on the next visit",
            ),
        ),
        events=_events((("postal", "booked"),), (("postal", "handed_over"),)),
    ),
    StageSpec(
        code="delivery",
        name_vi="Chuyển phát kết quả",
        name_en="Delivery of the result",
        performer=POSTAL,
        sort_order=8,
        time_standard_minutes=15,
        inputs=("Kết quả cơ quan giao bưu chính", "Địa chỉ nhận kết quả người dân đã chọn"),
        outputs=("Kết quả đã phát, người nhận ký nhận", "Hoặc kết quả chuyển về bộ phận trả kết quả"),
        quality_checks=(
            "Đúng người nhận: số định danh, giấy tờ tùy thân đã kiểm tra",
            "Người nhận thay có giấy ủy quyền",
            "Phát không được sau số lần quy định: chuyển về quầy và báo người dân",
        ),
        indicators=("progress", "satisfaction"),
        steps=_steps(
            (
                POSTAL,
                "In nhãn và bảng kê, nhận kết quả từ bộ phận một cửa",
                "Print the label and manifest, take the result",
            ),
            (
                POSTAL,
                "Bưu tá phát: kiểm tra giấy tờ tùy thân, giấy ủy quyền nếu nhận thay",
                "The postman delivers: checks the identity paper and any authorisation",
            ),
            (POSTAL, "Thu phí, lệ phí còn thiếu và cước", "Collect fees still owed and the postage"),
            (CITIZEN, "Ký nhận kết quả", "Sign for the result"),
            (
                POSTAL,
                "Phát không được: chuyển kết quả về bộ phận trả kết quả",
                "Not delivered: bring the result back to the counter",
            ),
        ),
        events=_events((("postal", "created"),), (("postal", "delivered"), ("postal", "returned_to_counter"))),
    ),
    StageSpec(
        code="fees",
        name_vi="Thu phí, lệ phí và nghĩa vụ tài chính",
        name_en="Fees, charges and financial obligations",
        performer=POSTAL,
        sort_order=9,
        time_standard_minutes=3,
        inputs=("Các dòng phí, lệ phí của thủ tục", "Trường hợp của người nộp (miễn, giảm, số bản)"),
        outputs=("Biên lai thu", "Số tiền đối soát hằng ngày và nộp về cơ quan"),
        quality_checks=(
            "Chỉ thu một dòng trong nhóm phương án; không thu dòng tùy chọn khi không yêu cầu",
            "Miễn, giảm có lý do được ghi",
            "Số thu trong ngày khớp số nộp về cơ quan",
        ),
        slips=("01",),
        indicators=("payment",),
        steps=_steps(
            (
                POSTAL,
                "Báo các dòng phí áp dụng: chọn phương án, dòng tùy chọn, miễn giảm",
                "Quote the lines that apply: the alternative, optional lines, exemptions",
            ),
            (POSTAL, "Thu tiền và giao biên lai", "Take the money and give a receipt"),
            (
                POSTAL,
                "Ghi nhận nghĩa vụ tài chính đã thực hiện khi cơ quan yêu cầu",
                "Record a financial obligation met when the agency asked for one",
            ),
            (POSTAL, "Đối soát trong ngày và nộp tiền về cơ quan", "Reconcile the day and remit to the agency"),
        ),
        events=_events((("dossier", "request_obligation"),), (("dossier", "meet_obligation"),)),
    ),
)
