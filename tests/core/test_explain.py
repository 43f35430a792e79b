"""explain: the entry a term is about, or plainly nothing (with the nearest real entries)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.core.decide.explain import explain, explain_text, nearest_text
from assistant.core.pack import model as m
from assistant.core.pack.graph import STRONG, nearest, search
from assistant.core.pack.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pack() -> m.Pack:
    return load_pack(ROOT / "knowledge" / "aws-ml")


# The blueprint's in-scope SageMaker features and services (issue 13), and the terms that
# used to return an unrelated entry (Personalize, inference pipelines, a Rekognition fact).
TERMS = {
    "inference recommender": "inference-recommender",
    "sagemaker pipelines": "sagemaker-pipelines",
    "feature store": "feature-store",
    "clarify": "clarify",
    "model monitor": "model-monitor",
    "data wrangler": "data-wrangler",
    "model registry": "model-registry",
    "debugger": "debugger",
    "sagemaker model debugger": "debugger",
    "pipelines": "sagemaker-pipelines",
    "jumpstart": "jumpstart",
    "bedrock": "bedrock",
    "codepipeline": "codepipeline",
    "codebuild": "codebuild",
    "cloudformation": "cloudformation",
    "step functions": "step-functions",
    "eventbridge": "eventbridge",
    "cloudtrail": "cloudtrail",
    "iam": "iam",
    "kms": "kms",
    "vpc endpoint": "vpc-endpoints",
    "cost allocation tags": "cost-allocation-tags",
    "pipe mode": "training-input-modes",
    "managed spot training": "spot-training",
    "distributed training": "distributed-training",
    "network isolation": "network-isolation",
    "inference pipeline": "inference-pipeline",
}


@pytest.mark.parametrize("term", sorted(TERMS))
def test_explain_knows_the_blueprint_services(pack: m.Pack, term: str) -> None:
    result = explain(pack, term)
    assert result is not None and result.service is not None, term
    assert result.service.id == TERMS[term]


def test_an_exact_name_beats_another_services_alias(pack: m.Pack) -> None:
    # MLflow lists "model registry" as an alias; the Model Registry is named so
    assert "model registry" in [a.lower() for a in pack.services["mlflow"].aliases]
    assert search(pack, "model registry")[0].id == "model-registry"


def tiny_pack() -> m.Pack:
    """One service that only *mentions* zebras in its summary, one fact about zebras."""
    src = m.Source("Doc", "https://example.com/doc")
    hosting = m.Service(
        "hosting",
        "Hosting",
        "sagemaker-deploy",
        "Serves models, even to zebras.",
        ("Serve",),
        m.Status(),
    )
    fact = m.Fact(
        "hosting.stripes",
        ("hosting",),
        "Stripes are counted.",
        src,
        dt.date(2026, 12, 1),
        terms=("stripes",),
    )
    return m.Pack(
        "tiny",
        "Tiny",
        "1",
        dt.date(2026, 12, 1),
        1,
        ".",
        services={"hosting": hosting},
        facts={fact.id: fact},
    )


def test_a_mere_mention_is_no_answer_but_is_offered_as_nearest() -> None:
    pack = tiny_pack()
    hits = search(pack, "zebras")
    assert [h.id for h in hits] == ["hosting"] and hits[0].score < STRONG
    assert explain(pack, "zebras") is None
    assert [x.id for x in nearest(pack, "zebras")] == ["hosting"]
    assert "service hosting: Hosting" in nearest_text(pack, "zebras")
    # a search term is what a fact is about
    result = explain(pack, "stripes")
    assert result is not None and [f.id for f in result.facts] == ["hosting.stripes"]


def test_nothing_found_says_so_with_nearest_real_entries(pack: m.Pack) -> None:
    assert explain(pack, "feture store") is None
    close = nearest(pack, "feture store")
    assert close and close[0].id == "feature-store"
    text = nearest_text(pack, "feture store")
    assert text.startswith("nothing in aws-ml matches 'feture store'. Nearest entries:")
    assert "service feature-store: Amazon SageMaker Feature Store" in text


def test_nothing_close_says_that_too(pack: m.Pack) -> None:
    assert nearest(pack, "quantum teleporter") == []
    assert "nothing comes close" in nearest_text(pack, "quantum teleporter")


def test_load_balancer_from_the_seed_is_in_the_pack(pack: m.Pack) -> None:
    result = explain(pack, "load balancer")
    assert result is not None
    assert "hosting.load_balancing" in {f.id for f in result.facts}
    assert "load balancer" in explain_text(result)


def test_fact_answers_hold_only_facts_about_the_term(pack: m.Pack) -> None:
    result = explain(pack, "drift")
    assert result is not None and result.service is None
    for f in result.facts:
        names = " ".join([f.id, *f.terms]).lower()
        assert "drift" in names, f.id


# EXAM.md section 4: the blueprint's in-scope services, as the exam guide names them
IN_SCOPE = [
    "Amazon Athena",
    "Amazon Data Firehose",
    "Amazon EMR",
    "AWS Glue",
    "AWS Glue DataBrew",
    "AWS Glue Data Quality",
    "Amazon Kinesis",
    "AWS Lake Formation",
    "Amazon Managed Service for Apache Flink",
    "Amazon OpenSearch Service",
    "Amazon QuickSight",
    "Amazon Redshift",
    "Amazon EventBridge",
    "Amazon MWAA",
    "Amazon SNS",
    "Amazon SQS",
    "AWS Step Functions",
    "AWS Billing and Cost Management",
    "AWS Budgets",
    "AWS Cost Explorer",
    "AWS Batch",
    "Amazon EC2",
    "AWS Lambda",
    "AWS Serverless Application Repository",
    "Amazon ECR",
    "Amazon ECS",
    "Amazon EKS",
    "Amazon DocumentDB",
    "Amazon DynamoDB",
    "Amazon ElastiCache",
    "Amazon Neptune",
    "Amazon RDS",
    "AWS CDK",
    "AWS CodeArtifact",
    "AWS CodeBuild",
    "AWS CodeDeploy",
    "AWS CodePipeline",
    "AWS X-Ray",
    "Amazon SageMaker",
    "Amazon Bedrock",
    "Amazon Q",
    "Amazon Augmented AI",
    "Amazon Comprehend",
    "Amazon Comprehend Medical",
    "AWS HealthLake",
    "Amazon Kendra",
    "Amazon Lex",
    "Amazon Personalize",
    "Amazon Polly",
    "Amazon Rekognition",
    "Amazon Textract",
    "Amazon Transcribe",
    "Amazon Translate",
    "Amazon CodeGuru",
    "Amazon DevOps Guru",
    "Amazon Fraud Detector",
    "Amazon Lookout for Equipment",
    "Amazon Lookout for Metrics",
    "Amazon Lookout for Vision",
    "AWS Auto Scaling",
    "AWS CloudFormation",
    "AWS CloudTrail",
    "Amazon CloudWatch",
    "Amazon CloudWatch Logs",
    "AWS Compute Optimizer",
    "AWS Trusted Advisor",
    "AWS Config",
    "AWS Organizations",
    "AWS Service Catalog",
    "AWS Systems Manager",
    "AWS Chatbot",
    "Amazon Kinesis Video Streams",
    "AWS DataSync",
    "Amazon API Gateway",
    "Amazon CloudFront",
    "AWS Direct Connect",
    "Amazon VPC",
    "IAM",
    "AWS KMS",
    "Amazon Macie",
    "AWS Secrets Manager",
    "Amazon EBS",
    "Amazon EFS",
    "Amazon FSx",
    "Amazon S3",
    "Amazon S3 Glacier",
    "AWS Storage Gateway",
]


@pytest.mark.parametrize("name", IN_SCOPE)
def test_explain_knows_every_in_scope_service(pack: m.Pack, name: str) -> None:
    result = explain(pack, name)
    assert result is not None and result.service is not None, name
    # the service found carries the guide's name words (no unrelated entry)
    label = " ".join([result.service.name, *result.service.aliases]).lower()
    last = name.lower().split()[-1]
    assert last in label or name.lower() in label, (name, result.service.id)


def test_a_closed_service_does_not_win_a_tie(pack: m.Pack) -> None:
    # Kinesis Data Analytics and Kinesis Data Streams both start with "Amazon Kinesis"
    result = explain(pack, "Amazon Kinesis")
    assert result is not None and result.service is not None
    assert result.service.status.state == "available"


def test_short_fragments_match_whole_words_only(pack: m.Pack) -> None:
    # "Amazon Q" once found QuickSight because "q" starts "quicksight"
    assert next(h.id for h in search(pack, "amazon q")) == "amazon-q"
    assert "quicksight" not in {h.id for h in search(pack, "amazon q") if h.score >= STRONG}


def test_explain_names_the_exam_task_statements(pack: m.Pack) -> None:
    result = explain(pack, "feature store")
    assert result is not None
    assert "MLA-C01 mla-1.1 Ingest and store data" in result.exam_tasks
    assert all(t.startswith("MLA-C01 ") for t in result.exam_tasks)  # the retired exam is left out
    assert "Exam task statements:" in explain_text(result)
    facts_only = explain(pack, "load balancer")
    assert facts_only is not None and facts_only.service is None
    assert any(" mla-3.1 " in t for t in facts_only.exam_tasks)
    tiny = explain(tiny_pack(), "hosting")  # a pack without exams
    assert tiny is not None and tiny.exam_tasks == ()
