from xieshang.cli import main

raise SystemExit(main())
