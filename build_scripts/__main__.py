"""``python -m build_scripts``: run the pipeline alone (no site build)."""

import sys

from .errors import ArchiveError
from .pipeline import run


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
