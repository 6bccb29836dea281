"""What outlives a session: the cache of loaded and analysed articles, and the reading state."""
