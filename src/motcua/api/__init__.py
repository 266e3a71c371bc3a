"""The REST API (django-ninja) under ``/api/v1/``: thin endpoints over the selectors and services of the domain apps.

The API object lives in :mod:`motcua.api.main`; this package imports nothing at load time so the app registry can
load it like any other app.
"""
