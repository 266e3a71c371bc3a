"""A run's parameters and its name (docs/operations.md, "Synthetic dossiers").

A run is named by a digest of its parameters (:attr:`SynthPlan.run_id`): the same parameters are the same run, so
running the same command again resumes it (:mod:`motcua.synthetic.write`)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from motcua.dossiers.lifecycle import Channel

SYNTH_VERSION = 1  # part of a run's identity: a change of the generator is a new run
AUDIT_ACTION = "dossier.synth_batch"
DEFAULT_CHANNELS = {Channel.COUNTER: 0.45, Channel.ONLINE: 0.40, Channel.POSTAL: 0.15}


class SynthRefused(ValueError):
    """The parameters cannot give a run: the message says why, in Vietnamese and English."""


@dataclass(frozen=True)
class SynthPlan:
    count: int
    province: str
    year: int
    seed: int = 0
    batch_size: int = 10_000
    channels: tuple[tuple[str, float], ...] = tuple(DEFAULT_CHANNELS.items())

    @property
    def run_id(self) -> str:
        """The run's name: the same parameters are the same run (the batch size is part of them)."""
        params = json.dumps(
            [
                SYNTH_VERSION,
                self.count,
                self.province,
                self.year,
                self.seed,
                self.batch_size,
                [[str(c), round(s, 6)] for c, s in self.channels],
            ]
        )
        return hashlib.sha256(params.encode()).hexdigest()[:12]

    @property
    def batches(self) -> int:
        return -(-self.count // self.batch_size)

    def as_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "province": self.province,
            "year": self.year,
            "seed": self.seed,
            "batch_size": self.batch_size,
            "channels": {str(c): s for c, s in self.channels},
        }
