"""The alert rules and scrape configuration in ops/prometheus/, checked by Prometheus' own
promtool (Debian's `prometheus` package; `make promtool` installs it), and the rules' unit
tests (ops/prometheus/alerts_test.yml) run by it. The Grafana dashboard names only metrics
that sotflow defines."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sotflow import metrics

OPS = Path(__file__).resolve().parents[2] / "ops"
PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None, reason="promtool is not installed (`make promtool` installs Debian's prometheus package)"
)


def promtool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PROMTOOL, *args], capture_output=True, text=True, timeout=120, cwd=OPS / "prometheus")


@needs_promtool
def test_the_alert_rules_are_valid():
    result = promtool("check", "rules", "alerts.yml")
    assert result.returncode == 0, result.stdout + result.stderr


@needs_promtool
def test_the_alerts_fire_on_the_figures_they_are_for():
    result = promtool("test", "rules", "alerts_test.yml")
    assert result.returncode == 0, result.stdout + result.stderr


@needs_promtool
def test_the_scrape_configuration_is_valid():
    result = promtool("check", "config", "prometheus.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def defined_metric_names() -> set[str]:
    names = {m._name for m in vars(metrics).values() if hasattr(m, "_name") and hasattr(m, "_type")}
    for families in (metrics.RELAY_FAMILIES, metrics.CONSUMER_FAMILIES, metrics.DISTRIBUTION_FAMILIES):
        names |= set(families)
    return names | set(metrics.AUDIT_FAMILIES)


def used_metric_names(text: str) -> set[str]:
    used = set(re.findall(r"\bsotflow_[a-z_]+", text))
    # A counter is exposed as <name>_total; a histogram as <name>_bucket, _count and _sum.
    return {re.sub(r"_(total|bucket|count|sum)$", "", name) for name in used}


def test_the_alerts_and_the_dashboard_name_only_metrics_sotflow_defines():
    defined = {re.sub(r"_total$", "", name) for name in defined_metric_names()}
    dashboard = (OPS / "grafana" / "sotflow.json").read_text()
    json.loads(dashboard)
    for text in ((OPS / "prometheus" / "alerts.yml").read_text(), dashboard):
        assert used_metric_names(text) <= defined, used_metric_names(text) - defined
