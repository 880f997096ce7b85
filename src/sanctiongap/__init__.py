"""sanctiongap: which companies keep Russia's war industry supplied, who has
sanctioned them and since when, computed from the official lists."""

__version__ = "0.1.0"
