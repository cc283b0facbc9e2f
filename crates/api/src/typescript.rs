//! Writes the TypeScript side of the contract into `ui/src/gen/`: one file
//! per type the commands take or return (by ts-rs, from the Rust types), the
//! typed command wrappers (from the list in `commands.rs`), the error codes
//! and an index. `crates/api/tests/typescript.rs` runs it, and
//! `scripts/test` fails when that changes a file in git.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TypeVisitor, TS};

use crate::commands::command_types::*;

/// The named types a TypeScript type expression refers to, each exported
/// (with everything it needs) as it is found.
struct Referenced<'a> {
    cfg: &'a Config,
    names: BTreeMap<String, PathBuf>,
    error: Option<ts_rs::ExportError>,
}

impl TypeVisitor for Referenced<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        match T::output_path() {
            Some(path) => {
                self.names.insert(T::ident(self.cfg), path);
                if let Err(e) = T::export_all(self.cfg) {
                    self.error.get_or_insert(e);
                }
            }
            // Vec<T>, Option<T> and the like: what they hold.
            None => T::visit_generics(self),
        }
    }
}

fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn ts_type<T: TS + 'static + ?Sized>(cfg: &Config, refs: &mut Referenced<'_>) -> String {
    refs.visit::<T>();
    let name = T::name(cfg);
    if name == "null" {
        "void".into()
    } else {
        name
    }
}

/// One command's wrapper: `export function loadProgramme(id: number): Promise<Programme>`.
fn wrapper(name: &str, args: &[(&str, String)], ret: &str) -> String {
    let params: Vec<String> = args
        .iter()
        .map(|(a, t)| format!("{}: {t}", camel_case(a)))
        .collect();
    let passed: Vec<String> = args.iter().map(|(a, _)| camel_case(a)).collect();
    let call = if passed.is_empty() {
        format!("invoke<{ret}>(\"{name}\")")
    } else {
        format!("invoke<{ret}>(\"{name}\", {{ {} }})", passed.join(", "))
    };
    format!(
        "export function {}({}): Promise<{ret}> {{\n  return {call};\n}}\n",
        camel_case(name),
        params.join(", ")
    )
}

macro_rules! command_wrappers {
    ($( $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty = $call:expr; )*) => {
        fn wrappers(cfg: &Config, refs: &mut Referenced<'_>) -> String {
            let mut out = String::new();
            $(
                let args: Vec<(&str, String)> =
                    vec![$((stringify!($arg), ts_type::<$ty>(cfg, refs))),*];
                let ret = ts_type::<$ret>(cfg, refs);
                out.push('\n');
                out.push_str(&wrapper(stringify!($name), &args, &ret));
            )*
            out
        }
    };
}
crate::with_commands!(command_wrappers);

const HEADER: &str = "// Generated from the Rust types by crates/api (typescript.rs); do not edit.\n// Regenerate with: cargo test -p metodist-api --test typescript\n";

fn commands_ts(cfg: &Config, refs: &mut Referenced<'_>) -> String {
    let body = wrappers(cfg, refs);
    let mut out = String::from(HEADER);
    out.push_str("import { invoke } from \"../invoke.js\";\n");
    for (name, path) in &refs.names {
        let module = path.with_extension("js");
        let _ = writeln!(
            out,
            "import type {{ {name} }} from \"./{}\";",
            module.display()
        );
    }
    out.push_str(&body);
    out
}

fn errors_ts() -> String {
    let codes = crate::error::error_codes();
    let mut out = String::from(HEADER);
    out.push_str(
        "\n/** Every code an error from the app can carry. */\nexport const ErrorCode = {\n",
    );
    for code in &codes {
        let _ = writeln!(out, "  {}: \"{code}\",", code.to_uppercase());
    }
    out.push_str(
        "} as const;\n\nexport type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];\n",
    );
    out.push_str("\n/** Errors of the database file itself (it could not be opened or used). */\nexport const DATABASE_ERRORS: readonly string[] = [\n");
    for code in codes.iter().filter(|c| c.starts_with("db_")) {
        let _ = writeln!(out, "  ErrorCode.{},", code.to_uppercase());
    }
    out.push_str("];\n");
    out
}

/// Writes every generated file into `dir` (created when missing), in place
/// of the `.ts` files there; the files written.
pub fn write_typescript(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    // Start empty, so a type no longer used leaves no file behind.
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "ts") {
            std::fs::remove_file(&path)?;
        }
    }
    let cfg = Config::new()
        .with_out_dir(dir)
        .with_large_int("number")
        .with_import_extension(Some("js"));
    let mut refs = Referenced {
        cfg: &cfg,
        names: BTreeMap::new(),
        error: None,
    };
    let commands = commands_ts(&cfg, &mut refs);
    if let Some(e) = refs.error {
        return Err(std::io::Error::other(e.to_string()));
    }
    std::fs::write(dir.join("commands.ts"), commands)?;
    std::fs::write(dir.join("errors.ts"), errors_ts())?;
    // The types the commands use, and the types those use.
    let mut types: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".ts") {
            if !matches!(stem, "commands" | "errors" | "index") {
                types.push(stem.to_string());
            }
        }
    }
    types.sort();
    let mut index = String::from(HEADER);
    for t in &types {
        let _ = writeln!(index, "export type {{ {t} }} from \"./{t}.js\";");
    }
    std::fs::write(dir.join("index.ts"), index)?;
    let mut written: Vec<PathBuf> = types.iter().map(|t| dir.join(format!("{t}.ts"))).collect();
    written.extend(["commands.ts", "errors.ts", "index.ts"].map(|f| dir.join(f)));
    Ok(written)
}
