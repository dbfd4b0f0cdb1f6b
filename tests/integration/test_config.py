"""Configuration: defaults without a file, every example key valid, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import config as config_module
from core.config import Config, load_config
from core.domain.errors import ConfigError

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"


def test_the_example_file_loads_and_equals_the_defaults() -> None:
    """config.example.toml documents every key with its default value."""
    loaded = load_config(EXAMPLE)
    assert loaded == Config(source=str(EXAMPLE))


def test_no_file_means_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A till with no configuration runs on defaults."""
    monkeypatch.delenv("TILL_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert load_config() == Config()


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("[printer]\npaper_mm = 62\n", "printer.paper_mm is 62; use one of 80, 58"),
        ('[printer]\ncodepage_slot = "46"\n', "printer.codepage_slot must be int"),
        ("[scanner.wedge]\nenabled = 1\n", "scanner.wedge.enabled must be bool"),
        ("[scanner]\nwedge = 3\n", "scanner.wedge must be a table"),
        ("[tills]\nid = 'x'\n", "unknown key tills"),
        ("[printer]\ntimeout = -1\n", "printer.timeout cannot be negative"),
        ("[printer]\ntimeout = nan\n", "printer.timeout is not a number"),
        ("[printer]\ntimeout = inf\n", "printer.timeout is inf; the most it takes is 120.0"),
        ("[printer]\ncodepage_slot = 99999999\n", "the most it takes is 255"),
        ('[till]\noperator = "\\u0000"\n', "till.operator is “\\u0000”, which holds a control"),
        ('[till]\nshop_name = "\\u001b[2J"\n', "till.shop_name is “\\u001b[2J”, which holds"),
        ('[security.users]\nroot = "a\\nb"\n', "security.users is “a\\u000ab”"),
        ("[till]\nid = '" + "T" * 41 + "'\n", "till.id is “TTT"),
        ("[till]\noperator = '" + "О" * 81 + "'\n", "81 characters; the most it takes is 80"),
    ],
)
def test_a_bad_value_is_refused_naming_file_and_key(
    tmp_path: Path, text: str, complaint: str
) -> None:
    """One message with the file, the key and what is wrong."""
    path = tmp_path / "till.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(path)
    assert str(path) in refused.value.message and complaint in refused.value.message


def test_a_named_file_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    """--config with a typo is an error, not silently the defaults."""
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


@pytest.fixture
def three_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A named, a system-wide and a user's config file, each naming its own till."""
    files = {
        "named": tmp_path / "named.toml",
        "system": tmp_path / "etc" / "config.toml",
        "user": tmp_path / "home" / "serial-till" / "config.toml",
    }
    for name, file in files.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f'[till]\nid = "{name}"\n', encoding="utf-8")
    monkeypatch.setattr(config_module, "SYSTEM_CONFIG_PATH", files["system"])
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("TILL_CONFIG", raising=False)
    return files


def test_config_is_searched_named_then_env_then_system_then_user(
    three_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--config wins, then TILL_CONFIG, then /etc/serial-till/config.toml, then the user's."""
    assert load_config(three_files["named"]).till.id == "named"
    monkeypatch.setenv("TILL_CONFIG", str(three_files["named"]))
    assert load_config().till.id == "named"
    monkeypatch.delenv("TILL_CONFIG")
    assert load_config().till.id == "system"
    three_files["system"].unlink()
    assert load_config().till.id == "user"
    three_files["user"].unlink()
    assert load_config() == Config()
