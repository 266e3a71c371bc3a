"""Reach any lifecycle state through the real services, and perform any action with a fitting actor."""

from __future__ import annotations

import datetime as dt

from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.dossiers.services import transitions as t

# How to reach each state: (the state before, the action that leads here).
PATHS: dict[Status, tuple[Status, Action] | None] = {
    Status.RECEIVED: None,
    Status.REFUSED: (Status.RECEIVED, Action.REFUSE),
    Status.IN_PROCESS: (Status.RECEIVED, Action.TRANSFER),
    Status.SUPPLEMENT_REQUESTED: (Status.IN_PROCESS, Action.REQUEST_SUPPLEMENT),
    Status.OBLIGATION_REQUESTED: (Status.IN_PROCESS, Action.REQUEST_OBLIGATION),
    Status.WITHDRAWN: (Status.RECEIVED, Action.WITHDRAW),
    Status.STOPPED: (Status.SUPPLEMENT_REQUESTED, Action.STOP),
    Status.APPROVED: (Status.IN_PROCESS, Action.APPROVE),
    Status.NOT_APPROVED: (Status.IN_PROCESS, Action.REJECT),
    Status.RESULT_AT_COUNTER: (Status.APPROVED, Action.SEND_RESULT_TO_COUNTER),
    Status.RESULT_WITH_POST: (Status.APPROVED, Action.SEND_RESULT_TO_POST),
    Status.RETURNED: (Status.RESULT_AT_COUNTER, Action.RETURN_RESULT),
}


def applicant_collects(dossier: Dossier) -> dict:
    """The collector fields of a result taken by the applicant themself, identity paper checked."""
    return {
        "collector_name": dossier.applicant_name,
        "collector_id_number": dossier.applicant_id_number,
        "identity_checked": True,
    }


def reach(world, status: Status, **reception) -> Dossier:
    """A dossier brought to ``status`` along PATHS; ``reception`` overrides what it is received with. A result
    handed to the post is one whose applicant asked for it by post."""
    if status == Status.RESULT_WITH_POST:
        reception = {"return_method": ReturnMethod.POST, "return_address": "12 Trần Phú", **reception}
    path = PATHS[status]
    if path is None:
        return world.receive(**reception)
    before, action = path
    return perform(world, reach(world, before, **reception), action)


def advance_to_decision(world, dossier: Dossier) -> Dossier:
    """Complete every step in progress until only the leader's decision is left (routes inter-agency
    steps to the police)."""
    from motcua.dossiers.models import DossierStep, StepStatus

    while True:
        active = DossierStep.objects.filter(dossier=dossier, status=StepStatus.ACTIVE).exclude(role="agency_leader")
        step = active.order_by("order").first()
        if step is None:
            return dossier
        actor = world.police_specialist if step.agency_id == world.police.pk else world.specialist
        dossier = t.dossier_step_complete(dossier=dossier, actor=actor, next_agency=world.police)


def perform(world, dossier: Dossier, action: Action, actor=None) -> Dossier:
    """Take ``action`` with the actor the table intends for it (or ``actor``)."""
    a = Action(action)
    if a == Action.REFUSE:
        return t.dossier_refuse(dossier=dossier, actor=actor or world.clerk, reasons="Không thuộc thẩm quyền")
    if a == Action.TRANSFER:
        return t.dossier_transfer(dossier=dossier, actor=actor or world.clerk)
    if a == Action.ASSIGN_STEP:
        return t.dossier_step_assign(dossier=dossier, actor=actor or world.leader, assignee=world.specialist)
    if a == Action.COMPLETE_STEP:
        return t.dossier_step_complete(dossier=dossier, actor=actor or world.specialist, next_agency=world.police)
    if a == Action.REQUEST_SUPPLEMENT:
        return t.dossier_request_supplement(
            dossier=dossier, actor=actor or world.specialist, items=["Bản sao giấy khai sinh"], reason="Thiếu"
        )
    if a == Action.RECEIVE_SUPPLEMENT:
        return t.dossier_receive_supplement(dossier=dossier, actor=actor or world.clerk)
    if a == Action.REQUEST_OBLIGATION:
        return t.dossier_request_obligation(
            dossier=dossier, actor=actor or world.specialist, amount=120000, description="Lệ phí trước bạ"
        )
    if a == Action.MEET_OBLIGATION:
        return t.dossier_meet_obligation(dossier=dossier, actor=actor or world.clerk)
    if a == Action.WITHDRAW:
        return t.dossier_withdraw(dossier=dossier, actor=actor or world.clerk, reason="Người dân xin rút hồ sơ")
    if a == Action.STOP:
        return t.dossier_stop(dossier=dossier, actor=actor or world.specialist, reason="Quá hạn bổ sung")
    if a == Action.APPROVE:
        if dossier.status == Status.IN_PROCESS:
            dossier = advance_to_decision(world, dossier)
        return t.dossier_approve(dossier=dossier, actor=actor or world.leader)
    if a == Action.REJECT:
        return t.dossier_reject(dossier=dossier, actor=actor or world.leader, reason="Không đủ điều kiện")
    if a in (Action.SEND_RESULT_TO_COUNTER, Action.SEND_RESULT_TO_POST):
        return t.dossier_send_result(
            dossier=dossier, actor=actor or world.specialist, by_post=a == Action.SEND_RESULT_TO_POST
        )
    if a == Action.RETURN_RESULT:
        return t.dossier_return_result(dossier=dossier, actor=actor or world.clerk, **applicant_collects(dossier))
    if a == Action.EXTEND:
        return t.dossier_extend(
            dossier=dossier,
            actor=actor or world.leader,
            new_appointment=dossier.appointment_at + dt.timedelta(days=7),
            reason="Cần xác minh thêm",
        )
    if a == Action.RETURN_TO_COUNTER:
        return t.dossier_return_to_counter(
            dossier=dossier, actor=actor or world.clerk, reason="Không liên lạc được người nhận"
        )
    raise AssertionError(f"no way to perform {a}")
