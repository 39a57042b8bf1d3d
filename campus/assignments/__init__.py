"""Recorded assignments: submissions of a student's playing and time-coded feedback."""
