"""Birge: civil society, government and donors of Central Asia and the South Caucasus, together."""
