"""A scenario in Excel: its inputs (export, and import as a new version, all or nothing) and its plan."""

from .inputs import inputs_read_workbook, inputs_workbook, scenario_inputs_import
from .plan import plan_workbook

__all__ = ["inputs_read_workbook", "inputs_workbook", "plan_workbook", "scenario_inputs_import"]
