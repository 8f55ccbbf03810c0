"""Format 1 of data/policy.yml, kept to read old files and frozen releases: its model, its reader, and its
conversion to format 2 (a format-1 file is converted in memory as it is read; `policydocs migrate` writes it)."""
