"""Drives the interactive outpost CLI on a real pseudo-terminal, as a person would.

usage: python3 interactive.py BIN_OUTPOST SOCKET
Exits 0 when every expected screen appears; otherwise pexpect raises and the transcript
(printed as it goes) shows where it stopped.
"""
import os
import sys

import pexpect

outpost, socket = sys.argv[1], sys.argv[2]
env = dict(os.environ, TERM="xterm-256color", HOME=os.environ.get("HOME", "/root"))
cli = pexpect.spawn(outpost, ["--socket", socket], env=env, encoding="utf-8", timeout=30,
                    dimensions=(60, 200))
cli.logfile_read = sys.stdout


def step(what):
    print("\n### " + what, flush=True)


step("the operational prompt")
cli.expect_exact("root@outpost> ")

step("Tab completes an abbreviated keyword")
cli.send("sh\t")
cli.expect_exact("show ")
cli.send("conf\t")
cli.expect_exact("configuration ")
cli.send("\r")
cli.expect_exact("host-name outpost;")
cli.expect_exact("root@outpost> ")

step("configuration mode shows [edit] above a # prompt")
cli.send("configure\r")
cli.expect_exact("[edit]")
cli.expect_exact("root@outpost# ")

step("'?' lists what may come next, with help, and keeps the line")
cli.send("set interfaces interface eth0 ?")
cli.expect_exact("Possible completions:")
cli.expect("description +Free text for people")
cli.expect("mtu +The largest IP packet")
cli.send("mtu 9000\r")
cli.expect_exact("root@outpost# ")

step("edit moves the level; an error puts a caret under the word")
cli.send("edit system\r")
cli.expect_exact("[edit system]")
cli.send("set host-nme edge7\r")
cli.expect(r" {10,}\^\r\n")
cli.expect_exact("error: syntax error")
cli.send("set host-name edge7\r")
cli.send("top\r")
cli.expect_exact("[edit]")

step("show | compare, then commit: the prompt takes the new host name")
cli.send("show | compare\r")
cli.expect_exact("+   host-name edge7;")
cli.send('commit comment "from a terminal"\r')
cli.expect_exact("commit complete")
cli.expect_exact("root@edge7# ")

step("exit twice leaves the CLI")
cli.send("exit\r")
cli.expect_exact("root@edge7> ")
cli.send("exit\r")
cli.expect(pexpect.EOF)
cli.close()
print("\n### done, exit status", cli.exitstatus, flush=True)
sys.exit(0 if cli.exitstatus == 0 else 1)
