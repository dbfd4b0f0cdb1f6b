"""Printing: document model → ESC/POS bytes, text previews and labels, sent by transports."""
