"""AWS import fixtures: moto in-process, fake credentials, no real profile or endpoint.

Every test here runs against moto (``mock_aws``): nothing leaves the machine. The
credentials are fake but distinctive, so a test can prove they never reach an output.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

moto = pytest.importorskip("moto")

SECRET = "wJalrTESTSECRETdoNotShow0000000000000000"
ACCOUNT = "123456789012"  # moto's default account id
REGION = "us-east-1"


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Fake credentials and a region; the user's AWS files and endpoints are out of reach."""
    for var in (
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_ENDPOINT_URL",
        "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN",
        "AWS_ROLE_ARN",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIATESTKEYDONOTSHOW")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_REGION", REGION)
    # standard retry mode backs off before a retry: keep the throttling test quick
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "3")


@pytest.fixture
def mocked(aws_env: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """moto for every AWS service, with botocore's instance types for endpoints.

    WORKAROUND: moto 5.2 checks endpoint instance types against its own list, which lacks
    current families such as ml.g5 (https://github.com/getmoto/moto, sagemaker/models.py
    validate_instance_type); botocore's service model is the list AWS accepts.
    """
    import botocore.session
    from moto.sagemaker import models as sm
    from moto.sagemaker.exceptions import ValidationError

    enum = (
        botocore.session.get_session()
        .get_service_model("sagemaker")
        .shape_for("ProductionVariantInstanceType")
        .enum
    )

    def validate(self: object, instance_type: str) -> None:
        if instance_type not in enum:
            raise ValidationError(message=f"bad instance type {instance_type}")

    monkeypatch.setattr(sm.FakeEndpointConfig, "validate_instance_type", validate)
    with moto.mock_aws():
        yield
