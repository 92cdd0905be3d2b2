#!/usr/bin/env bash
# The main job: set up (see setup.sh), then summarise the embedded Hải Dương 2024 graph.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m antq info "$@"
