use metodist_core::CoreError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}\nСправка: metodist --help")]
    Usage(String),
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error(transparent)]
    Print(#[from] metodist_print::PrintError),
    #[error("не применено изменений: {0} (подробности выше)")]
    Partial(usize),
    #[error("Не удалось записать результат: {0}")]
    Output(std::io::Error),
}

impl CliError {
    /// 2 for a wrong command line, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Usage(_) => 2,
            _ => 1,
        }
    }
}
