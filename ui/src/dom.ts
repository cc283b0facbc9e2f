// A tiny element builder. User text only ever enters the page through
// `textContent` (strings passed as children); there is deliberately no way to
// set innerHTML here, so text from a programme file can never become markup.

type Child = Node | string | null | undefined | false;

export interface Props {
  className?: string;
  testId?: string;
  attrs?: Record<string, string>;
  onClick?: () => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className !== undefined) element.className = props.className;
  if (props.testId !== undefined) element.dataset["testid"] = props.testId;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    element.setAttribute(name, value);
  }
  if (props.onClick !== undefined) element.addEventListener("click", props.onClick);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}
