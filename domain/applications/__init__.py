"""Applications of individuals and legal entities (АППК 76)."""
