//! The kind of an amendment act chosen at approval (docs/design.md §4a):
//! `metodist approve --kind`, and what follows it — the list of editions,
//! the «(в редакции …)» line of the programme printed after it and the
//! title of the next amendment act.

mod common;

use std::path::Path;

use common::{moved_deadline, sample, Env};

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn text_of(pdf: &Path) -> String {
    // pdftotext breaks lines as laid out; joining them keeps phrases whole.
    common::pdftotext(pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn an_amendment_approved_as_an_order_is_listed_printed_and_cited_as_one() {
    let env = Env::new();
    let d = env.root();
    let pdf = |name: &str| d.join(name).to_str().unwrap().to_string();
    // The sample is approved by decree № 412 of 28.08.2024 (edition 1).
    let id = env
        .ok(&["import", sample().to_str().unwrap()])
        .trim()
        .to_string();
    let today = ["--today", "2025-05-20"];
    let apply = [&["apply", &id][..], &today].concat();
    env.ok_with_input(&apply, &moved_deadline("it-1-3", "Январь – июнь 2025"));
    // An unknown kind is refused with the names to use, and nothing is
    // approved.
    let approve = |date: &str, number: &str, kind: &str| -> Vec<String> {
        [
            &["approve", &id, "--date", date, "--number", number][..],
            &["--kind", kind],
            &today,
        ]
        .concat()
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let unknown = approve("2025-05-15", "97-од", "указ");
    let err = env.fails(&args(&unknown), 2);
    assert!(
        err.contains("вид акта «указ» неизвестен")
            && err.contains("decree (постановление), order (приказ) или directive (распоряжение)"),
        "{err}"
    );
    assert_eq!(
        env.ok(&["editions", &id]).lines().count(),
        2,
        "edition 1 and the draft"
    );

    let out = env.ok(&args(&approve("2025-05-15", "97-од", "order")));
    assert_eq!(
        out,
        "Утверждена редакция № 2: приказ от 15.05.2025 № 97-од\n"
    );
    assert_eq!(
        env.ok(&["editions", &id]),
        "1\tпостановление\t28.08.2024\t№ 412\t\n2\tприказ\t15.05.2025\t№ 97-од\tдействующая\n"
    );

    // The programme printed after it is «в редакции приказа …»; its own
    // act is still the decree that approved it.
    env.ok(&["render", &id, "-o", &pdf("now.pdf")]);
    let now = text_of(&d.join("now.pdf"));
    assert!(
        now.contains("от 28.08.2024 № 412 (в редакции приказа от 15.05.2025 № 97-од)"),
        "{now}"
    );
    assert!(now.contains("ПОСТАНОВЛЕНИЕ"), "{now}");
    assert!(!now.contains("в редакции постановления"), "{now}");

    // The next amendment act cites it as an order in its title.
    env.ok_with_input(&apply, &moved_deadline("it-1-3", "Январь – сентябрь 2025"));
    env.ok(&["render", &id, "--amendment", "-o", &pdf("act.pdf")]);
    let act = text_of(&d.join("act.pdf"));
    let cited = "утверждённую постановлением администрации Заречного муниципального района от 28.08.2024 № 412 (в редакции приказа от 15.05.2025 № 97-од)";
    assert!(act.contains(cited), "{act}");
    assert!(act.contains("ПОСТАНОВЛЕНИЕ"), "{act}");
    // Drafted as an order itself: its heading, formula and closing points
    // speak of an order; the acts it cites stay what they are.
    env.ok(&[
        "render",
        &id,
        "--amendment",
        "--kind",
        "order",
        "-o",
        &pdf("order.pdf"),
    ]);
    let order = text_of(&d.join("order.pdf"));
    assert!(order.contains(cited), "{order}");
    assert!(!order.contains("ПОСТАНОВЛЕНИЕ"), "{order}");
    for expected in ["ПРИКАЗ", "ПРИКАЗЫВАЮ:", "Настоящий приказ вступает в силу"]
    {
        assert!(order.contains(expected), "«{expected}» in {order}");
    }
    // --kind belongs to the amendment act (or to approve).
    let err = env.fails(&["render", &id, "--kind", "order", "-o", &pdf("x.pdf")], 2);
    assert!(
        err.contains("--kind относятся к акту об изменениях"),
        "{err}"
    );
    assert!(!d.join("x.pdf").exists());

    // Approved with the Russian word, and by default as the approving act.
    env.ok(&args(&approve("2025-05-20", "5-р", "распоряжение")));
    env.ok(&["render", &id, "-o", &pdf("later.pdf")]);
    assert!(
        text_of(&d.join("later.pdf")).contains(
            "(в редакции приказа от 15.05.2025 № 97-од, распоряжения от 20.05.2025 № 5-р)"
        ),
        "the later line names both"
    );
}
