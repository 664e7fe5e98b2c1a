#!/usr/bin/env python3
"""http_limits — checks the HTTP server's defences over loopback (issue 10,
items 3, 4, 5): bounded in sockets (<= 1,600) and time (alarm), stops by
itself.

  http_limits.py OPEN_URL [KEYED_URL KEYED_PID]

OPEN_URL is a parley with no API key, started with PARLEY_MAX_CONN_PER_IP=64,
PARLEY_MAX_CONNECTIONS=1000, PARLEY_HEADER_TIMEOUT_MS=1000 and
PARLEY_REQUEST_TIMEOUT_MS=2500 (tests/scripts/http_limits.sh does that).
KEYED_URL/KEYED_PID, when given, are a parley with an API key (the e2e
server): unauthenticated uploads must be refused before their body is read.

Prints one line per check and exits 1 when any failed.
"""
import json
import os
import resource
import select
import signal
import socket
import statistics
import sys
import time
from urllib.parse import urlparse

FLOOD = 1500          # sockets the attacker opens from 127.0.0.2
PER_IP = 64           # the server's PARLEY_MAX_CONN_PER_IP
HEADER_TIMEOUT = 1.0  # seconds, the server's PARLEY_HEADER_TIMEOUT_MS
REQUEST_TIMEOUT = 2.5 # seconds, the server's PARLEY_REQUEST_TIMEOUT_MS

failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (": " + detail if detail else ""), flush=True)
    if not ok:
        failures.append(name)


def addr(url):
    u = urlparse(url)
    return u.hostname, u.port


def connect(target, source="127.0.0.1", timeout=5.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(target)
    return s


def read_answer(s, limit=1 << 20):
    """Reads until the peer closes or a full answer (by Content-Length) is in."""
    out = b""
    while len(out) < limit:
        try:
            d = s.recv(65536)
        except (socket.timeout, ConnectionResetError):
            break
        if not d:
            break
        out += d
        head, sep, body = out.partition(b"\r\n\r\n")
        if sep:
            for line in head.split(b"\r\n")[1:]:
                k, _, v = line.partition(b":")
                if k.strip().lower() == b"content-length" and len(body) >= int(v):
                    return out
    return out


def request(target, raw, source="127.0.0.1"):
    s = connect(target, source)
    try:
        s.sendall(raw)
        return read_answer(s)
    finally:
        s.close()


def status_and_code(answer):
    head, _, body = answer.partition(b"\r\n\r\n")
    parts = head.split(b" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    try:
        code = json.loads(body)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        code = None
    return status, code


def http(method, path, host, headers=(), body=b""):
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    lines += list(headers)
    if body or method in ("POST", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


# ---- item 5: Host and Origin on a server with no API key -------------------

def rebinding(target):
    port = target[1]
    actor = json.dumps({"name": "Rebound"}).encode()
    ct = "Content-Type: application/json"
    st, code = status_and_code(request(target, http("POST", "/v1/actors", "rebind.attacker.example", [ct], actor)))
    check("rebound Host refused for a write", st == 421 and code == "host_not_allowed", f"{st} {code}")
    st, code = status_and_code(request(target, http("GET", "/v1/events", f"rebind.attacker.example:{port}")))
    check("rebound Host refused for a read", st == 421 and code == "host_not_allowed", f"{st} {code}")
    for host in (f"localhost:{port}", "localhost", f"127.0.0.1:{port}", f"[::1]:{port}", "LOCALHOST."):
        st, _ = status_and_code(request(target, http("GET", "/livez", host)))
        check(f"Host {host} served", st == 200, str(st))
    # Past the Host check, a write from a foreign page is refused; from no
    # page or the same origin it reaches the handler (422: no kind given).
    for origin, want in (("https://evil.example", 403), ("null", 403),
                         (f"http://127.0.0.1:{port}", 422), (None, 422)):
        hs = [ct] + ([f"Origin: {origin}"] if origin else [])
        st, code = status_and_code(request(target, http("POST", "/v1/actors", f"127.0.0.1:{port}", hs, actor)))
        check(f"write with Origin {origin}", st == want, f"{st} {code}")


# ---- item 3: auth and limits before the body --------------------------------

def answered_before_body(target, path, extra, want):
    """Sends only the headers of a large upload; the answer must come
    without a byte of the body sent."""
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {8 << 20}\r\n" + "".join(h + "\r\n" for h in extra) + "\r\n").encode()
    s = connect(target, timeout=3.0)
    t0 = time.monotonic()
    try:
        s.sendall(head)
        answer = read_answer(s)
    finally:
        s.close()
    st, code = status_and_code(answer)
    return st, code, time.monotonic() - t0, answer


def auth_before_body(keyed, pid, key):
    for extra in ([], ["Expect: 100-continue"]):
        st, code, dt, answer = answered_before_body(keyed, "/v1/articles", extra, 401)
        check(f"401 before the body {extra or ''}".strip(),
              st == 401 and code == "unauthorized" and b"100 Continue" not in answer,
              f"{st} {code} after {dt * 1000:.0f} ms")
    st, code, dt, _ = answered_before_body(keyed, "/v1/actors/1", [f"Authorization: Bearer {key}"], 405)
    check("wrong method answered before the body", st == 405, f"{st} {code}")
    st, code, dt, _ = answered_before_body(keyed, "/v1/nothing", [], 404)
    check("unknown route answered before the body", st == 404, f"{st} {code}")
    head = (f"PATCH /v1/actors/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {key}\r\nContent-Length: {1 << 20}\r\n\r\n").encode()
    s = connect(keyed, timeout=3.0)
    s.sendall(head)
    st, code = status_and_code(read_answer(s))
    s.close()
    check("actor edit over its route limit: 413 before the body", st == 413 and code == "payload_too_large",
          f"{st} {code}")
    # 30 unauthenticated 8 MiB uploads: refused, and the server's memory stays flat.
    before = rss_kib(pid)
    chunk = b"a" * (1 << 20)
    refused = 0
    for _ in range(30):
        s = connect(keyed, timeout=3.0)
        try:
            s.sendall((f"POST /v1/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       f"Content-Length: {8 << 20}\r\n\r\n").encode())
            for _ in range(8):
                s.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            pass
        answer = read_answer(s)
        refused += status_and_code(answer)[0] == 401
        s.close()
    grown = (rss_kib(pid) - before) / 1024
    check("30 unauthenticated 8 MiB uploads refused, RSS flat", refused == 30 and grown < 32,
          f"{refused}/30 answered 401, RSS {before / 1024:.0f} -> {before / 1024 + grown:.0f} MiB")


# ---- item 4: connections ------------------------------------------------------

def closed_by_peer(s):
    p = select.poll()  # select() cannot take descriptors past 1023
    p.register(s, select.POLLIN)
    if not p.poll(0):
        return False
    try:
        return s.recv(4096) == b""
    except OSError:
        return True


def time_good_client(target):
    t0 = time.monotonic()
    st, _ = status_and_code(request(target, http("GET", "/livez", "127.0.0.1"), "127.0.0.1"))
    return st, (time.monotonic() - t0) * 1000


def flood(target):
    socks = []
    for _ in range(FLOOD):
        try:
            s = connect(target, "127.0.0.2", timeout=2.0)
            s.sendall(b"GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            socks.append(s)
        except OSError:
            pass
    # The server closes the surplus as it accepts it; give a loaded machine
    # up to 3 s to work through the backlog.
    open_socks = list(socks)
    for _ in range(30):
        open_socks = [s for s in open_socks if not closed_by_peer(s)]
        if len(open_socks) <= PER_IP:
            break
        time.sleep(0.1)
    held = len(open_socks)
    check(f"one address holds at most {PER_IP} connections", held <= PER_IP,
          f"{held} of {len(socks)} still open")
    times = []
    for _ in range(5):
        st, ms = time_good_client(target)
        times.append(ms if st == 200 else 1e9)
    med = statistics.median(times)
    check("a second address is served in < 100 ms during the flood", med < 100,
          "ms: " + ", ".join(f"{t:.1f}" for t in times))
    # The flood's survivors trickle a byte now and then: the header deadline
    # closes them all the same.
    t0 = time.monotonic()
    deadline = t0 + HEADER_TIMEOUT + 2.0
    while time.monotonic() < deadline and not all(closed_by_peer(s) for s in socks):
        for s in socks:
            try:
                s.send(b"x")
            except OSError:
                pass
        time.sleep(0.2)
    left = sum(not closed_by_peer(s) for s in socks)
    check("trickling header senders closed by the header deadline", left == 0,
          f"{left} still open after {time.monotonic() - t0:.1f} s of trickling")
    for s in socks:
        s.close()


def trickle_body(target):
    port = target[1]
    s = connect(target, "127.0.0.3", timeout=1.0)
    s.sendall((f"POST /v1/actors HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n").encode())
    t0 = time.monotonic()
    closed_after = None
    while time.monotonic() - t0 < REQUEST_TIMEOUT + 3.0:
        try:
            s.send(b" ")
        except OSError:
            closed_after = time.monotonic() - t0
            break
        if closed_by_peer(s):
            closed_after = time.monotonic() - t0
            break
        time.sleep(0.1)
    s.close()
    check("a body trickled byte by byte is cut at the request deadline",
          closed_after is not None and closed_after < REQUEST_TIMEOUT + 1.5,
          f"closed after {closed_after:.1f} s" if closed_after else "never closed")


def main():
    signal.alarm(120)  # bounded, whatever happens
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, 4096) if hard != resource.RLIM_INFINITY else 4096
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    target = addr(sys.argv[1])
    rebinding(target)
    if len(sys.argv) >= 4:
        auth_before_body(addr(sys.argv[2]), int(sys.argv[3]), os.environ.get("PARLEY_TEST_KEY", ""))
    flood(target)
    trickle_body(target)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
