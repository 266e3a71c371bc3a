from tests.citizens.oidc_helpers import citizen_sign_in, oidc_in_process  # noqa: F401 - the shared fixtures
