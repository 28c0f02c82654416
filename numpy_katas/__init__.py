"""numpy-katas: the framework behind the katas (source swap, vectorisation gates, scoreboard)."""
