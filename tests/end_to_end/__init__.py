"""Whole-pipeline tests: the shipped guides, the seed, golden inspect files, CommonMark, fuzzing."""
