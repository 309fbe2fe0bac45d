"""The README's nginx example is what xieshang/dev/proxy.py writes, and nginx accepts it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from xieshang.dev import proxy

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ["10.0.0.11:8501", "10.0.0.12:8501", "10.0.0.13:8501"]


def readme_example() -> str:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Deployment", 1)[1]
    found = re.search(r"```nginx\n(.*?)```", section, re.S)
    assert found, "the Deployment section has no nginx example"
    return found.group(1)


def test_the_readme_example_is_the_configuration_the_code_writes():
    assert readme_example() == proxy.site(BACKENDS, server_name="xieshang.example.gov.cn")


def test_nginx_accepts_the_readme_example_with_a_real_certificate(tmp_path):
    if not Path(proxy.NGINX).exists() or not shutil.which("openssl"):
        pytest.skip("nginx or openssl is not installed (run `make nginx`)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=xieshang.example.gov.cn", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    site = readme_example().replace(proxy.CERTIFICATE, str(cert))
    site = site.replace(proxy.CERTIFICATE_KEY, str(key))
    conf = tmp_path / "nginx.conf"
    conf.write_text(proxy.standalone(site, tmp_path), encoding="utf-8")

    checked = proxy.check(conf, tmp_path)
    assert checked.returncode == 0, checked.stderr


def test_nginx_refuses_a_broken_configuration(tmp_path):
    """The check above can fail: a site without its upstream is refused."""
    if not Path(proxy.NGINX).exists():
        pytest.skip("nginx is not installed (run `make nginx`)")
    site = proxy.site(BACKENDS, ["127.0.0.1:0"], tls=None).replace(
        "upstream xieshang", "upstream x"
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(proxy.standalone(site, tmp_path), encoding="utf-8")

    assert proxy.check(conf, tmp_path).returncode != 0
