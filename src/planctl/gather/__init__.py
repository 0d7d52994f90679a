"""Submissions → one set of figures per county and year, the set rules applied."""
