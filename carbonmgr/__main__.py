import sys

from carbonmgr.cli import main

sys.exit(main())
