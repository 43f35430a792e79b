"""Failed calls as findings: a denial is an error naming the IAM action, other failures warn."""

from __future__ import annotations

import pytest

from assistant.aws.judging import denied_finding
from assistant.aws.reading import Denied


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("AccessDeniedException", "error"),  # JSON protocols (SageMaker, Kinesis, Firehose)
        ("AccessDenied", "error"),  # query protocol
        ("UnauthorizedOperation", "error"),
        ("ThrottlingException", "warning"),  # retries ran out
        ("EndpointConnectionError", "warning"),
    ],
)
def test_failed_call_becomes_a_finding(code: str, severity: str) -> None:
    f = denied_finding(Denied("kinesis:ListStreams", code, "arn:aws:kinesis:eu-west-1:x:y"))
    assert f.severity == severity
    assert f.field == "kinesis:ListStreams" and f.found == code
    assert f.resource == "arn:aws:kinesis:eu-west-1:x:y"
    if severity == "error":
        assert "Allow kinesis:ListStreams" in f.fix


def test_a_failed_list_names_its_service() -> None:
    assert denied_finding(Denied("lambda:ListFunctions", "AccessDeniedException")).resource == (
        "lambda"
    )
