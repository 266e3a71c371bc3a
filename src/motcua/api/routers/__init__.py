"""Endpoints, one router per resource. Endpoints parse, call a selector or a service, and return."""
