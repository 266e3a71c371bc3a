from django.urls import URLPattern, path

from . import views_assist, views_citizen, views_inbox

app_name = "submissions"

CITIZEN = "cong-dan/nop-truc-tuyen/"
ASSIST = "quay/ho-tro-nop/"

urlpatterns: list[URLPattern] = [
    # The citizen's own submissions.
    path(CITIZEN, views_citizen.submission_list, name="list"),
    path(f"{CITIZEN}bat-dau/<str:national_code>/", views_citizen.submission_start, name="start"),
    path(f"{CITIZEN}<str:reference>/", views_citizen.submission_detail, name="detail"),
    path(f"{CITIZEN}<str:reference>/buoc/<str:step>/", views_citizen.submission_step, name="step"),
    path(f"{CITIZEN}<str:reference>/nop/", views_citizen.submission_submit, name="submit"),
    path(f"{CITIZEN}<str:reference>/giay-to/<str:paper_id>/", views_citizen.submission_paper, name="paper"),
    path(
        f"{CITIZEN}<str:reference>/giay-to/<str:paper_id>/xoa/",
        views_citizen.submission_paper_remove,
        name="paper_remove",
    ),
    path(f"{CITIZEN}<str:reference>/phieu/<str:seq>.pdf", views_citizen.submission_slip, name="slip"),
    path(f"{CITIZEN}<str:reference>/phieu-tiep-nhan.pdf", views_citizen.submission_receipt, name="receipt"),
    # The one-stop's online inbox.
    path("quay/truc-tuyen/", views_inbox.inbox_list, name="inbox"),
    path("quay/truc-tuyen/<str:reference>/", views_inbox.inbox_detail, name="inbox_detail"),
    path("quay/truc-tuyen/<str:reference>/quyet-dinh/<str:action>/", views_inbox.inbox_decide, name="inbox_decide"),
    path("quay/truc-tuyen/<str:reference>/giay-to/<str:paper_id>/", views_inbox.inbox_paper, name="inbox_paper"),
    path("quay/truc-tuyen/<str:reference>/phieu/<str:seq>.pdf", views_inbox.inbox_slip, name="inbox_slip"),
    # Assisted filing at the counter.
    path(ASSIST, views_assist.assist_start, name="assist_start"),
    path(f"{ASSIST}dong-y/<str:reference>/", views_assist.assist_consent, name="assist_consent"),
    path(
        f"{ASSIST}dong-y/<str:reference>/bat-dau/<str:national_code>/",
        views_assist.assist_begin,
        name="assist_begin",
    ),
    path(f"{ASSIST}<str:reference>/", views_assist.assist_detail, name="assist_detail"),
    path(f"{ASSIST}<str:reference>/buoc/<str:step>/", views_assist.assist_step, name="assist_step"),
    path(f"{ASSIST}<str:reference>/nop/", views_assist.assist_submit, name="assist_submit"),
    path(f"{ASSIST}<str:reference>/giay-to/<str:paper_id>/", views_assist.assist_paper, name="assist_paper"),
    path(
        f"{ASSIST}<str:reference>/giay-to/<str:paper_id>/xoa/",
        views_assist.assist_paper_remove,
        name="assist_paper_remove",
    ),
]
