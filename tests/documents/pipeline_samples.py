"""Inputs for the digitization tests, made on the fly: scanned-looking pages with Vietnamese text."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf"
LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY KHAI SINH",
    "Họ và tên: Nguyễn Văn An",
    "Số định danh: 042098001234",
    "Ngày cấp: 15/03/2021",
]
OWNER = "042098001234"


def page(lines: list[str] | None = None, *, dpi: int = 200, size_in: tuple[float, float] = (4.1, 5.8)) -> Image.Image:
    """An A6 page at ``dpi`` with ``lines`` in Noto Serif 14 pt."""
    width, height = int(size_in[0] * dpi), int(size_in[1] * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(14 * dpi / 72))
    y = int(0.4 * dpi)
    for line in lines or LINES:
        draw.text((int(0.3 * dpi), y), line, font=font, fill=0)
        y += int(0.3 * dpi)
    return image


def save_png(path: Path, lines: list[str] | None = None) -> Path:
    page(lines).save(path, format="PNG", dpi=(200, 200))
    return path


def save_tiff(path: Path, count: int = 2) -> Path:
    frames = [page([f"Trang {n + 1}"], dpi=100) for n in range(count)]
    frames[0].save(path, format="TIFF", save_all=True, append_images=frames[1:], dpi=(100, 100))
    return path


def save_pdf(path: Path, pages: int = 1) -> Path:
    """A PDF of ``pages`` blank-ish image pages (fast to make, no text)."""
    images = [page([f"Trang {n + 1}"], dpi=50).convert("RGB") for n in range(pages)]
    images[0].save(path, format="PDF", save_all=True, append_images=images[1:], resolution=50)
    return path


def save_encrypted_pdf(path: Path) -> Path:
    source = io.BytesIO()
    page(["Mật"], dpi=50).convert("RGB").save(source, format="PDF", resolution=50)
    source.seek(0)
    with pikepdf.open(source) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    return path


def media_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture(scope="session")
def _pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pki")


@pytest.fixture
def pki(settings, _pki_dir: Path) -> Path:
    """A development PKI in a folder shared by the session (keys are made once)."""
    from motcua.documents.pki import ensure_unit, point_unit

    settings.DIGITIZATION_PKI_DIR = _pki_dir
    settings.DIGITIZATION_SIGNING_P12 = ""
    settings.DIGITIZATION_TRUST_ROOTS = []
    ensure_unit(point_unit(None))
    return _pki_dir


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    """A MEDIA_ROOT of the test's own, so orphan files can be counted."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    yield root
    shutil.rmtree(root, ignore_errors=True)
