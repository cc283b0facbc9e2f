use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Every error a command can return. The window receives it as
/// `{ "code": ..., "message": ... }`: the code is stable for the UI to branch
/// on, the message is Russian text for the user.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Core(#[from] metodist_core::CoreError),
    #[error(transparent)]
    Print(#[from] metodist_print::PrintError),
    /// A request the window should not have made (a profile that does not
    /// exist, a file the dialog could not hand over).
    #[error("{0}")]
    Invalid(String),
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Core(error) => error.code(),
            AppError::Print(error) => error.code(),
            AppError::Invalid(_) => "invalid_request",
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut payload = serializer.serialize_struct("AppError", 2)?;
        payload.serialize_field("code", self.code())?;
        payload.serialize_field("message", &self.to_string())?;
        payload.end()
    }
}
