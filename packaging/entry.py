"""The frozen programs' entry point (packaging/matchdesk.spec): both ``matchdesk`` and ``matchdesk-cli`` run
``matchdesk.cli.main.main``, as the ``matchdesk`` console script does; without a command the window opens."""

import sys

from matchdesk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
