"""Publishing snapshots: atomic swaps, reviewers' corrections, grants across documents."""
