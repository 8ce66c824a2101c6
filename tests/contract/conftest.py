"""The contract suite runs on tests/devportal's small portal and its fixtures."""
from tests.devportal.conftest import app, client, clock, faults, portal, rest  # noqa: F401 (fixtures)
