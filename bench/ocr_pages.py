"""Scanned-looking Vietnamese administrative pages with their true text, for the OCR benchmark (bench/ocr.py).

Deterministic for a seed: page ``i`` of a set is the same whatever the set's size. Each page is one of three
templates (a residence declaration *tờ khai*, a birth certificate *giấy khai sinh*, a provincial decision
*quyết định*) filled with names, dates dd/mm/yyyy, ID numbers and addresses with full diacritics, typeset on
A4 in one of several fonts and sizes, rendered at 200, 250 or 300 dpi, then degraded like a counter scan:
slight skew, a little blur, Gaussian or salt-and-pepper noise. The conditions cycle with co-prime periods so
that even a handful of pages covers every dpi and every noise kind, and any 9 consecutive pages cover every
(dpi, noise) pair.

Writes ``page-NNN.png`` (greyscale, with its dpi) and ``page-NNN.txt`` (the text as typeset, one line per
printed line) and returns a description of each page.

    .venv/bin/python bench/ocr_pages.py OUT_DIR [--pages N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

A4_INCHES = (8.27, 11.69)
MARGINS_MM = (25, 20, 15, 20)  # left, top, right, bottom, as a decree-30 administrative document
DPIS = (200, 250, 300)
NOISES = ("none", "gaussian", "salt-pepper")
FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/dejavu"))
#: (label, file): several families and weights; the first that exist are used.
FONTS = (
    ("Noto Serif", "NotoSerif-Regular.ttf"),
    ("Noto Sans", "NotoSans-Regular.ttf"),
    ("Noto Serif Bold", "NotoSerif-Bold.ttf"),
    ("Noto Sans Mono", "NotoSansMono-Regular.ttf"),
    ("DejaVu Serif", "DejaVuSerif.ttf"),
    ("Noto Sans Italic", "NotoSans-Italic.ttf"),
)
SIZES_PT = (11, 12, 13, 14)


@dataclass(frozen=True)
class Page:
    index: int
    image: Path
    truth: Path
    template: str
    font: str
    size_pt: int
    dpi: int
    noise: str
    skew: float  # degrees, counter-clockwise
    blur: float  # Gaussian radius in pixels at the page's dpi (0: none)

    @property
    def skewed(self) -> bool:
        return self.skew != 0

    @property
    def blurred(self) -> bool:
        return self.blur > 0


def available_fonts() -> list[tuple[str, Path]]:
    found = []
    for label, name in FONTS:
        path = next((d / name for d in FONT_DIRS if (d / name).exists()), None)
        if path:
            found.append((label, path))
    if not found:
        raise SystemExit("no Noto or DejaVu font found under /usr/share/fonts/truetype")
    return found


def generate(out: Path, count: int, *, seed: int = 0) -> list[Page]:
    out.mkdir(parents=True, exist_ok=True)
    return [render_page(out, i, seed=seed) for i in range(count)]


def render_page(out: Path, index: int, *, seed: int) -> Page:
    rng = random.Random(f"{seed}:{index}")
    fonts = available_fonts()
    template = TEMPLATES[(index + 2 * (index // 3)) % len(TEMPLATES)]
    font_label, font_path = fonts[index % len(fonts)]
    dpi = DPIS[index % 3]
    noise = NOISES[(index + index // 3) % 3]
    skew = rng.choice((-1, 1)) * round(rng.uniform(1, 3), 1) if index % 2 else 0.0
    blur = round(rng.uniform(0.4, 0.9) * dpi / 200, 2) if index % 4 in (1, 2) else 0.0
    size_pt = rng.choice(SIZES_PT)

    lines = template(rng)
    image, printed = typeset(lines, font_path, size_pt, dpi)
    image = degrade(image, rng, noise=noise, skew=skew, blur=blur)
    stem = out / f"page-{index:03d}"
    image.save(stem.with_suffix(".png"), dpi=(dpi, dpi))
    stem.with_suffix(".txt").write_text("\n".join(printed) + "\n", encoding="utf-8")
    return Page(
        index=index,
        image=stem.with_suffix(".png"),
        truth=stem.with_suffix(".txt"),
        template=template.__name__,
        font=font_label,
        size_pt=size_pt,
        dpi=dpi,
        noise=noise,
        skew=skew,
        blur=blur,
    )


# --- typesetting ---------------------------------------------------------------------------------------------------

CENTER = "\x01"  # a line starting with this is centred (title blocks, signatures)


def typeset(lines: list[str], font_path: Path, size_pt: int, dpi: int) -> tuple[Image.Image, list[str]]:
    """The page as an 8-bit image, and the lines actually printed (wrapped, cut at the bottom margin)."""
    width, height = (round(inches * dpi) for inches in A4_INCHES)
    left, top, right, bottom = (round(mm / 25.4 * dpi) for mm in MARGINS_MM)
    font = ImageFont.truetype(str(font_path), round(size_pt * dpi / 72))
    leading = round(size_pt * 1.5 * dpi / 72)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    printed: list[str] = []
    y = top
    for raw in lines:
        centred = raw.startswith(CENTER)
        for line in wrap(raw.lstrip(CENTER), font, width - left - right):
            if y + leading > height - bottom:
                return image, printed
            if line:
                x = (width - font.getlength(line)) / 2 if centred else left
                draw.text((x, y), line, font=font, fill=0)
                printed.append(line)
            y += leading
    return image, printed


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    if not text:
        return [""]
    lines, current = [], ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current]


def degrade(image: Image.Image, rng: random.Random, *, noise: str, skew: float, blur: float) -> Image.Image:
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    # Paper is never quite white.
    image = image.point(lambda v: 12 + v * 232 // 255)
    if noise == "gaussian":
        # Uniform bytes through the inverse normal CDF: Gaussian noise (σ = 18 grey levels), seeded.
        inverse = statistics.NormalDist(0, 18).inv_cdf
        table = [max(0, min(255, round(128 + inverse((u + 0.5) / 256)))) for u in range(256)]
        grain = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height)).point(table)
        image = ImageChops.add(image, grain, scale=1.0, offset=-128)
    elif noise == "salt-pepper":
        # About 0.8% of the pixels black and 0.8% white.
        grain = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
        image.paste(0, mask=grain.point(lambda v: 255 if v < 2 else 0))
        image.paste(255, mask=grain.point(lambda v: 255 if v > 253 else 0))
    return image


# --- content -------------------------------------------------------------------------------------------------------

SURNAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Lương",
    "Mai",
)
MIDDLE_MALE = ("Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Xuân", "Công", "Đình", "Quang")
MIDDLE_FEMALE = ("Thị", "Ngọc", "Thu", "Thị Thanh", "Mỹ", "Thị Hồng", "Diệu", "Khánh", "Bích", "Thị Kiều")
GIVEN_MALE = (
    "Dũng",
    "Cường",
    "Hùng",
    "Tuấn",
    "Thắng",
    "Phúc",
    "Khải",
    "Sơn",
    "Trung",
    "Hiếu",
    "Đạt",
    "Lộc",
    "Việt",
    "Quyết",
    "Nghĩa",
    "Tường",
    "Khoa",
    "Vượng",
)
GIVEN_FEMALE = (
    "Hương",
    "Hằng",
    "Thủy",
    "Trang",
    "Quỳnh",
    "Yến",
    "Nhung",
    "Phượng",
    "Ánh",
    "Ngân",
    "Thảo",
    "Uyên",
    "Hạnh",
    "Huyền",
    "Loan",
    "Diệp",
    "Nguyệt",
)
PROVINCES = (
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Nghệ An", "Hà Tĩnh",
    "Thanh Hóa", "Quảng Ninh", "Lạng Sơn", "Điện Biên", "Sơn La", "Tuyên Quang", "Lào Cai", "Thái Nguyên",
    "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa",
    "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
CITIES = frozenset(("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"))
COMMUNES = (
    "xã Thạch Hà", "phường Hoàn Kiếm", "xã Đông Hưng", "phường Bến Thành", "xã Yên Thế", "phường Thủy Xuân",
    "xã Cẩm Xuyên", "phường Ngô Quyền", "xã Đức Thọ", "phường Vĩnh Yên", "xã Mường Thanh", "xã Hương Sơn",
    "phường Hải Châu", "xã Quỳnh Lưu", "phường Ninh Kiều", "xã Kỳ Anh", "xã Tiên Lữ", "phường Điện Biên",
)  # fmt: skip
STREETS = (
    "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Điện Biên Phủ", "Quang Trung", "Lý Thường Kiệt",
    "Phan Đình Phùng", "Nguyễn Huệ", "Hùng Vương", "Võ Nguyên Giáp", "Nguyễn Du", "Phạm Ngũ Lão", "Bà Triệu",
)  # fmt: skip
HAMLETS = ("Thôn Đông Hòa", "Tổ dân phố số 5", "Ấp Mỹ Lợi", "Xóm Bãi", "Bản Nà Sản", "Thôn Trung Tiến", "Khối 7")
JOBS = (
    "Giáo viên, Trường Tiểu học Kim Đồng",
    "Kỹ sư xây dựng, Công ty cổ phần Sông Đà",
    "Nhân viên bưu điện, Bưu điện tỉnh",
    "Nông dân, tự do",
    "Điều dưỡng, Bệnh viện đa khoa tỉnh",
    "Kế toán, Hợp tác xã nông nghiệp Thành Công",
    "Công nhân, Khu công nghiệp Vũng Áng",
)
RELATIONS = ("Vợ", "Chồng", "Con đẻ", "Cha đẻ", "Mẹ đẻ", "Cháu ruột", "Em ruột")
HOSPITALS = ("Bệnh viện Phụ sản Trung ương", "Bệnh viện đa khoa tỉnh", "Trạm y tế xã", "Bệnh viện Từ Dũ")
SUBJECTS = (
    ("công nhận kết quả số hóa hồ sơ, giấy tờ", "công nhận kết quả số hóa hồ sơ, giấy tờ của ông (bà)"),
    ("cấp Giấy phép xây dựng nhà ở riêng lẻ", "cấp Giấy phép xây dựng nhà ở riêng lẻ cho ông (bà)"),
    ("giao đất ở không thông qua đấu giá quyền sử dụng đất", "giao đất ở cho hộ ông (bà)"),
    ("hỗ trợ chi phí học tập năm học 2025 - 2026", "hỗ trợ chi phí học tập cho ông (bà)"),
)
DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def person(rng: random.Random, *, born: tuple[int, int] = (1955, 2004)) -> dict[str, Any]:
    male = rng.random() < 0.5
    middle = rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)
    name = f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN_MALE if male else GIVEN_FEMALE)}"
    birth = date(rng.randint(*born), 1, 1) + timedelta(days=rng.randrange(365))
    return {
        "name": name,
        "NAME": name.upper(),
        "born": birth.strftime("%d/%m/%Y"),
        "birth": birth,
        "year": str(birth.year),
        "sex": "Nam" if male else "Nữ",
        "title": "ông" if male else "bà",
        "id": f"0{rng.randint(1, 96):02d}{int(not male) + 2 * (birth.year >= 2000)}{birth.year % 100:02d}"
        f"{rng.randrange(10**6):06d}",
        "phone": f"0{rng.choice((3, 5, 7, 8, 9))}{rng.randrange(10**8):08d}",
    }


def address(rng: random.Random) -> str:
    if rng.random() < 0.5:
        street = f"Số {rng.randint(1, 299)}{rng.choice(('', '', '/12', 'A'))}, đường {rng.choice(STREETS)}"
    else:
        street = rng.choice(HAMLETS)
    return f"{street}, {rng.choice(COMMUNES)}, {unit(rng.choice(PROVINCES))}"


def unit(province: str) -> str:
    return f"thành phố {province}" if province in CITIES else f"tỉnh {province}"


def some_date(rng: random.Random, first: int = 2024, last: int = 2025) -> date:
    return date(first, 1, 1) + timedelta(days=rng.randrange(365 * (last - first + 1)))


def in_words(number: int) -> str:
    """Vietnamese reading of 0 ≤ number < 10,000, as written on a birth certificate."""
    if number < 10:
        return DIGITS[number]
    if number < 100:
        tens, unit = divmod(number, 10)
        head = "mười" if tens == 1 else f"{DIGITS[tens]} mươi"
        if unit == 0:
            return head
        word = {1: "mốt" if tens > 1 else "một", 4: "tư" if tens > 1 else "bốn", 5: "lăm"}.get(unit, DIGITS[unit])
        return f"{head} {word}"
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        tail = "" if rest == 0 else f" lẻ {DIGITS[rest]}" if rest < 10 else f" {in_words(rest)}"
        return f"{DIGITS[hundreds]} trăm{tail}"
    thousands, rest = divmod(number, 1000)
    if rest == 0:
        return f"{DIGITS[thousands]} nghìn"
    return f"{DIGITS[thousands]} nghìn {in_words(rest) if rest >= 100 else 'không trăm ' + in_words(rest)}"


def date_in_words(day: date) -> str:
    return f"Ngày {in_words(day.day)}, tháng {in_words(day.month)}, năm {in_words(day.year)}"


def heading(authority: str, place: str, signed: date, number: str = "") -> list[str]:
    lines = [authority]
    if number:
        lines.append(number)
    return [
        *lines,
        f"{CENTER}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"{CENTER}Độc lập - Tự do - Hạnh phúc",
        f"{place}, ngày {signed.day:02d} tháng {signed.month:02d} năm {signed.year}",
        "",
    ]


def to_khai(rng: random.Random) -> list[str]:
    """Tờ khai thay đổi thông tin cư trú (mẫu CT01)."""
    applicant, head = person(rng), person(rng, born=(1950, 1985))
    members = [person(rng, born=(1960, 2023)) for _ in range(rng.randint(1, 3))]
    signed = some_date(rng)
    commune = rng.choice(COMMUNES)
    return [
        *heading("Mẫu CT01 ban hành kèm theo Thông tư số 66/2023/TT-BCA", commune.split(" ", 1)[1], signed),
        f"{CENTER}TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
        f"Kính gửi: Công an {commune}",
        f"1. Họ, chữ đệm và tên: {applicant['NAME']}",
        f"2. Ngày, tháng, năm sinh: {applicant['born']}      3. Giới tính: {applicant['sex']}",
        f"4. Số định danh cá nhân: {applicant['id']}",
        f"5. Số điện thoại liên hệ: {applicant['phone']}",
        f"6. Nơi thường trú: {address(rng)}",
        f"7. Nơi tạm trú: {address(rng)}",
        f"8. Nơi ở hiện tại: {address(rng)}",
        f"9. Nghề nghiệp, nơi làm việc: {rng.choice(JOBS)}",
        f"10. Họ, chữ đệm và tên chủ hộ: {head['NAME']}      11. Quan hệ với chủ hộ: {rng.choice(RELATIONS)}",
        f"12. Số định danh cá nhân của chủ hộ: {head['id']}",
        f"13. Nội dung đề nghị: Đăng ký thường trú vào hộ gia đình ông (bà) {head['name']} tại địa chỉ "
        f"{address(rng)} kể từ ngày {some_date(rng).strftime('%d/%m/%Y')}.",
        "14. Những thành viên trong hộ gia đình cùng thay đổi:",
        *[
            f"{n}. {m['name']}, sinh ngày {m['born']}, giới tính {m['sex']}, số định danh cá nhân {m['id']}, "
            f"quan hệ với chủ hộ: {rng.choice(RELATIONS)}."
            for n, m in enumerate(members, 1)
        ],
        "Tôi xin cam đoan những nội dung khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật.",
        "",
        f"{CENTER}NGƯỜI KÊ KHAI",
        f"{CENTER}(Ký, ghi rõ họ tên)",
        f"{CENTER}{applicant['name']}",
    ]


def giay_khai_sinh(rng: random.Random) -> list[str]:
    """Giấy khai sinh (bản chính), with the date of birth also in words."""
    child, mother, father, declarant = (
        person(rng, born=(2020, 2025)),
        person(rng, born=(1985, 2000)),
        person(rng, born=(1980, 1998)),
        person(rng, born=(1975, 2000)),
    )
    registered = child["birth"] + timedelta(days=rng.randint(5, 55))
    commune, province = rng.choice(COMMUNES), rng.choice(PROVINCES)
    number = f"Số: {rng.randint(1, 480)}/{registered.year}      Quyển số: 01/{registered.year}"
    return [
        *heading(f"ỦY BAN NHÂN DÂN {commune.upper()}", commune.split(" ", 1)[1], registered, number),
        f"{CENTER}GIẤY KHAI SINH",
        f"Họ, chữ đệm, tên: {child['NAME']}",
        f"Ngày, tháng, năm sinh: {child['born']}",
        f"Ghi bằng chữ: {date_in_words(child['birth'])}",
        f"Giới tính: {child['sex']}      Dân tộc: Kinh      Quốc tịch: Việt Nam",
        f"Nơi sinh: {rng.choice(HOSPITALS)}, {address(rng)}",
        f"Quê quán: {rng.choice(COMMUNES)}, {unit(province)}",
        f"Số định danh cá nhân: {child['id']}",
        f"Họ, chữ đệm, tên người mẹ: {mother['NAME']}",
        f"Năm sinh: {mother['year']}      Dân tộc: Kinh      Quốc tịch: Việt Nam",
        f"Nơi cư trú: {address(rng)}",
        f"Họ, chữ đệm, tên người cha: {father['NAME']}",
        f"Năm sinh: {father['year']}      Dân tộc: Kinh      Quốc tịch: Việt Nam",
        f"Nơi cư trú: {address(rng)}",
        f"Họ, chữ đệm, tên người đi khai sinh: {declarant['name']}",
        f"Giấy tờ tùy thân: Căn cước công dân số {declarant['id']}, cấp ngày "
        f"{some_date(rng, 2016, 2023).strftime('%d/%m/%Y')}",
        f"Nơi đăng ký khai sinh: Ủy ban nhân dân {commune}, {unit(province)}",
        f"Ngày, tháng, năm đăng ký: {registered.strftime('%d/%m/%Y')}",
        "",
        f"{CENTER}NGƯỜI KÝ GIẤY KHAI SINH",
        f"{CENTER}(Ký, ghi rõ họ, chữ đệm, tên, chức vụ và đóng dấu)",
        f"{CENTER}Chủ tịch {person(rng)['name']}",
    ]


def quyet_dinh(rng: random.Random) -> list[str]:
    """Quyết định of a provincial People's Committee chair about one citizen."""
    citizen, signer = person(rng), person(rng, born=(1960, 1980))
    province = rng.choice(PROVINCES)
    signed = some_date(rng)
    subject, body = rng.choice(SUBJECTS)
    proposal = some_date(rng, signed.year, signed.year) - timedelta(days=rng.randint(3, 40))
    number = f"Số: {rng.randint(100, 3999)}/QĐ-UBND"
    return [
        *heading(f"ỦY BAN NHÂN DÂN {unit(province).upper()}", province, signed, number),
        f"{CENTER}QUYẾT ĐỊNH",
        f"{CENTER}Về việc {subject}",
        f"{CENTER}CHỦ TỊCH ỦY BAN NHÂN DÂN {unit(province).upper()}",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa, "
        "một cửa liên thông trong giải quyết thủ tục hành chính;",
        "Căn cứ Quyết định số 468/QĐ-TTg ngày 27 tháng 3 năm 2021 của Thủ tướng Chính phủ phê duyệt Đề án đổi mới "
        "việc thực hiện cơ chế một cửa, một cửa liên thông;",
        f"Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số {rng.randint(10, 999)}/TTr-SNV ngày "
        f"{proposal.strftime('%d/%m/%Y')}.",
        f"{CENTER}QUYẾT ĐỊNH:",
        f"Điều 1. {body.capitalize()} {citizen['name']}, sinh ngày {citizen['born']}, số định danh cá nhân "
        f"{citizen['id']}, nơi thường trú tại {address(rng)}.",
        f"Điều 2. Giao Sở Nội vụ phối hợp với Ủy ban nhân dân {rng.choice(COMMUNES)} hướng dẫn {citizen['title']} "
        f"{citizen['name']} thực hiện các thủ tục tiếp theo theo quy định; thời hạn hoàn thành trước ngày "
        f"{(signed + timedelta(days=rng.randint(20, 90))).strftime('%d/%m/%Y')}.",
        f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân {unit(province)}, "
        "Giám đốc các "
        f"sở, ngành liên quan và {citizen['title']} {citizen['name']} chịu trách nhiệm thi hành Quyết định này.",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Chủ tịch, các Phó Chủ tịch UBND;",
        "- Lưu: VT, NC.",
        f"{CENTER}KT. CHỦ TỊCH",
        f"{CENTER}PHÓ CHỦ TỊCH",
        f"{CENTER}{signer['name']}",
    ]


TEMPLATES = (to_khai, giay_khai_sinh, quyet_dinh)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=9)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for page in generate(args.out, args.pages, seed=args.seed):
        print(
            f"{page.image.name}: {page.template}, {page.font} {page.size_pt} pt, {page.dpi} dpi, {page.noise} noise, "
            f"skew {page.skew:+.1f}°, blur {page.blur:.2f} px"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
