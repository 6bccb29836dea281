"""Corpus analysis: entities, canonical names, the gazetteer, date values and the timeline."""
