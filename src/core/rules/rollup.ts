/**
 * Roll-up rules, on a committee's report to the level above read as one unit's report: R01 (it
 * covers only part of its units: included, and named) and R02 (it is older than the committee's
 * data in the same file). Their checks are core/rollup.ts `checkCommittee`, beside the reading of
 * the coverage rows they judge.
 */
import { defineFamily } from "./define";

export const rollup = defineFamily([
  { id: "R01", severity: "warning", title: "Báo cáo của đảng bộ cấp dưới mới tổng hợp một phần đơn vị" },
  { id: "R02", severity: "warning", title: "Báo cáo gửi cấp trên đã cũ so với số liệu trong sổ của đảng bộ cấp dưới" },
]);
