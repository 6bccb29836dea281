"""Full screens over the reader."""
