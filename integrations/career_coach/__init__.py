"""A small career-coach application built from LCEL chains on guarded chat models.

- :class:`ConversationEngine`: an interview with per-session history, an adaptive questioner and
  a fatigue manager.
- :func:`gap_analyzer`, :func:`pattern_extractor`, :func:`insight_chain`: structured analyses of
  the collected profile.
- :func:`resume_chain`, :func:`analyze_resumes`: the resume flow (pseudonymize a candidate
  record, analyse it, restore the result), one resume or a batch.

Every chain works with any LangChain chat model. See ``docs/career_coach.md``.
"""

from career_coach.analysis import gap_analyzer, insight_chain, pattern_extractor
from career_coach.conversation import (
    AdaptiveQuestioner,
    ConversationEngine,
    FatigueManager,
    InterviewState,
    Turn,
)
from career_coach.profile import (
    TOPICS,
    CareerPaths,
    CareerProfile,
    GapReport,
    HiddenStrengths,
    PatternReport,
    ResumeAnalysis,
    profile_text,
)
from career_coach.resume import ResumeResult, analyze_resumes, resume_chain, session_for

__all__ = [
    "TOPICS",
    "AdaptiveQuestioner",
    "CareerPaths",
    "CareerProfile",
    "ConversationEngine",
    "FatigueManager",
    "GapReport",
    "HiddenStrengths",
    "InterviewState",
    "PatternReport",
    "ResumeAnalysis",
    "ResumeResult",
    "Turn",
    "analyze_resumes",
    "gap_analyzer",
    "insight_chain",
    "pattern_extractor",
    "profile_text",
    "resume_chain",
    "session_for",
]
