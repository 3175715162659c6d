"""Working offline: a translation out as a file (XLIFF for CAT tools; more formats plug into
`formats`), and back in through the editor's versioned save, unit by unit."""
