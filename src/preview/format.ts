/** How the preview's grid shows a stored value: the cell's number format, in Vietnamese conventions. */
import type { Prim } from "../host/fake-model";

const vi = (n: number, digits: number, grouping = true) =>
  n.toLocaleString("vi-VN", { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouping });

function serialDate(n: number, iso: boolean): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86400000);
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  return iso ? `${d.getUTCFullYear()}-${mm}-${dd}` : `${dd}/${mm}/${d.getUTCFullYear()}`;
}

/** "12,25%", "7.335", "31/08/2020", "0,5"; text as is; errors by their code. */
export function displayValue(v: Prim | null, numberFormat: string): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const nf = numberFormat || "General";
  const pct = /^0(\.(0+))?%$/.exec(nf);
  if (pct) return `${vi(v * 100, pct[2]?.length ?? 0)}%`;
  const fixed = /^(#,##)?0(\.(0+))?$/.exec(nf);
  if (fixed) return vi(v, fixed[3]?.length ?? 0, Boolean(fixed[1]));
  if (/^dd\/mm\/yyyy$/i.test(nf)) return serialDate(v, false);
  if (nf === "yyyy-mm-dd") return serialDate(v, true);
  // General: up to 10 significant decimals, no grouping.
  return v.toLocaleString("vi-VN", { maximumFractionDigits: 10, useGrouping: false });
}
