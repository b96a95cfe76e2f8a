/**
 * Ribbon commands of the "Phát triển Đảng viên" tab (manifest ExecuteFunction actions), registered in
 * the shared runtime. This bundle is loaded by taskpane.html after office.js, so Office.actions is
 * there when it runs. The work is in handlers.ts and flows.ts; results and errors are shown on the
 * task pane (see notices.ts for why not a dialog).
 */
import { createOfficePort } from "../workbook/office";
import { createCommandHandlers } from "./handlers";

/** FunctionName values in manifest.xml; the manifest test checks each one is associated here. */
export const COMMAND_IDS = ["validateWorkbook", "consolidateWorkbook"] as const;

const handlers = createCommandHandlers({
  port: () => createOfficePort(Excel),
  showPane: () => Office.addin.showAsTaskpane(),
});

Office.actions.associate("validateWorkbook", handlers.validateWorkbook);
Office.actions.associate("consolidateWorkbook", handlers.consolidateWorkbook);
