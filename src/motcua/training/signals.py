"""Signals of training that other apps listen to (certification issues a certificate on a pass).

``attempt_passed`` is sent with ``attempt`` (an ``ExamAttempt``) once, when an attempt is scored as passed, inside the
transaction that closes it: a receiver's writes commit or roll back with the result.

``material_refreshed`` is sent with ``version`` (a ``ProcedureVersion``), ``stages`` (the stage codes its material
serves) and ``lesson`` (the generated lesson's id, or None) when a publication has regenerated the material;
certification asks the holders of those stages in the version's field to review it. It returns through
``send``'s answers how many were asked.
"""

from __future__ import annotations

from django.dispatch import Signal

attempt_passed = Signal()
material_refreshed = Signal()
