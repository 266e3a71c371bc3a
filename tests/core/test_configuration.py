import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from motcua.conf import env
from motcua.conf.env import config, render_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_configuration_reference_is_generated_from_the_settings_and_up_to_date():
    committed = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), "docs/configuration.md is stale: run `make config-docs`"


def test_the_reference_does_not_depend_on_where_the_project_is_checked_out():
    assert str(ROOT) not in render_markdown()


def test_every_documented_variable_has_help_text():
    assert env.REGISTRY, "no variables were registered"
    for variable in env.REGISTRY.values():
        assert len(variable.help) > 10, variable.name


def test_a_required_variable_without_value_refuses_to_start(monkeypatch):
    monkeypatch.delenv("MOTCUA_TEST_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="MOTCUA_TEST_REQUIRED"):
        config("MOTCUA_TEST_REQUIRED", help="A variable used by this test only.")
    env.REGISTRY.pop("MOTCUA_TEST_REQUIRED")


def test_booleans_and_lists_are_cast(monkeypatch):
    monkeypatch.setenv("MOTCUA_TEST_FLAG", "yes")
    monkeypatch.setenv("MOTCUA_TEST_LIST", "a.vn, b.vn,")
    try:
        assert config("MOTCUA_TEST_FLAG", default=False, cast=bool, help="A flag used by this test.") is True
        assert config("MOTCUA_TEST_LIST", default=[], cast=list, help="A list used by this test.") == ["a.vn", "b.vn"]
        monkeypatch.setenv("MOTCUA_TEST_FLAG", "maybe")
        with pytest.raises(ImproperlyConfigured):
            config("MOTCUA_TEST_FLAG", default=False, cast=bool, help="A flag used by this test.")
    finally:
        env.REGISTRY.pop("MOTCUA_TEST_FLAG", None)
        env.REGISTRY.pop("MOTCUA_TEST_LIST", None)


def _settings_in_subprocess(module: str, extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update({"DJANGO_SETTINGS_MODULE": module, "PYTHONPATH": str(ROOT / "src"), **extra_env})
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.DEBUG, settings.TIME_ZONE, settings.LANGUAGE_CODE)"
    )
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, cwd=ROOT)


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _settings_in_subprocess("motcua.conf.production", {})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_start_with_a_secret_key_and_debug_off():
    result = _settings_in_subprocess("motcua.conf.production", {"SECRET_KEY": "x" * 50, "DEBUG": "true"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "Asia/Ho_Chi_Minh", "vi"]


def test_sqlite_default_runs_in_wal_mode(tmp_path, django_db_blocker):
    from django.conf import settings
    from django.db.utils import ConnectionHandler

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite tier only")
    handler = ConnectionHandler({"default": {**settings.DATABASES["default"], "NAME": str(tmp_path / "wal.sqlite3")}})
    connection = handler["default"]
    with django_db_blocker.unblock():
        try:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
        finally:
            connection.close()
