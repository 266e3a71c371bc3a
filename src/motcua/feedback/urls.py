from django.urls import URLPattern, path

from . import views_complaints, views_rating, views_staff

app_name = "feedback"

urlpatterns: list[URLPattern] = [
    path("danh-gia/<str:token>/", views_rating.rate_by_link, name="rate"),
    path("cong-dan/ho-so/<str:code>/danh-gia/", views_rating.rate_mine, name="my_rate"),
    path("cong-dan/phan-anh/", views_complaints.my_complaints, name="my_complaints"),
    path("cong-dan/phan-anh/moi/", views_complaints.my_complaint_new, name="my_complaint_new"),
    path("cong-dan/phan-anh/<str:reference>/", views_complaints.my_complaint, name="my_complaint"),
    path("phan-anh/moi/", views_complaints.guest_complaint_new, name="guest_complaint_new"),
    path("phan-anh/<str:reference>/", views_complaints.guest_complaint, name="guest_complaint"),
    path("giam-sat/danh-gia/", views_staff.ratings_page, name="ratings"),
    path("giam-sat/danh-gia/tai-ve/", views_staff.ratings_download, name="ratings_download"),
    path("giam-sat/phan-anh/", views_staff.inbox, name="inbox"),
    path("giam-sat/phan-anh/<str:reference>/", views_staff.complaint_page, name="complaint"),
]
