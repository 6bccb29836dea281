"""newsreader: read, search and connect collections of news articles in the terminal."""

__version__ = "0.1.0"
