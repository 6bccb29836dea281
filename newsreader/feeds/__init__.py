"""Subscriptions: fetching feeds over HTTP (fetch, refresh), the library they are kept in, OPML."""
