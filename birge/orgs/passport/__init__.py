"""The due-diligence passport: the facts funders ask for, filled in once, kept current, and shared with a
funder organization by the owner's choice, with every read by the funder logged for the owner to see."""
