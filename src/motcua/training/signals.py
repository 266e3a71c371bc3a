"""Signals of training that other apps listen to (certification issues a certificate on a pass).

``attempt_passed`` is sent with ``attempt`` (an ``ExamAttempt``) once, when an attempt is scored as passed, inside the
transaction that closes it: a receiver's writes commit or roll back with the result.
"""

from __future__ import annotations

from django.dispatch import Signal

attempt_passed = Signal()
