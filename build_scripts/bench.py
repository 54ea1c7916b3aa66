"""``python -m build_scripts.bench``: the benchmark's standing command (see :mod:`build_scripts.tools.bench`)."""

import sys

from build_scripts.tools.bench import main

if __name__ == "__main__":
    sys.exit(main())
