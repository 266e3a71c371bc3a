"""What each role may do, in words shown to the user on the home page and in the docs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Role

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
    Role.PLANNER: [_("Quantify the postal one-stop model: staff, cost and citizen time saved")],
    Role.TRAINER: [_("Prepare training material, assess and certify postal staff")],
    Role.ADMINISTRATOR: [
        _("Manage the procedure catalogue, agencies, receiving points and counters"),
        _("Manage users and roles, and the holiday calendar"),
    ],
}
