//! `metodist find` and `metodist replace` on a temporary database.

mod common;

use common::{repo_file, Env};

#[test]
fn find_lists_every_match_and_replace_changes_them_all() {
    let env = Env::new();
    let sample = repo_file("tests/fixtures/sample-programme.metodist.json");
    let id = env.ok(&["import", sample.to_str().unwrap()]);
    let id = id.trim();
    let found = env.ok(&["find", id, "ОБРАЗОВАНИ"]);
    let lines: Vec<&str> = found.lines().collect();
    let summary = lines.last().unwrap();
    assert!(summary.starts_with("Найдено: "), "{found}");
    let n: usize = summary
        .trim_start_matches("Найдено: ")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(lines.len() - 1, n, "one line per match");
    for line in &lines[..n] {
        let (place, snippet) = line.split_once('\t').unwrap();
        assert!(!place.is_empty());
        assert!(snippet.to_lowercase().contains("⟦образовани⟧"), "{snippet}");
    }
    assert!(lines.iter().any(|l| l.starts_with("Акт · ")));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("Дорожная карта · мероприятие ")));

    let before = env.ok(&["export", id, "-o", "-"]);
    let out = env.ok(&["replace", id, "образовани", "просвещени"]);
    assert!(
        out.starts_with(&format!("Заменено: {n} совпадени")),
        "{out}"
    );
    assert!(
        out.ends_with("Отменить можно в окне: «Отменить: замена «образовани» на «просвещени»».\n"),
        "{out}"
    );
    assert_eq!(env.ok(&["find", id, "образовани"]), "Ничего не найдено.\n");
    let after = env.ok(&["export", id, "-o", "-"]);
    assert_eq!(
        after.matches("просвещени").count(),
        before.matches("просвещени").count() + n
    );
}

#[test]
fn a_refused_replace_exits_1_and_changes_nothing() {
    let env = Env::new();
    let sample = repo_file("tests/fixtures/sample-programme.metodist.json");
    let id = env.ok(&["import", sample.to_str().unwrap()]);
    let id = id.trim();
    let before = env.ok(&["export", id, "-o", "-"]);
    let out = env.run(&["replace", id, "такого текста нет", "x"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Ничего не заменено: текст «такого текста нет» в программе не найден"),
        "{err}"
    );
    let out = env.run(&["replace", id, "образовани"]);
    assert_eq!(out.status.code(), Some(2), "the replacement is missing");
    assert_eq!(env.ok(&["export", id, "-o", "-"]), before);
}

#[test]
fn find_placeholders_lists_what_a_template_left() {
    let env = Env::new();
    let template = repo_file("assets/templates/shnor.metodist.json");
    let id = env.ok(&["import", template.to_str().unwrap()]);
    let found = env.ok(&["find", id.trim(), "--placeholders"]);
    assert!(
        found
            .lines()
            .any(|l| l.starts_with("Акт · ") && l.contains("⟦[")),
        "{found}"
    );
    assert!(found.lines().last().unwrap().starts_with("Найдено: "));
}

#[test]
fn find_reaches_the_default_column_headers_that_print() {
    let env = Env::new();
    let sample = repo_file("tests/fixtures/sample-programme.metodist.json");
    let id = env.ok(&["import", sample.to_str().unwrap()]);
    let id = id.trim();
    // The sample types no column headers: the defaults print, and are found.
    assert_eq!(
        env.ok(&["find", id, "Ответственные"]),
        "Дорожная карта · оформление, заголовок столбца «Ответственные» (обычный)\t⟦Ответственные⟧\n\
         Найдено: 1 совпадение.\n"
    );
    let found = env.ok(&["find", id, "№ п/п"]);
    assert!(
        found.starts_with(
            "Дорожная карта · оформление, заголовок столбца «№ п/п» (обычный)\t⟦№ п/п⟧\n"
        ),
        "{found}"
    );
    // Replacing it stores the new header as typed.
    let out = env.ok(&["replace", id, "ответственные", "Ответственные исполнители"]);
    assert!(out.starts_with("Заменено: 1 совпадение."), "{out}");
    assert_eq!(
        env.ok(&["find", id, "ответственные"]),
        "Дорожная карта · оформление, заголовок столбца «Ответственные»\t⟦Ответственные⟧ исполнители\n\
         Найдено: 1 совпадение.\n"
    );
    let exported = env.ok(&["export", id, "-o", "-"]);
    assert!(
        exported.contains("\"header\": \"Ответственные исполнители\""),
        "{exported}"
    );
}
