"""Starts the demo on a pseudo-terminal, waits for its guide, presses Ctrl-C, and expects it to end.

usage: python3 demo_ctrl_c.py JAVA LAB_JAR OUTPOST_HOME
Prints the lab's namespace prefix (olab-<run id>-) on its last line for the caller to check.
"""
import re
import sys

import pexpect

java, jar, home = sys.argv[1:4]
demo = pexpect.spawn(java, ["-cp", jar, "io.outpost.lab.demo.Demo", "--outpost-home", home],
                     encoding="utf-8", timeout=120, dimensions=(60, 200))
demo.logfile_read = sys.stdout
demo.expect(r"Outpost demo is running \(lab (\w+)\)")
run_id = demo.match.group(1)
demo.expect_exact("Ctrl-C stops the daemon and removes the namespaces.")
demo.sendcontrol("c")
demo.expect(pexpect.EOF, timeout=60)
demo.close()
print("\nnamespace-prefix olab-%s-" % run_id, flush=True)
