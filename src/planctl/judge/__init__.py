"""The one place a status is decided: counties, the city's totals, trends."""
