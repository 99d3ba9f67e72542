"""The published site: what a build knows, publishing, integrity, redirects and search."""
