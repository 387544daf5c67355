from cleanwire.cli.app import main

raise SystemExit(main())
