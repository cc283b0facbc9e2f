//! A small argument reader: the CLI has few options, and its messages must
//! be Russian, which a generic parser would not give us.

use std::ffi::OsString;
use std::path::PathBuf;

use chrono::NaiveDate;
use metodist_core::YearMonth;

use crate::error::CliError;

pub struct Args {
    rest: Vec<OsString>,
}

impl Args {
    pub fn new(args: impl IntoIterator<Item = OsString>) -> Self {
        Self {
            rest: args.into_iter().collect(),
        }
    }

    /// Removes `--name VALUE` (or `--name=VALUE`) wherever it stands.
    pub fn option(&mut self, names: &[&str]) -> Result<Option<OsString>, CliError> {
        let mut i = 0;
        while i < self.rest.len() {
            let arg = self.rest[i].to_string_lossy().into_owned();
            if arg == "--" {
                break;
            }
            for name in names {
                if arg == *name {
                    if i + 1 >= self.rest.len() {
                        return Err(CliError::Usage(format!("после {name} нужно значение")));
                    }
                    let value = self.rest.remove(i + 1);
                    self.rest.remove(i);
                    return Ok(Some(value));
                }
                if let Some(v) = arg.strip_prefix(&format!("{name}=")) {
                    let v = OsString::from(v);
                    self.rest.remove(i);
                    return Ok(Some(v));
                }
            }
            i += 1;
        }
        Ok(None)
    }

    pub fn path_option(&mut self, names: &[&str]) -> Result<Option<PathBuf>, CliError> {
        Ok(self.option(names)?.map(PathBuf::from))
    }

    pub fn required_path(&mut self, names: &[&str], what: &str) -> Result<PathBuf, CliError> {
        self.path_option(names)?
            .ok_or_else(|| CliError::Usage(format!("укажите {what}: {} ФАЙЛ", names[0])))
    }

    /// `--name YYYY-MM`, checked.
    pub fn month_option(&mut self, name: &str) -> Result<Option<YearMonth>, CliError> {
        self.option(&[name])?
            .map(|v| {
                v.to_string_lossy()
                    .parse()
                    .map_err(|e| CliError::Usage(format!("{name}: {e}")))
            })
            .transpose()
    }

    pub fn required_month(&mut self, name: &str) -> Result<YearMonth, CliError> {
        self.month_option(name)?
            .ok_or_else(|| CliError::Usage(format!("укажите месяц: {name} ГГГГ-ММ")))
    }

    /// `--name YYYY-MM-DD`, checked.
    pub fn date_option(&mut self, name: &str) -> Result<Option<NaiveDate>, CliError> {
        self.option(&[name])?
            .map(|v| parse_date(&v.to_string_lossy(), name))
            .transpose()
    }

    /// `--today YYYY-MM-DD`, or the computer's date: the core never reads
    /// the clock for "today", so a run can be pinned to a day and repeated.
    pub fn today(&mut self) -> Result<NaiveDate, CliError> {
        Ok(self
            .date_option("--today")?
            .unwrap_or_else(|| chrono::Local::now().date_naive()))
    }

    /// Removes a bare `--flag`; true when it was there.
    pub fn flag(&mut self, name: &str) -> bool {
        match self.rest.iter().position(|a| a == name) {
            Some(i) => {
                self.rest.remove(i);
                true
            }
            None => false,
        }
    }

    /// The next positional argument.
    pub fn positional(&mut self, what: &str) -> Result<OsString, CliError> {
        if let Some(i) = self.rest.iter().position(|a| a == "--") {
            if i + 1 < self.rest.len() {
                return Ok(self.rest.remove(i + 1));
            }
        }
        match self
            .rest
            .iter()
            .position(|a| !a.to_string_lossy().starts_with("--"))
        {
            Some(i) => Ok(self.rest.remove(i)),
            None => Err(CliError::Usage(format!("не указан {what}"))),
        }
    }

    /// Fails on anything not consumed, so a typo is never silently ignored.
    pub fn finish(self) -> Result<(), CliError> {
        let rest: Vec<String> = self
            .rest
            .iter()
            .filter(|a| *a != "--")
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        if rest.is_empty() {
            Ok(())
        } else {
            Err(CliError::Usage(format!(
                "непонятные аргументы: {}",
                rest.join(" ")
            )))
        }
    }
}

pub fn parse_number<T: std::str::FromStr>(value: &OsString, what: &str) -> Result<T, CliError> {
    let s = value.to_string_lossy();
    s.trim()
        .parse()
        .map_err(|_| CliError::Usage(format!("{what}: ожидалось число, получено «{s}»")))
}

fn parse_date(s: &str, what: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        CliError::Usage(format!(
            "{what}: дата должна быть записана как ГГГГ-ММ-ДД, получено «{s}»"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Args {
        Args::new(list.iter().map(OsString::from))
    }

    #[test]
    fn options_anywhere_and_positionals_in_order() {
        let mut a = args(&["export", "-o", "out.json", "7"]);
        assert_eq!(a.positional("команда").unwrap(), "export");
        assert_eq!(a.option(&["-o", "--output"]).unwrap().unwrap(), "out.json");
        assert_eq!(a.positional("номер").unwrap(), "7");
        assert!(a.finish().is_ok());
    }

    #[test]
    fn leftovers_and_missing_values_are_errors() {
        let a = args(&["--verbose"]);
        assert!(a.finish().is_err());
        let mut a = args(&["-o"]);
        assert!(a.option(&["-o"]).is_err());
        let mut a = args(&["--db=x.sqlite3", "list"]);
        assert_eq!(a.option(&["--db"]).unwrap().unwrap(), "x.sqlite3");
    }

    #[test]
    fn today_is_the_given_date_or_the_computers() {
        let mut a = args(&["apply", "--today", "2024-02-29", "1"]);
        assert_eq!(
            a.today().unwrap(),
            "2024-02-29".parse::<NaiveDate>().unwrap()
        );
        assert!(
            args(&["--today=2025-02-29"]).today().is_err(),
            "not a leap year"
        );
        assert!(args(&["--today", "29.02.2024"]).today().is_err());
        let before = chrono::Local::now().date_naive();
        let today = args(&[]).today().unwrap();
        assert!(before <= today && today <= chrono::Local::now().date_naive());
    }
}
