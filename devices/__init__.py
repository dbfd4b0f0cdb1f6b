"""Device layer: barcode scanners and receipt/label printers, behind small interfaces."""
