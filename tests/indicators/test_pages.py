"""The dashboards (docs/indicators.md, "Dashboards"): the page's figures are indicator_scores', who sees which
scope, bad input answers a clear 400 page, the Excel workbook has every table and the monthly PDF renders."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, Role, StaffAssignment
from motcua.indicators.periods import period_parse
from motcua.indicators.scopes import scope_parse
from motcua.indicators.scores import indicator_ranking, indicator_scores
from motcua.indicators.services import indicator_set_ensure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("indicators:dashboard")
MAY = {"scope": "province:42", "period": "2026-05"}


@pytest.fixture
def scored(month):
    indicator_set_ensure()
    return month


def _staff(role: Role, **scope):
    user = UserFactory()
    StaffAssignment.objects.create(user=user, role=role, **scope)
    return user


def test_the_page_shows_the_figures_of_indicator_scores(scored, client):
    client.force_login(scored.world.onestop)
    response = client.get(DASHBOARD, MAY)
    assert response.status_code == 200
    scores = indicator_scores(scope_parse("province:42"), period_parse("2026-05"))
    board = response.context["board"]
    assert board.scores.total == scores.total and board.scores.grade == scores.grade
    shown = {line.indicator.code: (line.numerator, line.denominator, line.points) for line, *_rest in
             response.context["lines"]}  # fmt: skip
    assert shown == {line.indicator.code: (line.numerator, line.denominator, line.points) for line in scores.lines}
    html = response.content.decode()
    assert response.context["total"] in html  # written the Vietnamese way, 12,34
    assert "," in response.context["total"] or response.context["total"].isdigit()
    for code in shown:
        assert f'data-indicator="{code}"' in html
    ranked = [r.scores.scope.code for r in indicator_ranking(period=period_parse("2026-05"))]
    assert [r.scores.scope.code for r in board.provinces] == ranked
    assert board.province_rank is not None and board.province_rank.rank == 1


def test_lost_points_link_to_the_attribution_page(scored, client):
    client.force_login(scored.world.onestop)
    response = client.get(DASHBOARD, MAY)
    lost = [(line, url) for line, _shown, points, url in response.context["lines"] if points]
    assert lost, "the small month loses points somewhere"
    for line, url in lost:
        if line.indicator.source == "dossiers":
            assert url == f"/chi-so/diem-mat/?scope=province%3A42&period=2026-05&chi-so={line.indicator.code}"
            assert url.replace("&", "&amp;") in response.content.decode()


def test_every_chart_has_its_data_table_and_the_script_is_a_file(scored, client):
    client.force_login(scored.world.onestop)
    html = client.get(DASHBOARD, MAY).content.decode()
    for key in ("groups", "provinces", "departments", "communes", "trend"):
        assert f'data-chart="{key}"' in html and f'data-table="{key}"' in html
    assert 'data-table="heat"' in html and "<svg" in html
    assert 'id="dash-chart-data" type="application/json"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html and "indicators/dashboard.js" in html


def test_the_heat_map_counts_receptions_by_weekday_and_hour(scored, client):
    client.force_login(scored.world.onestop)
    board = client.get(DASHBOARD, MAY).context["board"]
    monday_nine = board.heat[0][board.hours.index(9)]
    assert monday_nine == 6  # the six dossiers of the month, all received Monday 04/05/2026 09:00
    assert sum(sum(row) for row in board.heat) == board.scores.received


def test_the_trend_has_the_last_twelve_months_ending_with_the_period(scored, client):
    client.force_login(scored.world.onestop)
    board = client.get(DASHBOARD, MAY).context["board"]
    assert [p.key for p, _s in board.trend[::11]] == ["2025-06", "2026-05"] and len(board.trend) == 12
    assert board.trend[-1][1].total == board.scores.total


def test_a_clerk_may_not_open_the_dashboard(scored, client):
    client.force_login(scored.world.clerk)
    assert client.get(DASHBOARD, MAY).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(DASHBOARD, MAY)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_another_provinces_supervisor_gets_404(scored, second_province, client):
    agency = Agency.objects.create(
        code="H40.VP", name="Văn phòng UBND Nghệ An", kind=AgencyKind.ONE_STOP, level=AgencyLevel.PROVINCE,
        province_id="40",
    )  # fmt: skip
    client.force_login(_staff(Role.ONE_STOP_SUPERVISOR, agency=agency))
    assert client.get(DASHBOARD, MAY).status_code == 404
    assert client.get(DASHBOARD, {"scope": "country", "period": "2026-05"}).status_code == 404
    assert client.get(reverse("indicators:dashboard_pdf"), MAY).status_code == 404
    assert client.get(DASHBOARD, {"scope": "province:40", "period": "2026-05"}).status_code == 200


def test_administrators_and_country_planners_see_the_country(scored, client):
    for user in (_staff(Role.ADMINISTRATOR), _staff(Role.PLANNER)):
        client.force_login(user)
        response = client.get(DASHBOARD, {"period": "2026-05"})
        assert response.status_code == 200 and response.context["board"].scope.kind == "country"


def test_a_province_planner_sees_his_province_only(scored, client):
    client.force_login(_staff(Role.PLANNER, province=scored.world.province))
    assert client.get(DASHBOARD, {"period": "2026-05"}).context["board"].scope.key == "province:42"
    assert client.get(DASHBOARD, {"scope": "country", "period": "2026-05"}).status_code == 404


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"scope": "province:42", "period": "2026-13"}, 400),
        ({"scope": "province:42", "period": "x" * 5000}, 400),
        ({"scope": "galaxy:1", "period": "2026-05"}, 400),
        ({"scope": "province:42", "period": "99999999999999999999"}, 400),
        ({"scope": "province:99", "period": "2026-05"}, 404),
    ],
)
def test_a_bad_scope_or_period_gets_a_clear_bilingual_page(scored, client, query, status):
    client.force_login(_staff(Role.ADMINISTRATOR))
    response = client.get(DASHBOARD, query)
    assert response.status_code == status
    error = response.context["error"]
    html = response.content.decode()
    assert 'lang="vi"' in html and 'lang="en"' in html
    assert error.messages()["en"] in html.replace("&#x27;", "'").replace("&quot;", '"')


def test_a_nul_byte_is_refused_before_the_page(scored, client):
    client.force_login(_staff(Role.ADMINISTRATOR))
    assert client.get(DASHBOARD, {"scope": "province:4\x002", "period": "2026-05"}).status_code == 400


def test_the_workbook_has_every_table_with_numbers(scored, client):
    from openpyxl import load_workbook

    client.force_login(scored.world.onestop)
    response = client.get(reverse("indicators:dashboard_xlsx"), MAY)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 8  # indicators, groups, provinces, departments, communes, trend, heat map, postal
    scores = indicator_scores(scope_parse("province:42"), period_parse("2026-05"))
    lines = book[book.sheetnames[0]]
    rows = {row[0]: row for row in lines.iter_rows(min_row=3, values_only=True)}
    for line in scores.lines:
        assert rows[line.indicator.code][2:4] == (line.numerator, line.denominator)
        assert rows[line.indicator.code][6] == pytest.approx(line.points)
    provinces = list(book[book.sheetnames[2]].iter_rows(min_row=3, values_only=True))
    assert provinces[0][:2] == (1, "42") and provinces[0][4] == pytest.approx(scores.total)


def test_the_monthly_report_renders_as_pdf_with_the_province(scored, client):
    from pypdf import PdfReader

    client.force_login(scored.world.onestop)
    response = client.get(reverse("indicators:dashboard_pdf"), MAY)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Hà Tĩnh" in text or "HÀ TĨNH" in text
    assert "05/2026" in text
    assert "Kênh bưu chính" in text  # the postal channel's figures have their section
