"""``python -m qrsign``: the command line (:mod:`qrsign.cli`)."""

from .cli import main

raise SystemExit(main())
