/**
 * core/own-output.ts over grids: a feedback file is PDV's own output while its report copies match
 * the stamp `feedbackStamp` computed from its plans; editing PhanHoi alone changes nothing, editing
 * or adding a report sheet makes it the unit's report; no stamp is "feedback-unstamped".
 */
import type { CellValue, SheetGrid, SheetPlan } from "../../src/core/types";
import { feedbackStamp, ownOutputKind } from "../../src/core/own-output";
import { STATE_FEEDBACK_COPIES } from "../../src/core/state";

const plans: SheetPlan[] = [
  { name: "PhanHoi", rows: [[{ value: "PHẢN HỒI" }], [{ value: 1 }, { value: "Phải sửa" }]] },
  { name: "TCCS05", rows: [[{ value: "Mã đơn vị" }, undefined, { value: "MA_DV" }, { value: "TCCS05" }], [undefined, undefined, { value: "KN_DAKETNAP" }, { value: "ba" }]] },
];

/** The plans as a reader gives them back (blank cells null; the source file set). */
function asRead(edit?: (g: SheetGrid[]) => void): SheetGrid[] {
  const grids = plans.map((p) => ({ name: p.name, values: p.rows.map((r) => Array.from(r, (c) => (c?.value ?? null) as CellValue)), source: { file: "x.xlsx" } }));
  edit?.(grids);
  return grids;
}

test("unedited copies are PDV's output; PhanHoi edits do not count; a copy edited or added is the unit's report", () => {
  const state = feedbackStamp(plans);
  expect(state[STATE_FEEDBACK_COPIES]).toMatch(/^[0-9a-f]{16}$/);
  expect(ownOutputKind(asRead(), undefined, state)).toBe("feedback");
  expect(ownOutputKind(asRead((g) => (g[0].values[0][0] = "đã đọc")), undefined, state)).toBe("feedback");
  expect(ownOutputKind(asRead((g) => (g[1].values[1][3] = 1)), undefined, state)).toBeNull();
  expect(ownOutputKind(asRead((g) => g.push({ name: "TCCS05 (mới)", values: [["x"]] })), undefined, state)).toBeNull();
  expect(ownOutputKind(asRead(), undefined, {})).toBe("feedback-unstamped");
  expect(ownOutputKind(asRead(), undefined, { [STATE_FEEDBACK_COPIES]: "0000000000000000" })).toBeNull();
});
