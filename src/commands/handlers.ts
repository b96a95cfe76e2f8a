/**
 * The ribbon's ExecuteFunction handlers, without Office globals so they can be tested. Each calls
 * event.completed() at once (Office keeps the button busy until then; the shared runtime goes on
 * running the flow), runs its flow, posts the result (or the error) on the notice board and asks
 * for the task pane.
 *
 * The pane may not open: Office.addin.showAsTaskpane is ignored for add-ins from the Microsoft
 * Marketplace since February 2026 (excel-api-facts §8). So the flow's result is visible in the
 * workbook itself (KiemTra/TongHop brought to the front with the outcome in their first rows; a
 * consolidation the core refuses brings KiemTra with the reason), and only a failure that left no
 * sheet to say so (Excel could not be read or written) opens a dialog.
 */
import type { WorkbookPort } from "../workbook/port";
import { runValidation } from "../flows/check";
import { runConsolidation } from "../flows/consolidate";
import { describeError } from "../flows/outcome";
import type { FlowProgress } from "../flows/outcome";
import { postNotice } from "./notices";
import { ConsolidationError } from "../core/consolidate";

/** The part of Office.AddinCommands.Event a handler uses. */
export interface CommandEvent {
  completed(): void;
}

export interface CommandDeps {
  /** The port to the open workbook (Office.js adapter in Excel). */
  port(): WorkbookPort;
  /** Show the task pane so the user sees the notice (Office.addin.showAsTaskpane in Excel). */
  showPane(): Promise<void>;
  /**
   * Show a message in a dialog (Office.context.ui.displayDialogAsync in Excel): used only when a
   * flow failed without writing a sheet that explains it.
   */
  showDialog?(title: string, message: string): Promise<void>;
}

export const TITLE_VALIDATE = "Kiểm tra";
export const TITLE_CONSOLIDATE = "Tổng hợp";

export interface CommandHandlers {
  validateWorkbook(event: CommandEvent): Promise<void>;
  consolidateWorkbook(event: CommandEvent): Promise<void>;
}

export function createCommandHandlers(deps: CommandDeps): CommandHandlers {
  let running: string | null = null;

  const showPane = async () => {
    try {
      await deps.showPane();
    } catch (err) {
      // The notice stays on the board; the pane shows it when the user opens it.
      console.error("PDV: could not show the task pane", err);
    }
  };

  const showDialog = async (title: string, message: string) => {
    try {
      await deps.showDialog?.(title, message);
    } catch (err) {
      console.error("PDV: could not show the dialog", err);
    }
  };

  async function run(
    event: CommandEvent,
    title: string,
    action: string,
    work: (port: WorkbookPort) => Promise<{ level: "success" | "warning" | "error"; message: string }>,
  ): Promise<void> {
    // At once: the flow goes on in the shared runtime, the button does not stay busy.
    try {
      event.completed();
    } catch (err) {
      console.error("PDV: event.completed failed", err);
    }
    if (running) {
      postNotice("warning", title, `"${running}" đang chạy; hãy chờ xong rồi bấm lại.`);
      await showPane();
      return;
    }
    running = title;
    try {
      postNotice("info", title, `Đang ${action}…`);
      const result = await work(deps.port());
      postNotice(result.level, title, result.message);
    } catch (err) {
      console.error(`PDV: ${title} failed`, err);
      const message = describeError(err, action);
      postNotice("error", title, message);
      // A refused consolidation already put KiemTra, with the reason, in front of the user.
      if (!(err instanceof ConsolidationError)) await showDialog(title, message);
    } finally {
      running = null;
    }
    await showPane();
  }

  return {
    validateWorkbook: (event) => run(event, TITLE_VALIDATE, "kiểm tra", (port) => runValidation(port)),
    consolidateWorkbook: (event) =>
      run(event, TITLE_CONSOLIDATE, "tổng hợp", (port) =>
        runConsolidation(port, (p: FlowProgress) => postNotice("info", TITLE_CONSOLIDATE, p.label)),
      ),
  };
}
