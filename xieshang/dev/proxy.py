"""nginx in front of one or several app processes: the configuration the README shows, and a
private nginx started from it (the replica test).

`site()` writes what goes in `/etc/nginx/sites-available/xieshang`: the upstream of app
processes, sticky by client, websockets upgraded, the proxy headers, long read timeouts (a
Streamlit session is one websocket that stays open). `standalone()` wraps it into a whole
`nginx.conf` whose pid, logs and temporary files stay in one folder, so nginx runs as any user
on loopback ports (`nginx -p FOLDER -c nginx.conf`), never touching /etc, /var or /run.

    python -m xieshang.dev.proxy --backend 10.0.0.11:8501 --backend 10.0.0.12:8501 \\
        --server-name xieshang.example.gov.cn
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from xieshang.dev.serving import answered

NGINX = os.environ.get("XIESHANG_NGINX", "/usr/sbin/nginx")
CERTIFICATE = "/etc/ssl/certs/xieshang.pem"
CERTIFICATE_KEY = "/etc/ssl/private/xieshang.key"
# A Streamlit session is one websocket, idle while its reader reads: nginx's default 60 s
# read timeout would cut it every minute (the page then reconnects and reruns).
READ_TIMEOUT = "1d"


class ProxyDidNotStart(RuntimeError):
    pass


def site(
    backends: Sequence[str],
    listen: Sequence[str] = ("443 ssl",),
    *,
    server_name: str = "_",
    sticky: str = "ip_hash",
    tls: tuple[str, str] | None = (CERTIFICATE, CERTIFICATE_KEY),
    max_upload_mb: int = 200,
    allow_from: Sequence[str] = (),
) -> str:
    """The http-level blocks: the app processes as one upstream and the server in front.

    `sticky` keeps a client on one process (its session, uploads and downloads live there):
    `ip_hash`, or `hash $http_x_remote_user consistent` behind a gateway, whose one address
    would otherwise send everyone to the same node. `allow_from`: the only addresses served
    (header mode: the gateway's, so that nobody else can send the identity header).
    """
    servers = "\n".join(f"    server {backend};" for backend in backends)
    listens = "\n".join(f"    listen {address};" for address in listen)
    lines = [
        "# Streamlit talks over a websocket: upgrade it, and close plain requests as usual.",
        "map $http_upgrade $connection_upgrade {",
        "    default upgrade;",
        "    ''      close;",
        "}",
        "",
        "upstream xieshang {",
        "    # Sticky by client: a session, its uploads and downloads live in one process.",
        f"    {sticky};",
        servers,
        "}",
        "",
    ]
    if tls is not None:
        lines += [
            "server {",
            "    listen 80;",
            f"    server_name {server_name};",
            "    return 301 https://$host$request_uri;",
            "}",
            "",
        ]
    lines += ["server {", listens, f"    server_name {server_name};"]
    if allow_from:
        lines += ["    # Header mode: only the gateway may reach the app (it sets the user's id)."]
        lines += [f"    allow {address};" for address in allow_from] + ["    deny all;"]
    if tls is not None:
        lines += [
            f"    ssl_certificate {tls[0]};",
            f"    ssl_certificate_key {tls[1]};",
            "    ssl_protocols TLSv1.2 TLSv1.3;",
            '    add_header Strict-Transport-Security "max-age=31536000" always;',
        ]
    lines += [
        f"    client_max_body_size {max_upload_mb}m;  # server.maxUploadSize",
        "",
        "    location / {",
        "        proxy_pass http://xieshang;",
        "        proxy_http_version 1.1;",
        "        proxy_set_header Upgrade $http_upgrade;",
        "        proxy_set_header Connection $connection_upgrade;",
        "        # With its port: Streamlit accepts a websocket only from its own origin.",
        "        proxy_set_header Host $http_host;",
        "        proxy_set_header X-Real-IP $remote_addr;",
        "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "        proxy_set_header X-Forwarded-Proto $scheme;",
    ]
    lines += [
        f"        proxy_read_timeout {READ_TIMEOUT};",
        f"        proxy_send_timeout {READ_TIMEOUT};",
        "        # Stream the answers: the page's messages arrive as they are made.",
        "        proxy_buffering off;",
        "    }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def standalone(site_text: str, prefix: Path) -> str:
    """A whole nginx.conf around `site_text` whose pid, logs and temporary files are in `prefix`."""
    # Started as root, nginx's workers would drop to `nobody`, who cannot enter a private
    # temporary folder: they stay the user who started it.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / ('temp-' + kind)};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    body = "\n".join(f"    {line}" if line else "" for line in site_text.splitlines())
    return (
        f"{user}worker_processes 1;\n"
        "daemon off;\n"
        f"pid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} info;\n"
        "events {\n    worker_connections 512;\n}\n"
        "http {\n"
        f"    access_log {prefix / 'access.log'};\n"
        f"{temp}\n"
        f"{body}\n"
        "}\n"
    )


def check(conf: Path, prefix: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on a configuration: its output says what is wrong."""
    return subprocess.run(  # noqa: S603 - Debian's nginx, arguments of our own
        [NGINX, "-t", "-q", "-e", str(prefix / "error.log"), "-p", str(prefix), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@contextmanager
def serve(
    backends: Sequence[str],
    prefix: Path,
    port: int,
    *,
    log: IO[str],
    also_ipv6: bool = True,
    timeout: float = 60,
    sticky: str = "ip_hash",
) -> Iterator[str]:
    """Debian's nginx in front of `backends` on 127.0.0.1:`port` (and [::1]:`port`), its files in
    `prefix`; yields its URL once it answers. With `ip_hash`, 127.0.0.1 and ::1 are two clients
    that nginx keeps on different processes, the first and the second."""
    if not Path(NGINX).exists():
        raise ProxyDidNotStart(f"{NGINX} is missing (run `make nginx`)")
    prefix.mkdir(parents=True, exist_ok=True)
    listen = [f"127.0.0.1:{port}", *([f"[::1]:{port}"] if also_ipv6 else [])]
    conf = prefix / "nginx.conf"
    text = standalone(site(backends, listen, tls=None, sticky=sticky), prefix)
    conf.write_text(text, encoding="utf-8")
    checked = check(conf, prefix)
    if checked.returncode:
        raise ProxyDidNotStart(f"nginx -t refused the configuration:\n{checked.stderr}")
    process = subprocess.Popen(  # noqa: S603 - Debian's nginx, arguments of our own
        [NGINX, "-e", str(prefix / "error.log"), "-p", str(prefix), "-c", str(conf)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        answered(
            process, url, timeout, lambda why: ProxyDidNotStart(f"nginx {why}:\n{tail(prefix)}")
        )
        yield url
    finally:
        process.terminate()  # SIGTERM: nginx's fast shutdown
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def tail(prefix: Path, lines: int = 40) -> str:
    try:
        text = (prefix / "error.log").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no error log)"
    return "\n".join(text.splitlines()[-lines:])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="print an nginx site for xieshang")
    parser.add_argument("--backend", action="append", required=True, help="host:port of an app")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--sticky", default="ip_hash")
    parser.add_argument(
        "--allow-from", action="append", default=[], help="serve only this address (gateway)"
    )
    parser.add_argument("--no-tls", action="store_true", help="plain HTTP on port 80")
    args = parser.parse_args(argv)
    print(
        site(
            args.backend,
            ("80",) if args.no_tls else ("443 ssl",),
            server_name=args.server_name,
            sticky=args.sticky,
            tls=None if args.no_tls else (CERTIFICATE, CERTIFICATE_KEY),
            allow_from=args.allow_from,
        ),
        end="",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
