"""The diagram: the scene (one description of the drawing) and its layout."""
