"""Start the 政策助手 web app with default settings (environment variables
POLICY_ASSISTANT_* and policy-assistant.toml apply): `python app.py`.
Same as `policy-assistant serve`."""

import sys

from assistant.settings import Settings
from assistant.web.app import serve

if __name__ == "__main__":
    sys.exit(serve(Settings.load()))
