"""The least-privilege IAM policy the import needs: exactly the actions in :data:`READS`.

>>> doc = import_policy()
>>> doc["Statement"][0]["Effect"], "sagemaker:ListEndpoints" in doc["Statement"][0]["Action"]
('Allow', True)
>>> any(a.split(":")[1].startswith(("Create", "Update", "Delete", "Put"))
...     for a in doc["Statement"][0]["Action"])
False
"""

from __future__ import annotations

import json
from typing import Any

from .reading import READS

__all__ = ["import_policy", "policy_json"]


def import_policy() -> dict[str, Any]:
    """An IAM policy document allowing only the Describe/List/Get calls the import makes.

    The import reads every resource of these kinds in the region (list calls accept no
    narrower resource), so the resource is ``*``; no action in it can change the account.
    """
    actions = sorted({r.action for r in READS})
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ArchassistImportReadOnly",
                "Effect": "Allow",
                "Action": actions,
                "Resource": "*",
            }
        ],
    }


def policy_json() -> str:
    """The policy as indented JSON, for ``archassist import --policy``."""
    return json.dumps(import_policy(), indent=2)
