"""``python -m ontrack``: the command line."""

from ontrack.cli import main

raise SystemExit(main())
