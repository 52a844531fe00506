"""Reading files into text: format detection, one reader per format, normalisation, limits."""
