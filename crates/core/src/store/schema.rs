//! The database schema as an ordered list of migrations. The position of a
//! migration in the list is its version (stored in `PRAGMA user_version`);
//! shipped migrations are never edited, only appended to.

pub const MIGRATIONS: &[&str] = &[
    // 1: the programme model of docs/design.md §2.
    r#"
CREATE TABLE programme (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL,
    title           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
    period_start    TEXT NOT NULL,
    period_end      TEXT NOT NULL,
    mark_style      TEXT NOT NULL DEFAULT 'appendix',
    mark_number     TEXT NOT NULL DEFAULT '',
    mark_issuer     TEXT NOT NULL DEFAULT '',
    year_columns    TEXT NOT NULL DEFAULT '[]',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK (period_start <= period_end)
);

CREATE TABLE act (
    programme_id        INTEGER PRIMARY KEY REFERENCES programme(id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN ('decree', 'order', 'directive')),
    issuer              TEXT NOT NULL DEFAULT '[]',
    date                TEXT,
    number              TEXT,
    place               TEXT NOT NULL DEFAULT '',
    title               TEXT NOT NULL DEFAULT '',
    preamble            TEXT NOT NULL DEFAULT '',
    formula             TEXT NOT NULL DEFAULT '',
    points              TEXT NOT NULL DEFAULT '[]',
    signatory_position  TEXT NOT NULL DEFAULT '',
    signatory_name      TEXT NOT NULL DEFAULT '',
    executor            TEXT
);

CREATE TABLE passport_row (
    id              INTEGER PRIMARY KEY,
    programme_id    INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    uid             TEXT NOT NULL,
    key             TEXT NOT NULL,
    label           TEXT NOT NULL,
    content         TEXT NOT NULL DEFAULT '[]',
    UNIQUE (programme_id, uid)
);
CREATE INDEX passport_row_order ON passport_row (programme_id, position);

CREATE TABLE task (
    id              INTEGER PRIMARY KEY,
    programme_id    INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    uid             TEXT NOT NULL,
    text            TEXT NOT NULL,
    UNIQUE (programme_id, uid)
);
CREATE INDEX task_order ON task (programme_id, position);

CREATE TABLE section (
    id              INTEGER PRIMARY KEY,
    programme_id    INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    uid             TEXT NOT NULL,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL DEFAULT '[]',
    UNIQUE (programme_id, uid)
);
CREATE INDEX section_order ON section (programme_id, position);

CREATE TABLE indicator (
    id              INTEGER PRIMARY KEY,
    programme_id    INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    uid             TEXT NOT NULL,
    name            TEXT NOT NULL,
    unit            TEXT NOT NULL DEFAULT '',
    direction       TEXT NOT NULL CHECK (direction IN ('increase', 'decrease')),
    base_value      REAL,
    base_year       INTEGER,
    task_uid        TEXT,
    UNIQUE (programme_id, uid)
);
CREATE INDEX indicator_order ON indicator (programme_id, position);

CREATE TABLE indicator_value (
    indicator_id    INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    year            INTEGER NOT NULL,
    plan            REAL,
    fact            REAL,
    PRIMARY KEY (indicator_id, year)
);

CREATE TABLE roadmap_block (
    id              INTEGER PRIMARY KEY,
    programme_id    INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    uid             TEXT NOT NULL,
    title           TEXT NOT NULL,
    UNIQUE (programme_id, uid)
);
CREATE INDEX roadmap_block_order ON roadmap_block (programme_id, position);

CREATE TABLE roadmap_item (
    id              INTEGER PRIMARY KEY,
    programme_id    INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    block_id        INTEGER NOT NULL REFERENCES roadmap_block(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    uid             TEXT NOT NULL,
    activity        TEXT NOT NULL,
    deadline        TEXT NOT NULL DEFAULT '',
    manual_schedule TEXT,
    responsible     TEXT NOT NULL DEFAULT '',
    expected_result TEXT NOT NULL DEFAULT '',
    planned_value   TEXT NOT NULL DEFAULT '',
    per_year        TEXT NOT NULL DEFAULT '[]',
    UNIQUE (programme_id, uid)
);
CREATE INDEX roadmap_item_order ON roadmap_item (block_id, position);

CREATE TABLE tracking (
    id              INTEGER PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES roadmap_item(id) ON DELETE CASCADE,
    due             TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('planned', 'done', 'done_late', 'not_done', 'moved')),
    done_on         TEXT,
    moved_to        TEXT,
    comment         TEXT NOT NULL DEFAULT '',
    evidence        TEXT NOT NULL DEFAULT '',
    UNIQUE (item_id, due)
);
"#,
    // 2: print layout profiles; the interpretation of each item's deadline
    // kept next to it (recomputed whenever the deadline or the period
    // changes); undo snapshots; templates.
    r#"
CREATE TABLE layout_profile (
    name            TEXT PRIMARY KEY,
    body            TEXT NOT NULL,
    builtin         INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL
);

ALTER TABLE roadmap_item ADD COLUMN schedule TEXT;

-- Undo and redo: the programme after each edit, `undo_seq` the current one.
ALTER TABLE programme ADD COLUMN undo_seq INTEGER NOT NULL DEFAULT 0;
CREATE TABLE undo_snapshot (
    programme_id    INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    label           TEXT NOT NULL,
    body            TEXT NOT NULL,
    PRIMARY KEY (programme_id, seq)
);

-- Programme templates: built-in ones and those the user saved.
CREATE TABLE template (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    body            TEXT NOT NULL,
    builtin         INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
);
"#,
    // 3: the undo history keeps what each edit changed (store/history.rs)
    // instead of a copy of the whole programme after every edit, which
    // grew a database by megabytes an edit (issue #12). The copies made by
    // earlier versions are dropped, not converted: after the upgrade every
    // programme starts with an empty history, so the edits made before it
    // can no longer be undone (docs/manual.md says so). The space they
    // took is given back by the VACUUM after the migration (mod.rs).
    r#"
DROP TABLE undo_snapshot;
UPDATE programme SET undo_seq = 0;

-- One step per edit: `change` is the JSON of what it changed, before and
-- after; `bytes` its length, for the bound on the history's size;
-- `programme.undo_seq` the last step applied.
CREATE TABLE undo_step (
    programme_id    INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    label           TEXT NOT NULL,
    change          TEXT NOT NULL,
    bytes           INTEGER NOT NULL,
    PRIMARY KEY (programme_id, seq)
);
"#,
    // 4: a passport row may be filled from the data (title, tasks,
    // indicators, period) instead of typed (issue #13, item 7). Existing
    // rows stay typed, as they were printed; a «Задачи» row with nothing
    // typed still prints the tasks (`PassportRow::fills_from_data`).
    r#"
ALTER TABLE passport_row ADD COLUMN from_data INTEGER NOT NULL DEFAULT 0;
"#,
    // 5: a programme's own document shape (issue #14, exchange format
    // version 2). Every default is the look programmes had before, so the
    // programmes already stored print as they did.
    r#"
-- DocumentLayout as JSON; '{}' reads as every default.
ALTER TABLE programme ADD COLUMN layout TEXT NOT NULL DEFAULT '{}';
ALTER TABLE programme ADD COLUMN mark_approves TEXT NOT NULL DEFAULT 'feminine';
ALTER TABLE programme ADD COLUMN mark_participle TEXT NOT NULL DEFAULT '';

ALTER TABLE act ADD COLUMN heading TEXT NOT NULL DEFAULT 'usual';
ALTER TABLE act ADD COLUMN issuer_caps INTEGER NOT NULL DEFAULT 1;
ALTER TABLE act ADD COLUMN date_format TEXT NOT NULL DEFAULT 'numeric';

ALTER TABLE passport_row ADD COLUMN subrows TEXT NOT NULL DEFAULT '[]';

ALTER TABLE section ADD COLUMN unnumbered INTEGER NOT NULL DEFAULT 0;
-- SectionNumbering as JSON, or NULL.
ALTER TABLE section ADD COLUMN renumber TEXT;
"#,
    // 6: what the last check of the whole programme counted of its exchange
    // file, and the bytes of the edits since (`edit::check_growth`); NULL
    // is not counted yet.
    r#"
ALTER TABLE programme ADD COLUMN file_bytes INTEGER;
ALTER TABLE programme ADD COLUMN file_grown INTEGER NOT NULL DEFAULT 0;
"#,
    // 7: approved editions (issue #17, docs/design.md §4a). Each approval
    // freezes the whole programme as the exchange file's text (its own
    // `version` inside), so an edition approved today still reads after a
    // later change of the model: it goes through the reading of an import.
    // An edition is never changed once written (the trigger refuses it);
    // it goes only with its programme.
    r#"
CREATE TABLE edition (
    programme_id    INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    -- 1 for the approval, 2, 3 … for each amendment, in order.
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    act_kind        TEXT NOT NULL CHECK (act_kind IN ('decree', 'order', 'directive')),
    act_date        TEXT NOT NULL,
    act_number      TEXT NOT NULL,
    -- When it was recorded here (RFC 3339, UTC).
    recorded_at     TEXT NOT NULL,
    snapshot        TEXT NOT NULL,
    PRIMARY KEY (programme_id, seq)
);
CREATE TRIGGER edition_frozen BEFORE UPDATE ON edition
BEGIN
    SELECT RAISE(ABORT, 'an approved edition is never changed');
END;
"#,
    // 8: the exchange file holds the approved editions too, so what they
    // add to it is counted with the programme (`edit::check_growth`):
    // the sum of `exchange::edition_len` over them, 0 for none; NULL is
    // not counted yet (counted from the stored editions when needed).
    r#"
ALTER TABLE programme ADD COLUMN editions_bytes INTEGER;
"#,
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
