"""`python -m indicators ...`: see indicators/cli/main.py."""

import sys

from indicators.cli import main

sys.exit(main())
