// What the screens use of the Rust side: the command wrappers and every type
// they take or return, all generated from Rust (ui/src/gen, written by
// `cargo test -p metodist-api --test typescript` from the command list in
// crates/api/src/commands.rs), and the error codes. Nothing here is written
// by hand but the date alias.

export * from "./gen/commands.js";
export type * from "./gen/index.js";
export { AppError } from "./invoke.js";
export { DATABASE_ERRORS, ErrorCode } from "./gen/errors.js";

/** A date as chrono's NaiveDate is sent: "YYYY-MM-DD". */
export type IsoDate = string;
