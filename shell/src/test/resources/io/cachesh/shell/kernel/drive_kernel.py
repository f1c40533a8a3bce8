"""Drives a cachesh kernel with jupyter_client, as Jupyter does, and prints what it saw as one JSON object.

usage: drive_kernel.py KERNEL_NAME   (the kernelspec must be on JUPYTER_PATH)
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel

TIMEOUT = 120


def run_cell(kc, code):
    """Executes a cell; returns the reply content and the iopub messages of that request, up to idle."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    seen = []
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
        seen.append({"type": kind, "content": msg["content"]})
    return reply["content"], seen


def is_complete(kc, code):
    """is_complete has no reply= argument in jupyter_client 7: send, then take the matching shell reply."""
    msg_id = kc.is_complete(code)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    return reply["content"]


def main():
    km, kc = start_new_kernel(kernel_name=sys.argv[1], startup_timeout=TIMEOUT)
    out = {}
    try:
        out["kernel_info"] = kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]
        out["execute_ok"] = run_cell(kc, "println 'hello from the cell'; 6 * 7")
        out["execute_error"] = run_cell(kc, "x = = 1")
        out["complete"] = kc.complete("resi", 4, reply=True, timeout=TIMEOUT)["content"]
        out["inspect"] = kc.inspect("resize", 6, reply=True, timeout=TIMEOUT)["content"]
        out["is_complete_open"] = is_complete(kc, "cache {")
        out["is_complete_done"] = is_complete(kc, "1 + 1")
        kc.shutdown()
        deadline = time.time() + TIMEOUT
        while km.is_alive() and time.time() < deadline:
            time.sleep(0.1)
        out["alive_after_shutdown"] = km.is_alive()
        out["exit_code"] = km.provisioner.process.poll() if km.provisioner and km.provisioner.process else None
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
