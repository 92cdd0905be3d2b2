# scikit-build reads the project metadata from pyproject.toml; this file only tells it how to drive CMake.
from skbuild import setup

setup(
    packages=["antq"],
    package_dir={"": "python"},
    package_data={"antq": ["py.typed", "*.pyi"]},
    cmake_install_dir="python",
    cmake_args=[
        "-DANTQ_BUILD_PYTHON=ON",
        "-DANTQ_BUILD_TESTS=OFF",
        "-DANTQ_INSTALL=OFF",
        "-DCMAKE_BUILD_TYPE=Release",
    ],
)
