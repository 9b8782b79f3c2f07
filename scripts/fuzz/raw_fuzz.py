#!/usr/bin/env python3
"""Raw-request fuzzer for a running ticket server (standard library only).

Sends requests that no HTTP client library would send: request targets with invalid
percent-encoding and raw non-ASCII bytes, huge and negative numbers, cursors forged from real
ones, duplicate and very long headers, deeply nested JSON, duplicate keys and invalid UTF-8.
Every request is written to a socket byte for byte.

It fails on any 5xx, on any request the server drops without an answer, and when `GET /health`
stops answering 200 (checked after every batch). A failure prints the request as base64 with
the command that replays it:

    scripts/fuzz/raw_fuzz.py --port 8080 --replay <base64>

Usage:
    scripts/fuzz/raw_fuzz.py --port 8080 --seed 1 --seconds 60 \\
        --admin admin@example.com:password --user user@example.com:password
"""

import argparse
import base64
import json
import random
import socket
import sys
import time

TIMEOUT = 15.0


class Failure(Exception):
    """A request the server answered badly or not at all."""


def send_raw(host, port, request, timeout=TIMEOUT):
    """Sends one raw request on a new connection and returns (status, headers, body).

    The request carries `Connection: close`, so the response ends at EOF. Raises Failure when
    the connection ends (or is reset) before a complete status line arrives.
    """
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(request)
            chunks = []
            while True:
                try:
                    chunk = sock.recv(65536)
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
    except socket.timeout as error:
        raise Failure(f"no answer within {timeout} s") from error
    except OSError as error:
        raise Failure(f"connection failed: {error}") from error
    data = b"".join(chunks)
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ", 2) if lines and lines[0] else []
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
        raise Failure(f"connection closed without an HTTP response (got {data[:80]!r})")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers.setdefault(name.strip().lower().decode("latin-1"), []).append(value.strip().decode("latin-1"))
    status = int(parts[1])
    lengths = headers.get("content-length", [])
    if lengths and lengths[0].isdigit() and int(lengths[0]) != len(body) and not request.startswith(b"HEAD "):
        raise Failure(f"a {status} response with Content-Length {lengths[0]} ended after {len(body)} bytes")
    return status, headers, body


def build_request(method, target, headers=(), body=None, host_header=b"127.0.0.1"):
    """A raw HTTP/1.1 request; `target`, header names and values are bytes sent unchanged."""
    lines = [method + b" " + target + b" HTTP/1.1", b"Host: " + host_header, b"Connection: close"]
    for name, value in headers:
        lines.append(name + b": " + value)
    if body is not None:
        lines.append(b"Content-Length: " + str(len(body)).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")


def api(host, port, method, path, token=None, payload=None):
    """A well-formed JSON request, for setting up the run."""
    headers = [(b"Authorization", b"Bearer " + token.encode())] if token else []
    body = None
    if payload is not None:
        headers.append((b"Content-Type", b"application/json"))
        body = json.dumps(payload).encode()
    status, response_headers, response_body = send_raw(host, port, build_request(method.encode(), path.encode(), headers, body))
    try:
        parsed = json.loads(response_body) if response_body else None
    except ValueError:
        parsed = None
    return status, response_headers, parsed


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=")


class Fuzzer:
    """Generates hostile requests from a seed and the server's real ids and cursors."""

    # Each path the API serves, with its methods (and three of the web pages' files).
    PATHS = {
        b"/": [b"GET"], b"/app/main.js": [b"GET"], b"/app/views/ticket.js": [b"GET"],
        b"/tickets": [b"GET", b"POST"], b"/tickets/{ticket}": [b"GET", b"PATCH", b"PUT", b"DELETE"],
        b"/tickets/{ticket}/history": [b"GET"], b"/tickets/{ticket}/comments": [b"GET", b"POST"], b"/tickets/similar": [b"GET"],
        b"/users": [b"GET"], b"/users/{user}": [b"GET", b"PATCH", b"PUT", b"DELETE"], b"/comments": [b"GET", b"POST"],
        b"/comments/{comment}": [b"GET", b"PATCH", b"PUT", b"DELETE"], b"/auth/me": [b"GET"], b"/health": [b"GET"],
        b"/openapi.json": [b"GET"], b"/stats": [b"GET"], b"/categories": [b"GET"], b"/auth/login": [b"POST"], b"/auth/register": [b"POST"], b"/auth/register/admin": [b"POST"],
    }
    ODD_METHODS = [b"GET", b"POST", b"PATCH", b"PUT", b"DELETE", b"HEAD", b"OPTIONS", b"TRACE", b"BREW", b"G\xc3\x89T"]
    PARAMETERS = [
        b"limit", b"cursor", b"status", b"priority", b"assigned_to_id", b"created_by_id", b"q", b"sort", b"title",
        b"description", b"ticket_id", b"days", b"category",
    ]
    NUMBERS = [
        b"0", b"-1", b"1", b"2", b"-0", b"9223372036854775807", b"9223372036854775808", b"-9223372036854775808",
        b"-9223372036854775809", b"99999999999999999999999999", b"1e309", b"-1e309", b"1.5", b"NaN", b"Infinity", b"0x10",
        b"2147483648", b"4294967296", b"253402300800000", b"+5", b" 7", b"1_000",
    ]
    HOSTILE_TEXT = [
        b"%zz", b"%", b"%4", b"%C3", b"%FF%FE", b"%00", b"%0d%0aX-Injected:%201", b"\xc3\xa9", b"\xff", b"\x80\x80",
        b"caf\xc3\xa9", b'"', b"|", b"<script>", b"\\", b"^", b"`", b"{}", b"[]", b"%2e%2e%2f", b"../../etc/passwd",
        b"me", b"none", b"ME", b"hardware", b"Hardware,none", b"-priority", b"--created_at", b"incoming,open,,", b"in progress", b"in%20progress",
        b"' OR 1=1 --", b"NEAR(a b)", b"\"unbalanced", b"*", b"a" * 3000, b"%u0041", b"%%", b"+", b"%2B",
    ]

    def __init__(self, rng, ids, cursors):
        self.rng = rng
        self.ids = ids
        self.cursors = cursors

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def number(self):
        choice = self.rng.random()
        if choice < 0.5:
            return self.pick(self.NUMBERS)
        if choice < 0.8:
            return str(self.rng.choice([-1, 1]) * self.rng.randrange(0, 2**70)).encode()
        return str(self.rng.choice(self.ids.get("ticket", [1]) + self.ids.get("user", [1]))).encode()

    def forged_cursor(self):
        """A cursor derived from a real one: decoded, one field changed, encoded again."""
        real = self.pick(self.cursors) if self.cursors else b64url(b"v1|-created_at|1790000000000|1")
        padded = real + b"=" * (-len(real) % 4)
        try:
            fields = base64.urlsafe_b64decode(padded).split(b"|")
        except ValueError:
            fields = [b"v1", b"id", b"1", b"1"]
        mutation = self.rng.randrange(8)
        if mutation == 0 and len(fields) > 2:
            fields[2] = self.number()
        elif mutation == 1 and len(fields) > 3:
            fields[3] = self.number()
        elif mutation == 2 and len(fields) > 1:
            fields[1] = self.pick([b"id", b"-created_at", b"created_at", b"-priority", b"priority", b"updated_at", b"x", b""])
        elif mutation == 3:
            fields = fields[: self.rng.randrange(len(fields) + 1)]
        elif mutation == 4:
            fields.append(self.number())
        elif mutation == 5:
            fields[0] = self.pick([b"v0", b"v2", b"", b"v1\x00"])
        elif mutation == 6:
            return real[: self.rng.randrange(len(real) + 1)]
        else:
            return real + self.pick([b"=", b"==", b"%3D", b"!", b"\xc3\xa9", b"A" * 300])
        return b64url(b"|".join(fields))

    def value(self):
        choice = self.rng.random()
        if choice < 0.3:
            return self.number()
        if choice < 0.5:
            return self.forged_cursor()
        return self.pick(self.HOSTILE_TEXT)

    def path(self, template):
        for name in (b"ticket", b"user", b"comment"):
            placeholder = b"{" + name + b"}"
            if placeholder in template:
                if self.rng.random() < 0.6:
                    # The ids are kept under text keys ("ticket"), the placeholders are bytes.
                    value = str(self.pick(self.ids.get(name.decode(), [1]))).encode()
                else:
                    value = self.rng.choice([self.number(), self.pick(self.HOSTILE_TEXT), b"", b"1/", b"1;x", b"%31"])
                template = template.replace(placeholder, value)
        return template

    LISTS = (b"/tickets", b"/users", b"/comments")

    def target(self, template):
        target = self.path(template)
        count = self.rng.randrange(0, 5)
        if count:
            parameters = []
            # Lists with a next page build a Link header from the query: ask for one.
            if target in self.LISTS or target.endswith((b"/history", b"/comments")):
                if self.rng.random() < 0.6:
                    parameters.append(b"limit=1")
            for _ in range(count):
                name = self.pick(self.PARAMETERS) if self.rng.random() < 0.85 else self.pick(self.HOSTILE_TEXT)
                if name == b"cursor" and self.rng.random() < 0.7:
                    parameters.append(name + b"=" + self.forged_cursor())
                else:
                    parameters.append(name + b"=" + self.value())
            target += b"?" + b"&".join(parameters)
        if self.rng.random() < 0.05:
            target += b"#fragment"
        # The request line must stay one line: a space or a line break would end the target.
        return bytes(byte for byte in target if byte not in b" \r\n")

    def json_scalar(self):
        return self.pick([
            b"null", b"true", b"0", b"-0", b"1e400", b"-1e400", b"1e-400", b"123456789012345678901234567890", b"1.5", b"9.3e18",
            b"-9223372036854775809", b'""', b'"\\u0000"', b'"\\ud800"', b'"\\udc00\\ud800"', b'"\xff\xfe"', b'"\xc3"',
            b'"' + b"x" * 25000 + b'"', b'"low"', b'"HIGH "', b'"closed"', b'"admin"', b'"in progress"', b"[]", b"{}",
            # Control characters, escaped and raw (raw ones are not JSON at all).
            b'"\\u0001"', b'"a\\u001b[31mb"', b'"\\u007f"', b'"\\u0085"', b'"\\u009f\\u0000"', b'"tab\\tand\\nline"', b'"a\x01b"',
            b'"' + b"\\u0001" * 20000 + b'"',
            str(self.pick(self.ids.get("ticket", [1]))).encode(), str(self.pick(self.ids.get("user", [1]))).encode(),
        ])

    def json_body(self):
        fields = [b"title", b"description", b"priority", b"category", b"status", b"assigned_to_id", b"duplicate_of_id", b"content",
                  b"ticket_id", b"name", b"email", b"password", b"role", b"active", b"current_password", b"id"]
        kind = self.rng.randrange(10)
        if kind == 0:
            depth = self.rng.choice([100, 1000, 10000, 100000])
            return b"[" * depth + b"]" * depth
        if kind == 1:
            depth = self.rng.choice([100, 1000, 10000, 50000])
            return b'{"title":' * depth + b"1" + b"}" * depth
        if kind == 2:
            field = self.pick(fields)
            return b"{" + b",".join(b'"' + field + b'":' + self.json_scalar() for _ in range(self.rng.randrange(2, 5))) + b"}"
        if kind == 3:
            return self.pick([b"", b"{", b"{}", b"[]", b"null", b'"x"', b"{} {}", b'{"title": "a"} trailing', b"\xef\xbb\xbf{}",
                              b"{'title': 'x'}", b'{"title": NaN}', b'{"a": 1,}', b"\x00", b'{"\xff": 1}'])
        members = []
        for _ in range(self.rng.randrange(1, 6)):
            members.append(b'"' + self.pick(fields) + b'":' + self.json_scalar())
        return b"{" + b",".join(members) + b"}"

    def headers(self, token):
        headers = []
        if token is not None:
            headers.append((b"Authorization", b"Bearer " + token.encode()))
        extra = self.rng.randrange(6)
        if extra == 0:
            headers.append((b"Authorization", self.pick([
                b"Bearer", b"Bearer ", b"Basic Zm9vOmJhcg==", b"Bearer a.b.c", b"Bearer " + b"A" * 8000,
                b"Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", b"Bearer \xff\xfe",
                b"Bearer " + b64url(b'{"alg":"HS256","typ":"JWT"}') + b"." + b64url(b'{"sub":"1","exp":1e308}') + b".x",
                b"Bearer " + b64url(b'{"alg":"HS256"}') + b"." + b64url(b'{"sub":"99999999999999999999","exp":9e18}') + b".x",
            ])))
        elif extra == 1:
            headers.append((self.pick([b"If-Match", b"If-None-Match"]), self.pick([b'"1"', b'"99999999999999999999"', b'"-1"', b'"2147483648"', b"*", b'""',
                                                     b'"9223372036854775807"', b"W/\"1\"", b"\"\xff\"", b'"1", "2"'])))
        elif extra == 2:
            headers.append((b"X-Request-Id", self.pick([b"a" * 10000, b"\xff\xfe", b"x\x7fy", b"", b"ok-id"])))
        elif extra == 3:
            headers.append((b"X-Long", b"v" * self.rng.choice([1000, 16000, 60000, 200000])))
        elif extra == 4:
            headers.append((b"Content-Type", self.pick([b"text/plain", b"application/json; charset=latin-1",
                                                         b"application/json\xff", b"application/json, application/json"])))
        return headers

    # Host headers the server does not serve (a DNS-rebinding page's name) or cannot parse.
    FOREIGN_HOSTS = [
        b"fuzz", b"attacker.example", b"attacker.example:8080", b"127.0.0.1.attacker.example", b"localhost.", b"LOCALHOST",
        b"[::1]", b"[::1", b"[nonsense]:80", b"localhost:99999", b"localhost:x", b"", b"\xff\xfe", b"a" * 300,
        b"127.0.0.1:8080, evil.example", b"user@localhost",
    ]

    def request(self, tokens):
        """A hostile request, and the token it carries (or None)."""
        template = self.pick(list(self.PATHS))
        method = self.pick(self.PATHS[template]) if self.rng.random() < 0.85 else self.pick(self.ODD_METHODS)
        token = self.pick(tokens) if self.rng.random() < 0.85 else None
        headers = self.headers(token)
        body = None
        if method in (b"POST", b"PATCH", b"PUT") or self.rng.random() < 0.05:
            body = self.json_body()
            # Now and then no Content-Type at all (a 415), otherwise JSON unless one was picked.
            if not any(name.lower() == b"content-type" for name, _ in headers) and self.rng.random() < 0.9:
                headers.append((b"Content-Type", b"application/json"))
        host = self.pick(self.FOREIGN_HOSTS) if self.rng.random() < 0.08 else b"127.0.0.1"
        return build_request(method, self.target(template), headers, body, host_header=host), token


def setup(host, port, admin, user):
    """Logs in both accounts, makes sure a few tickets and comments exist, and collects ids
    and real cursors for the fuzzer to mutate."""
    tokens = []
    for email, password in (admin, user):
        status, _, body = api(host, port, "POST", "/auth/login", payload={"email": email, "password": password})
        if status != 200 or not isinstance(body, dict) or "token" not in body:
            raise SystemExit(f"login as {email} failed: {status} {body}")
        tokens.append(body["token"])
    admin_token, user_token = tokens
    ids = {"ticket": [], "user": [], "comment": []}
    for index in range(3):
        status, _, ticket = api(host, port, "POST", "/tickets", user_token,
                                {"title": f"Fuzz seed {index} printer", "description": "Seed ticket for the fuzzer", "priority": "high"})
        if status == 201 and isinstance(ticket, dict):
            ids["ticket"].append(ticket["id"])
            status, _, comment = api(host, port, "POST", f"/tickets/{ticket['id']}/comments", user_token, {"content": "seed comment"})
            if status == 201 and isinstance(comment, dict):
                ids["comment"].append(comment["id"])
    cursors = []
    for path in ["/tickets?limit=1", "/tickets?limit=1&sort=-priority", "/tickets?limit=1&sort=updated_at", "/users?limit=1",
                 "/comments?limit=1", f"/tickets/{ids['ticket'][0] if ids['ticket'] else 1}/history?limit=1"]:
        status, headers, body = api(host, port, "GET", path, admin_token)
        if path.startswith("/users") and isinstance(body, list):
            ids["user"].extend(item["id"] for item in body)
        for link in headers.get("link", []):
            if "cursor=" in link:
                cursors.append(link.split("cursor=", 1)[1].split(">", 1)[0].split("&", 1)[0].encode())
    ids["user"] = ids["user"] or [1]
    return tokens, ids, cursors


made_again = {}


def replenish(host, port, tokens, ids):
    """Replaces the tickets and comments the fuzzer deleted with new ones, so that later
    requests keep meeting real objects instead of 404s. (Best effort: a token the fuzzer
    ended, by changing a password say, makes nothing.) Counts what it made in `made_again`."""
    admin_token, user_token = tokens
    for kind, path in (("ticket", "/tickets/{}"), ("comment", "/comments/{}")):
        for index, object_id in enumerate(ids[kind]):
            status, _, _ = api(host, port, "GET", path.format(object_id), admin_token)
            if status >= 500:
                raise Failure(f"GET {path.format(object_id)} answered {status}")
            if status != 404:
                continue
            if kind == "ticket":
                status, _, made = api(host, port, "POST", "/tickets", user_token,
                                      {"title": "Fuzz replacement printer", "description": "Made again for the fuzzer", "priority": "low"})
            elif ids["ticket"]:
                status, _, made = api(host, port, "POST", f"/tickets/{ids['ticket'][0]}/comments", user_token, {"content": "made again"})
            else:
                continue
            if status >= 500:
                raise Failure(f"making a {kind} again answered {status}")
            if status == 201 and isinstance(made, dict):
                ids[kind][index] = made["id"]
                made_again[kind] = made_again.get(kind, 0) + 1


def check_health(host, port):
    status, _, _ = send_raw(host, port, build_request(b"GET", b"/health"))
    if status != 200:
        raise Failure(f"GET /health answered {status}")


def report(request, port, problem):
    print(f"FAIL: {problem}", file=sys.stderr)
    print(f"request: {request[:600]!r}{' ...' if len(request) > 600 else ''}", file=sys.stderr)
    encoded = base64.b64encode(request).decode()
    if len(encoded) < 20000:
        print(f"replay: scripts/fuzz/raw_fuzz.py --port {port} --replay {encoded}", file=sys.stderr)
    else:
        print(f"(request of {len(request)} bytes; replay with --seed and the same server state)", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=60, help="time budget (default 60)")
    parser.add_argument("--batch", type=int, default=50, help="requests between health checks")
    parser.add_argument("--admin", help="email:password of an administrator")
    parser.add_argument("--user", help="email:password of a plain user")
    parser.add_argument("--replay", help="send one base64-encoded request and print the answer")
    args = parser.parse_args()

    if args.replay:
        request = base64.b64decode(args.replay)
        try:
            status, headers, body = send_raw(args.host, args.port, request)
        except Failure as failure:
            print(f"FAIL: {failure}")
            return 1
        print(status, headers, body[:2000])
        return 1 if status >= 500 else 0

    if not args.admin or not args.user:
        parser.error("--admin and --user are required")
    admin = tuple(args.admin.split(":", 1))
    user = tuple(args.user.split(":", 1))
    tokens, ids, cursors = setup(args.host, args.port, admin, user)
    rng = random.Random(args.seed)
    fuzzer = Fuzzer(rng, ids, cursors)
    deadline = time.monotonic() + args.seconds
    sent = 0
    statuses = {}
    while time.monotonic() < deadline:
        for _ in range(args.batch):
            request, token = fuzzer.request(tokens)
            try:
                status, headers, body = send_raw(args.host, args.port, request)
            except Failure as failure:
                report(request, args.port, failure)
                return 1
            sent += 1
            statuses[status] = statuses.get(status, 0) + 1
            if status >= 500:
                report(request, args.port, f"status {status}: {body[:300]!r}")
                return 1
            # A next link the server hands out must work when followed: same list, same total.
            for link in headers.get("link", []) if status == 200 else []:
                target = link[1:link.find(">")].encode("latin-1")
                if not target.startswith(b"/") or target.startswith(b"//"):
                    report(request, args.port, f"the next link {link!r} is not a path on this server")
                    return 1
                auth = [(b"Authorization", b"Bearer " + token.encode())] if token else []
                follow = build_request(b"GET", target, auth)
                try:
                    followed, followed_headers, followed_body = send_raw(args.host, args.port, follow)
                except Failure as failure:
                    report(follow, args.port, f"following {link!r} from the request below: {failure}")
                    report(request, args.port, "the request whose Link was followed")
                    return 1
                sent += 1
                if followed != 200 or followed_headers.get("x-total-count") != headers.get("x-total-count"):
                    report(follow, args.port, f"following {link!r} gave {followed} with X-Total-Count "
                                              f"{followed_headers.get('x-total-count')} (first page: {headers.get('x-total-count')}): "
                                              f"{followed_body[:300]!r}")
                    report(request, args.port, "the request whose Link was followed")
                    return 1
        try:
            check_health(args.host, args.port)
        except Failure as failure:
            report(request, args.port, f"after this batch: {failure}")
            return 1
        try:
            replenish(args.host, args.port, tokens, ids)
        except Failure as failure:
            report(request, args.port, f"making deleted objects again after this batch: {failure}")
            return 1
    summary = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
    again = ", ".join(f"{count} {kind}s" for kind, count in sorted(made_again.items())) or "nothing"
    print(f"raw fuzzer: {sent} requests with seed {args.seed}, no 5xx and no dropped connection ({summary}); "
          f"made again after deletes: {again}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
