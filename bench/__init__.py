"""The build benchmark: ``make bench`` runs bench/bench.py."""
