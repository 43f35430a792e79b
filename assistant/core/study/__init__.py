"""Study: quiz items and progress with spaced repetition."""
