"""Who opens which training page: every staff role learns and takes exams; trainers and administrators author."""

from __future__ import annotations

from motcua.agencies.models import Role

LEARNERS = tuple(Role)
AUTHORS = (Role.TRAINER, Role.ADMINISTRATOR)
