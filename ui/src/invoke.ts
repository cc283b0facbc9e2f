// The one call into the Rust side, used by the generated command wrappers
// (gen/commands.ts); errors arrive as AppError with a stable code.

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

export async function invoke<T>(command: string, args?: Record<string, unknown>): Promise<T> {
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
