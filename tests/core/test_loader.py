"""The loader reports every problem, each with its place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.core.errors import PackError
from assistant.core.pack.loader import load_pack

LOC = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")


def problems(folder: Path) -> list[str]:
    with pytest.raises(PackError) as info:
        load_pack(folder)
    return [str(p) for p in info.value.problems]


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text()
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))


def find(found: list[str], fragment: str) -> re.Match[str]:
    for line in found:
        if fragment in line:
            match = LOC.match(line)
            assert match, f"no location in {line!r}"
            assert int(match["line"]) > 0 and int(match["col"]) > 0, line
            return match
    raise AssertionError(f"{fragment!r} not in {found}")


def test_mini_pack_loads(mini_pack) -> None:  # type: ignore[no-untyped-def]
    assert mini_pack.id == "mini"
    assert [a.id for a in mini_pack.areas] == ["deploy"]
    assert mini_pack.facts["serverless.max_payload_mb"].value == 4


def test_unknown_key_names_allowed_keys(mini_copy: Path) -> None:
    edit(mini_copy, "services.yaml", "    summary: Scales to zero.", "    summray: Scales to zero.")
    found = problems(mini_copy)
    m = find(found, "unknown key 'summray'")
    assert m["path"].endswith("services.yaml") and m["line"] == "14"
    assert "allowed:" in m["msg"]
    find(found, "service is missing 'summary'")


def test_duplicate_ids(mini_copy: Path) -> None:
    edit(mini_copy, "services.yaml", "  - id: oldsvc", "  - id: serverless")
    find(problems(mini_copy), "duplicate service id 'serverless'")


def test_dangling_references_are_all_reported(mini_copy: Path) -> None:
    edit(mini_copy, "deploy.yaml", "{answer: traffic, eq: steady}", "{answer: trafic, eq: steady}")
    edit(mini_copy, "deploy.yaml", "{fact: serverless.max_payload_mb}", "{fact: serverless.max_mb}")
    edit(mini_copy, "deploy.yaml", "{answer: traffic, eq: spiky}", "{answer: traffic, eq: bursty}")
    edit(mini_copy, "services.yaml", "to: hosting}", "to: hostin}")
    found = problems(mini_copy)
    assert "did you mean traffic" in find(found, "unknown question 'trafic'")["msg"]
    find(found, "unknown fact 'serverless.max_mb'")
    assert "valid: steady, spiky" in find(found, "'bursty' is not an option")["msg"]
    find(found, "unknown service 'hostin'")
    assert len(found) == 4


def test_unknown_chosen_option(mini_copy: Path) -> None:
    edit(
        mini_copy,
        "deploy.yaml",
        "        service: serverless\n",
        "        service: serverless\n        score: 0\n",
    )
    text = (mini_copy / "deploy.yaml").read_text()
    text = text.replace(
        "  - id: gpu\n    area: deploy\n",
        "  - id: gpu\n    area: deploy\n    when: {chosen: deploy, eq: realtim}\n",
    )
    (mini_copy / "deploy.yaml").write_text(text)
    found = problems(mini_copy)
    find(found, "unknown option 'realtim' in area 'deploy'")


def test_wrong_types(mini_copy: Path) -> None:
    edit(mini_copy, "services.yaml", "use_cases: [Intermittent traffic]", "use_cases: {a: 1}")
    edit(mini_copy, "deploy.yaml", "    max: 1000", "    max: lots")
    edit(mini_copy, "services.yaml", "checked: 2026-11-28", "checked: yesterday")
    found = problems(mini_copy)
    find(found, "'use_cases' must be a list of text")
    find(found, "'max' must be a number")
    find(found, "'checked' must be a date")


def test_comparison_type_checks(mini_copy: Path) -> None:
    edit(mini_copy, "deploy.yaml", "{answer: gpu, eq: true}", "{answer: gpu, gt: 3}")
    find(problems(mini_copy), "'gt' compares numbers but question 'gpu' is boolean")


def test_malformed_yaml_has_location(mini_copy: Path) -> None:
    edit(mini_copy, "deploy.yaml", "    kind: boolean", "    kind: [boolean")
    m = find(problems(mini_copy), "malformed YAML")
    assert m["path"].endswith("deploy.yaml")


def test_errors_in_several_files_are_collected(mini_copy: Path) -> None:
    edit(mini_copy, "deploy.yaml", "    kind: boolean", "    kind: yes-no")
    edit(mini_copy, "services.yaml", "category: client", "category: customer")
    found = problems(mini_copy)
    find(found, "'yes-no' is not a valid kind")
    find(found, "'customer' is not a valid category")


def test_alias_bomb_is_refused(mini_copy: Path) -> None:
    bomb = "\n".join(
        ["a: &a [x, x, x, x, x, x, x, x, x]"]
        + [
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        ]
    )
    (mini_copy / "bomb.yaml").write_text(bomb + "\n")
    find(problems(mini_copy), "aliases")


def test_oversized_file_is_refused(mini_copy: Path) -> None:
    from assistant.core.io import yamlio

    (mini_copy / "big.yaml").write_text("# " + "x" * (yamlio.MAX_FILE_BYTES + 10) + "\n")
    with pytest.raises(PackError) as info:
        load_pack(mini_copy)
    assert "the limit is" in str(info.value)


def test_unknown_section_and_schema_version(mini_copy: Path) -> None:
    edit(mini_copy, "pack.yaml", "schema: 1", "schema: 9")
    (mini_copy / "extra.yaml").write_text("widgets: []\n")
    found = problems(mini_copy)
    find(found, "schema 9 is not supported")
    find(found, "unknown section 'widgets'")


def test_not_a_pack(tmp_path: Path) -> None:
    assert "no pack.yaml" in problems(tmp_path)[0]
    assert "not a folder" in problems(tmp_path / "missing")[0]


def test_closed_status_needs_a_date_or_says_there_is_none(mini_copy: Path) -> None:
    edit(mini_copy, "services.yaml", "since: 2025-11-07, ", "")
    find(problems(mini_copy), "needs 'since'")
    edit(mini_copy, "services.yaml", "note: Closed to new customers.", "note: AWS gives no date.")
    load_pack(mini_copy)


def test_chosen_must_look_back(mini_copy: Path) -> None:
    text = (
        (mini_copy / "deploy.yaml")
        .read_text()
        .replace(
            "        prefer:\n          - when: {answer: traffic, eq: steady}",
            "        prefer:\n          - when: {chosen: deploy, eq: serverless}",
            1,
        )
    )
    (mini_copy / "deploy.yaml").write_text(text)
    find(problems(mini_copy), "decided later")


def test_unknown_diagram_group(mini_copy: Path) -> None:
    edit(mini_copy, "deploy.yaml", "service: hosting, group: ep}", "service: hosting, group: epp}")
    find(problems(mini_copy), "is in an unknown group 'epp' (did you mean ep?)")
