"""Readers of external files (Enedis, GRDF, partner listings). Calculators never import them."""
