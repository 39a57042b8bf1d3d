"""Models of the beta programme, re-exported from their modules."""

from .items import Feedback, FeedbackKind, FeedbackNote, FeedbackReply, FeedbackStatus
from .phases import Phase, PhaseChange, PhaseSettings
from .surveys import (
    AlreadyAnswered,
    SurveyAnnouncement,
    SurveyFormField,
    SurveyPage,
    SurveySubmission,
)
from .volunteers import (
    ApplicationStatus,
    Cohort,
    ConsentWithdrawal,
    Device,
    ProfileKind,
    VolunteerApplication,
)

__all__ = [
    "AlreadyAnswered",
    "ApplicationStatus",
    "Cohort",
    "ConsentWithdrawal",
    "Device",
    "Feedback",
    "FeedbackKind",
    "FeedbackNote",
    "FeedbackReply",
    "FeedbackStatus",
    "Phase",
    "PhaseChange",
    "PhaseSettings",
    "ProfileKind",
    "SurveyAnnouncement",
    "SurveyFormField",
    "SurveyPage",
    "SurveySubmission",
    "VolunteerApplication",
]
