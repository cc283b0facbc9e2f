// The only module that talks to the Rust side. Every command's argument and
// result types are declared here, next to the call, so the rest of the UI
// never touches `window.__TAURI__` or untyped values.

/** Mirrors metodist_core::ProgrammeSummary. */
export interface ProgrammeSummary {
  id: number;
  title: string;
  period: { start: string; end: string };
  status: "draft" | "approved";
  updated_at: string;
  items: number;
}

/** Mirrors metodist_app::DatabaseStatus. */
export interface DatabaseStatus {
  path: string | null;
  open: boolean;
}

/** An error as the Rust side sends it: a stable code and a Russian message. */
export class AppError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
  }
}

interface TauriGlobal {
  core: {
    invoke<T>(command: string, args?: Record<string, unknown>): Promise<T>;
  };
}

declare global {
  interface Window {
    __TAURI__?: TauriGlobal;
  }
}

function toAppError(raw: unknown): AppError {
  if (typeof raw === "object" && raw !== null) {
    const { code, message } = raw as { code?: unknown; message?: unknown };
    if (typeof code === "string" && typeof message === "string") {
      return new AppError(code, message);
    }
  }
  // Tauri itself rejects with a bare string when a command is unknown or not
  // allowed by a capability; that is a bug in the app, not the user's doing.
  console.error("Unexpected error from the app:", raw);
  return new AppError(
    "unexpected",
    "Непредвиденная ошибка приложения. Перезапустите «Методист»; если ошибка повторится, сообщите разработчикам.",
  );
}

async function invoke<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  const tauri = window.__TAURI__;
  if (tauri === undefined) {
    throw new AppError(
      "no_backend",
      "Интерфейс открыт вне приложения «Методист»: данные недоступны.",
    );
  }
  try {
    return await tauri.core.invoke<T>(command, args);
  } catch (raw) {
    throw toAppError(raw);
  }
}

export function listProgrammes(): Promise<ProgrammeSummary[]> {
  return invoke<ProgrammeSummary[]>("list_programmes");
}

export function databaseStatus(): Promise<DatabaseStatus> {
  return invoke<DatabaseStatus>("database_status");
}
