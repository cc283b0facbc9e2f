// Generated from the Rust types by crates/api (typescript.rs); do not edit.
// Regenerate with: cargo test -p metodist-api --test typescript

/** Every code an error from the app can carry. */
export const ErrorCode = {
  DB_NOT_SQLITE: "db_not_sqlite",
  DB_LOCKED: "db_locked",
  DB_READ_ONLY: "db_read_only",
  DB_NEWER_VERSION: "db_newer_version",
  DISK_FULL: "disk_full",
  DB_CORRUPT: "db_corrupt",
  DB_MIGRATION_FAILED: "db_migration_failed",
  DB_ERROR: "db_error",
  NO_DATA_DIR: "no_data_dir",
  IO_ERROR: "io_error",
  OUTPUT_NOT_A_FILE: "output_not_a_file",
  IMPORT_NOT_METODIST: "import_not_metodist",
  IMPORT_UNSUPPORTED_VERSION: "import_unsupported_version",
  IMPORT_INVALID: "import_invalid",
  EDIT_INVALID: "edit_invalid",
  PROGRAMME_NOT_FOUND: "programme_not_found",
  ELEMENT_NOT_FOUND: "element_not_found",
  INVALID_EDIT: "invalid_edit",
  REPLACE_NOTHING: "replace_nothing",
  APPROVE_REFUSED: "approve_refused",
  EDITION_NOT_FOUND: "edition_not_found",
  EDITION_UNREADABLE: "edition_unreadable",
  PRINT_FONT_READ: "print_font_read",
  PRINT_FONT_PARSE: "print_font_parse",
  PRINT_FONT_NO_CYRILLIC: "print_font_no_cyrillic",
  PRINT_HYPHENATION: "print_hyphenation",
  PRINT_INVALID_PROFILE: "print_invalid_profile",
  PRINT_UNKNOWN_PROFILE: "print_unknown_profile",
  PRINT_INVALID_TABLE: "print_invalid_table",
  PRINT_INVALID_DPI: "print_invalid_dpi",
  PRINT_PREVIEW_ENCODE: "print_preview_encode",
  XLSX_WRITE: "xlsx_write",
  DOCX_PACKAGE: "docx_package",
  INVALID_REQUEST: "invalid_request",
  OUTPUT_PROTECTED: "output_protected",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Errors of the database file itself (it could not be opened or used). */
export const DATABASE_ERRORS: readonly string[] = [
  ErrorCode.DB_NOT_SQLITE,
  ErrorCode.DB_LOCKED,
  ErrorCode.DB_READ_ONLY,
  ErrorCode.DB_NEWER_VERSION,
  ErrorCode.DB_CORRUPT,
  ErrorCode.DB_MIGRATION_FAILED,
  ErrorCode.DB_ERROR,
];
