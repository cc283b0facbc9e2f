//! Typesetting of documents in the layout of a Russian administrative act.
