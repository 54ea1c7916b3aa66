"""The archive's small exception hierarchy.

Every error names the file, the line or key, and the fix, because the person
who sees it is an editor who just dropped a report into ``seeds/``.
"""


class ArchiveError(Exception):
    """Base class: anything that must stop the build with a clear message."""

    def __init__(self, path, problem, fix, where=None):
        self.path = str(path)
        self.where = where
        self.problem = problem
        self.fix = fix
        location = self.path if where is None else f"{self.path}: {where}"
        super().__init__(f"{location}: {problem}. Fix: {fix}")


class SeedError(ArchiveError):
    """A seed file that cannot be read as a report (empty, undecodable)."""


class SidecarError(ArchiveError):
    """A sidecar YAML file that is malformed or breaks its schema."""


class DuplicateIdError(ArchiveError):
    """Two reports would get the same id, so one page would overwrite the other."""


class ConservationError(ArchiveError):
    """A Han character of a seed is unaccounted for, or one was injected."""


class DataFileError(ArchiveError):
    """A data file under ``build_scripts/data`` breaks its schema."""


class FrontMatterError(ArchiveError):
    """A generated page's front matter breaks the report schema (a bug, not bad input)."""


class ArchiveErrors(ArchiveError):
    """Several problems found in one run, all reported together so an editor fixes them in one pass."""

    def __init__(self, errors: list[ArchiveError]):
        self.errors = errors
        Exception.__init__(self, f"{len(errors)} problems:\n" + "\n".join(f"- {error}" for error in errors))
        self.path, self.where, self.problem, self.fix = errors[0].path, errors[0].where, errors[0].problem, errors[0].fix


def raise_all(errors: list[ArchiveError]) -> None:
    """Raise the one error, or all of them together; nothing when the list is empty."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ArchiveErrors(errors)
