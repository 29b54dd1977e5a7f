"""tools/process_tree.py on a real child process."""

import os
import subprocess
import sys

from tools.process_tree import command_line, descendants, process_stats


def test_a_started_child_is_a_descendant_with_its_command_line_and_memory():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        stats = process_stats()
        assert stats[child.pid].parent == os.getpid()
        assert stats[child.pid].rss_bytes > 0
        assert child.pid in descendants(os.getpid(), stats)
        assert os.getpid() not in descendants(child.pid, stats)
        assert "time.sleep(30)" in command_line(child.pid)
    finally:
        child.kill()
        child.wait()
    assert command_line(child.pid) == ""
