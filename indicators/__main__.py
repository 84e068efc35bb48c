"""`python -m indicators ...`: see indicators/cli/main.py."""

import sys

from indicators.cli.main import main

sys.exit(main())
