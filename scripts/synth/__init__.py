"""Synthetic council archives (scripts/synth_archive): one module per job, see cli.py."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent.parent  # the repository: content/, site_config.yml, theme/
