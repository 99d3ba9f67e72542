"""Page content: placeholders, legacy links, front matter and the values readers copy."""
