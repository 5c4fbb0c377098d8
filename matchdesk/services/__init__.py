"""Use cases shared by the command line and the UI. Each function takes the session of the caller's
unit of work (``with db.unit(user) as s:``) and never opens one itself."""
