"""Sub-commands of `till`, one module per area; each registers its parsers."""
