"""Tests of the device layer: scanners, printers, labels and receipt templates, without hardware."""
