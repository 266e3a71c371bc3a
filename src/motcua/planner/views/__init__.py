"""The planner's pages under /ke-hoach/: the country, a province, a commune, scenarios and the downloads."""
