from django.urls import URLPattern, path

from .views import trainee, trainer

app_name = "training"

urlpatterns: list[URLPattern] = [
    path("dao-tao/", trainee.path, name="path"),
    path("dao-tao/bai-hoc/<int:lesson_id>/", trainee.lesson, name="lesson"),
    path("dao-tao/anh/<int:image_id>/", trainee.lesson_image, name="lesson_image"),
    path("dao-tao/kiem-tra/<int:blueprint_id>/bat-dau/", trainee.exam_start, name="exam_start"),
    path("dao-tao/lam-bai/<int:attempt_id>/", trainee.attempt, name="attempt"),
    path("dao-tao/soan/bai-hoc/", trainer.lessons, name="lessons"),
    path("dao-tao/soan/bai-hoc/moi/", trainer.lesson_edit, name="lesson_new"),
    path("dao-tao/soan/bai-hoc/<int:lesson_id>/", trainer.lesson_edit, name="lesson_edit"),
    path("dao-tao/soan/ngan-hang/", trainer.banks, name="banks"),
    path("dao-tao/soan/ngan-hang/<int:bank_id>/", trainer.bank, name="bank"),
    path("dao-tao/soan/ngan-hang/<int:bank_id>/xuat.<str:file_format>", trainer.bank_export, name="bank_export"),
    path("dao-tao/soan/de/moi/", trainer.blueprint_edit, name="blueprint_new"),
    path("dao-tao/soan/de/<int:blueprint_id>/", trainer.blueprint_edit, name="blueprint_edit"),
    path("dao-tao/soan/de/<int:blueprint_id>/ket-qua/", trainer.results, name="results"),
    path("dao-tao/soan/tien-do/", trainer.cohort, name="cohort"),
]
