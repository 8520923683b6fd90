#!/usr/bin/env python3
"""A loopback TCP proxy that cuts connections on purpose, for the sync tests.

    cutproxy.py PORT_FILE TARGET_PORT PLAN_FILE LOG_FILE

Listens on 127.0.0.1 (a free port, written to PORT_FILE) and forwards every
connection to 127.0.0.1:TARGET_PORT. When a connection opens, the proxy reads one
plan from PLAN_FILE and sets the file back to "none", so a plan applies to one
connection only:

    none         forward everything
    down N       forward N bytes from the server, then drop both sides
    up N         forward N bytes from the client, then drop both sides
    mark TEXT    once TEXT has gone up, drop both sides instead of forwarding the
                 next bytes from the server: the server did the work, the client
                 never hears of it (the "committed but the reply was lost" case)

Each connection appends "plan=... up=U down=D cut=0|1" to LOG_FILE when it ends.
"""
import os
import select
import socket
import sys
import threading


def read_plan(path):
    try:
        with open(path) as f:
            plan = f.read().strip() or "none"
    except FileNotFoundError:
        plan = "none"
    with open(path, "w") as f:
        f.write("none\n")
    return plan


def serve(client, target_port, plan, log_path, lock):
    server = socket.create_connection(("127.0.0.1", target_port))
    kind, _, arg = plan.partition(" ")
    limit = int(arg) if kind in ("up", "down") else None
    mark = arg.encode() if kind == "mark" else None
    up = down = 0
    seen = b""
    marked = cut = False
    try:
        while not cut:
            ready, _, _ = select.select([client, server], [], [])
            for s in ready:
                data = s.recv(65536)
                if not data:
                    raise EOFError
                if s is client:
                    if kind == "up" and up + len(data) >= limit:
                        server.sendall(data[: limit - up])
                        up, cut = limit, True
                        break
                    server.sendall(data)
                    up += len(data)
                    if mark and not marked:
                        seen = (seen + data)[-(len(mark) + 65536):]
                        marked = mark in seen
                else:
                    if marked or (kind == "down" and down + len(data) >= limit):
                        if not marked:
                            client.sendall(data[: limit - down])
                            down = limit
                        cut = True
                        break
                    client.sendall(data)
                    down += len(data)
    except (EOFError, OSError):
        pass
    for s in (client, server):
        try:
            # a reset, not a polite close: what a dropped link looks like
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
            s.close()
        except OSError:
            pass
    with lock:
        with open(log_path, "a") as f:
            f.write(f"plan={plan} up={up} down={down} cut={int(cut)}\n")


def main():
    port_file, target_port, plan_path, log_path = sys.argv[1:5]
    lsock = socket.socket()
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(16)
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{lsock.getsockname()[1]}\n")
    os.rename(tmp, port_file)
    lock = threading.Lock()
    while True:
        client, _ = lsock.accept()
        plan = read_plan(plan_path)
        threading.Thread(target=serve, args=(client, int(target_port), plan, log_path, lock),
                         daemon=True).start()


if __name__ == "__main__":
    main()
