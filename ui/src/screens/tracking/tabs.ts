// The tracking tabs in the order the editor shows them, before the
// document's own tabs: «Сегодня» is where a programme opens.

import type { EditorTab } from "../editor/tab.js";
import { executionTab } from "./execution.js";
import { monthTab } from "./month.js";
import { reportTab } from "./report.js";
import { timelineTab } from "./timeline.js";
import { todayTab } from "./today.js";

export const trackingTabs: readonly EditorTab[] = [todayTab, monthTab, timelineTab, executionTab, reportTab];
