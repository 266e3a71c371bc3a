"""Postal pages: operations for the post office's supervisors and clerks, and the postman's phone page."""

from django.urls import path

from . import postal, postal_postman, postal_reconciliation

urlpatterns = [
    path("buu-chinh/", postal.postal_operations, name="postal"),
    path("buu-chinh/doi-soat/", postal_reconciliation.postal_reconciliation, name="postal_reconciliation"),
    path(
        "buu-chinh/doi-soat.xlsx",
        postal_reconciliation.postal_reconciliation_xlsx,
        name="postal_reconciliation_xlsx",
    ),
    path("buu-chinh/bang-ke.pdf", postal.postal_manifest, name="postal_manifest"),
    path("buu-chinh/don/<str:number>/phan-cong/", postal.postal_assign, name="postal_assign"),
    path("buu-chinh/don/<str:number>/nhan-ban-giao/", postal.postal_hand_over, name="postal_hand_over"),
    path("buu-chinh/don/<str:number>/nhan.pdf", postal.postal_label, name="postal_label"),
    path(
        "buu-chinh/don/<str:number>/bien-ban-giao-nhan.pdf",
        postal.postal_handover_record,
        name="postal_handover_record",
    ),
    path("buu-ta/", postal_postman.postman_home, name="postman"),
    path("buu-ta/don/<str:number>/bien-lai.pdf", postal_postman.postman_receipt, name="postman_receipt"),
    path("buu-ta/don/<str:number>/da-tra-phieu/", postal_postman.postman_slip_given, name="postman_slip_given"),
    path("buu-ta/don/<str:number>/<slug:slug>/", postal_postman.postman_report, name="postman_report"),
]
