"""One demo user for every role, each with a scope in the demo provinces."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from motcua.accounts.models import User
from motcua.agencies.models import Agency, ReceivingPoint, Role, StaffAssignment
from motcua.localities.models import Province

DEMO_PASSWORD = "motcua-demo"  # noqa: S105 - demo accounts on a local demo database only, printed by load_demo


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    point: str = ""
    agency: str = ""
    province: str = ""


DEMO_USERS = (
    DemoUser("clerk", "Nguyễn Thị Lan", Role.POSTAL_CLERK, point="VNP.42.18073"),
    # Certified for nothing (issue 12): with TRAINING_GATE=enforce the counter refuses him (docs/training.md).
    DemoUser("trainee", "Ngô Văn Học", Role.POSTAL_CLERK, point="VNP.42.18073"),
    DemoUser("clerk2", "Lê Văn Hùng", Role.POSTAL_CLERK, point="VNP.82.29869"),
    DemoUser("supervisor", "Trần Văn Minh", Role.POSTAL_SUPERVISOR, point="VNP.42.18073"),
    DemoUser("postman", "Phạm Văn Nam", Role.POSTMAN, point="VNP.42.18073"),
    DemoUser("specialist", "Hoàng Thị Mai", Role.AGENCY_SPECIALIST, agency="H30.X01"),
    DemoUser("leader", "Võ Văn Quang", Role.AGENCY_LEADER, agency="H30.X01"),
    DemoUser("onestop", "Đặng Thị Hoa", Role.ONE_STOP_SUPERVISOR, agency="H30.X01.TTHCC"),
    DemoUser("planner", "Bùi Văn Tâm", Role.PLANNER, province="42"),
    DemoUser("trainer", "Đỗ Thị Hương", Role.TRAINER),
    DemoUser("admin", "Quản trị hệ thống", Role.ADMINISTRATOR),
)


@transaction.atomic
def demo_users_load() -> list[DemoUser]:
    """Create the demo users and their assignments; an existing user keeps the password it has."""
    for demo in DEMO_USERS:
        is_admin = demo.role == Role.ADMINISTRATOR
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={"full_name": demo.full_name, "is_staff": is_admin, "is_superuser": is_admin},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        StaffAssignment.objects.get_or_create(
            user=user,
            role=demo.role,
            receiving_point=ReceivingPoint.objects.get(code=demo.point) if demo.point else None,
            agency=Agency.objects.get(code=demo.agency) if demo.agency else None,
            province=Province.objects.get(code=demo.province) if demo.province else None,
        )
    return list(DEMO_USERS)
