"""Pages of training: the trainee's (path, lessons, exams) and the trainer's (authoring, banks, results)."""
