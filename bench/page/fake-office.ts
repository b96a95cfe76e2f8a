/**
 * Browser side of the task-pane benchmark, injected before the page's own scripts (Playwright
 * addInitScript): the strict fake Excel host with the 48-unit benchmark district, the Office and
 * CustomFunctions globals the three bundles touch at load, and a probe that records when the task
 * pane's root first holds rendered content (window.__pdvFirstRender, ms since navigation start).
 */
import { createFakeExcel } from "../../src/host/fake-excel";
import { district, fakeSeeds } from "../data";

const w = window as unknown as Record<string, unknown>;
const g = createFakeExcel({ sheets: fakeSeeds(district(48)) });
w.__pdvFakeReadyAt = performance.now();
w.Excel = g.Excel;
w.OfficeExtension = g.OfficeExtension;
w.Office = {
  ...g.Office,
  actions: { associate: () => undefined },
  addin: { showAsTaskpane: () => Promise.resolve(), onVisibilityModeChanged: () => Promise.resolve(() => Promise.resolve()) },
};
class CfError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? "");
  }
}
w.CustomFunctions = {
  associate: () => undefined,
  Error: CfError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" },
};

function rendered(): boolean {
  const root = document.getElementById("container") ?? document.getElementById("root");
  if (!root) return false;
  const hasElement = Array.from(root.children).some((e) => e.tagName !== "NOSCRIPT");
  return hasElement && (root.textContent ?? "").trim().length > 0;
}

const observer = new MutationObserver(() => {
  if (w.__pdvFirstRender === undefined && rendered()) {
    w.__pdvFirstRender = performance.now();
    observer.disconnect();
  }
});
observer.observe(document, { childList: true, subtree: true, characterData: true });
window.addEventListener("error", (e) => {
  ((w.__pdvErrors as string[] | undefined) ?? (w.__pdvErrors = [] as string[]) as string[]).push(String(e.message));
});
