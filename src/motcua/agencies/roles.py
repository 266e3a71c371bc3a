"""What each role may do, in words shown to the user on the home page and in the docs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Role

# Role groups by the work they open, each defined here only (the kind of scope a role acts for is another
# grouping: ``models.staff.POINT_ROLES`` and ``AGENCY_SCOPED_ROLES``, held by database constraints).
#: The counter's work: receive, digitize, return results, book pickups for a citizen.
COUNTER_ROLES = (Role.POSTAL_CLERK, Role.POSTAL_SUPERVISOR, Role.ADMINISTRATOR)
#: Digitizing a dossier's papers is counter work.
DIGITIZING_ROLES = COUNTER_ROLES
#: The agency inbox: the dossiers an agency processes.
AGENCY_INBOX_ROLES = (Role.AGENCY_SPECIALIST, Role.AGENCY_LEADER, Role.ADMINISTRATOR)
#: Supervision of workload and deadlines.
SUPERVISOR_ROLES = (Role.ONE_STOP_SUPERVISOR, Role.POSTAL_SUPERVISOR, Role.ADMINISTRATOR)

# Who reads the stage catalogue: who plans, trains or supervises stage by stage.
STAGE_READER_ROLES = (
    Role.PLANNER,
    Role.TRAINER,
    Role.ADMINISTRATOR,
    Role.POSTAL_SUPERVISOR,
    Role.ONE_STOP_SUPERVISOR,
)

ROLE_CAPABILITIES = {
    Role.POSTAL_CLERK: [
        _("Guide citizens with the procedure catalogue"),
        _("Receive dossiers and issue receipts with the appointment date"),
        _("Digitize dossiers and return results at the counter"),
    ],
    Role.POSTAL_SUPERVISOR: [
        _("Follow the work of the clerks at your receiving points"),
        _("Hand over dossiers and results between the post and the agencies"),
    ],
    Role.POSTMAN: [
        _("Pick up dossiers at home and deliver results"),
        _("Record delivery and collected fees"),
    ],
    Role.AGENCY_SPECIALIST: [
        _("Process dossiers routed to your agency"),
        _("Request supplements or refuse with reasons"),
    ],
    Role.AGENCY_LEADER: [
        _("Approve or refuse dossiers of your agency and sign results"),
        _("Follow deadlines and overdue dossiers"),
    ],
    Role.ONE_STOP_SUPERVISOR: [
        _("Supervise the one-stop department and its deadlines"),
        _("Issue apologies and new appointments for late dossiers"),
    ],
    Role.PLANNER: [
        _(
            "Plan the counters of your province's communes hour by hour to meet the wait target, one civil servant "
            "per field or pooled postal staff, with what each costs and what citizens save"
        ),
        _(
            "Keep scenarios of the inputs, each number with its source: change them (each save a new version), "
            "copy and compare them"
        ),
        _("Download the province's plan as Excel and its model-project report as PDF"),
    ],
    Role.TRAINER: [
        _("Write lessons per hand-over stage and procedure field, with the stage catalogue's process sheets"),
        _("Keep question banks, importing and exporting Moodle's GIFT and XML formats, and set exams"),
        _("Follow results, per-question statistics and each province's and post office's progress"),
    ],
    Role.ADMINISTRATOR: [
        _("Manage the procedure catalogue, agencies, receiving points and counters"),
        _("Manage users and roles, and the holiday calendar"),
    ],
}
