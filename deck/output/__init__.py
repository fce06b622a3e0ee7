"""Output: the manifest, the safe write of a build into its folder, and the review page."""
