from matchdesk.cli.main import main

raise SystemExit(main())
