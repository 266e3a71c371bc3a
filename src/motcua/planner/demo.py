"""Three demo scenarios for Hà Tĩnh, made through the services: today's model, the postal model, and the weeks
before Tết. Idempotent: a scenario already there is left as it is."""

from __future__ import annotations

from django.db import transaction

from motcua.accounts.models import User
from motcua.localities.models import Province

from .defaults import default_inputs
from .inputs import inputs_from_dict
from .models import Scenario
from .scenarios import scenario_copy, scenario_create, scenario_version_save
from .selectors import scenario_latest_version

HA_TINH = "42"
BASELINE = "Hiện trạng: một công chức mỗi lĩnh vực"
POSTAL = "Mô hình bưu điện"
PEAK = "Mô hình bưu điện – các tuần trước Tết"
DEMO_PLANNER = "planner"


@transaction.atomic
def planner_load_demo() -> dict[str, int]:
    province = Province.objects.filter(code=HA_TINH).first()
    if province is None:
        return {"scenarios": Scenario.objects.count()}
    owner = User.objects.filter(username=DEMO_PLANNER).first()
    existing = set(Scenario.objects.filter(province=province).values_list("name", flat=True))
    if BASELINE not in existing:
        inputs = default_inputs()
        inputs.service.postal_share = 0.0
        scenario_create(
            actor=owner,
            name=BASELINE,
            province=province,
            inputs=inputs,
            provenance={"service.postal_share": "today: every counter is staffed by the commune's civil servants"},
            description="Mỗi lĩnh vực một quầy do công chức của xã đảm nhiệm, như hiện nay.",
        )
    if POSTAL not in existing:
        scenario_create(
            actor=owner,
            name=POSTAL,
            province=province,
            description="Nhân viên bưu điện tiếp nhận và trả kết quả chung cho mọi lĩnh vực.",
        )
    if PEAK not in existing:
        postal = Scenario.objects.get(province=province, name=POSTAL)
        peak = scenario_copy(actor=owner, scenario=postal, name=PEAK)
        inputs = inputs_from_dict(scenario_latest_version(scenario=peak).inputs)
        inputs.profile.peaks["tet"].active = True
        inputs.profile.plan_month = 1
        scenario_version_save(actor=owner, scenario=peak, inputs=inputs, note="Các tuần trước Tết, tháng Một")
    return {"scenarios": Scenario.objects.count()}
