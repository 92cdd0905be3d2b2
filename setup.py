# scikit-build reads the project metadata from pyproject.toml; this file only tells it how to drive CMake, and
# gives the version from the file VERSION, where it is written once.
from pathlib import Path

from skbuild import setup

setup(
    version=(Path(__file__).parent / "VERSION").read_text(encoding="utf-8").strip(),
    packages=["antq", "antq.movement", "antq.report"],
    package_dir={"": "python"},
    package_data={"antq": ["py.typed", "*.pyi"], "antq.report": ["templates/*"]},
    cmake_install_dir="python",
    cmake_args=[
        "-DANTQ_BUILD_PYTHON=ON",
        "-DANTQ_BUILD_TESTS=OFF",
        "-DANTQ_INSTALL=OFF",
        "-DCMAKE_BUILD_TYPE=Release",
    ],
)
