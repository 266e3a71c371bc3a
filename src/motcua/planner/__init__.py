"""The model project's planner: demand, staffing, simulation, cost and citizen benefit per commune and province."""
