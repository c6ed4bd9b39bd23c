"""CI guard: fail unless the browser test ran and passed in the last pytest session.

    python tests/e2e/check_ran.py [test-results/junit.xml]

Reads pytest's JUnit report (`pytest --junitxml=test-results/junit.xml`) and the screenshots of
test-results/e2e/: the end-to-end test must be in the report, passed (not skipped, failed or errored), and have
left a screenshot of every step."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST = "test_the_whole_campaign_in_a_browser"
MIN_SCREENSHOTS = 22


def main(report=ROOT / "test-results" / "junit.xml"):
    report = Path(report)
    if not report.exists():
        return f"Không thấy báo cáo JUnit {report}: chạy pytest với --junitxml={report}."
    cases = [c for c in ET.parse(report).getroot().iter("testcase") if c.get("name", "").startswith(TEST)]
    if not cases:
        return f"Kiểm thử trình duyệt {TEST} không chạy (không có trong {report})."
    for case in cases:
        bad = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        if bad:
            return f"Kiểm thử trình duyệt {case.get('name')}: {bad[0]}."
    shots = sorted((ROOT / "test-results" / "e2e").glob("*.png"))
    if len(shots) < MIN_SCREENSHOTS:
        return f"Kiểm thử trình duyệt chỉ để lại {len(shots)} ảnh chụp trong test-results/e2e (cần {MIN_SCREENSHOTS})."
    print(f"Kiểm thử trình duyệt đã chạy và đạt: {len(shots)} ảnh chụp trong test-results/e2e/.")
    return None


if __name__ == "__main__":
    problem = main(*sys.argv[1:])
    if problem:
        print(problem, file=sys.stderr)
        sys.exit(1)
