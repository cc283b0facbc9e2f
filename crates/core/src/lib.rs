//! The Metodist core.
