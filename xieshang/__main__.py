from xieshang.cli.main import main

raise SystemExit(main())
