"""A shop's own print templates, from the folder the config names, replace the shipped ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main


def test_the_configured_template_folder_overrides_the_shipped_receipt_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """[printer] templates: its sale_receipt.j2 prints; the warranty card stays shipped."""
    folder = tmp_path / "our templates"
    folder.mkdir()
    (folder / "sale_receipt.j2").write_text(
        "@center\nOUR OWN RECEIPT {{ document.number }}\n", encoding="utf-8"
    )
    config = tmp_path / "till.toml"
    config.write_text(f'[printer]\ntemplates = "{folder}"\n', encoding="utf-8")
    monkeypatch.setenv("TILL_CONFIG", str(config))
    monkeypatch.setenv("TILL_DB", str(tmp_path / "till.sqlite3"))
    here = tmp_path / "here"
    here.mkdir()
    (here / "warranty_card.j2").write_text("STRAY CARD\n", encoding="utf-8")
    monkeypatch.chdir(here)  # the current folder never counts
    assert main(["demo", "--no-app"]) == 0
    assert main(["sell", "GAL-A15:350000000001020"]) == 0
    capsys.readouterr()
    assert main(["print", "receipt", "SL-000006", "--preview"]) == 0
    assert "OUR OWN RECEIPT SL-000006" in capsys.readouterr().out
    assert main(["print", "warranty", "350000000001020", "--preview"]) == 0
    card = capsys.readouterr().out
    assert "350000000001020" in card and "STRAY" not in card
