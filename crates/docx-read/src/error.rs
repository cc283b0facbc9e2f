//! Why a file could not be read. Each variant has a stable code (what the
//! interface and the tests branch on) and a Russian message that says what
//! to do.

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("Файл пуст. Выберите документ Word (.docx) с текстом программы.")]
    Empty,
    #[error(
        "Файл слишком велик ({size_mb} МБ, допускается не более {limit_mb} МБ). \
         Удалите из документа крупные рисунки или выберите другой файл."
    )]
    TooLarge { size_mb: u64, limit_mb: u64 },
    #[error(
        "Это документ старого формата Word (.doc). Откройте его в Word или LibreOffice \
         и сохраните файл как .docx («Документ Word»), затем импортируйте снова."
    )]
    OldDoc,
    #[error(
        "Это файл старого формата Microsoft Office, а не документ Word (.docx). \
         Откройте его в своей программе и сохраните как документ Word (.docx)."
    )]
    OldOffice,
    #[error(
        "Документ защищён паролем. Откройте его в Word, снимите пароль \
         (Файл → Сведения → Защита документа) и сохраните как .docx."
    )]
    Encrypted,
    #[error("Это таблица Excel, а не документ Word. Выберите файл программы в формате .docx.")]
    Spreadsheet,
    #[error("Это презентация, а не документ Word. Выберите файл программы в формате .docx.")]
    Presentation,
    #[error(
        "Это документ OpenDocument (LibreOffice, .odt). Откройте его в LibreOffice и сохраните \
         как «Word 2007–365 (.docx)», затем импортируйте снова."
    )]
    OpenDocument,
    #[error(
        "Это документ RTF, а не .docx. Откройте его в Word или LibreOffice и сохраните файл \
         как .docx, затем импортируйте снова."
    )]
    Rtf,
    #[error(
        "Это файл PDF. Из PDF программу не импортировать: найдите её исходный документ Word (.docx)."
    )]
    Pdf,
    #[error(
        "Файл не является документом Word (.docx). Выберите файл программы, сохранённый в Word \
         или LibreOffice как .docx."
    )]
    NotDocx,
    #[error(
        "Файл повреждён: {detail}. Откройте его в Word или LibreOffice — они часто \
         восстанавливают такие файлы — и сохраните заново как .docx."
    )]
    Damaged { detail: String },
    #[error(
        "Файл похож на «zip-бомбу»: при распаковке он занял бы {size_mb} МБ и более. \
         Такой файл не импортируется; если это ваш документ, пересохраните его в Word."
    )]
    ZipBomb { size_mb: u64 },
    #[error(
        "В файле слишком сложная структура ({what}). Пересохраните документ в Word \
         как .docx и попробуйте снова."
    )]
    TooComplex { what: String },
    #[error(
        "Чтение документа заняло больше {seconds} с и остановлено. Пересохраните документ \
         в Word как .docx или разделите его на части."
    )]
    Timeout { seconds: u64 },
    #[error(
        "Документ не удалось прочитать из-за внутренней ошибки программы ({detail}). \
         Данные не изменены; сообщите об ошибке и приложите файл."
    )]
    Internal { detail: String },
    #[error("Не удалось прочитать файл {path}: {detail}.")]
    Io { path: String, detail: String },
}

/// Every code a read can fail with.
pub const ERROR_CODES: &[&str] = &[
    "docx_empty",
    "docx_too_large",
    "docx_old_doc",
    "docx_old_office",
    "docx_encrypted",
    "docx_is_spreadsheet",
    "docx_is_presentation",
    "docx_is_odt",
    "docx_is_rtf",
    "docx_is_pdf",
    "docx_not_docx",
    "docx_damaged",
    "docx_zip_bomb",
    "docx_too_complex",
    "docx_timeout",
    "docx_internal",
    "docx_io",
];

impl ReadError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "docx_empty",
            Self::TooLarge { .. } => "docx_too_large",
            Self::OldDoc => "docx_old_doc",
            Self::OldOffice => "docx_old_office",
            Self::Encrypted => "docx_encrypted",
            Self::Spreadsheet => "docx_is_spreadsheet",
            Self::Presentation => "docx_is_presentation",
            Self::OpenDocument => "docx_is_odt",
            Self::Rtf => "docx_is_rtf",
            Self::Pdf => "docx_is_pdf",
            Self::NotDocx => "docx_not_docx",
            Self::Damaged { .. } => "docx_damaged",
            Self::ZipBomb { .. } => "docx_zip_bomb",
            Self::TooComplex { .. } => "docx_too_complex",
            Self::Timeout { .. } => "docx_timeout",
            Self::Internal { .. } => "docx_internal",
            Self::Io { .. } => "docx_io",
        }
    }
}
