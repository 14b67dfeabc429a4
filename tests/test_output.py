"""The output folder: only a folder a build made is ever replaced, whole and at once, whatever happens to the build.

Kills, concurrent builds, full and read-only disks are real: real processes, real signals, real mounts.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.generate import generate
from onrecord import write

pytestmark = pytest.mark.process

ROOT = Path(__file__).resolve().parent.parent
SITE = str(ROOT / "site.py")
LEFTOVER = (".new", ".old")


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def build(*args: str, cwd: Path, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, SITE, "build", *args], cwd=cwd, capture_output=True, text=True, timeout=300, **options
    )


@pytest.fixture
def content(make_site, valid_files, tmp_path: Path) -> Path:
    return make_site(tmp_path, valid_files)


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of 1,000 facts: enough pages for two processes and a build long enough to interrupt."""
    content = tmp_path_factory.mktemp("large") / "content"
    generate(content, 1000)
    return content


@pytest.mark.parametrize("existing", ["notes", "file", "content", "inside content", "current", "parent"])
def test_an_out_a_build_did_not_make_is_refused_and_left_untouched(
    content: Path, tmp_path: Path, existing: str
) -> None:
    (tmp_path / "mydocs").mkdir()
    (tmp_path / "mydocs" / "notes.txt").write_text("my own notes\n")
    (tmp_path / "file.txt").write_text("a file\n")
    out, says = {
        "notes": ("mydocs", "already holds files a build did not make (notes.txt)"),
        "file": ("file.txt", "is a file, not a folder"),
        "content": ("content", "is the content folder"),
        "inside content": ("content/build", "lies inside the content folder"),
        "current": (".", "is the current folder"),
        "parent": ("..", "contains the current folder"),
    }[existing]
    before = tree_bytes(tmp_path)
    result = build("--content", "content", "--out", out, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"site.py: --out {out} {says}" + result.stderr.split(says, 1)[1]
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert tree_bytes(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "file.txt", "mydocs"]


def test_the_project_folder_is_refused_as_an_out(content: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "site.py", project)
    for folder in ("onrecord", "templates", "assets"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    before = tree_bytes(project)
    result = subprocess.run(
        [sys.executable, "project/site.py", "build", "--content", "content", "--out", "project"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("site.py: --out project is the project folder, which a build would replace whole")
    assert tree_bytes(project) == before


def test_an_empty_folder_and_an_earlier_build_may_be_replaced(content: Path, tmp_path: Path) -> None:
    (tmp_path / "public").mkdir()
    assert build("--content", "content", "--out", "public", cwd=tmp_path).returncode == 0
    assert (tmp_path / "public" / write.MARKER).is_file() and (tmp_path / "public" / "index.html").is_file()
    (tmp_path / "public" / "stale.html").write_text("from an older build")
    assert build("--content", "content", "--out", "public", cwd=tmp_path).returncode == 0
    assert not (tmp_path / "public" / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".onrecord-cache", "content", "public"]


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_the_output_gets_the_modes_the_umask_asks_for(content: Path, tmp_path: Path, umask: int) -> None:
    result = build("--content", "content", "--out", "site", cwd=tmp_path, preexec_fn=lambda: os.umask(umask))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert (site.stat().st_mode & 0o777) == 0o777 & ~umask
    assert (site / "pledges").stat().st_mode & 0o777 == 0o777 & ~umask
    assert (site / "index.html").stat().st_mode & 0o777 == 0o666 & ~umask


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _wait(condition, what: str, process: subprocess.Popen[bytes] | None = None) -> None:
    """Wait for an event (a file appearing, a process ending): checked often, given up after a minute."""
    deadline = time.monotonic() + 60
    while not condition():
        assert process is None or process.poll() is None, f"the build ended before {what}"
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.002)


def _staged(out: Path) -> list[Path]:
    return [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.name.endswith(LEFTOVER)]


def test_a_killed_build_stops_its_workers_keeps_the_old_site_and_the_next_build_cleans_up(
    large_site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert build("--content", str(large_site), "--out", str(out), cwd=tmp_path).returncode == 0
    before = tree_bytes(out)
    for kill in range(3):
        earlier = set(_staged(out))
        process = subprocess.Popen(
            [sys.executable, SITE, "build", "--content", str(large_site), "--out", str(out)],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(
            lambda seen=earlier: any(_pages(p) > 50 for p in set(_staged(out)) - seen), "pages being written", process
        )
        workers = _children(process.pid)
        assert workers, "a site of this size is built by two processes"
        process.send_signal(signal.SIGKILL)
        process.wait()
        _wait(lambda pids=workers: not any(_alive(pid) for pid in pids), "the workers to die")
        assert tree_bytes(out) == before, f"kill {kill + 1} changed the published site"
    assert _staged(out), "the killed builds left their staging folders"
    assert build("--content", str(large_site), "--out", str(out), cwd=tmp_path).returncode == 0
    assert _staged(out) == []
    assert tree_bytes(out) == before


def _pages(folder: Path) -> int:
    try:
        return sum(1 for _ in folder.rglob("*.html"))
    except FileNotFoundError:
        return 0


def _alive(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_the_output_path_holds_a_whole_site_at_every_instant_of_a_swap(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / write.MARKER).write_bytes(write.MARKER_TEXT)
    (out / "index.html").write_text("0")
    missing: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if not (out / "index.html").exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for generation in range(1, 200):
            staged = write._stage(out)
            (staged / "index.html").write_text(str(generation))
            write.swap_in(staged, out)
    finally:
        done.set()
        watcher.join()
    assert missing == []
    assert (out / "index.html").read_text() == "199" and _staged(out) == []


def test_a_second_build_into_the_same_folder_waits_for_the_first(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    parent = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(parent, fcntl.LOCK_EX)
        second = subprocess.Popen(
            [sys.executable, SITE, "build", "--content", str(content), "--out", str(out)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert second.stderr is not None
        assert (
            second.stderr.readline()
            == f"Another build is writing into {tmp_path.resolve()}/; waiting for it to finish.\n"
        )
        assert not out.exists()
    finally:
        os.close(parent)
    assert second.wait(timeout=120) == 0
    assert (out / "index.html").is_file()


def test_builds_racing_into_one_folder_all_succeed_and_leave_one_whole_site(large_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    racers = [
        subprocess.Popen(
            [sys.executable, SITE, "build", "--content", str(large_site), "--out", str(out)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [(racer.wait(timeout=300), racer.stderr.read() if racer.stderr else "") for racer in racers]
    assert [code for code, _ in results] == [0, 0, 0], results
    assert not any("Traceback" in err for _, err in results)
    assert (out / "index.html").is_file() and _staged(out) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB file system of its own, mounted in a private mount namespace by `unshare`."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare (util-linux) to mount a small file system")
    disk = tmp_path / "disk"
    disk.mkdir()
    probe = subprocess.run(["unshare", "--mount", "--map-root-user", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow private mount namespaces")
    yield disk


def _in_namespace(disk: Path, script: str, content: Path) -> subprocess.CompletedProcess[str]:
    """Run `script` (sh) with a fresh 2 MiB tmpfs at `disk`, seen by nothing outside the namespace."""
    setup = f"mount -t tmpfs -o size=2m tmpfs {disk} && {script}"
    return subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-c", setup],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SITE": SITE, "CONTENT": str(content), "PY": sys.executable},
    )


def test_a_full_disk_is_one_clear_line_with_exit_2_and_the_old_site_survives(
    small_disk: Path, large_site: Path, content: Path
) -> None:
    script = (
        f'cd {small_disk} && "$PY" "$SITE" build --content "$CONTENT" --out site >/dev/null && '
        "md5sum site/index.html > /tmp/before-$$ && "
        f'"$PY" "$SITE" build --content "{large_site}" --out site; echo "exit $?"; '
        'md5sum -c /tmp/before-$$ >/dev/null && echo "old site intact"; ls -A'
    )
    result = _in_namespace(small_disk, script, content)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("site.py: could not write ") and "No space left on device" in lines[0]
    assert "free some disk space and build again" in lines[0] and "The site in site/ is unchanged." in lines[0]
    assert "exit 2" in result.stdout and "old site intact" in result.stdout
    assert [name for name in result.stdout.split() if name.startswith(".site.")] == []


def test_a_read_only_disk_is_one_clear_line_with_exit_2_and_the_old_site_survives(
    small_disk: Path, content: Path
) -> None:
    script = (
        f'cd {small_disk} && "$PY" "$SITE" build --content "$CONTENT" --out site >/dev/null && '
        f"md5sum site/index.html > /tmp/before-$$ && mount -o remount,ro {small_disk} && "
        '"$PY" "$SITE" build --content "$CONTENT" --out site; echo "exit $?"; '
        'md5sum -c /tmp/before-$$ >/dev/null && echo "old site intact"'
    )
    result = _in_namespace(small_disk, script, content)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Read-only file system" in lines[0] and "that disk is mounted read-only; choose another --out" in lines[0]
    assert "exit 2" in result.stdout and "old site intact" in result.stdout
