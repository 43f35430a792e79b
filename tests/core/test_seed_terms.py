"""Every service and concept the seed exam notes name is in the shipped pack.

The notes (the project's seed, ``seed/000_a253e8a5ae8c79fc.txt``, kept outside the
repository) are what students bring; ``explain`` must find each term they use as an entry
*about* it (a name, alias, id or search term), never fall back to a mere mention.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.decide.explain import explain
from assistant.core.pack import model as m
from assistant.core.pack.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]

# term as the notes write it -> the service id (or "fact:<id>") it must lead to
SEED_TERMS = {
    "Kinesis Data Streams": "kinesis-data-streams",
    "Kinesis Data Firehose": "firehose",
    "Kinesis Video Stream": "kinesis-video-streams",
    "Kinesis Data Analytics": "kinesis-data-analytics",
    "Amazon EMR": "emr",
    "AWS Glue": "glue",
    "glue crawler": "glue-crawler",
    "Firehose Data Transform": "firehose-transform",
    "Amazon Comprehend": "comprehend",
    "Lex": "lex",
    "Amazon Polly": "polly",
    "Amazon Textract": "textract",
    "Amazon Translate": "translate",
    "neural machine translation": "translate",
    "Amazon Transcribe": "transcribe",
    "Amazon Forecast": "forecast",
    "Amazon Fraud Detector": "fraud-detector",
    "Personalize": "personalize",
    "Amazon Rekognition": "rekognition",
    "facial": "rekognition",
    "SageMaker ground truth": "ground-truth",
    "automated labeling": "gt-automated-labeling",
    "SageMaker Notebooks": "notebooks",
    "SageMaker Studio": "studio",
    "SageMaker Autopilot": "autopilot",
    "SageMaker Automatic Model Tuning": "amt",
    "SageMaker Experiments": "experiments",
    "SageMaker Neo": "neo",
    "Amazon Augmented AI": "a2i",
    "deep learning AMI": "dl-ami",
    "deep learning containers": "dl-containers",
    "Amazon EC2": "ec2",
    "Hosting Services": "sagemaker-hosting",
    "Batch Transform": "batch-transform",
    "AssembleWith": "batch-transform",
    "API gateway": "api-gateway",
    "Lambda": "lambda",
    "Load balancer": "fact:hosting.load_balancing",
    "Endpoint configuration": "sagemaker-hosting",
    "HTTPS": "fact:hosting.https",
    "autoscale": "application-autoscaling",
    "production variants": "production-variants",
    "InitialVariantWeight": "production-variants",
    "InvokedProductionVariant": "production-variants",
    "XGBoost": "training-jobs",
    "Elastic Inference": "elastic-inference",
    "Multi-model Endpoints": "multi-model-endpoint",
    "Inference Pipelines": "inference-pipeline",
    "A/B testing": "production-variants",
}


@pytest.fixture(scope="module")
def pack() -> m.Pack:
    return load_pack(ROOT / "knowledge" / "aws-ml")


@pytest.mark.parametrize("term", sorted(SEED_TERMS))
def test_seed_term_is_in_the_pack(pack: m.Pack, term: str) -> None:
    result = explain(pack, term)
    assert result is not None, f"explain finds nothing about the seed's '{term}'"
    want = SEED_TERMS[term]
    if want.startswith("fact:"):
        assert want[5:] in {f.id for f in result.facts}, term
    else:
        assert result.service is not None and result.service.id == want, term
