// The layout profile editor of the Печать tab: every value of a
// LayoutProfile with its unit, checked by the print crate's own rules
// (check_layout_profile) and saved on each change as one write. Built-in
// profiles are shown read-only: the user copies one and edits the copy.

import { AppError, checkLayoutProfile, installedFonts, saveLayoutProfile } from "../../api.js";
import { h } from "../../dom.js";
import { formatDecimal, parseNumber } from "../../format.js";
import type { FontChoice, HeaderRepeat, InstalledFont, LayoutProfile } from "../../api.js";

type NumberField = {
  [K in keyof LayoutProfile]: LayoutProfile[K] extends number ? K : never;
}[keyof LayoutProfile];

interface NumberSpec {
  field: NumberField;
  label: string;
  unit: string;
}

const GROUPS: { title: string; fields: NumberSpec[] }[] = [
  {
    title: "Страница",
    fields: [
      { field: "page_width_mm", label: "Ширина листа", unit: "мм" },
      { field: "page_height_mm", label: "Высота листа", unit: "мм" },
      { field: "margin_left_mm", label: "Левое поле", unit: "мм" },
      { field: "margin_right_mm", label: "Правое поле", unit: "мм" },
      { field: "margin_top_mm", label: "Верхнее поле", unit: "мм" },
      { field: "margin_bottom_mm", label: "Нижнее поле", unit: "мм" },
    ],
  },
  {
    title: "Текст",
    fields: [
      { field: "body_size", label: "Размер шрифта текста", unit: "пт" },
      { field: "line_spacing", label: "Междустрочный интервал", unit: "× одинарный" },
      { field: "first_line_indent_mm", label: "Абзацный отступ", unit: "мм" },
      { field: "paragraph_space_pt", label: "Интервал после абзаца", unit: "пт" },
      { field: "page_number_size", label: "Размер номеров страниц", unit: "пт" },
      { field: "mark_width_mm", label: "Ширина грифа приложения", unit: "мм" },
    ],
  },
  {
    title: "Таблицы",
    fields: [
      { field: "table_size", label: "Размер шрифта в таблицах", unit: "пт" },
      { field: "table_line_spacing", label: "Междустрочный интервал", unit: "× одинарный" },
      { field: "cell_padding_mm", label: "Внутренний отступ ячеек", unit: "мм" },
      { field: "border_width_pt", label: "Толщина линий", unit: "пт" },
    ],
  },
];

const HEADER_REPEAT: [HeaderRepeat, string][] = [
  ["header", "шапка таблицы целиком"],
  ["column_numbers", "строка с номерами граф"],
  ["none", "ничего"],
];

const STYLE_NAMES: [keyof InstalledFont, string][] = [
  ["bold", "полужирного"],
  ["italic", "курсива"],
  ["bold_italic", "полужирного курсива"],
];

const BUNDLED = "";

export interface ProfileEditorOptions {
  profile: LayoutProfile;
  builtin: boolean;
  /** Called after each successful save with the stored profile. */
  onSaved: (profile: LayoutProfile) => void;
}

export function profileEditor(options: ProfileEditorOptions): HTMLElement {
  let current: LayoutProfile = structuredClone(options.profile);
  const readOnly = options.builtin;
  const errors = new Map<string, HTMLElement>();
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const status = h("p", { className: "profile-status", testId: "profile-status", attrs: { "aria-live": "polite" } });

  const errorSlot = (field: string): HTMLElement => {
    const slot = h("span", { className: "profile-error", testId: `profile-error-${field}` });
    errors.set(field, slot);
    return slot;
  };

  const showProblems = (problems: { field: string; message: string }[]): void => {
    for (const [field, slot] of errors) {
      const problem = problems.find((p) => p.field === field);
      slot.textContent = problem?.message ?? "";
      inputs.get(field)?.setAttribute("aria-invalid", problem === undefined ? "false" : "true");
    }
  };

  /** Checks the whole candidate, shows each problem by its field, saves if there are none. */
  const commit = async (candidate: LayoutProfile): Promise<void> => {
    status.classList.remove("error");
    try {
      const problems = await checkLayoutProfile(candidate);
      showProblems(problems);
      if (problems.length > 0) {
        status.textContent = "Не сохранено: исправьте отмеченные значения.";
        status.classList.add("error");
        return;
      }
      await saveLayoutProfile(candidate);
      current = candidate;
      status.textContent = "Сохранено.";
      options.onSaved(structuredClone(current));
    } catch (error) {
      status.classList.add("error");
      status.textContent = error instanceof AppError ? error.message : "Профиль не сохранён.";
    }
  };

  const numberRow = (spec: NumberSpec): HTMLElement => {
    const input = h("input", {
      className: "profile-number",
      testId: `profile-${spec.field}`,
      attrs: { type: "text", inputmode: "decimal", "aria-label": `${spec.label}, ${spec.unit}` },
    });
    input.value = formatDecimal(current[spec.field], 2);
    input.disabled = readOnly;
    inputs.set(spec.field, input);
    const error = errorSlot(spec.field);
    input.addEventListener("change", () => {
      const value = parseNumber(input.value);
      if (value === null || value === undefined) {
        error.textContent = "введите число, например 12,5";
        input.setAttribute("aria-invalid", "true");
        return;
      }
      void commit({ ...current, [spec.field]: value });
    });
    return h(
      "div",
      { className: "profile-row" },
      h("label", { className: "profile-label" }, spec.label, input, h("span", { className: "profile-unit" }, spec.unit)),
      error,
    );
  };

  const checkboxRow = (field: "hyphenate" | "table_continuation_label", label: string): HTMLElement => {
    const input = h("input", { testId: `profile-${field}`, attrs: { type: "checkbox" } });
    input.checked = current[field];
    input.disabled = readOnly;
    inputs.set(field, input);
    input.addEventListener("change", () => void commit({ ...current, [field]: input.checked }));
    return h("div", { className: "profile-row" }, h("label", { className: "profile-check" }, input, ` ${label}`), errorSlot(field));
  };

  // ---- font ----
  const fontSelect = h("select", { testId: "profile-font", attrs: { "aria-label": "Шрифт" } });
  fontSelect.disabled = readOnly;
  inputs.set("font", fontSelect);
  const fontNote = h("span", { className: "profile-note", testId: "profile-font-note" });
  const fontRefresh = h("button", { className: "link-button", testId: "profile-font-refresh", attrs: { type: "button" } }, "обновить список");
  let families: InstalledFont[] = [];
  const currentFamily = (): string => (current.font.kind === "installed" ? current.font.family : BUNDLED);
  const describeFont = (): void => {
    const name = currentFamily();
    if (current.font.kind === "files") {
      fontNote.textContent = `Файлы шрифта заданы вручную: ${current.font.regular}`;
      return;
    }
    if (name === BUNDLED) {
      fontNote.textContent = "Встроен в программу; метрически совместим с Times New Roman.";
      return;
    }
    const family = families.find((f) => f.name === name);
    if (family === undefined) {
      fontNote.textContent = families.length === 0 ? "" : "Этот шрифт не найден на компьютере: будет использован Liberation Serif.";
      return;
    }
    const missing = STYLE_NAMES.filter(([key]) => family[key] !== true).map(([, label]) => label);
    fontNote.textContent =
      missing.length === 0 ? "Все начертания есть." : `Нет ${missing.join(", ")} начертания — оно будет взято из Liberation Serif.`;
  };
  const fillFonts = (): void => {
    const chosen = currentFamily();
    const options: HTMLElement[] = [h("option", { attrs: { value: BUNDLED } }, "Liberation Serif (встроенный)")];
    const serif = families.filter((f) => f.serif === true);
    const other = families.filter((f) => f.serif !== true);
    if (serif.length > 0) {
      const group = h("optgroup", { attrs: { label: "С засечками, установлены на компьютере" } });
      for (const f of serif) group.append(h("option", { attrs: { value: f.name } }, f.name));
      options.push(group);
    }
    if (other.length > 0) {
      const group = h("optgroup", { attrs: { label: "Другие установленные" } });
      for (const f of other) group.append(h("option", { attrs: { value: f.name } }, f.name));
      options.push(group);
    }
    if (chosen !== BUNDLED && !families.some((f) => f.name === chosen)) {
      options.push(h("option", { attrs: { value: chosen } }, `${chosen} (не найден)`));
    }
    fontSelect.replaceChildren(...options);
    fontSelect.value = chosen;
    describeFont();
  };
  const loadFonts = async (refresh: boolean): Promise<void> => {
    fontNote.textContent = "Поиск установленных шрифтов…";
    try {
      families = await installedFonts(refresh);
    } catch (error) {
      families = [];
      fontNote.textContent = error instanceof AppError ? error.message : "Список шрифтов не получен.";
      return;
    }
    fillFonts();
  };
  fontSelect.addEventListener("change", () => {
    const font: FontChoice = fontSelect.value === BUNDLED ? { kind: "bundled" } : { kind: "installed", family: fontSelect.value };
    void commit({ ...current, font }).then(describeFont);
  });
  fontRefresh.addEventListener("click", () => void loadFonts(true));
  fontRefresh.disabled = readOnly;

  // ---- header repeat ----
  const repeatSelect = h("select", { testId: "profile-table_header_repeat", attrs: { "aria-label": "На следующих страницах таблицы повторять" } });
  for (const [value, label] of HEADER_REPEAT) repeatSelect.append(h("option", { attrs: { value } }, label));
  repeatSelect.value = current.table_header_repeat;
  repeatSelect.disabled = readOnly;
  inputs.set("table_header_repeat", repeatSelect);
  repeatSelect.addEventListener("change", () => {
    void commit({ ...current, table_header_repeat: repeatSelect.value as HeaderRepeat });
  });

  const fontRow = h(
    "div",
    { className: "profile-row" },
    h("label", { className: "profile-label" }, "Шрифт", fontSelect),
    fontNote,
    fontRefresh,
    errorSlot("font"),
  );
  const repeatRow = h(
    "div",
    { className: "profile-row" },
    h("label", { className: "profile-label" }, "На следующих страницах повторять", repeatSelect),
    errorSlot("table_header_repeat"),
  );
  const group = (index: number, before: HTMLElement[], after: HTMLElement[]): HTMLElement => {
    const spec = GROUPS[index]!;
    return h("fieldset", { className: "profile-group" }, h("legend", {}, spec.title), ...before, ...spec.fields.map(numberRow), ...after);
  };
  const groups = [
    group(0, [], []),
    group(1, [fontRow], [checkboxRow("hyphenate", "переносы слов")]),
    group(2, [], [repeatRow, checkboxRow("table_continuation_label", "надпись «Продолжение таблицы»")]),
  ];

  void loadFonts(false);
  return h(
    "div",
    { className: "profile-editor", testId: "profile-editor" },
    readOnly
      ? h("p", { className: "profile-note", testId: "profile-readonly" }, "Встроенный профиль изменить нельзя. Нажмите «Копировать…», чтобы сделать свой профиль с этими значениями.")
      : null,
    ...groups,
    errorSlot("name"),
    status,
  );
}
