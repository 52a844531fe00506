"""Prefect flows: thin wrappers that call pipeline/.

Defaults suit a laptop with no network: Prefect's local ephemeral API unless
PREFECT_API_URL says otherwise, and no analytics calls home.
"""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
