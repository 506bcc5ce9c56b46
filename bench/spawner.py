"""A small process that starts the PDF renders for bench/run.py and reports their peak memory.

Why not start them from bench/run.py itself: on Linux a child's ru_maxrss counts the
memory of the process it was forked from (the high-water mark of the forked copy is kept
across exec), so children of the benchmark — which holds the whole scale in memory after
building it — would all report the benchmark's own size. Started before Django is even
imported, this process stays at a few megabytes, so the figure read by os.wait4 is the
render's own.

Protocol: one JSON object per line on stdin, {"argv": [...], "env": {...}, "cwd": "..."};
one JSON object per line on stdout, {"returncode", "stdout", "stderr", "maxrss_kib"}.
"""

import json
import os
import subprocess
import sys


def main() -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        child = subprocess.Popen(
            job["argv"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=job["env"], cwd=job.get("cwd")
        )
        out, err = child.stdout.read(), child.stderr.read()  # drained before reaping: no blocked pipe
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        print(
            json.dumps(
                {
                    "returncode": child.returncode,
                    "stdout": out.decode(errors="replace"),
                    "stderr": err.decode(errors="replace")[-4000:],
                    "maxrss_kib": usage.ru_maxrss,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
