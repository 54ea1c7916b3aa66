"""``python -m build_scripts``: run the pipeline alone (no site build)."""

import sys

from build_scripts.errors import ArchiveError
from build_scripts.pipeline import run


def main() -> int:
    try:
        summary = run()
    except ArchiveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
