"""Demo curriculum (issue 12 item 10): a hand-written lesson and a bank of questions per stage, the material generated
from the demo's catalogue, and one exam per certified stage and field (docs/training.md).

The texts are demo content in Vietnamese, written from docs/stages.md (the stage catalogue's steps, slips and
checks) and docs/domain.md (fees, the postal steps of Circular 17/2017/TT-BTTTT, the 15:00 rule); like the demo
catalogue, they show the shape of real training and are not an official syllabus. ``training_load_demo`` is
idempotent: lessons by stage and title, questions by bank and name, exams by stage, field and title.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import translation

from motcua.procedures.models import Field, VersionStatus
from motcua.stages.models import Performer, Stage, StageCode
from motcua.stages.models import VersionStatus as CatalogueStatus

from .generated import material_generate
from .models import BlueprintRule, ExamBlueprint, Lesson, Question, QuestionBank, QuestionKind, TextFormat

S = StageCode

LESSONS: dict[str, tuple[str, str]] = {
    S.GUIDE: (
        "Hướng dẫn người dân chuẩn bị hồ sơ",
        "Người dân đến quầy bưu điện thường chưa biết mình cần thủ tục nào. Nhân viên bưu điện:\n\n"
        "1. Tìm đúng thủ tục trong danh mục **theo phiên bản đang công bố** (không dùng bản in cũ).\n"
        "2. Giải thích thành phần hồ sơ (giấy nào bắt buộc, giấy nào chỉ cần trong trường hợp nhất định, bản chính "
        "hay bản sao, bao nhiêu bản), phí và lệ phí, thời hạn giải quyết và các cách nhận kết quả (tại quầy hoặc "
        "qua bưu chính).\n"
        "3. In và giao **phiếu hướng dẫn** để người dân chuẩn bị hồ sơ đúng một lần.\n\n"
        "> Nêu đủ: thành phần hồ sơ, phí, lệ phí, thời hạn và cách nhận kết quả. Thiếu một mục là người dân phải "
        "đi lại.",
    ),
    S.RECEIVE: (
        "Tiếp nhận hồ sơ tại quầy",
        "1. Kiểm tra thành phần hồ sơ theo danh mục cơ quan có thẩm quyền đã công bố.\n"
        "2. Thiếu giấy tờ: hướng dẫn bổ sung bằng **phiếu yêu cầu bổ sung (mẫu 02)** hoặc từ chối bằng **phiếu từ "
        "chối tiếp nhận (mẫu 03)**. Hồ sơ bị từ chối không có mã hẹn và không tính thời hạn.\n"
        "3. Nhập thông tin người nộp (số định danh phải khớp ngày sinh), giấy tờ và cách nhận kết quả.\n"
        "4. Cấp mã hồ sơ, ngày hẹn và in **giấy tiếp nhận và hẹn trả kết quả (mẫu 01)**.\n\n"
        "Nhận sau 15 giờ với thủ tục giải quyết trong ngày thì hẹn trả trong ngày làm việc tiếp theo.",
    ),
    S.DIGITIZE: (
        "Số hóa hồ sơ",
        "1. Dùng lại giấy tờ đã có trong kho dữ liệu của người dân trước khi quét.\n"
        "2. Quét từng giấy tờ; khi quét cả tập thì đặt **tờ tách** giữa các giấy tờ.\n"
        "3. Kiểm tra số trang, độ rõ và chiều trang của bản quét.\n"
        "4. Ký số bản sao (PDF/A) và lưu vào hồ sơ và kho dữ liệu của người dân, đúng chủ sở hữu (số định danh) "
        "và đúng loại giấy tờ.",
    ),
    S.TRANSFER: (
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Gom hồ sơ trong ngày theo cơ quan giải quyết, in **biên bản bàn giao**, chuyển hồ sơ điện tử ngay; hồ sơ "
        "giấy được niêm phong. Hồ sơ nhận sau 15 giờ chuyển vào đầu ngày làm việc kế tiếp. Biên bản có chữ ký bên "
        "giao và bên nhận.",
    ),
    S.AGENCY_PROCESSING: (
        "Việc của cơ quan giải quyết (để tham khảo)",
        "Khâu này do công chức thực hiện: thẩm định, yêu cầu bổ sung (mẫu 02) hoặc nghĩa vụ tài chính qua bộ phận "
        "một cửa, phê duyệt và ký số. Trễ hạn thì cơ quan xin lỗi và hẹn lại bằng **mẫu 04**. Nhân viên bưu điện "
        "cần biết để trả lời người dân hỏi về tiến độ.",
    ),
    S.RETURN_COUNTER: (
        "Trả kết quả tại quầy",
        "1. Nhận kết quả và báo người dân đến nhận.\n"
        "2. Kiểm tra giấy tờ tùy thân của người nhận; người nhận thay phải có **giấy ủy quyền**.\n"
        "3. Thu phí, lệ phí còn thiếu.\n"
        "4. Người nhận ký nhận kết quả.",
    ),
    S.PICKUP: (
        "Thu gom hồ sơ tại nhà",
        "Theo Thông tư 17/2017/TT-BTTTT, điều 5:\n\n"
        "1. Kiểm tra giấy tờ theo danh mục đã công bố, hướng dẫn bổ sung.\n"
        "2. Lập **danh mục giấy tờ** (bản chính hay bản sao); bưu tá và người dân cùng ký.\n"
        "3. Đóng gói, niêm phong và ghi **số niêm phong**.\n"
        "4. Thu phí, lệ phí và cước; giao biên lai.\n"
        "5. Chuyển hồ sơ đến bộ phận một cửa; số niêm phong phải khớp; lập biên bản giao nhận.\n"
        "6. Mang giấy tiếp nhận (mẫu 01) trả người dân ở lần đến sau.",
    ),
    S.DELIVERY: (
        "Chuyển phát kết quả",
        "In nhãn và bảng kê, nhận kết quả từ bộ phận một cửa. Khi phát: kiểm tra giấy tờ tùy thân, giấy ủy quyền "
        "nếu nhận thay, thu phí còn thiếu và cước, người nhận ký nhận. Phát không được sau số lần quy định: chuyển "
        "kết quả về bộ phận trả kết quả và báo người dân.",
    ),
    S.FEES: (
        "Thu phí, lệ phí",
        "Các dòng phí của một thủ tục **không bao giờ cộng dồn máy móc**:\n\n"
        "- dòng đứng riêng luôn áp dụng (một lần, hoặc theo số bản nếu tính theo đơn vị);\n"
        "- các dòng cùng **nhóm phương án**: chỉ một dòng áp dụng, chọn khi tiếp nhận theo trường hợp người nộp;\n"
        "- dòng **tùy chọn** (ví dụ bản sao trích lục 8.000 ₫ mỗi bản) chỉ thu khi người dân yêu cầu;\n"
        "- người được **miễn** phải có lý do được ghi lại.\n\n"
        "Thu tiền, giao biên lai; cuối ngày đối soát, số thu phải khớp số nộp về cơ quan. Cước bưu chính là khoản "
        "riêng, không phải lệ phí.",
    ),
}

# (stage, question, right answer, wrong answers): single choice; (stage, statement, True/False): true or false.
CHOICES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        S.GUIDE,
        "Nhân viên hướng dẫn theo phiên bản nào của thủ tục?",
        "Phiên bản đang công bố",
        ("Bản in lần trước còn ở quầy", "Phiên bản người dân mang theo", "Phiên bản nháp mới nhất"),
    ),
    (
        S.GUIDE,
        "Sau khi hướng dẫn, nhân viên giao cho người dân giấy gì?",
        "Phiếu hướng dẫn thực hiện thủ tục",
        ("Giấy tiếp nhận (mẫu 01)", "Phiếu từ chối (mẫu 03)", "Biên bản bàn giao"),
    ),
    (
        S.RECEIVE,
        "Hồ sơ thiếu giấy tờ bắt buộc mà người dân có thể bổ sung: dùng mẫu nào?",
        "Mẫu 02",
        ("Mẫu 01", "Mẫu 03", "Mẫu 04"),
    ),
    (S.RECEIVE, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả là mẫu số mấy?", "Mẫu 01", ("Mẫu 02", "Mẫu 05", "Mẫu 07")),
    (S.RECEIVE, "Từ chối tiếp nhận hồ sơ thì in mẫu nào?", "Mẫu 03", ("Mẫu 01", "Mẫu 02", "Mẫu 06")),
    (
        S.RECEIVE,
        "Thủ tục giải quyết trong ngày, hồ sơ nhận lúc 16 giờ: hẹn trả khi nào?",
        "Trong ngày làm việc tiếp theo",
        ("Ngay 17 giờ cùng ngày", "Sau ba ngày làm việc", "Tùy người nộp chọn"),
    ),
    (
        S.DIGITIZE,
        "Trước khi quét một giấy tờ, việc đầu tiên là gì?",
        "Tìm giấy tờ đó trong kho dữ liệu để dùng lại",
        ("Ký số bản quét", "Đóng dấu lên bản chính", "In bản sao"),
    ),
    (
        S.DIGITIZE,
        "Quét cả tập nhiều giấy tờ một lần thì đặt gì giữa các giấy tờ?",
        "Tờ tách",
        ("Giấy than", "Bìa hồ sơ", "Không cần gì"),
    ),
    (S.DIGITIZE, "Bản sao điện tử được lưu ở định dạng nào?", "PDF/A có chữ ký số", ("JPEG", "Word", "PNG")),
    (
        S.TRANSFER,
        "Khi bàn giao hồ sơ giấy cho cơ quan giải quyết cần lập giấy gì?",
        "Biên bản bàn giao hồ sơ",
        ("Phiếu hướng dẫn", "Giấy ủy quyền", "Mẫu 04"),
    ),
    (
        S.TRANSFER,
        "Hồ sơ tiếp nhận sau 15 giờ được chuyển khi nào?",
        "Đầu ngày làm việc kế tiếp",
        ("Ngay lập tức bằng giấy", "Cuối tuần", "Khi cơ quan gọi"),
    ),
    (
        S.AGENCY_PROCESSING,
        "Cơ quan trễ hạn giải quyết thì gửi người dân mẫu nào?",
        "Mẫu 04 (xin lỗi và hẹn lại)",
        ("Mẫu 01", "Mẫu 03", "Mẫu 07"),
    ),
    (
        S.RETURN_COUNTER,
        "Người nhận kết quả thay người nộp phải xuất trình thêm gì?",
        "Giấy ủy quyền",
        ("Giấy khai sinh", "Sổ hộ khẩu", "Không cần gì"),
    ),
    (
        S.RETURN_COUNTER,
        "Ở khâu trả kết quả tại quầy, việc nào đúng?",
        "Thu phí, lệ phí còn thiếu rồi cho ký nhận",
        ("Giao kết quả cho bất kỳ ai có giấy hẹn", "Miễn kiểm tra giấy tờ tùy thân", "Giữ lại bản chính kết quả"),
    ),
    (
        S.PICKUP,
        "Thu gom tại nhà: danh mục giấy tờ do ai ký?",
        "Bưu tá và người dân",
        ("Chỉ bưu tá", "Chỉ người dân", "Lãnh đạo cơ quan"),
    ),
    (
        S.PICKUP,
        "Đến bộ phận một cửa, nhân viên kiểm tra gì trên phong bì trước khi tiếp nhận?",
        "Số niêm phong khớp số đã ghi",
        ("Màu phong bì", "Trọng lượng", "Tên bưu cục"),
    ),
    (
        S.PICKUP,
        "Giấy tiếp nhận (mẫu 01) của hồ sơ thu gom tại nhà đến tay người dân thế nào?",
        "Bưu tá mang trả ở lần đến sau",
        ("Người dân tự in", "Không có giấy tiếp nhận", "Gửi cho cơ quan giải quyết"),
    ),
    (
        S.DELIVERY,
        "Phát kết quả không được sau số lần quy định thì làm gì?",
        "Chuyển về bộ phận trả kết quả và báo người dân",
        ("Hủy kết quả", "Gửi lại cơ quan ký mới", "Giữ ở bưu tá"),
    ),
    (
        S.DELIVERY,
        "Khi phát kết quả, bưu tá thu những khoản nào còn thiếu?",
        "Phí, lệ phí còn thiếu và cước",
        ("Chỉ cước", "Không thu gì", "Tiền đặt cọc"),
    ),
    (
        S.FEES,
        "Hai dòng lệ phí cùng một nhóm phương án: thu thế nào?",
        "Chỉ thu một dòng theo trường hợp người nộp",
        ("Thu cả hai", "Thu dòng cao hơn", "Không thu dòng nào"),
    ),
    (
        S.FEES,
        "Dòng phí tùy chọn (bản sao trích lục) thu khi nào?",
        "Chỉ khi người dân yêu cầu",
        ("Luôn luôn", "Khi hồ sơ quá hạn", "Khi người dân được miễn"),
    ),
    (
        S.FEES,
        "Ghi nhận người nộp được miễn lệ phí cần gì?",
        "Lý do miễn được ghi lại",
        ("Chữ ký lãnh đạo bưu điện", "Không cần gì", "Ảnh chụp người nộp"),
    ),
)

TRUE_FALSE: tuple[tuple[str, str, bool], ...] = (
    (S.GUIDE, "Phiếu hướng dẫn nêu thành phần hồ sơ, phí, lệ phí, thời hạn và cách nhận kết quả.", True),
    (
        S.GUIDE,
        "Nhân viên bưu điện có thể hướng dẫn theo danh mục giấy tờ đã thôi áp dụng nếu người dân quen dùng.",
        False,
    ),
    (S.RECEIVE, "Hồ sơ bị từ chối tiếp nhận vẫn được cấp ngày hẹn trả kết quả.", False),
    (S.RECEIVE, "Số định danh của người nộp phải khớp ngày sinh đã nhập.", True),
    (S.DIGITIZE, "Bản quét mờ, thiếu trang vẫn được ký số nếu hồ sơ gấp.", False),
    (S.DIGITIZE, "Giấy tờ số hóa phải lưu đúng chủ sở hữu (số định danh) và đúng loại giấy tờ.", True),
    (S.TRANSFER, "Biên bản bàn giao cần chữ ký của cả bên giao và bên nhận.", True),
    (S.RETURN_COUNTER, "Người nhận kết quả không cần xuất trình giấy tờ tùy thân nếu có giấy hẹn.", False),
    (S.PICKUP, "Danh mục giấy tờ đã ký bị sửa sau đó thì không còn khớp chữ ký và không được tiếp nhận.", True),
    (S.PICKUP, "Bưu tá thu phí, lệ phí và cước khi thu gom, và giao biên lai cho người dân.", True),
    (S.DELIVERY, "Người nhận thay kết quả phải nêu quan hệ với người nộp và xuất trình giấy ủy quyền.", True),
    (S.FEES, "Cước bưu chính và lệ phí thủ tục là hai khoản riêng, đều phải đối soát.", True),
    (S.FEES, "Dòng phí tùy chọn được thu mặc định để tránh thiếu tiền.", False),
)

EXAM_QUESTIONS_PER_BANK = 5
PASS_MARK = 80
MINUTES = 20
ATTEMPTS = 3


def _bank(stage_code: str) -> QuestionBank:
    bank, _created = QuestionBank.objects.get_or_create(
        name=f"Kiến thức khâu – {StageCode(stage_code).label} ({stage_code})",
        defaults={"stage_code": stage_code, "description": "Câu hỏi soạn tay về khâu, cho mọi lĩnh vực (dữ liệu mẫu)."},
    )
    return bank


def _question(bank: QuestionBank, index: int, kind: str, text: str, data: dict) -> bool:
    _question_row, created = Question.objects.update_or_create(
        bank=bank,
        name=f"demo-{bank.stage_code}-{index}",
        defaults={"kind": kind, "text": text, "text_format": TextFormat.PLAIN, "data": data, "active": True},
    )
    return created


def _hand_written() -> tuple[int, int]:
    lessons = questions = 0
    for order, (stage_code, (title, body)) in enumerate(LESSONS.items(), start=1):
        _lesson, created = Lesson.objects.update_or_create(
            stage_code=stage_code,
            field=None,
            title=title,
            generated_key=None,
            defaults={"body": body, "order": order, "published": True},
        )
        lessons += created
    counters: dict[str, int] = {}
    for stage_code, text, right, wrong in CHOICES:
        counters[stage_code] = counters.get(stage_code, 0) + 1
        choices = [{"text": right, "fraction": 1, "feedback": ""}]
        choices += [{"text": other, "fraction": 0, "feedback": ""} for other in wrong]
        questions += _question(_bank(stage_code), counters[stage_code], QuestionKind.SINGLE, text, {"choices": choices})
    for stage_code, text, answer in TRUE_FALSE:
        counters[stage_code] = counters.get(stage_code, 0) + 1
        data = {"answer": answer, "feedback_right": "", "feedback_wrong": ""}
        questions += _question(_bank(stage_code), counters[stage_code], QuestionKind.TRUE_FALSE, text, data)
    return lessons, questions


def _certified_stages() -> list[str]:
    """The stages postal staff perform (the ones certified), in the catalogue's order."""
    published = Stage.objects.filter(version__status=CatalogueStatus.PUBLISHED)
    codes = set(published.filter(performer=Performer.POSTAL_STAFF, reference_only=False).values_list("code", flat=True))
    return [code for code in StageCode.values if code in codes] or [S.GUIDE, S.RECEIVE]


def _blueprints() -> int:
    created = 0
    fields = Field.objects.filter(procedures__versions__status=VersionStatus.PUBLISHED).distinct().order_by("code")
    for field in fields:
        for stage_code in _certified_stages():
            banks = [_bank(stage_code)]
            banks += list(QuestionBank.objects.filter(stage_code=stage_code, field=field).order_by("pk"))
            sizes = [(bank, bank.questions.filter(active=True).count()) for bank in banks]
            sizes = [(bank, size) for bank, size in sizes if size > 0]
            if not sizes:
                continue
            blueprint, made = ExamBlueprint.objects.get_or_create(
                stage_code=stage_code,
                field=field,
                title=f"Sát hạch {StageCode(stage_code).label} – {field.name}",
                defaults={"time_limit_minutes": MINUTES, "pass_mark_percent": PASS_MARK, "max_attempts": ATTEMPTS},
            )
            created += made
            for order, (bank, size) in enumerate(sizes, start=1):
                BlueprintRule.objects.update_or_create(
                    blueprint=blueprint,
                    bank=bank,
                    defaults={"count": min(EXAM_QUESTIONS_PER_BANK, size), "order": order},
                )
    return created


@transaction.atomic
def training_load_demo() -> dict[str, int]:
    """Load (or bring up to date) the demo curriculum; a second run creates nothing. Names are Vietnamese whatever
    the caller's language, so a second run finds the same banks."""
    with translation.override("vi"):
        lessons, questions = _hand_written()
        generated = material_generate()
        blueprints = _blueprints()
    return {
        "training_lessons_created": lessons,
        "training_questions_created": questions,
        "training_generated_questions_created": generated.questions_created,
        "training_blueprints_created": blueprints,
    }
