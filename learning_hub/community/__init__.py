"""Contributions and community of the hub: proposals, comments, bookmarks, votes, collections."""
