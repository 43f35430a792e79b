"""The one path resolver: the shipped data in every layout, and paths shown as typed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from assistant.core.errors import display_path
from assistant.core.io import paths


def test_checkout_layout_finds_the_pack_and_icons() -> None:
    assert (paths.default_pack_dir() / "pack.yaml").is_file()
    assert paths.resource_path("icons", "generic.svg").is_file()
    assert paths.schema_path().is_file() and paths.schema_path().parent == paths.schema_dir()


def test_frozen_bundle_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "knowledge" / "aws-ml").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.root_dir() == tmp_path
    assert paths.default_pack_dir() == tmp_path / "knowledge" / "aws-ml"


def test_wheel_layout_is_package_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "assistant"
    (package / "data" / "knowledge").mkdir(parents=True)
    monkeypatch.setattr(paths, "_package_dir", lambda: package)
    assert paths.root_dir() == package / "data"


def test_missing_data_names_every_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "assistant"
    package.mkdir()
    monkeypatch.setattr(paths, "_package_dir", lambda: package)
    with pytest.raises(paths.DataNotFoundError, match="knowledge pack is missing") as info:
        paths.root_dir()
    assert str(package / "data") in str(info.value) and str(tmp_path) in str(info.value)


def test_paths_keep_their_leading_slash_in_the_root_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")
    assert display_path("/tmp/x.yaml") == "/tmp/x.yaml"
    assert display_path("tmp/x.yaml") == "/tmp/x.yaml"
    assert str(paths.absolute("tmp")) == "/tmp"


def test_paths_inside_the_working_folder_stay_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "a" / "b.yaml") == "a/b.yaml"


def test_the_package_folder_is_the_one_importlib_resources_gives() -> None:
    from importlib import resources

    assert paths._installed_package_dir() == Path(str(resources.files("assistant")))
