#!/usr/bin/env python3
"""REPL prompt-to-ready time: starts a command on a pseudo-terminal, measures the wall time until its first prompt
(`In [1]:` by default) appears, then sends Ctrl-D. Prints one JSON object with every run and the median.

usage: prompt-ready.py [--runs N] [--warmup N] [--prompt TEXT] -- COMMAND...
"""
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time


def once(cmd, prompt, timeout=120.0):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        # a real terminal's size: with 0 columns the line editor cannot draw the prompt
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execvp(cmd[0], cmd)
    seen = b""
    ready = None
    try:
        while time.monotonic() - start < timeout:
            r, _, _ = select.select([fd], [], [], 0.5)
            if not r:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if prompt in seen:
                ready = time.monotonic() - start
                break
        if ready is not None:
            os.write(fd, b"\x04")  # Ctrl-D: leave the REPL
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            try:
                select.select([fd], [], [], 0.2)
                os.read(fd, 65536)
            except OSError:
                pass
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    if ready is None:
        raise SystemExit("prompt %r never appeared; output was: %r" % (prompt, seen[-500:]))
    return ready


def main():
    args = sys.argv[1:]
    runs, warmup, prompt = 10, 1, "In [1]:"
    while args and args[0] != "--":
        opt = args.pop(0)
        if opt == "--runs":
            runs = int(args.pop(0))
        elif opt == "--warmup":
            warmup = int(args.pop(0))
        elif opt == "--prompt":
            prompt = args.pop(0)
        else:
            raise SystemExit("unknown option " + opt)
    cmd = args[1:]
    for _ in range(warmup):
        once(cmd, prompt.encode())
    times = [once(cmd, prompt.encode()) for _ in range(runs)]
    print(json.dumps({"command": " ".join(cmd), "prompt": prompt, "times": times, "median": statistics.median(times)}))


if __name__ == "__main__":
    main()
