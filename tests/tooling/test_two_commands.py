"""The two README commands never lie: what they need is installed or named at once, installs come from the lock."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def _fake(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_a_missing_debian_package_without_the_right_to_install_stops_at_once_with_the_command(tmp_path):
    _fake(tmp_path, "dpkg", "exit 1")  # every package looks missing
    _fake(tmp_path, "id", "echo 1000")  # not root
    _fake(tmp_path, "sudo", "exit 1")  # and no password-less sudo
    result = subprocess.run(
        ["bash", "scripts/system-deps.sh", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"},
        timeout=30,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("ERREUR : il manque des paquets Debian pour « make test » : ")
    assert "chromium-l10n" in lines[0] and "libpango-1.0-0" in lines[0]
    assert lines[1].startswith("Lancez :  sudo apt-get install -y --no-install-recommends ")
    assert "apt-get update" not in result.stdout  # nothing was attempted


def test_make_run_needs_only_what_the_app_needs(tmp_path):
    _fake(tmp_path, "dpkg", 'case "$2" in libpango-1.0-0) exit 1;; *) exit 0;; esac')
    _fake(tmp_path, "id", "echo 1000")
    _fake(tmp_path, "sudo", "exit 1")
    result = subprocess.run(
        ["bash", "scripts/system-deps.sh", "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"},
        timeout=30,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].endswith("« make run » : libpango-1.0-0")


def test_everything_present_lets_the_command_go_on():
    result = subprocess.run(
        ["bash", "scripts/system-deps.sh", "test"], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == result.stderr == ""


def test_the_suite_never_falls_back_to_sqlite_without_postgresql_and_redis():
    result = subprocess.run(
        ["bash", "-c", ". scripts/services.sh"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PG_BIN": "/nonexistent"},
        timeout=30,
    )
    assert result.returncode == 1
    assert "PostgreSQL (pg_ctl) et redis-server sont requis" in result.stderr
    assert "Lancez :  bash scripts/system-deps.sh test" in result.stderr


def _pins(lock: Path) -> dict[str, tuple[str, int]]:
    """name → (version, number of hashes) of a lock file written by `uv pip compile --generate-hashes`."""
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for line in lock.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-\[\]]+)==([^ ;\\]+)", line)
        if match:
            current = canonicalize_name(match.group(1).split("[")[0])
            pins[current] = (match.group(2), 0)
        elif "--hash=sha256:" in line and current:
            version, count = pins[current]
            pins[current] = (version, count + 1)
    return pins


def test_the_lock_files_pin_every_dependency_of_pyproject_with_its_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime, test = _pins(ROOT / "requirements/runtime.lock"), _pins(ROOT / "requirements/test.lock")
    for pins, requirements in (
        (runtime, project["dependencies"]),
        (test, project["dependencies"] + project["optional-dependencies"]["test"]),
    ):
        for text in requirements:
            requirement = Requirement(text)
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{name} is not in the lock file: run `make lock`"
            version, _hashes = pins[name]
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{name}=={version} does not satisfy « {requirement.specifier} »: run `make lock`"
            )
        assert all(hashes for _version, hashes in pins.values()), "every pin carries its hashes"
    assert set(runtime) <= set(test)
    assert all(test[name][0] == version for name, (version, _hashes) in runtime.items()), (
        "one version per package"
    )


def test_every_install_comes_from_the_lock_files():
    makefile = (ROOT / "Makefile").read_text()
    assert "LOCK := requirements/test.lock" in makefile
    assert "$(PIP) install --quiet --require-hashes -r $(LOCK)" in makefile
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --require-hashes -r requirements/runtime.lock" in dockerfile
    ci = (ROOT / ".ci/run").read_text()
    assert (
        ci.index("\nbash scripts/system-deps.sh test\n")
        < ci.index("\nmake check\n")
        < ci.index("\nmake test\n")
    )
    assert "pip install" not in ci  # CI installs through the Makefile, from the lock
