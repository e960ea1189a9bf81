"""The gateway's guards: the token, loopback only, a 0600 connection file, and a JVM that goes
when its Python parent goes."""

import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from py4j.java_gateway import GatewayParameters, JavaGateway
from py4j.protocol import Py4JError

import hepgraph as hg


def test_connection_file_is_0600_in_a_0700_folder_and_the_token_is_not_on_the_command_line():
    s = hg.connect()
    assert stat.S_IMODE(s.connection_file.stat().st_mode) == 0o600
    assert s.connection_file.stat().st_uid == os.getuid()
    assert stat.S_IMODE(s.dir.stat().st_mode) == 0o700
    info = json.loads(s.connection_file.read_text())
    assert info["port"] == s.port and info["pid"] == s.pid and len(info["token"]) == 64
    cmdline = Path(f"/proc/{s.pid}/cmdline").read_bytes().decode()
    assert info["token"] not in cmdline
    assert info["token"] not in Path(f"/proc/{s.pid}/environ").read_bytes().decode()


def test_a_fresh_token_per_launch():
    first = json.loads(hg.connect().connection_file.read_text())["token"]
    hg.shutdown()
    assert json.loads(hg.connect().connection_file.read_text())["token"] != first


@pytest.mark.parametrize("token", [None, "0" * 64])
def test_a_client_without_the_right_token_is_refused(token):
    s = hg.connect()
    with pytest.raises(Py4JError):
        gw = JavaGateway(gateway_parameters=GatewayParameters(port=s.port, auth_token=token))
        gw.entry_point.version()
    assert hg.version(), "the JVM serves its own client as before"


def test_a_raw_protocol_call_without_authentication_is_refused():
    s = hg.connect()
    with socket.create_connection(("127.0.0.1", s.port)) as so:
        so.sendall(b"c\nt\nversion\ne\n")
        reply = so.recv(1000)
    assert reply.startswith(b"!x") and b"Authentication error" in reply


def _listening_addresses(port):
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.split(":")
            if state == "0A" and int(p, 16) == port:
                found.append(addr)
    return found


def test_the_gateway_listens_on_loopback_only():
    s = hg.connect()
    addresses = _listening_addresses(s.port)
    loopback = {"0100007F", "0000000000000000FFFF00000100007F"}  # 127.0.0.1, ::ffff:127.0.0.1
    assert addresses and set(addresses) <= loopback, f"listening on {addresses}; not loopback"
    # and is not reachable through another address of this machine, where there is one
    try:
        others = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    except OSError:
        others = set()
    for ip in others - {"127.0.0.1"}:
        if ip.startswith("127."):
            continue
        with pytest.raises(OSError):
            socket.create_connection((ip, s.port), timeout=5).close()


def _gone(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def test_the_jvm_exits_when_its_python_parent_is_killed():
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import hepgraph as hg, time; s = hg.connect(); print(s.pid, s.dir, flush=True); "
         "time.sleep(3600)"],
        stdout=subprocess.PIPE, text=True)
    try:
        jvm, folder = child.stdout.readline().split()
        jvm, folder = int(jvm), Path(folder)
        assert not _gone(jvm)
    finally:
        child.kill()
        child.wait()
    for _ in range(600):  # the JVM needs a moment to see EOF and exit; no speed is asserted
        if _gone(jvm):
            break
        time.sleep(0.1)
    assert _gone(jvm), f"JVM {jvm} still runs after its Python parent was killed"
    # the killed parent could not clean up; the next start removes its folder (and token)
    assert folder.exists()
    hg._jvm.remove_stale_dirs()
    assert not folder.exists()
