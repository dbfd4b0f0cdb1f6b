"""The command line: `till` and its sub-commands, thin over the core and the devices."""
