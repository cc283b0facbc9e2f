//! Checks an exchange file the way an import does, without a database:
//! `cargo run -p metodist-core --example check_exchange -- FILE.metodist.json`
fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("укажите файл: check_exchange FILE.metodist.json");
        std::process::exit(2);
    };
    match metodist_core::exchange::read_file(std::path::Path::new(&path)) {
        Ok(p) => println!(
            "файл в порядке: «{}», {} разделов, {} показателей, {} блоков, {} мероприятий",
            p.title,
            p.sections.len(),
            p.indicators.len(),
            p.roadmap.blocks.len(),
            p.item_count()
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
