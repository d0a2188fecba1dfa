"""Fixtures of the command-line tests: the newsroom repository and workspace of the action's."""

from tests.cli.action_runner import origin, workspace

__all__ = ["origin", "workspace"]
