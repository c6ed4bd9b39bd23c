"""The development SECRET_KEY written in the code is refused with DEBUG off: by the system check (so `check
--deploy`, migrate, runserver and the worker refuse) and by the WSGI module before gunicorn serves."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError

ROOT = Path(__file__).resolve().parents[2]


def test_the_development_key_with_debug_off_is_an_error_of_check_deploy(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    with pytest.raises(SystemCheckError, match=r"ops\.E001.*SECRET_KEY là khóa phát triển ghi sẵn trong mã nguồn"):
        call_command("check", deploy=True)


def test_a_key_of_its_own_or_debug_on_passes(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "k" * 50
    call_command("check", tags=["security"])
    settings.DEBUG = True
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    call_command("check", tags=["security"])


def _wsgi(env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update({"SECRET_KEY_FILE": str(tmp_path / "none"), "DJANGO_SETTINGS_MODULE": "emulation.settings", **env_extra})
    return subprocess.run([sys.executable, "-c", "import emulation.wsgi"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_gunicorns_application_refuses_to_load_on_the_development_key(tmp_path):
    refused = _wsgi({"DEBUG": "false"}, tmp_path)
    assert refused.returncode != 0
    assert "ImproperlyConfigured: ops.E001: SECRET_KEY là khóa phát triển" in refused.stderr

    key_file = tmp_path / "secret_key"
    key_file.write_text("a-key-of-this-site-" + "z" * 40 + "\n")
    served = _wsgi({"DEBUG": "false", "SECRET_KEY_FILE": str(key_file)}, tmp_path)
    assert (served.returncode, served.stderr) == (0, "")


def test_the_test_run_itself_has_a_key_of_its_own():
    assert settings.SECRET_KEY != settings.DEVELOPMENT_SECRET_KEY
