//! Prints what the reader finds in a .docx, as JSON: for looking at a file
//! while writing the recogniser or a test.
//! `cargo run -p metodist-docx-read --example dump_docx -- FILE.docx`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("укажите файл .docx");
        std::process::exit(2);
    };
    match metodist_docx_read::read_docx_file(path.as_ref(), &Default::default()) {
        Ok(doc) => println!(
            "{}",
            serde_json::to_string_pretty(&doc).expect("serialisable")
        ),
        Err(e) => {
            eprintln!("{} ({})", e, e.code());
            std::process::exit(1);
        }
    }
}
