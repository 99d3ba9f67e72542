"""The one settings file: reading it as a writer means it, and validating every value."""
