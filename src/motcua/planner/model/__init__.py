"""The planner's engine: demand, staffing, costs and benefits per commune, province and country."""

from .plan import CommunePlan, CountryPlan, Figures, ProvincePlan, plan_run

__all__ = ["CommunePlan", "CountryPlan", "Figures", "ProvincePlan", "plan_run"]
