"""followup: a keyboard-driven terminal board for job-interview follow-ups."""

__version__ = "0.1.0"
