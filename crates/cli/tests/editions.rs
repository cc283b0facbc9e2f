//! Editions on the command line (issue #17): `approve`, `editions`,
//! `withdraw` and `render --edition`, each run as the user runs them, on a
//! temporary database.

mod common;

use serde_json::{json, Value};

use common::{moved_deadline, sample, Env};

/// The sample as a draft whose act is not signed yet, imported; its id.
fn import_draft(env: &Env) -> String {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(sample()).unwrap()).unwrap();
    v["programme"]["status"] = json!("draft");
    v["programme"]["act"]["date"] = Value::Null;
    v["programme"]["act"]["number"] = Value::Null;
    let file = env.path("draft.metodist.json");
    std::fs::write(&file, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    env.ok(&["import", file.to_str().unwrap()])
        .trim()
        .to_string()
}

/// Outputs go into the test's own folder, never the working directory.
fn path_in(env: &Env, name: &str) -> String {
    env.path(name).to_str().unwrap().to_string()
}

fn text_of(env: &Env, pdf: &str) -> String {
    // pdftotext breaks lines as laid out; joining them keeps phrases whole.
    common::pdftotext(&env.path(pdf))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn approve_change_and_approve_again_with_the_list_and_each_edition_printed() {
    let env = Env::new();
    let id = import_draft(&env);
    let today = ["--today", "2025-05-20"];

    assert_eq!(
        env.ok(&["editions", &id]),
        "—\tпроект\t\t\tутверждённых редакций нет\n"
    );
    let out = env.ok(&[
        &["approve", &id, "--date", "2024-08-28", "--number", "412"][..],
        &today,
    ]
    .concat());
    assert_eq!(
        out,
        "Утверждена редакция № 1: постановление от 28.08.2024 № 412\n"
    );
    assert_eq!(
        env.ok(&["editions", &id]),
        "1\tпостановление\t28.08.2024\t№ 412\tдействующая\n"
    );
    assert!(env.ok(&["list"]).contains("утверждена"));
    env.ok(&["render", &id, "-o", &path_in(&env, "approved.pdf")]);

    env.ok_with_input(
        &[&["apply", &id][..], &today].concat(),
        &moved_deadline("it-1-3", "Январь – июнь 2025"),
    );
    assert_eq!(
        env.ok(&["editions", &id]),
        "1\tпостановление\t28.08.2024\t№ 412\tдействующая\n\
         —\tпроект\t\t\tизменения после редакции № 1\n"
    );

    assert_eq!(
        env.ok(&["diff", &id]),
        "Изменения: редакция № 1 → проект\n\
         Пункт 1.3 «Разработка школьных программ перехода в эффективный режим работы и их согласован…»: срок «Январь – март 2025» → «Январь – июнь 2025»\n"
    );
    assert_eq!(
        env.ok(&["diff", &id, "--from", "1", "--to", "1"]),
        "Изменения: редакция № 1 → редакция № 1\nИзменений нет.\n"
    );

    // The comparison table, printed.
    env.ok(&["diff", &id, "-o", &path_in(&env, "cmp.pdf")]);
    let table = text_of(&env, "cmp.pdf");
    assert!(table.contains("Действующая редакция"), "{table}");
    assert!(table.contains("Новая редакция"), "{table}");
    assert!(table.contains("июнь 2025"), "{table}");
    env.ok(&["diff", &id, "-o", &path_in(&env, "cmp.docx")]);
    assert!(std::fs::read(env.path("cmp.docx"))
        .unwrap()
        .starts_with(b"PK"));

    // The edition in force prints as approved, the programme as it is now.
    env.ok(&[
        "render",
        &id,
        "--edition",
        "1",
        "-o",
        &path_in(&env, "e1.pdf"),
    ]);
    env.ok(&["render", &id, "-o", &path_in(&env, "now.pdf")]);
    let (e1, now) = (text_of(&env, "e1.pdf"), text_of(&env, "now.pdf"));
    assert_eq!(e1, text_of(&env, "approved.pdf"));
    assert_ne!(now, e1);
    // The moved deadline's row: «Январь – март 2025» set in a narrow cell.
    assert!(e1.contains("март 2025 ОО"), "{e1}");
    assert!(now.contains("июнь 2025") && !now.contains("март 2025 ОО"));
    env.ok(&[
        "render",
        &id,
        "--edition",
        "1",
        "-o",
        &path_in(&env, "e1.docx"),
    ]);
    assert!(std::fs::read(env.path("e1.docx"))
        .unwrap()
        .starts_with(b"PK"));

    let out = env.ok(&[
        &["approve", &id, "--date", "2025-05-15", "--number", "97"][..],
        &today,
    ]
    .concat());
    assert_eq!(
        out,
        "Утверждена редакция № 2: постановление от 15.05.2025 № 97\n"
    );
    assert_eq!(
        env.ok(&["editions", &id]),
        "1\tпостановление\t28.08.2024\t№ 412\t\n\
         2\tпостановление\t15.05.2025\t№ 97\tдействующая\n"
    );
    // Nothing changed since the amendment; the amendment itself is there
    // between the two editions.
    assert_eq!(
        env.ok(&["diff", &id]),
        "Изменения: редакция № 2 → проект\nИзменений нет.\n"
    );
    assert!(env
        .ok(&["diff", &id, "--from", "1", "--to", "2"])
        .contains("срок «Январь – март 2025» → «Январь – июнь 2025»"));
    // The first edition still prints as it was.
    env.ok(&[
        "render",
        &id,
        "--edition",
        "1",
        "-o",
        &path_in(&env, "again.pdf"),
    ]);
    assert_eq!(text_of(&env, "again.pdf"), e1);
}

#[test]
fn refusals_are_russian_and_change_nothing() {
    let env = Env::new();
    let id = import_draft(&env);
    let today = ["--today", "2025-05-20"];

    let err = env.fails(
        &["approve", &id, "--date", "28.08.2024", "--number", "1"],
        2,
    );
    assert!(
        err.contains("--date: дата должна быть записана как ГГГГ-ММ-ДД"),
        "{err}"
    );
    let err = env.fails(&["diff", &id], 2);
    assert!(
        err.contains("у программы ещё нет утверждённой редакции: сравнивать не с чем"),
        "{err}"
    );
    let err = env.fails(&["approve", &id, "--number", "1"], 2);
    assert!(
        err.contains("укажите дату акта: --date ГГГГ-ММ-ДД"),
        "{err}"
    );
    let err = env.fails(&["approve", &id, "--date", "2024-08-28"], 2);
    assert!(err.contains("укажите номер акта"), "{err}");
    let err = env.fails(
        &[
            &["approve", &id, "--date", "2025-06-01", "--number", "1"][..],
            &today,
        ]
        .concat(),
        1,
    );
    assert!(
        err.contains("дата акта 01.06.2025 ещё не наступила"),
        "{err}"
    );
    assert!(env
        .ok(&["editions", &id])
        .contains("утверждённых редакций нет"));

    env.ok(&[
        &["approve", &id, "--date", "2024-08-28", "--number", "412"][..],
        &today,
    ]
    .concat());
    let err = env.fails(
        &[
            &["approve", &id, "--date", "2025-01-10", "--number", "5"][..],
            &today,
        ]
        .concat(),
        1,
    );
    assert_eq!(
        err,
        "Ошибка: Редакция не утверждена: с утверждения редакции № 1 (постановлением от 28.08.2024 № 412) программа не менялась, утверждать нечего.\n"
    );
    let err = env.fails(
        &[
            "render",
            &id,
            "--edition",
            "2",
            "-o",
            &path_in(&env, "x.pdf"),
        ],
        1,
    );
    assert!(err.contains("нет редакции № 2"), "{err}");
    assert!(!env.path("x.pdf").exists());
    let err = env.fails(
        &[
            "render",
            &id,
            "--edition",
            "первая",
            "-o",
            &path_in(&env, "x.pdf"),
        ],
        2,
    );
    assert!(err.contains("укажите номер редакции"), "{err}");
    let err = env.fails(&["diff", &id, "--from", "0"], 2);
    assert!(err.contains("--from: укажите номер редакции"), "{err}");
    assert_eq!(
        env.ok(&["editions", &id]),
        "1\tпостановление\t28.08.2024\t№ 412\tдействующая\n"
    );
}

#[test]
fn a_mistaken_approval_is_withdrawn_and_made_again() {
    let env = Env::new();
    let id = import_draft(&env);
    let today = ["--today", "2025-05-20"];
    env.ok(&[
        &["approve", &id, "--date", "2024-08-28", "--number", "421"][..],
        &today,
    ]
    .concat());
    assert_eq!(
        env.ok(&["withdraw", &id]),
        "Отозвана редакция № 1: постановление от 28.08.2024 № 421\n"
    );
    assert!(env
        .ok(&["editions", &id])
        .contains("утверждённых редакций нет"));
    assert!(env.ok(&["list"]).contains("проект"));
    env.ok(&[
        &["approve", &id, "--date", "2024-08-28", "--number", "412"][..],
        &today,
    ]
    .concat());
    env.ok_with_input(
        &[&["apply", &id][..], &today].concat(),
        &moved_deadline("it-1-3", "Январь – июнь 2025"),
    );
    let err = env.fails(&["withdraw", &id], 1);
    assert!(err.contains("программа уже изменена"), "{err}");
}

#[test]
fn export_carries_the_editions_and_import_brings_them_back() {
    let env = Env::new();
    // A version 1 file of an approved programme: one edition.
    let id = env
        .ok(&["import", sample().to_str().unwrap()])
        .trim()
        .to_string();
    assert_eq!(
        env.ok(&["editions", &id]),
        "1\tпостановление\t28.08.2024\t№ 412\tдействующая\n"
    );
    env.ok_with_input(
        &["apply", &id, "--today", "2025-05-20"],
        &moved_deadline("it-1-3", "Январь – июнь 2025"),
    );
    env.ok(&[
        "approve",
        &id,
        "--date",
        "2025-05-15",
        "--number",
        "97",
        "--today",
        "2025-05-20",
    ]);
    env.ok_with_input(
        &["apply", &id, "--today", "2025-05-20"],
        &moved_deadline("it-1-3", "Январь – сентябрь 2025"),
    );
    let file = path_in(&env, "out.metodist.json");
    env.ok(&["export", &id, "-o", &file]);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["version"], 3);
    assert_eq!(v["editions"].as_array().unwrap().len(), 2);
    let copy = env.ok(&["import", &file]).trim().to_string();
    assert_ne!(copy, id);
    assert_eq!(env.ok(&["editions", &copy]), env.ok(&["editions", &id]));
    assert!(env
        .ok(&["editions", &copy])
        .contains("изменения после редакции № 2"));
    assert_eq!(env.ok(&["diff", &copy]), env.ok(&["diff", &id]));
    assert_eq!(
        env.ok(&["diff", &copy, "--from", "1", "--to", "2"]),
        env.ok(&["diff", &id, "--from", "1", "--to", "2"])
    );
    // The same through standard output.
    let out = env.run(&["export", &id, "-o", "-"]);
    assert_eq!(out.stdout, std::fs::read(&file).unwrap());
}

#[test]
fn the_amendment_act_and_the_revision_line_are_printed_from_the_editions() {
    let env = Env::new();
    let id = env
        .ok(&["import", sample().to_str().unwrap()])
        .trim()
        .to_string();
    let today = ["--today", "2025-05-20"];
    // Nothing to amend yet.
    let err = env.fails(
        &["render", &id, "--amendment", "-o", &path_in(&env, "a.pdf")],
        2,
    );
    assert!(err.contains("программа не менялась"), "{err}");
    assert!(!env.path("a.pdf").exists());

    env.ok_with_input(
        &[&["apply", &id][..], &today].concat(),
        &moved_deadline("it-1-3", "Январь – июнь 2025"),
    );
    env.ok(&["render", &id, "--amendment", "-o", &path_in(&env, "a.pdf")]);
    let act = text_of(&env, "a.pdf");
    assert!(
        act.contains(
            "О внесении изменений в муниципальную программу поддержки школ с низкими образовательными результатами"
        ),
        "{act}"
    );
    assert!(
        act.contains("утверждённую постановлением администрации Заречного муниципального района от 28.08.2024 № 412"),
        "{act}"
    );
    assert!(
        act.contains("1. Внести в Программу следующие изменения:"),
        "{act}"
    );
    assert!(
        act.contains("В пункте 1.3 плана мероприятий в графе «Сроки» слова «Январь – март 2025» заменить словами «Январь – июнь 2025»."),
        "{act}"
    );
    env.ok(&["render", &id, "--amendment", "-o", &path_in(&env, "a.docx")]);
    assert!(std::fs::read(env.path("a.docx"))
        .unwrap()
        .starts_with(b"PK"));
    env.ok(&[
        "render",
        &id,
        "--amendment",
        "--whole",
        "-o",
        &path_in(&env, "w.pdf"),
    ]);
    let whole = text_of(&env, "w.pdf");
    assert!(whole.contains("изложить в новой редакции"), "{whole}");
    env.fails(
        &["render", &id, "--whole", "-o", &path_in(&env, "x.pdf")],
        2,
    );

    // Approved, the programme prints «в редакции» its amendment; the
    // approved edition 1 does not, and the next act cites both.
    env.ok(&[
        &["approve", &id, "--date", "2025-05-15", "--number", "97"][..],
        &today,
    ]
    .concat());
    env.ok(&[
        "render",
        &id,
        "--appendix-only",
        "-o",
        &path_in(&env, "now.pdf"),
    ]);
    assert!(text_of(&env, "now.pdf")
        .contains("от 28.08.2024 № 412 (в редакции постановления от 15.05.2025 № 97)"));
    env.ok(&[
        "render",
        &id,
        "--edition",
        "1",
        "-o",
        &path_in(&env, "e1.pdf"),
    ]);
    assert!(!text_of(&env, "e1.pdf").contains("в редакции"));
    env.ok(&[
        "render",
        &id,
        "--edition",
        "2",
        "-o",
        &path_in(&env, "e2.docx"),
    ]);
    env.ok_with_input(
        &[&["apply", &id][..], &today].concat(),
        &moved_deadline("it-1-3", "Январь – сентябрь 2025"),
    );
    env.ok(&["render", &id, "--amendment", "-o", &path_in(&env, "b.pdf")]);
    let act = text_of(&env, "b.pdf");
    assert!(
        act.contains("от 28.08.2024 № 412 (в редакции постановления от 15.05.2025 № 97)"),
        "{act}"
    );
    assert!(
        act.contains("слова «Январь – июнь 2025» заменить словами «Январь – сентябрь 2025»"),
        "{act}"
    );
}

#[test]
fn the_report_shows_a_deadline_moved_by_an_amendment_against_its_plan() {
    let env = Env::new();
    let id = env
        .ok(&["import", sample().to_str().unwrap()])
        .trim()
        .to_string();
    let today = ["--today", "2025-05-20"];
    let report = |name: &str| {
        env.ok(&[
            &["report", &id, "--from", "2025-01", "--to", "2025-06", "-o"][..],
            &[path_in(&env, name).as_str()],
            &today,
        ]
        .concat());
        text_of(&env, name)
    };
    let before = report("before.pdf");
    assert!(!before.contains("Сроки, изменённые после утверждения программы"));

    env.ok_with_input(
        &[&["apply", &id][..], &today].concat(),
        &moved_deadline("it-1-3", "Январь – июнь 2025"),
    );
    // In the draft only: shown, and said not to be approved.
    let draft = report("draft.pdf");
    assert!(
        draft.contains("Сроки, изменённые после утверждения программы"),
        "{draft}"
    );
    // (pdftotext sets the cells of a row side by side, line by line.)
    assert!(
        draft.contains("31.03.2025 30.06.2025 перенесено на 30.06.2025 (изменение в проекте,"),
        "{draft}"
    );
    assert!(draft.contains("ещё не утверждено)"), "{draft}");

    env.ok(&[
        &["approve", &id, "--date", "2025-05-15", "--number", "97"][..],
        &today,
    ]
    .concat());
    let after = report("after.pdf");
    assert!(
        after.contains(
            "1.3 Разработка школьных программ перехода 31.03.2025 30.06.2025 перенесено на 30.06.2025 (постановление"
        ),
        "{after}"
    );
    assert!(after.contains("от 15.05.2025 № 97)"), "{after}");
    assert!(!after.contains("ещё не утверждено"), "{after}");
    // And in the plan's table, the new date carries the planned one.
    assert!(
        after.contains("30.06.2025 То же срок не наступил по плану 31.03.2025"),
        "{after}"
    );
}
