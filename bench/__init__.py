"""The benchmark suite of serial-till: `make bench` runs ``python -m bench``."""
