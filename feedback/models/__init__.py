"""Models of the beta programme, re-exported from their modules."""

from .items import Feedback, FeedbackKind, FeedbackNote, FeedbackReply, FeedbackStatus
from .phases import Phase, PhaseChange, PhaseSettings
from .surveys import SurveyFormField, SurveyPage, SurveySubmission
from .volunteers import (
    ApplicationStatus,
    Cohort,
    ConsentWithdrawal,
    Device,
    ProfileKind,
    VolunteerApplication,
)

__all__ = [
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
    "SurveyFormField",
    "SurveyPage",
    "SurveySubmission",
    "VolunteerApplication",
]
