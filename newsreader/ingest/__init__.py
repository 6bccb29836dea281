"""Files to clean articles: one module per input format, decoding, and the page rules."""
