from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    POSTAL_CLERK = "postal_clerk", _("postal clerk")
    POSTAL_SUPERVISOR = "postal_supervisor", _("postal supervisor")
    POSTMAN = "postman", _("postman")
    AGENCY_SPECIALIST = "agency_specialist", _("agency specialist")
    AGENCY_LEADER = "agency_leader", _("agency leader")
    ONE_STOP_SUPERVISOR = "one_stop_supervisor", _("one-stop supervisor")
    PLANNER = "planner", _("planner")
    TRAINER = "trainer", _("trainer")
    ADMINISTRATOR = "administrator", _("administrator")


# Which kind of scope each role acts for. The database constraints below hold the same rule.
POINT_ROLES = (Role.POSTAL_CLERK, Role.POSTAL_SUPERVISOR, Role.POSTMAN)
AGENCY_SCOPED_ROLES = (Role.AGENCY_SPECIALIST, Role.AGENCY_LEADER, Role.ONE_STOP_SUPERVISOR)


class StaffAssignment(models.Model):
    """A user acting in one role for one scope: a receiving point, an agency, or a province."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    receiving_point = models.ForeignKey(
        "agencies.ReceivingPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("receiving point"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("agency"),
    )
    province = models.ForeignKey(
        "localities.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("province"),
        help_text=_("For planners and trainers: the province they work for; empty means the whole country."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("user", "role")
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=[r.value for r in POINT_ROLES])
                | models.Q(receiving_point__isnull=False, agency__isnull=True),
                name="assignment_point_role_has_point",
                violation_error_code="assignment_point_role_has_point",
                violation_error_message=_("Postal clerks, supervisors and postmen act for a receiving point only."),
            ),
            models.CheckConstraint(
                condition=~models.Q(role__in=[r.value for r in AGENCY_SCOPED_ROLES])
                | models.Q(agency__isnull=False, receiving_point__isnull=True),
                name="assignment_agency_role_has_agency",
                violation_error_code="assignment_agency_role_has_agency",
                violation_error_message=_(
                    "Agency specialists, leaders and one-stop supervisors act for an agency only."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in POINT_ROLES + AGENCY_SCOPED_ROLES])
                | models.Q(agency__isnull=True, receiving_point__isnull=True),
                name="assignment_other_roles_no_unit",
                violation_error_code="assignment_other_roles_no_unit",
                violation_error_message=_("Planners, trainers and administrators act for a province or the country."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="assignment_valid_range",
                violation_error_code="assignment_valid_range",
                violation_error_message=_("The end of validity cannot be before its start."),
            ),
        ]

    def __str__(self) -> str:
        scope = self.receiving_point or self.agency or self.province or _("whole country")
        return f"{self.user} – {self.get_role_display()} – {scope}"
