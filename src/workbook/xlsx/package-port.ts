/**
 * The port over a user's own .xlsx file for the `pdv` command: reads through the reader (the
 * original bytes), writes PDV's sheets into the original package on `save` (`./splice`), so the
 * output keeps everything the input had. Node only.
 */
import * as path from "path";
import type { SheetPlan } from "../../core/types";
import { PortError } from "../port";
import type { ReadOptions, SheetInfo, WorkbookPort, WorkbookSnapshot } from "../port";
import { listBookSheets, readBook, readStructure, STATE_SHEET } from "./reader";
import { openPackage } from "./zip";
import { GENERATED_LEVEL, spliceSheets, splicedXfOffset } from "./splice";
import { planPackage } from "./plan-package";
import { deflatePieces } from "./deflate";
import { readFileBytes, refuseInput, writeFileAtomic } from "./files";

export class PackagePort implements WorkbookPort {
  private readonly plans: SheetPlan[] = [];
  constructor(
    private readonly bytes: Uint8Array,
    /** The file the workbook was opened from (its name in messages; never written). */
    private readonly openedFrom: string,
    /** Set `source.file` on every grid read (a folder's roster file). */
    private readonly sourceFile?: string,
  ) {}

  private get fileName(): string {
    return path.basename(this.openedFrom);
  }

  async listSheets(): Promise<SheetInfo[]> {
    return listBookSheets(this.bytes, this.fileName);
  }

  async readWorkbook(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    const { sheets, state } = readBook(this.bytes, this.fileName, options);
    if (this.sourceFile) for (const g of sheets) g.source = { file: this.sourceFile };
    return { sheets, state };
  }

  /** Record a sheet to write; it is written, with the others, by `save` (the input is never changed). */
  async writeSheet(plan: SheetPlan): Promise<void> {
    const i = this.plans.findIndex((p) => p.name.toLowerCase() === plan.name.toLowerCase());
    if (i >= 0) this.plans[i] = plan;
    else this.plans.push(plan);
  }

  async selectCell(): Promise<void> {
    throw new PortError("Không chọn được ô trong một tệp chưa mở bằng Excel.", "unsupported");
  }

  /**
   * The original package with the recorded sheets (and the add-in state) added or replaced,
   * written from the plans without ExcelJS (`./plan-package`, `./sheet-writer`), every other part
   * kept byte for byte (`./splice`). Throws PortError ("sheet-name", "plan", "write").
   */
  async toBuffer(): Promise<Buffer> {
    const names = this.plans.map((p) => p.name);
    let state: Record<string, string> | undefined;
    if (this.plans.some((p) => p.state)) {
      // The state sheet keeps the keys already stored in the original (read only when it has one:
      // reading it parses the shared strings, 70 ms for a 4,800-unit roster).
      const sheets = readStructure(openPackage(this.bytes, this.fileName)).sheets;
      state = {};
      if (sheets.some((s) => s.name === STATE_SHEET)) {
        state = readBook(this.bytes, this.fileName, { skip: sheets.map((s) => s.name), formulas: false }).state;
      }
      for (const p of this.plans) Object.assign(state, p.state ?? {});
      names.push(STATE_SHEET);
    }
    // Each sheet written once, straight into the deflater.
    const xfOffset = splicedXfOffset(this.bytes, this.fileName);
    const planned = planPackage(this.plans, state, xfOffset, (pieces) => deflatePieces(pieces, GENERATED_LEVEL));
    return spliceSheets(this.bytes, this.fileName, planned.bytes, names, new Set([STATE_SHEET]), planned.notes, planned.sheets);
  }

  async save(filePath: string): Promise<void> {
    refuseInput(filePath, this.openedFrom);
    await writeFileAtomic(filePath, await this.toBuffer());
  }
}

/** Open a user's .xlsx file read-only for reading and for writing PDV's sheets into a copy. */
export async function openPackagePort(filePath: string, options: { sourceFile?: string } = {}): Promise<PackagePort> {
  return new PackagePort(await readFileBytes(filePath), filePath, options.sourceFile);
}
