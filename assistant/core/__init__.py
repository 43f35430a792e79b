"""The Qt-free core: knowledge packs, the decision engine, diagrams, quizzes, project files."""
