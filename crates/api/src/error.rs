//! The one error type every operation returns. The window receives it as
//! `{ "code": ..., "message": ... }`: the code is stable for the interface
//! to branch on (snake_case, listed in `ui/src/gen/errors.ts`), the message
//! is Russian text for the user.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Core(#[from] metodist_core::CoreError),
    #[error(transparent)]
    Print(#[from] metodist_print::PrintError),
    #[error(transparent)]
    Xlsx(#[from] metodist_xlsx::XlsxError),
    #[error(transparent)]
    Docx(#[from] metodist_docx::DocxError),
    /// A Word document that cannot be read for the import.
    #[error(transparent)]
    DocxRead(#[from] metodist_docx_read::ReadError),
    /// The Word document changed between its review and the import.
    #[error("Файл «{}» изменился после просмотра. Ничего не импортировано; откройте его для импорта снова и проверьте, что найдено.", .path.display())]
    ImportChanged { path: std::path::PathBuf },
    /// A request that cannot be carried out as asked (a profile that does
    /// not exist, a built-in profile to change, a file the dialog could not
    /// hand over, an empty report period).
    #[error("{0}")]
    Invalid(String),
    /// A file to save pointed at the open database or one of its files.
    #[error("Нельзя сохранить в «{}»: это {what}. Ничего не записано; выберите другое имя или другую папку.", .path.display())]
    ProtectedOutput {
        path: std::path::PathBuf,
        what: &'static str,
    },
}

/// The code of [`ApiError::Invalid`].
pub const INVALID_REQUEST: &str = "invalid_request";
/// The code of [`ApiError::ProtectedOutput`].
pub const OUTPUT_PROTECTED: &str = "output_protected";
/// The code of [`ApiError::ImportChanged`].
pub const IMPORT_CHANGED: &str = "import_file_changed";

impl ApiError {
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Core(error) => error.code(),
            ApiError::Print(error) => error.code(),
            ApiError::Xlsx(error) => error.code(),
            ApiError::Docx(error) => error.code(),
            ApiError::DocxRead(error) => error.code(),
            ApiError::ImportChanged { .. } => IMPORT_CHANGED,
            ApiError::Invalid(_) => INVALID_REQUEST,
            ApiError::ProtectedOutput { .. } => OUTPUT_PROTECTED,
        }
    }
}

/// Every code an operation can fail with: the core's, the print crate's and
/// our own, in that order.
pub fn error_codes() -> Vec<&'static str> {
    let mut codes = metodist_core::ERROR_CODES.to_vec();
    codes.extend_from_slice(metodist_print::ERROR_CODES);
    codes.extend_from_slice(metodist_xlsx::ERROR_CODES);
    codes.extend_from_slice(metodist_docx::ERROR_CODES);
    codes.extend_from_slice(metodist_docx_read::ERROR_CODES);
    codes.push(INVALID_REQUEST);
    codes.push(OUTPUT_PROTECTED);
    codes.push(IMPORT_CHANGED);
    codes
}

impl Serialize for ApiError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut payload = serializer.serialize_struct("ApiError", 2)?;
        payload.serialize_field("code", self.code())?;
        payload.serialize_field("message", &self.to_string())?;
        payload.end()
    }
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let codes = error_codes();
        let mut seen = std::collections::HashSet::new();
        for code in &codes {
            assert!(seen.insert(*code), "{code} twice");
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code} is not snake_case"
            );
        }
    }

    #[test]
    fn an_error_is_exactly_code_and_message() {
        let error = ApiError::Invalid("нет профиля печати «А»".into());
        let json = serde_json::to_value(&error).expect("serialise");
        assert_eq!(
            json,
            serde_json::json!({"code": "invalid_request", "message": "нет профиля печати «А»"})
        );
    }
}
