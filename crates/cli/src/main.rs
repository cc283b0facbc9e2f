//! `metodist`: the command-line program over the Metodist core, for tests,
//! benchmarks and batch work. Messages are Russian; results go to stdout,
//! errors to stderr with a non-zero exit code.

mod args;
mod backups;
mod commands;
mod editions;
mod error;
mod find;

use std::ffi::OsString;
use std::io::Write;

use args::Args;
use error::CliError;

const HELP: &str = "\
metodist — командная строка Методиста

Использование: metodist [--db ФАЙЛ] КОМАНДА [ПАРАМЕТРЫ]

Команды:
  list                          список программ в базе
  import ФАЙЛ [--dry-run] [--today ГГГГ-ММ-ДД]
                                импорт программы из файла .metodist.json или документа Word (.docx,
                                по содержимому файла); печатает номер новой программы, замечания
                                о документе — в поток ошибок; --dry-run печатает, что найдено в
                                документе (JSON), и ничего не сохраняет; --today — от какой даты
                                считать срок программы, если в документе его нет
  export НОМЕР -o ФАЙЛ          экспорт программы в файл .metodist.json
  export НОМЕР -o ФАЙЛ.xlsx [--today ГГГГ-ММ-ДД]
                                план мероприятий с исполнением (каждый срок со статусом на дату
                                --today, по умолчанию сегодня) и показатели в таблице Excel
  show НОМЕР                    краткое содержание программы
  check НОМЕР                   что исправить перед печатью окончательного варианта: пустые
                                обязательные части, подсказки шаблона, непонятные сроки и сроки
                                вне периода; по строке на замечание, код выхода 1, если они есть
  find НОМЕР ТЕКСТ               найти текст во всей программе (без учёта регистра, ё = е): по строке
                                на совпадение — где оно и отрывок с ним между ⟦ и ⟧
  find НОМЕР --placeholders     найти заполнители шаблона «[…]», оставшиеся в программе
  replace НОМЕР ЧТО НА_ЧТО [--today ГГГГ-ММ-ДД]
                                заменить текст во всей программе одним изменением (в окне
                                его отменяет одно «Отменить»)
  schedule --from ГГГГ-ММ --to ГГГГ-ММ «СРОКИ»
                                как понимается срок мероприятия в периоде программы (JSON)
  schedule НОМЕР                сроки всех мероприятий программы и их понимание
  due НОМЕР --month ГГГГ-ММ [--today ГГГГ-ММ-ДД]
                                что запланировано на месяц, что в работе, что просрочено
                                ранее и какие мероприятия без сроков в периоде (JSON)
  render НОМЕР|ФАЙЛ -o ФАЙЛ.pdf|ФАЙЛ.docx [--appendix-only] [--profile НАЗВАНИЕ]
                                печать программы в PDF или документ Word (.docx, по расширению файла):
                                постановление с приложением или только приложение
  render НОМЕР --edition Р -o ФАЙЛ.pdf|ФАЙЛ.docx [--appendix-only] [--profile НАЗВАНИЕ]
                                утверждённая редакция № Р в том виде, в каком её утвердили
  render НОМЕР --amendment [--whole] [--kind decree|order|directive] -o ФАЙЛ.pdf|ФАЙЛ.docx [--profile НАЗВАНИЕ]
                                акт «О внесении изменений…» для изменений после действующей
                                редакции; --whole — программа целиком в новой редакции;
                                --kind — вид акта об изменениях, если он не тот, что у
                                утверждающего акта
  approve НОМЕР --date ГГГГ-ММ-ДД --number N [--kind decree|order|directive] [--today ГГГГ-ММ-ДД]
                                утвердить программу актом от этой даты с этим номером: её текущее
                                состояние сохраняется неизменной редакцией; первая — утверждение,
                                следующие — изменения; --kind — вид акта об изменениях
                                (постановление, приказ, распоряжение), по умолчанию как у
                                утверждающего акта
  withdraw НОМЕР                отозвать действующую редакцию, утверждённую по ошибке (пока после
                                неё в программе ничего не менялось)
  editions НОМЕР                редакции программы: номер, вид акта, дата, номер акта, «действующая»;
                                строка «проект», если программа изменена после действующей редакции
  diff НОМЕР [--from Р] [--to Р]
                                что изменилось между редакциями, по строке на изменение; Р — номер
                                редакции или «проект»; по умолчанию от действующей редакции к проекту
  diff НОМЕР [--from Р] [--to Р] -o ФАЙЛ.pdf|ФАЙЛ.docx [--profile НАЗВАНИЕ]
                                сравнительная таблица изменений («Действующая редакция» —
                                «Новая редакция») в PDF или документ Word
  report НОМЕР --from ГГГГ-ММ --to ГГГГ-ММ -o ФАЙЛ.pdf [--profile НАЗВАНИЕ] [--today ГГГГ-ММ-ДД]
                                отчёт о ходе реализации программы за период (с первого дня
                                месяца --from по последний день месяца --to) на дату --today
                                (по умолчанию сегодня) в PDF
  apply НОМЕР [--today ГГГГ-ММ-ДД]
                                применить изменения из стандартного ввода (по одному JSON в строке);
                                дата выполнения позже --today (по умолчанию сегодня) не принимается
  gen --items N -o ФАЙЛ [--seed S]
                                создать файл с правдоподобной программой из N мероприятий (для нагрузочных проверок)
  backups list                  резервные копии базы, новые первыми: дата, причина, размер, путь
                                (работает и тогда, когда база не открывается)
  backups create                создать резервную копию сейчас; печатает её путь
  backups restore ФАЙЛ          восстановить базу из резервной копии (имя или путь из backups list);
                                текущее состояние сохраняется копией, а повреждённая база —
                                рядом под новым именем, без изменений

Общие параметры:
  --db ФАЙЛ     файл базы данных (иначе переменная METODIST_DB, иначе база, выбранная в окне
                приложения, иначе папка данных пользователя)
  -h, --help    эта справка

Вместо ФАЙЛА после -o можно указать «-»: результат будет выведен в стандартный вывод
(файл с именем «-» — это «-o ./-»). В файл базы данных, её служебные файлы и резервные
копии команды ничего не записывают.
";

fn main() {
    let code = match run(std::env::args_os().skip(1)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("Ошибка: {e}");
            e.exit_code()
        }
    };
    std::process::exit(code);
}

fn run(argv: impl IntoIterator<Item = OsString>) -> Result<(), CliError> {
    let mut args = Args::new(argv);
    let db = args.path_option(&["--db"])?;
    if args.flag("--help") || args.flag("-h") {
        print_out(HELP)?;
        return Ok(());
    }
    let command = args
        .positional("команда")
        .map_err(|_| CliError::Usage("не указана команда".into()))?;
    let mut ctx = commands::Context::new(db);
    let out = match command.to_string_lossy().as_ref() {
        "list" => commands::list(&mut ctx, args)?,
        "import" => commands::import(&mut ctx, args)?,
        "export" => commands::export(&mut ctx, args)?,
        "show" => commands::show(&mut ctx, args)?,
        "gen" => commands::gen(&mut ctx, args)?,
        "schedule" => commands::schedule(&mut ctx, args)?,
        "due" => commands::due(&mut ctx, args)?,
        "render" => commands::render(&mut ctx, args)?,
        "report" => commands::report(&mut ctx, args)?,
        "apply" => commands::apply(&mut ctx, args)?,
        "check" => commands::check(&mut ctx, args)?,
        "find" => find::find(&mut ctx, args)?,
        "replace" => find::replace(&mut ctx, args)?,
        "backups" => backups::run(&mut ctx, args)?,
        "approve" => editions::approve(&mut ctx, args)?,
        "withdraw" => editions::withdraw(&mut ctx, args)?,
        "editions" => editions::list(&mut ctx, args)?,
        "diff" => editions::diff(&mut ctx, args)?,
        "help" => HELP.to_string(),
        other => return Err(CliError::Usage(format!("неизвестная команда «{other}»"))),
    };
    print_out(&out)
}

fn print_out(s: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())
        .and_then(|_| out.flush())
        .map_err(CliError::Output)
}
