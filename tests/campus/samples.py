"""A quiz with one question of each kind, and its right answers as a form posts them."""

QUIZ = {
    "title": "Écoute",
    "intro": "",
    "pass_mark": 60,
    "max_attempts": 3,
    "questions": [
        {
            "type": "single_choice",
            "id": "q-single",
            "value": {
                "prompt": "Quelle note donne le hautbois ?",
                "choices": [
                    {"text": "Le la", "correct": True, "feedback": "Oui, le la 440."},
                    {"text": "Le do", "correct": False, "feedback": "Non, écoutez encore."},
                ],
            },
        },
        {
            "type": "multiple_choice",
            "id": "q-multiple",
            "value": {
                "prompt": "Quels instruments sont des cordes ?",
                "choices": [
                    {"text": "Violon", "correct": True, "feedback": ""},
                    {"text": "Flûte", "correct": False, "feedback": "La flûte est un vent."},
                    {"text": "Alto", "correct": True, "feedback": ""},
                ],
            },
        },
        {
            "type": "true_false",
            "id": "q-tf",
            "value": {
                "prompt": "Le la vaut 440 Hz.",
                "answer": True,
                "feedback_correct": "Exact.",
                "feedback_wrong": "Si, 440 Hz.",
            },
        },
        {
            "type": "short_answer",
            "id": "q-short",
            "value": {
                "prompt": "Compositeur des Suites pour violoncelle ?",
                "accepted_answers": ["Bach", "Jean-Sébastien Bach"],
                "feedback_correct": "",
                "feedback_wrong": "C'est Bach.",
            },
        },
    ],
}
RIGHT_ANSWERS = {
    "q-q-single": "0",
    "q-q-multiple": ["0", "2"],
    "q-q-tf": "true",
    "q-q-short": "  jean-sebastien BACH ",
}
