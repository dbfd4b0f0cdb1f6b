"""Barcode scanners: pure decoders plus thin reader threads, all yielding ScanEvents."""
