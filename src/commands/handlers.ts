/**
 * The ribbon's ExecuteFunction handlers, without Office globals so they can be tested: each runs its
 * flow, posts the result (or the error) on the notice board, shows the task pane where notices are
 * read, and ALWAYS calls event.completed() — Office keeps the button busy until it is called.
 */
import type { WorkbookPort } from "../workbook/port";
import { describeError, runConsolidation, runValidation } from "./flows";
import type { FlowProgress } from "./flows";
import { postNotice } from "./notices";

/** The part of Office.AddinCommands.Event a handler uses. */
export interface CommandEvent {
  completed(): void;
}

export interface CommandDeps {
  /** The port to the open workbook (Office.js adapter in Excel). */
  port(): WorkbookPort;
  /** Show the task pane so the user sees the notice (Office.addin.showAsTaskpane in Excel). */
  showPane(): Promise<void>;
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

  async function run(
    event: CommandEvent,
    title: string,
    action: string,
    work: (port: WorkbookPort) => Promise<{ level: "success" | "warning" | "error"; message: string }>,
  ): Promise<void> {
    try {
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
        postNotice("error", title, describeError(err, action));
      } finally {
        running = null;
      }
      await showPane();
    } finally {
      event.completed();
    }
  }

  return {
    validateWorkbook: (event) => run(event, TITLE_VALIDATE, "kiểm tra", (port) => runValidation(port)),
    consolidateWorkbook: (event) =>
      run(event, TITLE_CONSOLIDATE, "tổng hợp", (port) =>
        runConsolidation(port, (p: FlowProgress) => postNotice("info", TITLE_CONSOLIDATE, p.label)),
      ),
  };
}
