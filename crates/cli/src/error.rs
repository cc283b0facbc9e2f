use metodist_core::error::io_reason;
use metodist_core::text::count;
use metodist_core::CoreError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}\nСправка: metodist --help")]
    Usage(String),
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error(transparent)]
    Print(#[from] metodist_print::PrintError),
    #[error(transparent)]
    Api(#[from] metodist_api::ApiError),
    #[error("не применено изменений: {0} (подробности выше)")]
    Partial(usize),
    #[error("перед печатью окончательного варианта нужно исправить: {} (список выше)", count(*.0, ["замечание", "замечания", "замечаний"]))]
    NotReady(usize),
    #[error("Не удалось записать результат: {}.", io_reason(.0))]
    Output(std::io::Error),
    #[error("Не удалось прочитать стандартный ввод: {}.", io_reason(.0))]
    Input(std::io::Error),
}

impl CliError {
    /// 2 for a wrong command line (a request that cannot be carried out as
    /// asked, such as a profile that does not exist, is one), 1 for
    /// everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Usage(_) | Self::Api(metodist_api::ApiError::Invalid(_)) => 2,
            _ => 1,
        }
    }
}
