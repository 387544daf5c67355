from cleanwire.cli import console

raise SystemExit(console())
