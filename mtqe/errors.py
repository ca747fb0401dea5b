"""One exception family for everything a user can fix.

Library code raises these; only the CLI turns them into a one-line message and exit code 2.
"""


class MtqeError(Exception):
    """A problem with the user's input, configuration or environment, stated in one actionable line."""


class InputError(MtqeError):
    """A document or manifest that cannot be read or makes no sense to compare."""


class ConfigError(MtqeError):
    """A bad option or configuration value; the message names the key."""


class ModelError(MtqeError):
    """A COMET model that cannot be found, installed or loaded."""
