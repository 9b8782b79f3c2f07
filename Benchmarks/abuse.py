#!/usr/bin/env python3
"""The attacks of the secure-defaults review, measured against a running ticket-server.

  abuse.py --port PORT --pid SERVER_PID --admin EMAIL:PASSWORD --user EMAIL:PASSWORD

1. Peak memory while 60 clients ask for the largest answers and never read them: a ticket with
   50 comments of 20,000 four-byte characters (`GET /tickets/{id}`, the comments embedded) and
   its comment list (`limit=200`, cut at about 2 MiB).
2. A real login's time right after 200 logins with random emails were sent and abandoned.
3. `/health`'s latency (p50, p99) while 4 clients send the worst `q` search (16 distinct common
   words, each repeated, so 125+ words on the wire).
Prints one line per figure.
"""
import argparse
import http.client
import json
import random
import socket
import statistics
import threading
import time


def request(port, method, path, token=None, body=None, timeout=60, source="127.0.0.1"):
    """One request on a connection of its own, from the loopback address `source`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    headers = {"Host": "127.0.0.1"}
    data = json.dumps(body).encode() if body is not None else None
    if data is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def login(port, credentials):
    email, password = credentials.split(":", 1)
    status, body = request(port, "POST", "/auth/login", body={"email": email, "password": password})
    if status != 200:
        raise SystemExit(f"login {email}: {status} {body[:200]!r}")
    return json.loads(body)["token"]


def rss_kb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def raw(port, text, receive_buffer=None):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.connect(("127.0.0.1", port))
    sock.sendall(text.encode())
    return sock


def large_answers(port, pid, user):
    token = login(port, user)
    status, body = request(port, "POST", "/tickets", token, {"title": "Large", "description": "\U0001F5A8" * 20000, "priority": "low"})
    ticket = json.loads(body)["id"]
    for _ in range(50):
        status, _ = request(port, "POST", f"/tickets/{ticket}/comments", token, {"content": "\U0001F5A8" * 20000})
        assert status == 201, status
    sizes = {}
    for path in (f"/tickets/{ticket}", f"/tickets/{ticket}/comments?limit=200"):
        sizes[path] = len(request(port, "GET", path, token)[1])
    before = rss_kb(pid, "VmRSS")
    sockets = []
    for index in range(60):
        path = f"/tickets/{ticket}" if index % 2 == 0 else f"/tickets/{ticket}/comments?limit=200"
        sockets.append(raw(port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\r\n", 4096))
    peak = before
    for _ in range(40):
        time.sleep(0.5)
        peak = max(peak, rss_kb(pid, "VmRSS"))
    for sock in sockets:
        sock.close()
    print(f"60 clients not reading the largest answers ({', '.join(f'{p}: {s / 1e6:.1f} MB' for p, s in sizes.items())}): "
          f"RSS {before / 1024:.0f} MB before, peak {peak / 1024:.0f} MB over 20 s (high-water mark {rss_kb(pid, 'VmHWM') / 1024:.0f} MB)")


def abandoned_logins(port, admin):
    sockets = []
    started = time.monotonic()
    for _ in range(200):
        body = json.dumps({"email": f"nobody{random.randrange(10**9)}@example.com", "password": "wrong-password"})
        sock = raw(port, f"POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         f"Content-Length: {len(body)}\r\n\r\n{body}")
        sockets.append(sock)
    for sock in sockets:
        sock.close()
    sent = time.monotonic() - started
    started = time.monotonic()
    attempts = 0
    email, password = admin.split(":", 1)
    while True:
        attempts += 1
        # A colleague at another address (the attacker's holds its share of connections).
        status, body = request(port, "POST", "/auth/login", body={"email": email, "password": password}, source="127.0.0.2")
        if status == 200:
            break
        if status != 503:
            raise SystemExit(f"real login: {status} {body[:200]!r}")
        time.sleep(0.1)
    print(f"a real login right after 200 abandoned logins (sent in {sent:.2f} s): {time.monotonic() - started:.2f} s "
          f"({attempts} attempt(s), the first {attempts - 1} answered 503)")


def worst_search(port, user):
    token = login(port, user)
    words = ["printer", "jams", "paper", "vpn", "drops", "monitor", "flickers", "laptop", "slow", "email", "login", "fails",
             "network", "screen", "keyboard", "office"]
    q = "%20".join(words * 8)
    stop = threading.Event()
    searches = []

    def attacker():
        while not stop.is_set():
            started = time.monotonic()
            request(port, "GET", f"/tickets?q={q}&limit=200", token)
            searches.append(time.monotonic() - started)

    threads = [threading.Thread(target=attacker) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    latencies = []
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        started = time.monotonic()
        request(port, "GET", "/health", source="127.0.0.2")
        latencies.append(time.monotonic() - started)
        time.sleep(0.01)
    stop.set()
    for thread in threads:
        thread.join()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(f"/health while 4 clients send the worst q ({len(words) * 8} words, {len(searches)} searches, "
          f"median {statistics.median(searches) * 1000:.0f} ms each): p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p99 {p99 * 1000:.1f} ms over {len(latencies)} requests")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--admin", required=True)
    parser.add_argument("--user", required=True)
    args = parser.parse_args()
    large_answers(args.port, args.pid, args.user)
    abandoned_logins(args.port, args.admin)
    worst_search(args.port, args.user)


if __name__ == "__main__":
    main()
