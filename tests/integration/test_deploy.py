"""The kiosk set-up in deploy/: the script passes shellcheck, the units verify, files stage."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from core.config import load_config

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SCRIPTS = [DEPLOY / "install.sh", DEPLOY / "till-session"]
GETTY = Path("/lib/systemd/system/getty@.service")

needs_shellcheck = pytest.mark.skipif(
    shutil.which("shellcheck") is None,
    reason="shellcheck is not installed (Debian: apt-get install shellcheck; .ci/run does)",
)
needs_systemd_analyze = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None,
    reason="systemd-analyze is not installed (no systemd on this machine)",
)


@needs_shellcheck
@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_the_shell_scripts_pass_shellcheck(script: Path) -> None:
    """shellcheck finds nothing to say about the install script and the login shell."""
    result = subprocess.run(["shellcheck", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def verify(unit: Path, unit_path: Path) -> subprocess.CompletedProcess[str]:
    """`systemd-analyze verify` of one unit, with drop-ins looked up in ``unit_path``."""
    env = {**os.environ, "SYSTEMD_UNIT_PATH": f"{unit_path}:"}
    command = ["systemd-analyze", "verify", str(unit)]
    return subprocess.run(command, capture_output=True, text=True, env=env)


@needs_systemd_analyze
def test_the_till_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    """serial-till.service verifies (its program swapped for one that exists here)."""
    text = (DEPLOY / "systemd" / "serial-till.service").read_text(encoding="utf-8")
    assert "ExecStart=/opt/serial-till/bin/till\n" in text and "Restart=always" in text
    unit = tmp_path / "serial-till.service"
    unit.write_text(text.replace("/opt/serial-till/bin/till", "/bin/true"), encoding="utf-8")
    result = verify(unit, tmp_path)
    assert result.returncode == 0, result.stderr


@needs_systemd_analyze
@pytest.mark.skipif(not GETTY.exists(), reason="this machine has no getty@.service to extend")
def test_the_getty_autologin_drop_in_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    """getty@tty1 with the drop-in verifies: one ExecStart, autologin as the till user."""
    shutil.copy(GETTY, tmp_path / GETTY.name)
    shutil.copytree(DEPLOY / "systemd" / "getty@tty1.service.d", tmp_path / "getty@tty1.service.d")
    result = verify(tmp_path / "getty@tty1.service", tmp_path)
    assert result.returncode == 0, result.stderr


def test_install_stages_owner_only_folders_and_a_config_the_till_reads(tmp_path: Path) -> None:
    """--root stages every file: data and log folders 0700, config 0640 pointing at them."""
    root = tmp_path / "root"
    result = subprocess.run(
        ["bash", str(DEPLOY / "install.sh"), "--root", str(root), "--ssh"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    modes = {
        path: stat.S_IMODE((root / path).stat().st_mode)
        for path in ("var/lib/serial-till", "var/log/serial-till", "etc/serial-till/config.toml")
    }
    assert modes == {
        "var/lib/serial-till": 0o700,
        "var/log/serial-till": 0o700,
        "etc/serial-till/config.toml": 0o640,
    }
    config = load_config(root / "etc/serial-till/config.toml")
    assert config.database.url == "/var/lib/serial-till/till.sqlite3"
    assert config.log.folder == "/var/log/serial-till"
    assert "--groups input,lp,dialout" in result.stdout
    assert (root / "etc/systemd/system/serial-till.service").exists()
    ssh = (root / "etc/ssh/sshd_config.d/serial-till.conf").read_text(encoding="utf-8")
    assert "Match User till" in ssh and "ForceCommand /opt/serial-till/bin/till" in ssh


def test_install_keeps_the_shops_own_config(tmp_path: Path) -> None:
    """Running the installer again never overwrites /etc/serial-till/config.toml."""
    root = tmp_path / "root"
    config = root / "etc/serial-till/config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[till]\nid = "shop-7"\n', encoding="utf-8")
    command = ["bash", str(DEPLOY / "install.sh"), "--root", str(root), "--console", "getty"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert load_config(config).till.id == "shop-7"
    assert (root / "etc/systemd/system/getty@tty1.service.d/autologin.conf").exists()
    assert "--shell /opt/serial-till/bin/till-session" in result.stdout
