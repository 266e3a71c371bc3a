"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright's sync API runs an event loop in the main thread, where Django refuses ORM calls unless
DJANGO_ALLOW_ASYNC_UNSAFE is set; the tests only touch the database between browser steps.
"""

from __future__ import annotations

import itertools
import os
from decimal import Decimal
from pathlib import Path

import pytest

from motcua.agencies.models import (
    Agency,
    AgencyKind,
    AgencyLevel,
    ReceivingPoint,
    ReceivingPointKind,
    Role,
    StaffAssignment,
)
from motcua.localities.models import Commune, DivisionType, Province
from motcua.procedures.models import Component, Fee, FeeKind, ProcessStep, TimeLimitUnit
from motcua.procedures.models import ComponentForm as F
from motcua.procedures.services import procedure_version_publish
from tests.factories import FieldFactory, ProcedureFactory, ProcedureVersionFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# `make screenshots` points this at docs/screenshots/ to refresh the README's pictures.
SCREENSHOTS = Path(os.environ.get("MOTCUA_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 800}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("MOTCUA_REQUIRE_SERVICES") == "1":
            pytest.fail("Debian's Chromium is required here but missing at /usr/bin/chromium")
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


FAILURES = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "failures"
_SHOT_NUMBERS = itertools.count(1)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures know in teardown whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _open_page(request, browser, **options):
    """A page in a fresh browser context; if the test fails, a full-page screenshot of every page of the
    context is saved to var/screenshots/failures/ (the path is printed with the failure)."""
    context = browser.new_context(locale="vi-VN", **options)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        FAILURES.mkdir(parents=True, exist_ok=True)
        for open_page in context.pages:
            path = FAILURES / f"{request.node.name}-{next(_SHOT_NUMBERS)}.png"
            try:
                open_page.screenshot(path=str(path), full_page=True)
                print(f"Screenshot of the failed page: {path} ({open_page.url})")
            except Exception as error:  # the page may have crashed; the failure itself is what matters
                print(f"No screenshot of {open_page.url}: {error}")
    context.close()


@pytest.fixture
def desktop(request, browser):
    yield from _open_page(request, browser, viewport=DESKTOP)


@pytest.fixture
def phone(request, browser):
    yield from _open_page(request, browser, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1)


@pytest.fixture
def screenshot():
    """Save a screenshot of the viewport (var/screenshots/, or $MOTCUA_SCREENSHOTS)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return save


def _publish(procedure, *, components, fees=(), steps=(), **fields):
    version = ProcedureVersionFactory(procedure=procedure, parts=False, **fields)
    for order, (name, form, mandatory, condition, template) in enumerate(components, start=1):
        Component.objects.create(
            version=version,
            order=order,
            name=name,
            form=form,
            mandatory=mandatory,
            condition=condition,
            form_template=template,
        )
    for order, (kind, description, amount, exemptions) in enumerate(fees, start=1):
        Fee.objects.create(
            version=version, order=order, kind=kind, description=description, amount=amount, exemptions=exemptions
        )
    for order, (name, role, unit, duration) in enumerate(steps, start=1):
        ProcessStep.objects.create(
            version=version, order=order, name=name, role=role, unit=unit, duration=Decimal(duration)
        )
    return procedure_version_publish(version=version)


@pytest.fixture
def catalogue(transactional_db):
    """A small catalogue like the demo data: civil status at commune level, business and building at province level."""
    civil = FieldFactory(code="HT", name="Hộ tịch")
    business = FieldFactory(code="DKKD", name="Thành lập và hoạt động doanh nghiệp")
    building = FieldFactory(code="XD", name="Hoạt động xây dựng")

    birth = _publish(
        ProcedureFactory(national_code="1.001193", name="Đăng ký khai sinh", field=civil),
        levels=["commune"],
        competent_authority="Ủy ban nhân dân cấp xã",
        time_limit=Decimal("1"),
        time_limit_unit=TimeLimitUnit.WORKING_DAYS,
        same_day_cutoff=True,
        result_kind="Giấy khai sinh (bản chính) và bản sao Giấy khai sinh nếu có yêu cầu",
        online_submission="full",
        applicant_requirements=(
            "Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày sinh; "
            "nếu cha, mẹ không thể đi thì ông, bà hoặc người thân thích khác đi đăng ký."
        ),
        legal_basis="Luật Hộ tịch năm 2014.\nNghị định quy định chi tiết một số điều của Luật Hộ tịch.",
        components=[
            ("Tờ khai đăng ký khai sinh", F.ORIGINAL, True, "", "Tờ khai đăng ký khai sinh (mẫu)"),
            ("Giấy chứng sinh", F.ORIGINAL, False, "Trẻ sinh tại cơ sở y tế", ""),
            ("Văn bản của người làm chứng xác nhận việc sinh", F.ORIGINAL, False, "Không có Giấy chứng sinh", ""),
            ("Biên bản xác nhận việc trẻ bị bỏ rơi", F.ORIGINAL, False, "Trẻ em bị bỏ rơi", ""),
            ("Văn bản ủy quyền có chứng thực", F.CERTIFIED_COPY, False, "Người đi đăng ký được ủy quyền", ""),
            ("Căn cước công dân của người đi đăng ký", F.SHOWN, True, "", ""),
        ],
        fees=[
            (FeeKind.CHARGE, "Lệ phí đăng ký khai sinh", 0, "Miễn lệ phí khi đăng ký khai sinh đúng hạn."),
            (FeeKind.FEE, "Phí cấp bản sao Giấy khai sinh (mỗi bản)", 8000, ""),
        ],
        steps=[
            ("Tiếp nhận, kiểm tra hồ sơ", "postal_clerk", "Nhân viên bưu điện tại Bộ phận Một cửa", "0.2"),
            ("Số hóa hồ sơ", "postal_clerk", "Nhân viên bưu điện tại Bộ phận Một cửa", "0.2"),
            ("Thẩm định, ghi sổ hộ tịch", "agency_specialist", "Công chức tư pháp - hộ tịch", "0.3"),
            ("Ký Giấy khai sinh", "agency_leader", "Lãnh đạo Ủy ban nhân dân xã", "0.2"),
            ("Trả kết quả", "postal_clerk", "Bộ phận Một cửa", "0.1"),
        ],
    )
    for code, name, limit in [
        ("1.001022", "Đăng ký khai sinh có yếu tố nước ngoài", "15"),
        ("1.000689", "Đăng ký lại khai sinh", "5"),
        ("1.001695", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", "3"),
    ]:
        _publish(
            ProcedureFactory(national_code=code, name=name, field=civil),
            levels=["commune"],
            time_limit=Decimal(limit),
            components=[("Tờ khai đăng ký khai sinh", F.ORIGINAL, True, "", "")],
            fees=[(FeeKind.CHARGE, "Lệ phí", 75000 if "nước ngoài" in name else 8000, "")],
        )
    _publish(
        ProcedureFactory(national_code="2.001610", name="Đăng ký thành lập doanh nghiệp tư nhân", field=business),
        levels=["province"],
        competent_authority="Phòng Đăng ký kinh doanh, Sở Tài chính",
        time_limit=Decimal("3"),
        components=[("Giấy đề nghị đăng ký doanh nghiệp", F.ORIGINAL, True, "", "Phụ lục I-1")],
        fees=[(FeeKind.CHARGE, "Lệ phí đăng ký doanh nghiệp", 50000, ""), (FeeKind.FEE, "Phí công bố", 100000, "")],
    )
    _publish(
        ProcedureFactory(national_code="1.009994", name="Cấp giấy phép xây dựng nhà ở riêng lẻ", field=building),
        levels=["commune"],
        time_limit=Decimal("15"),
        time_limit_unit=TimeLimitUnit.CALENDAR_DAYS,
        components=[("Đơn đề nghị cấp giấy phép xây dựng", F.ORIGINAL, True, "", "Mẫu số 01")],
        fees=[(FeeKind.CHARGE, "Lệ phí cấp giấy phép", 75000, "")],
    )
    return birth


@pytest.fixture
def clerk(transactional_db):
    """A postal clerk at a post office who is also an administrator of the site."""
    province = Province.objects.create(
        code="42", name="Hà Tĩnh", division_type=DivisionType.PROVINCE, codename="ha_tinh"
    )
    commune = Commune.objects.create(
        code="18073", name="Phường Thành Sen", division_type=DivisionType.WARD, codename="thanh_sen", province=province
    )
    operator = Agency.objects.create(
        code="VNPOST.42", name="Bưu điện tỉnh Hà Tĩnh", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL
    )
    point = ReceivingPoint.objects.create(
        code="BD-THANHSEN",
        name="Bưu điện phường Thành Sen",
        kind=ReceivingPointKind.POST_OFFICE,
        operator=operator,
        commune=commune,
        address="1 Trần Phú",
    )
    user = UserFactory(username="lan", full_name="Nguyễn Thị Lan", is_staff=True)
    StaffAssignment.objects.create(user=user, role=Role.POSTAL_CLERK, receiving_point=point)
    StaffAssignment.objects.create(user=user, role=Role.TRAINER, province=province)
    return user
