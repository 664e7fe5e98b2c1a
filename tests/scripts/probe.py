#!/usr/bin/env python3
"""Malformed-request probe (issue 10): sends thousands of hostile requests at
a running parley over loopback, one raw socket each, and reports

  crashes   the server stopped accepting connections (or its pid died)
  hangs     no complete answer within --timeout seconds
  5xx       answers >= 500 from our own code (503 database_unavailable is
            counted apart: it is the answer while the database is away)
  no-envelope  4xx/5xx from our code whose body is not the JSON envelope
  library   errors libmicrohttpd answered itself (HTML 400/413/414/431/505),
            requests it closed without an answer (broken framing), and cut-short
            bodies it waited for (its read deadline ends those) - counted
            apart, not failures of the API (issue 10 items 4 and 7)

Every kind of input of issue 10: invalid UTF-8 in query names, values, paths,
headers and JSON keys; overlong everything; bad methods, versions, content
types and lengths; broken chunked encoding; bad JSON; bad timestamps; CSV
formula payloads (and the export checked for them afterwards).

Bounded: --count requests (default 6000) and --budget seconds overall;
loopback only.  Exit 0 when crashes, hangs, 5xx and no-envelope are all 0.

  tests/scripts/probe.py --url http://127.0.0.1:8082 --key KEY [--pid PID]
"""
import argparse
import json
import os
import random
import socket
import sys
import time
import urllib.parse

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--url", default=os.environ.get("PARLEY_TEST_URL", "http://127.0.0.1:8080"))
ap.add_argument("--key", default=os.environ.get("PARLEY_TEST_KEY", ""))
ap.add_argument("--pid", type=int, default=0, help="the server's pid, checked for life")
ap.add_argument("--count", type=int, default=6000)
ap.add_argument("--budget", type=float, default=120.0, help="seconds for the whole probe")
ap.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
ap.add_argument("--seed", type=int, default=10)
ap.add_argument("-v", "--verbose", action="store_true")
args = ap.parse_args()

u = urllib.parse.urlsplit(args.url)
HOST, PORT = u.hostname, u.port or 80
if HOST not in ("127.0.0.1", "::1", "localhost"):
    sys.exit("probe: loopback only (got %s)" % HOST)
HOSTHDR = ("[%s]:%d" if ":" in HOST else "%s:%d") % (HOST, PORT)
rng = random.Random(args.seed)

# ---------------------------------------------------------------- payloads
BAD_BYTES = [
    b"\xff", b"\xfe\xff", b"\xc3", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80", b"\x80", b"a\xe2\x82", b"\x00", b"\x01\x1f\x7f",
]
TEXTS = [
    "\u0416" * 300, "\u2026" * 1000, "\U0001F54A" * 200, "x" * 10000, "x" * 70000,
    "' OR 1=1 --", "\"; DROP TABLE events; --", "<script>alert(1)</script>", "\\", "\"",
    "../../../../etc/passwd", "%00", "\r\nX-Injected: 1", "{{7*7}}", "${jndi:ldap://x}",
    "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1+1)", "\tTAB", "\rCR", "", " ", "0", "-1",
    "99999999999999999999999", "1e309", "NaN", "null", "[]", "{}",
]
TIMESTAMPS = [
    "2025-08-15T-1:-1Z", "2025-08-15T10:30+05", "2025-08-15T10:30:00+05:", "2025-08-15T10:30:00+5",
    "2025-08-15T25:00", "2025-08-15T10:60", "2025-02-30", "0000-01-01", "9999-12-31T23:59:60Z",
    "2025-08-15T10:30:00.", "2025-08-15T", "2025-08-15 10:30", "+2025-08-15", "2025-8-15",
    "2025-08-15T10:30:00" + "9" * 500, "2025-08-15\xff", "１２３４-05-06",
]
CSV_PAYLOADS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd",
                "@SUM(1+1)*cmd", "\t=1+1", "\r=1+1", "=1+1\n=2+2", "\"=1\",\"=2\""]

GET_ROUTES = ["/v1/events", "/v1/actors", "/v1/statements", "/v1/articles", "/v1/sources",
              "/v1/stats/timeline", "/v1/stats/summary", "/v1/network", "/v1/actors/1/statements",
              "/v1/actors/1/events", "/metrics", "/readyz", "/livez", "/openapi.yaml"]
ITEM_ROUTES = ["/v1/events/", "/v1/actors/", "/v1/articles/", "/v1/sources/"]
PARAMS = ["actor", "q", "from", "to", "limit", "cursor", "type", "kind", "status", "location",
          "format", "bucket", "split", "series", "min_weight", "speaker", "article_id", "event_id",
          "country", "cameo", "source_id"]
WRITES = [("POST", "/v1/actors", {"name": "Probe Person", "kind": "person"}),
          ("PATCH", "/v1/actors/1", {"title": "Minister"}),
          ("POST", "/v1/actors/2/merge", {"into": 1}),
          ("POST", "/v1/articles", {"url": "https://probe.example/a", "text": "Lavrov met Fidan."}),
          ("POST", "/v1/sources", {"url": "https://probe.example/rss", "kind": "feed"})]


def pct(b):
    """Percent-encodes every byte (so raw invalid UTF-8 arrives decoded)."""
    if isinstance(b, str):
        b = b.encode("utf-8", "surrogatepass")
    return "".join("%%%02X" % c for c in b)


def atoms():
    for b in BAD_BYTES:
        yield b
    for t in TEXTS:
        yield t.encode("utf-8")


def request(method, target, headers=None, body=None, raw_tail=None, version=b"HTTP/1.1",
            host=True, close_write=False, incomplete=False):
    """Raw request bytes.  headers: list of (name, value) bytes/str."""
    def b(x):
        return x if isinstance(x, bytes) else x.encode("utf-8", "surrogatepass")
    lines = [b(method) + b" " + b(target) + b" " + version]
    hs = list(headers or [])
    if host:
        hs.insert(0, ("Host", HOSTHDR))
    hs.append(("Connection", "close"))
    if body is not None and not any(b(n).lower() in (b"content-length", b"transfer-encoding") for n, _ in hs):
        hs.append(("Content-Length", str(len(body))))
    for n, v in hs:
        lines.append(b(n) + b": " + b(v))
    data = b"\r\n".join(lines) + b"\r\n\r\n"
    if body is not None:
        data += b(body)
    if raw_tail is not None:
        data += raw_tail
    return (data, close_write, method, incomplete)


AUTH = ("Authorization", "Bearer " + args.key)
JSON_CT = ("Content-Type", "application/json")


def generate():
    out = []
    # 1. query names and values of every GET route
    for route in GET_ROUTES:
        for a in atoms():
            out.append(request("GET", route + "?" + pct(a) + "=1"))
        for p in PARAMS[:6]:
            for a in atoms():
                out.append(request("GET", route + "?" + p + "=" + pct(a)))
    # 2. paths: item ids, unknown segments, static names, raw bytes
    for a in atoms():
        for r in ITEM_ROUTES:
            out.append(request("GET", r + pct(a)))
        out.append(request("GET", "/v1/" + pct(a)))
        out.append(request("GET", "/" + pct(a) + ".js"))
        out.append(request("GET", b"/v1/events/" + a.replace(b" ", b"").replace(b"\r", b"")
                           .replace(b"\n", b"")[:2000]))
        out.append(request("DELETE", "/v1/sources/" + pct(a), [AUTH]))
    for t in TIMESTAMPS:
        out.append(request("GET", "/v1/events?from=" + pct(t)))
    # 3. JSON bodies: keys and values of every write
    for method, path, base in WRITES:
        for a in atoms():
            s = a.decode("utf-8", "replace")
            for doc in ({**base, s: 1}, {k: s for k in base}, {k: [s] for k in base},
                        {**base, "aliases": [s] * 3}):
                out.append(request(method, path, [JSON_CT, AUTH], json.dumps(doc, ensure_ascii=False)))
            # raw invalid bytes inside a JSON key and value
            out.append(request(method, path, [JSON_CT, AUTH], b'{"' + a + b'": "' + a + b'"}'))
    for t in TIMESTAMPS:
        out.append(request("POST", "/v1/articles", [JSON_CT, AUTH], json.dumps(
            {"url": "https://probe.example/ts", "text": "Lavrov met Fidan.", "published_at": t})))
    # 4. bad JSON
    bad_json = [b"", b"{", b"}", b"[", b"nul", b"{\"a\":}", b"{\"a\" 1}", b"{'a':1}", b"\xef\xbb\xbf{}",
                b"[" * 100000, b"{\"a\":" * 5000, b"{\"url\":\"x\",\"url\":\"y\"}", b"1e999999",
                b"{\"a\":\"\\ud800\"}", b"{\"a\":\"\\u0000\"}", b"{\"\\u0000\":1}", b"\x00\x00\x00",
                b"{\"text\": \"" + b"\\n" * 50000 + b"\"}", b"[1,2,3]", b"\"str\"", b"42", b"true"]
    for method, path, _ in WRITES:
        for j in bad_json:
            out.append(request(method, path, [JSON_CT, AUTH], j))
    # 5. content types and lengths
    for ct in ["text/plain", "application/jsonx", "application/json; charset=latin1",
               "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "",
               "application/" + "j" * 5000, "\xff/\xfe", "APPLICATION/JSON", "application/json;;;"]:
        for method, path, base in WRITES:
            out.append(request(method, path, [("Content-Type", ct), AUTH], json.dumps(base)))
    for cl in ["-1", "abc", "99999999999999999999", "1 1", "+5", "0x10", "", "18446744073709551616"]:
        for method, path, base in WRITES:
            out.append(request(method, path, [JSON_CT, AUTH, ("Content-Length", cl)], json.dumps(base),
                               close_write=True))
    for method, path, base in WRITES:  # declared longer than sent
        out.append(request(method, path, [JSON_CT, AUTH, ("Content-Length", "100")], b"{}",
                           close_write=True, incomplete=True))
        out.append(request(method, path, [JSON_CT, AUTH, ("Content-Length", str(9 << 20))],
                           b"{" * 1000, close_write=True, incomplete=True))
    # 6. chunked encoding, broken in every place
    chunked = [b"zz\r\n{}\r\n0\r\n\r\n", b"2\r\n{}\r\n", b"ffffffffffffffff\r\n{}\r\n0\r\n\r\n",
               b"2;" + b"e" * 10000 + b"\r\n{}\r\n0\r\n\r\n", b"2\r\n{}0\r\n\r\n", b"-2\r\n{}\r\n0\r\n\r\n",
               b"2\n{}\n0\n\n", b"1\r\n{\r\n1\r\n}\r\n0\r\nX-Trailer: \xff\r\n\r\n", b"0\r\n",
               b"\r\n\r\n", b"2 \r\n{}\r\n0\r\n\r\n", b"2\r\n{}\r\n0\r\n" + b"T: x\r\n" * 2000 + b"\r\n"]
    for method, path, _ in WRITES:
        for c in chunked:
            out.append(request(method, path, [JSON_CT, AUTH, ("Transfer-Encoding", "chunked")],
                               raw_tail=c, close_write=True, incomplete=True))
        out.append(request(method, path, [JSON_CT, AUTH, ("Transfer-Encoding", "chunked"),
                                          ("Content-Length", "2")], raw_tail=b"2\r\n{}\r\n0\r\n\r\n"))
        out.append(request(method, path, [JSON_CT, AUTH, ("Transfer-Encoding", "gzip, chunked")],
                           raw_tail=b"2\r\n{}\r\n0\r\n\r\n", close_write=True, incomplete=True))
    # 7. methods and versions
    for m in ["BREW", "get", "G\xffT", "GET\x01", "X" * 10000, "PROPFIND", "TRACE", "CONNECT", "PUT",
              "PATCH", "DELETE", "OPTIONS", "HEAD", "POST", "M-SEARCH", "GET GET", "\u0416"]:
        for path in ("/v1/events", "/v1/actors/1", "/", "/nope"):
            out.append(request(m, path, [AUTH]))
    for v in [b"HTTP/0.9", b"HTTP/2.0", b"HTTP/1.2", b"HTTP/1", b"HTTX/1.1", b"", b"HTTP/1.1\xff"]:
        out.append(request("GET", "/v1/events", version=v))
    out.append(request("GET", "/v1/events", host=False))
    out.append(request("GET", "/v1/" + "a" * 100000))
    out.append(request("GET", "/v1/events?" + "&".join("p%d=1" % i for i in range(5000))))
    # 8. headers: client bytes in every header the API reads
    for a in atoms():
        s = a.replace(b"\r", b"").replace(b"\n", b"").replace(b"\x00", b"")[:8000]
        for name in ("Origin", "Accept", "Accept-Encoding", "If-None-Match", "Authorization",
                     "Content-Type", "X-Forwarded-For", "Access-Control-Request-Method"):
            out.append(request("GET", "/v1/events", [(name, s)]))
            out.append(request("OPTIONS", "/v1/actors", [("Origin", "https://dash.example"), (name, s)]))
        out.append(request("POST", "/v1/actors", [JSON_CT, ("Authorization", b"Bearer " + s)], b"{}"))
        out.append(request("GET", "/v1/events", [(b"X-" + s.replace(b":", b"")[:200], "1")]))
    out.append(request("GET", "/v1/events", [("X-Big", "v" * 100000)]))
    out.append(request("GET", "/v1/events", [("X-%d" % i, "1") for i in range(3000)]))
    # 9. CSV formula payloads, stored and exported (checked after the run)
    for i, p in enumerate(CSV_PAYLOADS):
        out.append(request("POST", "/v1/articles", [JSON_CT, AUTH], json.dumps(
            {"url": "https://probe.example/csv%d" % i, "title": p, "author": p, "source_name": p,
             "text": "Lavrov met Fidan in Ankara on Monday.", "published_at": "1903-03-03"})))
    # 10. random mutations of the above until the count is reached
    base = list(out)
    while len(out) < args.count:
        data, cw, m, inc = rng.choice(base)
        data = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(data))
            data[i] = rng.choice([0, 0xff, 0xc3, 0x80, ord("%"), ord("\n"), rng.randrange(256)])
        out.append((bytes(data), True, m, True))
    return out


# ---------------------------------------------------------------- transport
class Hang(Exception):
    pass


def exchange(data, close_write, deadline, timeout=None):
    timeout = timeout or args.timeout
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    try:
        s.settimeout(timeout)
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may refuse before reading everything
        if close_write:
            try:
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        chunks = []
        while True:
            if time.monotonic() > deadline:
                raise Hang()
            try:
                c = s.recv(65536)
            except socket.timeout:
                raise Hang()
            except ConnectionResetError:
                break
            if not c:
                break
            chunks.append(c)
        return b"".join(chunks)
    finally:
        s.close()


def parse(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    headers = {}
    for line in lines[1:]:
        n, _, v = line.partition(b":")
        headers[n.strip().lower().decode("latin-1")] = v.strip().decode("latin-1")
    if "chunked" in headers.get("transfer-encoding", ""):
        out, rest = b"", body
        while rest:
            size, _, rest = rest.partition(b"\r\n")
            try:
                n = int(size.split(b";")[0], 16)
            except ValueError:
                break
            if n == 0:
                break
            out, rest = out + rest[:n], rest[n + 2:]
        body = out
    return status, headers, body


def alive():
    if args.pid:
        try:
            os.kill(args.pid, 0)
        except ProcessLookupError:
            return False
    try:
        raw = exchange(b"GET /livez HTTP/1.1\r\nHost: " + HOSTHDR.encode() + b"\r\nConnection: close\r\n\r\n",
                       False, time.monotonic() + args.timeout)
        return parse(raw)[0] == 200
    except (OSError, Hang):
        return False


# ---------------------------------------------------------------- the run
requests = generate()
counts = dict(sent=0, crashes=0, hangs=0, server_5xx=0, no_envelope=0, db_503=0, library_errors=0,
              closed_without_answer=0, ok_2xx=0, api_4xx=0, waited_for_body=0)
examples = {}
start = time.monotonic()
t_end = start + args.budget


def note(kind, data, detail):
    counts[kind] += 1
    examples.setdefault(kind, []).append((data[:160], detail[:300]))


for data, close_write, method, incomplete in requests:
    if time.monotonic() > t_end:
        break
    counts["sent"] += 1
    # A request whose body is cut short (or mutated at random) may leave
    # the library waiting for bytes that never come: its read deadline,
    # not the API, ends those, so they get a short wait and their own count.
    timeout = min(args.timeout, 3.0) if incomplete else args.timeout
    try:
        raw = exchange(data, close_write, min(t_end + timeout, time.monotonic() + timeout), timeout)
    except Hang:
        note("waited_for_body" if incomplete else "hangs", data, b"no answer in time")
        continue
    except ConnectionRefusedError:
        note("crashes", data, b"connection refused")
        break
    except OSError as e:
        note("closed_without_answer", data, str(e).encode())
        continue
    if not raw:
        # A framing the library could not read: it closes.  Still alive?
        if not alive():
            note("crashes", data, b"server gone after this request")
            break
        note("closed_without_answer", data, b"")
        continue
    status, headers, body = parse(raw)
    is_json = headers.get("content-type", "").startswith("application/json")
    head = isinstance(method, str) and method == "HEAD"
    if 200 <= status < 400:
        counts["ok_2xx"] += 1
        continue
    if not is_json:
        # Our code answers every error as JSON: anything else is the
        # library's own page (414, 431, 505 …) or not HTTP at all.
        note("library_errors" if status else "closed_without_answer", data, raw[:200])
        continue
    env = None
    if not head:
        try:
            env = json.loads(body.decode("utf-8"))
            err = env["error"]
            assert isinstance(err["code"], str) and isinstance(err["message"], str)
        except Exception as e:  # noqa: BLE001 - any failure is a finding
            note("no_envelope", data, raw[:300])
            continue
    if status == 503 and env and env["error"]["code"] == "database_unavailable":
        counts["db_503"] += 1
    elif status >= 500:
        note("server_5xx", data, raw[:300])
    else:
        counts["api_4xx"] += 1
    if counts["sent"] % 500 == 0 and not alive():
        note("crashes", data, b"server gone")
        break

if counts["crashes"] == 0 and not alive():
    note("crashes", b"(end)", b"server gone at the end")

# The CSV payloads must come back neutralised in the export.
csv_bad = 0
if counts["crashes"] == 0:
    raw = exchange(b"GET /v1/articles?format=csv&from=1903-03-03&to=1903-03-03 HTTP/1.1\r\nHost: "
                   + HOSTHDR.encode() + b"\r\nConnection: close\r\n\r\n", False, time.monotonic() + 30)
    status, _, body = parse(raw)
    import csv
    import io
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    for row in rows[1:]:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                csv_bad += 1
    if status != 200 or len(rows) < 2:
        csv_bad += 1

elapsed = time.monotonic() - start
print("probe: %d requests in %.1f s against %s" % (counts["sent"], elapsed, args.url))
for k in ("crashes", "hangs", "server_5xx", "no_envelope", "api_4xx", "ok_2xx", "db_503",
          "library_errors", "closed_without_answer", "waited_for_body"):
    print("  %-22s %d" % (k, counts[k]))
print("  %-22s %d" % ("csv_unneutralised", csv_bad))
shown = ("crashes", "hangs", "server_5xx", "no_envelope") + (("library_errors", "closed_without_answer",
                                                              "waited_for_body")
                                                             if args.verbose else ())
for k in shown:
    for req, detail in examples.get(k, [])[:5]:
        print("  %s: %r -> %r" % (k, req, detail))
bad = counts["crashes"] + counts["hangs"] + counts["server_5xx"] + counts["no_envelope"] + csv_bad
if counts["sent"] < min(args.count, 5000):
    print("probe: only %d requests sent within the %.0f s budget" % (counts["sent"], args.budget))
    bad += 1
sys.exit(1 if bad else 0)
