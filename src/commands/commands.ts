/**
 * Ribbon commands of the "Phát triển Đảng viên" tab (manifest ExecuteFunction actions), registered in
 * the shared runtime. This bundle is loaded by taskpane.html after office.js, so Office.actions is
 * there when it runs. The work is in handlers.ts and src/flows/; results are shown in the workbook
 * (KiemTra/TongHop in front) and on the task pane when Office opens it; a failure that wrote no
 * sheet opens a small dialog (assets/thong-bao.html).
 */
import { createOfficePort } from "../workbook/office";
import { createCommandHandlers } from "./handlers";

/** FunctionName values in manifest.xml; the manifest test checks each one is associated here. */
export const COMMAND_IDS = ["validateWorkbook", "consolidateWorkbook"] as const;

/** The dialog page, next to the task pane page that hosts the shared runtime. */
export function dialogUrl(base: string, title: string, message: string): string {
  const url = new URL("assets/thong-bao.html", base);
  url.searchParams.set("t", title);
  url.searchParams.set("m", message);
  return url.toString();
}

const handlers = createCommandHandlers({
  port: () => createOfficePort(Excel),
  showPane: () => Office.addin.showAsTaskpane(),
  showDialog: (title, message) =>
    new Promise<void>((resolve, reject) => {
      Office.context.ui.displayDialogAsync(dialogUrl(window.location.href, title, message), { height: 30, width: 40, displayInIframe: true }, (r) =>
        r.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(r.error),
      );
    }),
});

Office.actions.associate("validateWorkbook", handlers.validateWorkbook);
Office.actions.associate("consolidateWorkbook", handlers.consolidateWorkbook);
