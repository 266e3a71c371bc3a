"""Standard training per hand-over stage and procedure field: lessons, question banks, exams (docs/training.md)."""
