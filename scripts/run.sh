#!/usr/bin/env bash
# The main job: set up (see setup.sh), then compile the embedded 2024 directive onto the embedded Hải Dương
# 2024 graph, print the summary, and write the HTML report to ./report (index.html). Arguments are passed
# on, e.g. `bash scripts/run.sh --graph g.json --directive d.json`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m antq report --out report "$@"
