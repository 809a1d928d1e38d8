"""``python -m studio``: the same as ``nn-studio``."""

from studio.app import main

raise SystemExit(main())
