/**
 * The "Tạo sổ mẫu" use case over a WorkbookPort: lay out the blank standard workbook (DanhMuc and
 * one PDV-01 form per unit) from a roster CSV, into a workbook that has none of those sheets.
 */
import type { SheetPlan } from "../core/types";
import type { DistrictParams } from "../core/model";
import type { WorkbookPort } from "../workbook/port";
import { parseRosterCsv } from "../core/csv";
import { rosterSheetPlan, unitSheetPlan } from "../core/blank";
import { SHEET_ROSTER } from "../core/template";
import { TaskError } from "./outcome";

/** Add new sheets; a port without addSheets writes them one by one (names were checked free). */
export async function addSheets(port: WorkbookPort, plans: SheetPlan[]): Promise<void> {
  if (port.addSheets) {
    await port.addSheets(plans);
    return;
  }
  for (const p of plans) await port.writeSheet(p);
}

export interface TemplateResult {
  roster: string;
  units: string[];
}

/**
 * Lay out the blank standard workbook (DanhMuc + one PDV-01 form per unit) from a roster CSV.
 * Throws TaskError when the workbook already has DanhMuc or a unit's sheet, or the CSV has no
 * unit; CsvError when the CSV breaks a rule; PortError from the port. Nothing is written then.
 */
export async function createTemplate(port: WorkbookPort, csvText: string, params: DistrictParams): Promise<TemplateResult> {
  const existing = (await port.listSheets()).map((s) => s.name);
  const lower = new Set(existing.map((s) => s.toLowerCase()));
  if (lower.has(SHEET_ROSTER.toLowerCase())) {
    throw new TaskError(`Sổ này đã có sheet ${SHEET_ROSTER}: không tạo sổ mẫu đè lên. Hãy tạo sổ mẫu trong một sổ Excel mới.`);
  }
  const rows = parseRosterCsv(csvText);
  if (rows.length === 0) throw new TaskError("Tệp danh mục CSV không có đơn vị nào (chỉ có dòng tiêu đề).");
  const plans = [rosterSheetPlan(params, rows), ...rows.map((r) => unitSheetPlan(params, r))];
  const clashes = plans.filter((p) => lower.has(p.name.toLowerCase())).map((p) => `'${p.name}'`);
  if (clashes.length > 0) {
    throw new TaskError(`Sổ đã có sheet ${clashes.join(", ")}: không ghi đè. Hãy tạo sổ mẫu trong một sổ Excel mới.`);
  }
  await addSheets(port, plans);
  return { roster: plans[0].name, units: plans.slice(1).map((p) => p.name) };
}
