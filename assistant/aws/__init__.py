"""Read-only import of a live AWS account (boto3, an optional extra).

:func:`open_session` makes the session (standard credential chain, ``--profile``,
``--region``, ``AWS_ENDPOINT_URL``, standard retry mode); :func:`import_account` reads the
account (:mod:`.reading`: only Describe/List/Get calls), judges each resource with the
engine's check mode (:mod:`.judging`) and makes a project with one path per endpoint or job
family (:mod:`.inference_paths`); :func:`import_policy` is the IAM policy the reading needs.

Pure Python; boto3 is imported only when a session is opened.
"""

from __future__ import annotations

from .importer import ImportResult, import_account, result_json
from .policy import import_policy, policy_json
from .reading import READS, AccountData, Cancelled, read_account
from .session import INSTALL_HINT, MissingBoto3, open_session

__all__ = [
    "INSTALL_HINT",
    "READS",
    "AccountData",
    "Cancelled",
    "ImportResult",
    "MissingBoto3",
    "import_account",
    "import_policy",
    "open_session",
    "policy_json",
    "read_account",
    "result_json",
]
