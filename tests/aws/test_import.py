"""The read-only import against moto: every endpoint kind, paging, a denied call, throttling,
only Describe/List/Get calls, no secret or account id in what is kept."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.aws import READS, Cancelled, import_account, open_session
from assistant.aws.importer import path_answers
from assistant.core.decide.engine import recommend
from assistant.core.project import load_project, save_project

from . import accounts
from .conftest import ACCOUNT, SECRET

KIND_TO_DEPLOYMENT = {
    "realtime": "realtime",
    "serverless": "serverless",
    "async": "async",
    "multi-variant": "realtime",
}


class Hooked:
    """A session whose clients run ``hook(client)`` when made (to add botocore handlers)."""

    def __init__(self, hook: Callable[[Any], None]) -> None:
        self.session = open_session(None, "us-east-1")
        self.hook = hook

    def client(self, service: str) -> Any:
        c = self.session.client(service)
        self.hook(c)
        return c


def _chosen(pack: Any, answers: dict[str, Any]) -> dict[str, str]:
    rec = recommend(pack, answers)
    return {a.id: a.chosen.id for a in rec.areas if a.chosen is not None}


def test_each_endpoint_kind_becomes_a_path(mocked: None, shipped_pack: Any) -> None:
    for kind in KIND_TO_DEPLOYMENT:
        accounts.endpoint(f"ep-{kind}", kind)
    accounts.transform_job("churn-2024-05-01-02-00-13", "ep-realtime-model")
    accounts.transform_job("churn-2024-05-02-02-00-09", "ep-realtime-model")
    result = import_account(open_session(None, "us-east-1"), shipped_pack)
    by_name = {p.name: p for p in result.plan.paths}
    assert sorted(by_name) == sorted(
        [f"endpoint ep-{k}" for k in KIND_TO_DEPLOYMENT] + ["transform jobs churn"]
    )
    for kind, deployment in KIND_TO_DEPLOYMENT.items():
        path = by_name[f"endpoint ep-{kind}"]
        answers, dropped = path_answers(result.plan, path, shipped_pack)
        assert not dropped
        chosen = _chosen(shipped_pack, answers)
        assert chosen["deployment"] == deployment, (kind, answers)
        assert any(r.startswith("arn:aws:sagemaker:") for r in path.resources)
    multi, _ = path_answers(result.plan, by_name["endpoint ep-multi-variant"], shipped_pack)
    assert multi["rollout_test"] == "ab-split" and multi["new_version_share"] == 20
    assert _chosen(shipped_pack, multi)["hosting"] == "production-variants"
    asynchronous, _ = path_answers(result.plan, by_name["endpoint ep-async"], shipped_pack)
    assert asynchronous["gpu"] is True and asynchronous["max_instances"] == 4
    assert _chosen(shipped_pack, asynchronous)["scaling"] == "scale-to-zero"
    batch, _ = path_answers(result.plan, by_name["transform jobs churn"], shipped_pack)
    assert _chosen(shipped_pack, batch)["deployment"] == "batch"
    assert len(by_name["transform jobs churn"].resources) == 2
    # every resource was judged: findings name ARNs, never bare names
    assert all(f.resource.startswith("arn:") for f in result.findings if f.field[:1].isupper())


def test_lists_are_read_page_by_page(mocked: None, shipped_pack: Any) -> None:
    for i in range(5):
        accounts.endpoint(f"paged-{i}", "serverless")
    calls: list[str] = []

    def hook(c: Any) -> None:
        c.meta.events.register("before-call.*.*", lambda model, **_: calls.append(model.name))

    result = import_account(Hooked(hook), shipped_pack, page_size=2)
    assert len(result.data.endpoints) == 5
    assert calls.count("ListEndpoints") == 3  # 2 + 2 + 1
    assert calls.count("DescribeEndpoint") == 5


def _error_response(status: int, code: str, message: str) -> Any:
    from botocore.awsrequest import AWSResponse

    body = json.dumps({"__type": code, "message": message}).encode()

    class Raw:
        def stream(self, **_: Any) -> Any:
            yield body

    return AWSResponse("https://sagemaker.us-east-1.amazonaws.com/", status, {}, Raw())


def test_a_denied_call_is_a_finding_and_the_rest_is_kept(
    mocked: None, shipped_pack: Any, tmp_path: Path
) -> None:
    accounts.endpoint("denied", "realtime")
    message = f"User: arn:aws:iam::{ACCOUNT}:user/dev is not authorized to perform this"

    def hook(c: Any) -> None:
        c.meta.events.register_first(
            "before-send.sagemaker.DescribeEndpointConfig",
            lambda **_: _error_response(400, "AccessDeniedException", message),
        )

    result = import_account(Hooked(hook), shipped_pack)
    denied = [f for f in result.findings if f.field == "sagemaker:DescribeEndpointConfig"]
    assert len(denied) == 1 and denied[0].severity == "error"
    assert "sagemaker:DescribeEndpointConfig" in denied[0].fix
    assert [e["EndpointName"] for e in result.data.endpoints] == ["denied"]
    assert result.plan.paths and result.plan.paths[0].kind == "realtime"
    out = tmp_path / "p.archassist.yaml"
    save_project(out, result.project, shipped_pack)
    text = out.read_text()
    assert "is not authorized" not in text and ACCOUNT not in text


def test_throttling_is_retried(mocked: None, shipped_pack: Any) -> None:
    accounts.endpoint("busy", "serverless")
    attempts: list[int] = []

    def throttle(**_: Any) -> Any:
        attempts.append(1)
        if len(attempts) == 1:
            return _error_response(400, "ThrottlingException", "Rate exceeded")
        return None

    def hook(c: Any) -> None:
        c.meta.events.register_first("before-send.sagemaker.ListEndpoints", throttle)

    result = import_account(Hooked(hook), shipped_pack)
    assert len(attempts) == 2
    assert [e["EndpointName"] for e in result.data.endpoints] == ["busy"]
    assert not any(d.permission == "sagemaker:ListEndpoints" for d in result.data.denied)


def test_only_describe_list_get_operations_are_called(mocked: None, shipped_pack: Any) -> None:
    accounts.endpoint("ro", "realtime")
    accounts.transform_job("ro-job-1", "ro-model")
    accounts.lambda_function("ro-fn")
    accounts.client("kinesis").create_stream(StreamName="ro-events", ShardCount=1)
    called: set[str] = set()

    def hook(c: Any) -> None:
        c.meta.events.register("before-call.*.*", lambda model, **_: called.add(model.name))

    import_account(Hooked(hook), shipped_pack)
    assert called, "no call was seen"
    assert all(op.startswith(("Describe", "List", "Get")) for op in called), called
    assert called <= {r.operation for r in READS}
    assert {"ListEndpoints", "DescribeEndpointConfig", "DescribeTransformJob"} <= called


def test_no_secret_or_account_id_is_kept(mocked: None, shipped_pack: Any, tmp_path: Path) -> None:
    accounts.endpoint("secret", "realtime")
    accounts.lambda_function("secret-fn")
    result = import_account(open_session(None, "us-east-1"), shipped_pack)
    out = tmp_path / "p.archassist.yaml"
    save_project(out, result.project, shipped_pack)
    from assistant.aws import result_json

    texts = [out.read_text(), json.dumps(result_json(result, shipped_pack)), repr(result.data)]
    for text in texts:
        assert accounts.TOKEN not in text and SECRET not in text
        assert ACCOUNT not in text
    assert "<account-id>" in texts[1]
    kept = import_account(open_session(None, "us-east-1"), shipped_pack, keep_ids=True)
    assert ACCOUNT in json.dumps(result_json(kept, shipped_pack))
    assert accounts.TOKEN not in repr(kept.data)
    assert load_project(out, shipped_pack).answers == result.project.answers


def test_cancel_stops_between_calls(mocked: None, shipped_pack: Any) -> None:
    accounts.endpoint("c1", "serverless")
    steps: list[str] = []
    with pytest.raises(Cancelled) as info:
        import_account(
            open_session(None, "us-east-1"),
            shipped_pack,
            progress=lambda done, total, what: steps.append(what),
            cancelled=lambda: len(steps) > 1,
        )
    assert len(steps) == 2  # stopped in the second step
    assert [e["EndpointName"] for e in info.value.data.endpoints] == ["c1"]


def test_endpoint_url_and_retry_mode_reach_the_clients(
    aws_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://localhost:4566")
    c = open_session(None, "eu-west-1").client("sagemaker")
    assert c.meta.endpoint_url == "http://localhost:4566"
    assert c.meta.region_name == "eu-west-1"
    assert c.meta.config.retries["mode"] == "standard"


def test_several_paths_share_what_they_answer_alike(
    mocked: None, shipped_pack: Any, tmp_path: Path
) -> None:
    accounts.endpoint("api", "realtime")
    accounts.endpoint("photos", "serverless")
    result = import_account(open_session(None, "us-east-1"), shipped_pack)
    project = result.project
    assert [p.name for p in project.paths] == ["endpoint api", "endpoint photos"]
    assert project.answers["task"] == "custom-prediction"  # alike in both: shared
    assert "traffic" not in project.answers
    assert [dict(p.answers)["traffic"] for p in project.paths] == ["steady", "intermittent"]
    out = tmp_path / "two.archassist.yaml"
    save_project(out, project, shipped_pack)
    loaded = load_project(out, shipped_pack)
    assert loaded.path_answers() == project.path_answers() and not loaded.messages
    decided = [_chosen(shipped_pack, a)["deployment"] for _, a in loaded.path_answers()]
    assert decided == ["realtime", "serverless"]
