//! The Discord adapter (being written in parallel).
