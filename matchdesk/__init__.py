"""MatchDesk: matching and trajectory rules for the Participatiewet."""

__version__ = "0.1.0"
