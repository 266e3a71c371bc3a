from django.urls import path

from . import counter, counter_handover, counter_reception, counter_return, counter_supplement

urlpatterns = [
    path("quay/", counter.counter_home, name="counter"),
    path("quay/thu-tuc/<str:national_code>/", counter.counter_procedure, name="counter_procedure"),
    path("quay/thu-tuc/<str:national_code>/huong-dan.pdf", counter.counter_guidance_pdf, name="counter_guidance_pdf"),
    path("quay/tiep-nhan/<str:national_code>/", counter_reception.counter_receive, name="counter_receive"),
    path(
        "quay/tiep-nhan/<str:national_code>/nguoi-nop/", counter_reception.counter_applicant, name="counter_applicant"
    ),
    path("quay/tiep-nhan/<str:national_code>/phi/", counter_reception.counter_quote, name="counter_quote"),
    path(
        "quay/tiep-nhan/<str:national_code>/co-quan/", counter_reception.counter_lead_agency, name="counter_lead_agency"
    ),
    path(
        "quay/tiep-nhan/<str:national_code>/phieu-<str:kind>.pdf",
        counter_reception.counter_draft_slip,
        name="counter_draft_slip",
    ),
    path("quay/bien-nhan/<str:code>/", counter_reception.counter_receipt, name="counter_receipt"),
    path("quay/ban-giao/", counter_handover.counter_handover, name="counter_handover"),
    path("quay/ban-giao/<str:number>/", counter_handover.counter_handover_detail, name="counter_handover_detail"),
    path("quay/ban-giao/<str:number>.pdf", counter_handover.counter_handover_pdf, name="counter_handover_pdf"),
    path("quay/bo-sung/<str:code>/", counter_supplement.counter_supplement, name="counter_supplement"),
    path(
        "quay/bo-sung/<str:code>/da-nhan/",
        counter_supplement.counter_supplement_received,
        name="counter_supplement_received",
    ),
    path(
        "quay/bo-sung/<str:code>/xac-nhan.pdf", counter_supplement.counter_supplement_pdf, name="counter_supplement_pdf"
    ),
    path("quay/tra-ket-qua/", counter_return.counter_returns, name="counter_returns"),
    path("quay/tra-ket-qua/<str:code>/", counter_return.counter_return, name="counter_return"),
]
