from .bank import Question, QuestionBank, QuestionKind, TextFormat
from .exam import AttemptClosure, AttemptQuestion, BlueprintRule, ExamAttempt, ExamBlueprint
from .lesson import Lesson, LessonImage, LessonRead

__all__ = [
    "AttemptClosure",
    "AttemptQuestion",
    "BlueprintRule",
    "ExamAttempt",
    "ExamBlueprint",
    "Lesson",
    "LessonImage",
    "LessonRead",
    "Question",
    "QuestionBank",
    "QuestionKind",
    "TextFormat",
]
