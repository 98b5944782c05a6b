//! Qualtrics survey files (`.qsf`).
