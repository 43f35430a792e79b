"""A boto3 session for the reader: the standard credential chain, ``--profile``, ``--region``,
``AWS_ENDPOINT_URL`` (botocore reads it itself), and botocore's standard retry mode.

boto3 is an optional extra (``pip install "archassist[aws]"``); it is imported here, when
an import starts, never when the app starts. Errors name what is missing and never show a
credential: botocore's messages about profiles and regions hold none, and the credentials
themselves are only asked whether they exist.
"""

from __future__ import annotations

from typing import Any

from ..core.errors import UserInputError

__all__ = ["INSTALL_HINT", "MissingBoto3", "RetryingSession", "open_session"]

INSTALL_HINT = 'boto3 is not installed: pip install "archassist[aws]"'


class MissingBoto3(UserInputError):
    """boto3 cannot be imported."""


class RetryingSession:
    """Gives clients that use botocore's standard retry mode (throttling is retried)."""

    def __init__(self, session: Any, config: Any) -> None:
        self._session = session
        self._config = config

    @property
    def region(self) -> str:
        return str(self._session.region_name or "")

    def client(self, service: str) -> Any:
        return self._session.client(service, config=self._config)


def open_session(profile: str | None = None, region: str | None = None) -> RetryingSession:
    """A session for the standard credential chain, or ``profile``, in ``region``.

    Raises:
        MissingBoto3: boto3 is not installed.
        UserInputError: the profile does not exist, no region is set, or no credentials
            were found.
    """
    try:
        import boto3
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError
    except ImportError:
        raise MissingBoto3(INSTALL_HINT) from None
    try:
        session = boto3.Session(profile_name=profile, region_name=region)
    except BotoCoreError as exc:  # ProfileNotFound and friends: no secret in the message
        raise UserInputError(f"AWS: {exc}") from None
    if not session.region_name:
        raise UserInputError("AWS: no region set; give --region or set AWS_REGION")
    if session.get_credentials() is None:
        raise UserInputError(
            "AWS: no credentials found (standard chain: environment, shared files, SSO,"
            " instance role); give --profile or run 'aws configure'"
        )
    config = Config(retries={"mode": "standard"}, user_agent_extra="archassist-import")
    return RetryingSession(session, config)
