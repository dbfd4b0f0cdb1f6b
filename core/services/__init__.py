"""Services: one module per workflow; the app, the CLI and the tests all call these."""
