#!/usr/bin/env bash
# Installs what antq needs on Debian (only the missing packages), then builds and installs the Python
# package into ./.venv (Debian's python3 with the system site-packages, so Debian's numpy/pandas/NetworkX
# are used and nothing is fetched from PyPI). Safe to run again: it only redoes what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-graph-dev nlohmann-json3-dev libutf8proc-dev doctest-dev pybind11-dev
  python3 python3-dev python3-venv python3-pip python3-setuptools python3-skbuild
  python3-numpy python3-pandas python3-networkx python3-pytest python3-mypy
  python3-igraph python3-graph-tool python3-matplotlib python3-jinja2 graphviz chromium
  r-cran-sna
  python3-dask python3-distributed  # antq.simulation.sweep on a Dask cluster, and its test on a LocalCluster
  clang libfuzzer-14-dev  # tests/fuzz
  doxygen  # the C++ reference (docs/Doxyfile), built by scripts/test.sh
  python3-nbclient python3-nbformat python3-ipykernel  # tests/python/notebooks runs docs/notebooks
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "antq setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's interpreter, whatever else is first on PATH: the Debian packages above are built for it.
if [[ ! -x .venv/bin/python ]]; then
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
echo "antq setup: building and installing the Python package into .venv" >&2
.venv/bin/python -m pip install --quiet --no-build-isolation --no-deps --disable-pip-version-check . 
