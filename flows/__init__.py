"""Prefect flows: thin wrappers that call pipeline/.

Defaults suit a laptop with no network: Prefect's local ephemeral API unless
PREFECT_API_URL says otherwise, and no analytics calls home. Every default is
a `setdefault`: a user's own PREFECT_* setting wins.
"""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# a run's own log lines (progress, failed files) reach the API at INFO; the terminal shows warnings only
os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "INFO")
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
