"""Names shared by the engine, the configuration and the command line, importing nothing:
`scorer --help` and config checks must not pay for loading the engine."""

ENGINES = ("durable-rules", "python")
SEVERITIES = ("info", "warning", "error")


class EngineRefused(Exception):
    """An engine would not take a layer's facts; that layer is evaluated in Python instead."""
