"""Every write to the directory: one named function per change (see each module)."""
