"""The terminal app: Textual screens and widgets over the newsreader engine."""
