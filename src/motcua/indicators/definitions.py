"""The built-in definitions: the index of Decision 766/QĐ-TTg and the targets of Decision 468/QĐ-TTg, as data
(docs/indicators.md, "The indicators"). Weights and thresholds may be overridden by the settings
``INDICATOR_WEIGHTS`` and ``INDICATOR_THRESHOLDS``: published sources disagree.

Each definition names its numerator and denominator as filters of :data:`.facts.FACT_FILTERS`, never SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation

from django.conf import settings

from . import errors
from .models import CalendarUsed, Formula, Group, Source

SET_NAME = "766"
SET_TITLE = "Decision 766/QĐ-TTg service-quality index, with the Decision 468/QĐ-TTg targets"
SOURCE_NOTE = (
    "Decision 766/QĐ-TTg of 23/6/2022 (groups and points: transparency 18, progress 20, online 12, payment 10, "
    "satisfaction 18, digitization 22); formulas and sub-weights as transcribed in provincial systems' public "
    "code, unverified against the index's guidance; petitions handled on time against the deadlines of Decree "
    "20/2008/NĐ-CP as amended (unverified); procedures offered online, fully or partly (Decree 42/2022/NĐ-CP), "
    "among those in force, the online group shared 6 and 6 (unverified); Decision 468/QĐ-TTg targets (wait ≤ 15 "
    "min; ≥ 30% not asked again for data already held)."
)


@dataclass(frozen=True)
class Definition:
    code: str
    group: str
    label_vi: str
    label_en: str
    numerator: str
    denominator: str
    threshold: Decimal
    weight: Decimal
    calendar: str = CalendarUsed.NONE
    formula: str = Formula.RATIO
    source: str = Source.DOSSIERS
    unverified: bool = True
    note: str = ""


D = Decimal
BUILT_IN: tuple[Definition, ...] = (
    Definition(
        "766.synced", Group.TRANSPARENCY, "Hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia",
        "Dossiers synced to the National Public Service Portal", "synced", "received", D("0.8"), D("18"),
        note="The published group also scores procedures published on time; not computed from dossiers.",
    ),
    Definition(
        "766.on_time", Group.PROGRESS, "Hồ sơ giải quyết đúng hạn", "Dossiers finished on time",
        "on_time", "finished", D("1"), D("20"), calendar=CalendarUsed.WORKING,
        note="More than one supplement request during processing makes a dossier late.",
    ),
    Definition(
        "766.online_rate", Group.ONLINE, "Tỷ lệ hồ sơ trực tuyến", "Share of dossiers filed online",
        "online", "received", D("0.5"), D("6"),
    ),
    Definition(
        "766.procedures_online", Group.ONLINE, "Thủ tục hành chính cung cấp dịch vụ công trực tuyến",
        "Procedures offered online", "offered_online", "in_force", D("0.8"), D("6"), source=Source.PROCEDURES,
        note="Procedures with a version in force at the end of the period, offered fully or partly online "
        "(INDICATOR_PROCEDURES_PARTLY_ONLINE); a scope counts those of its agencies' implementing levels.",
    ),
    Definition(
        "766.paid_online", Group.PAYMENT, "Hồ sơ có phí thanh toán trực tuyến", "Fee-bearing dossiers paid online",
        "fee_bearing_paid_online", "fee_bearing", D("0.8"), D("10"), note="Zero-fee dossiers are left out.",
    ),
    Definition(
        "766.satisfaction", Group.SATISFACTION, "Mức độ hài lòng", "Satisfaction",
        "late+complaint_or_dislike", "finished", D("0.9"), D("12"), calendar=CalendarUsed.WORKING,
        formula=Formula.SHORTFALL,
        note="100% − (late dossiers + dossiers with a complaint or a “dissatisfied” rating) ÷ dossiers finished.",
    ),
    Definition(
        "766.feedback_on_time", Group.SATISFACTION, "Xử lý phản ánh, kiến nghị đúng hạn", "Petitions handled on time",
        "handled_on_time", "due", D("1"), D("6"), calendar=CalendarUsed.WORKING, source=Source.FEEDBACK,
        note="Petitions whose answer was due in the period: answered by then, or refused by the acknowledgement's "
        "due time; still open past due is late. Not applicable to a commune or a point.",
    ),
    Definition(
        "766.electronic_result", Group.DIGITIZATION, "Kết quả điện tử", "Electronic results",
        "electronic_result", "decided_with_document", D("0.8"), D("6"),
    ),
    Definition(
        "766.digitized", Group.DIGITIZATION, "Tỷ lệ số hóa hồ sơ", "Digitization rate",
        "digitized", "received", D("0.8"), D("8"),
    ),
    Definition(
        "766.reuse", Group.DIGITIZATION, "Tỷ lệ tái sử dụng dữ liệu", "Reuse rate",
        "reused", "received", D("0.8"), D("8"),
    ),
    Definition(
        "468.wait", Group.D468, "Thời gian chờ không quá 15 phút", "Waited at most 15 minutes",
        "called_within_target", "called", D("0.9"), D("0"), calendar=CalendarUsed.CLOCK, source=Source.TICKETS,
        note="The queue's tickets; the target minutes and share are QUEUE_WAIT_TARGET_MINUTES and QUEUE_TARGET_SHARE.",
    ),
    Definition(
        "468.not_asked_again", Group.D468, "Không phải cung cấp lại thông tin đã có",
        "Not asked again for data already held", "reused", "received", D("0.3"), D("0"),
    ),
)  # fmt: skip
FULLY_ONLINE_NOTE = (
    "Procedures with a version in force at the end of the period, offered fully online (partly online ones do not "
    "count: INDICATOR_PROCEDURES_PARTLY_ONLINE is off); a scope counts those of its agencies' implementing levels."
)


def _overrides(name: str) -> dict[str, Decimal]:
    pairs: dict[str, Decimal] = {}
    for item in getattr(settings, name, None) or []:
        code, equals, value = str(item).partition("=")
        try:
            pairs[code.strip()] = Decimal(value.strip())
        except InvalidOperation:
            raise errors.indicator_setting_invalid(name=name, value=str(item)) from None
        if not equals or not value.strip().replace(".", "", 1).isdigit():
            raise errors.indicator_setting_invalid(name=name, value=str(item))
    return pairs


def configured_definitions() -> list[Definition]:
    """The built-in definitions with the settings' weights and thresholds (and the queue's share for 468's wait).
    Whether partly online procedures count is the definition's numerator, so a change of the setting is a new
    version of the set, and figures kept under the other rule stay marked with theirs."""
    weights, thresholds = _overrides("INDICATOR_WEIGHTS"), _overrides("INDICATOR_THRESHOLDS")
    queue_share = Decimal(str(getattr(settings, "QUEUE_TARGET_SHARE", "0.9")))
    result = []
    for definition in BUILT_IN:
        if definition.code == "766.procedures_online" and not settings.INDICATOR_PROCEDURES_PARTLY_ONLINE:
            definition = replace(definition, numerator="offered_fully_online", note=FULLY_ONLINE_NOTE)
        threshold = queue_share if definition.code == "468.wait" else definition.threshold
        threshold = thresholds.get(definition.code, threshold)
        if not Decimal(0) < threshold <= Decimal(1):
            raise errors.indicator_setting_invalid(name="INDICATOR_THRESHOLDS", value=f"{definition.code}={threshold}")
        result.append(replace(definition, weight=weights.get(definition.code, definition.weight), threshold=threshold))
    return result


def definition_fields() -> list[str]:
    return [f.name for f in fields(Definition)]
