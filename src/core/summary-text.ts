/** A summary row as text for tables outside Excel (the CLI's table, the report's appendix): vi-VN figures. */
import type { Summary, SummaryRow } from "./model";
import { formatInteger, formatPercent } from "./vi";
import { NO_TARGET } from "./level";
import { coverageText } from "./rollup";

/** A count as vi-VN text ("7.335"); "" where missing (never "0" for a unit not reported). */
export function countText(v: number | null): string {
  return v === null ? "" : formatInteger(v);
}

/**
 * The row's name; subtotals and the total with their coverage: "Cộng khối Cơ quan (11/11 đơn vị)".
 * Given the summary, the total row of a level whose units are committees states both coverages:
 * "TOÀN ĐẢNG BỘ (3/3 đảng bộ trực thuộc; 143/144 tổ chức cơ sở đảng)" (rollup.ts).
 */
export function rowLabel(r: SummaryRow, summary?: Pick<Summary, "unitNoun" | "leaves">): string {
  if (r.kind === "unit") return r.name;
  if (r.kind === "total" && summary) return `${r.name} (${coverageText(r.covered ?? 0, r.listed ?? 0, summary)})`;
  return `${r.name} (${formatInteger(r.covered ?? 0)}/${formatInteger(r.listed ?? 0)} đơn vị)`;
}

/** Members, trained, dossiers, target, admitted (people) and the ratio ("12,25%", or "Không giao"), as TongHop shows them. */
export function rowFigures(r: SummaryRow): string[] {
  return [
    countText(r.values.DV_TONG),
    countText(r.values.QC_BOIDUONG),
    countText(r.values.HS_DENGHI),
    countText(r.values.KN_CHITIEU),
    countText(r.values.KN_DAKETNAP),
    // A unit without a target reads "Không giao", as in TongHop.
    r.ratio !== null ? formatPercent(r.ratio) : r.noTarget && r.included ? NO_TARGET : "",
  ];
}
