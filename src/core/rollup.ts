/**
 * Roll-up (issue 14): the level above consolidates its committees' summaries like any unit's
 * report. A committee's report to the level above (export-up.ts) is a PDV-01 v1 report with
 * optional coverage rows (template.ts COVERAGE_ITEMS); a report carrying them is a committee.
 * Here: reading those rows, the rules on them (R01 partial coverage, R02 a report older than the
 * committee's own data), and the grassroots coverage the summary and narrative state. Sums and
 * ratios are the consolidation's own (ratios of sums, consolidate.ts).
 */
import type { Finding, SheetGrid } from "./types";
import type { Coverage, CoverageCount, Place, Summary, SummaryRow, UnitReport } from "./model";
import { a1 } from "./a1";
import { cellAt, cellText, columnHasCode, indexCodes, readCount, readText } from "./cells";
import { COVERAGE_ITEMS, UNIT_CODE_COLUMN, UNIT_VALUE_COLUMN, isCoverageCode } from "./template";
import type { CoverageCode } from "./template";
import { describePlace, finding } from "./rules/catalog";
import { NEUTRAL_UNIT_NOUN, unitNoun } from "./level";
import { formatInteger } from "./vi";

/** How mixed grassroots are named when the committees name theirs differently. */
export const MIXED_LEAF_NOUN = "tổ chức đảng";

/** A sheet holds coverage rows (a committee's report to the level above) when column C has TH_DV_TONGHOP. */
export function hasCoverageRows(grid: SheetGrid): boolean {
  return columnHasCode(grid, UNIT_CODE_COLUMN, "TH_DV_TONGHOP");
}

/**
 * The coverage rows of a report sheet: null when the sheet has none (a unit's own report).
 * Counts must be whole numbers ≥ 0 with included ≤ listed; otherwise an error finding (V02)
 * names the cell and the coverage is dropped (the report is then blocked, never half-read).
 * Duplicated coverage codes are S05 errors, as for items.
 */
export function readCoverage(grid: SheetGrid, unit: string | null): { coverage: Coverage | null; findings: Finding[] } {
  const findings: Finding[] = [];
  if (!hasCoverageRows(grid)) return { coverage: null, findings };
  const index = indexCodes(grid, UNIT_CODE_COLUMN, isCoverageCode);
  const file = grid.source?.file;
  const place = (row: number, column = UNIT_VALUE_COLUMN): Place => {
    const p: Place = { sheet: grid.name, cell: a1(row, column) };
    if (file) p.file = file;
    return p;
  };
  for (const [code, rows] of index.duplicates) {
    findings.push(
      finding("S05", place(rows[1], UNIT_CODE_COLUMN), unit, `Mã ${code} xuất hiện ${rows.length} lần (các dòng ${rows.join(", ")}) ở ${describePlace(place(rows[1], UNIT_CODE_COLUMN))}. Mỗi mã chỉ được có một dòng.`),
    );
  }
  const label = (code: CoverageCode) => `${COVERAGE_ITEMS.find((i) => i.code === code)!.label} (${code})`;
  const count = (code: CoverageCode): number | null | undefined => {
    const row = index.rows.get(code);
    if (row === undefined) return undefined;
    const raw = cellAt(grid, row, UNIT_VALUE_COLUMN);
    const c = readCount(raw);
    if (c.kind === "ok") return c.value;
    const p = place(row);
    findings.push(
      finding("V02", p, unit, `${label(code)} tại ${describePlace(p)} là "${cellText(raw)}", không phải số nguyên không âm. Lập lại báo cáo gửi cấp trên bằng PDV (không sửa tay các dòng TH_).`),
    );
    return null;
  };
  const text = (code: CoverageCode): string | null => {
    const row = index.rows.get(code);
    return row === undefined ? null : readText(cellAt(grid, row, UNIT_VALUE_COLUMN));
  };
  const pair = (inc: CoverageCode, all: CoverageCode, noun: CoverageCode): CoverageCount | null | undefined => {
    const included = count(inc);
    const listed = count(all);
    if (included === undefined && listed === undefined) return undefined;
    if (typeof included !== "number" || typeof listed !== "number") {
      if (included === undefined || listed === undefined) {
        const p = place(index.rows.get(included === undefined ? all : inc)!);
        findings.push(finding("S05", { ...p, cell: "" }, unit, `${describePlace({ ...p, cell: "" })} có ${included === undefined ? all : inc} nhưng thiếu dòng ${included === undefined ? inc : all}. Lập lại báo cáo gửi cấp trên bằng PDV.`));
      }
      return null;
    }
    if (included > listed) {
      const p = place(index.rows.get(inc)!);
      findings.push(
        finding("V02", p, unit, `${label(inc)} tại ${describePlace(p)} là ${formatInteger(included)}, lớn hơn ${label(all)} (${formatInteger(listed)}). Lập lại báo cáo gửi cấp trên bằng PDV.`),
      );
      return null;
    }
    return { included, listed, noun: text(noun) ?? NEUTRAL_UNIT_NOUN };
  };
  const own = pair("TH_DV_TONGHOP", "TH_DV_DANHMUC", "TH_DV_TENGOI");
  const leaves = pair("TH_CS_TONGHOP", "TH_CS_DANHMUC", "TH_CS_TENGOI");
  if (!own || leaves === null || index.duplicates.size > 0) return { coverage: null, findings };
  const coverage: Coverage = { ...own, leaves: leaves ?? null, fingerprint: text("TH_DAUVET") };
  if (grid.source?.inputs) coverage.inputs = grid.source.inputs;
  return { coverage, findings };
}

/** "Đảng bộ huyện Đồng Hỷ mới tổng hợp 47/48 tổ chức cơ sở đảng": one partial committee, as the narrative and R01 say it. */
export function partialText(name: string, c: CoverageCount): string {
  return `${name} mới tổng hợp ${formatInteger(c.included)}/${formatInteger(c.listed)} ${c.noun}`;
}

/**
 * Rules on a committee's report matched to its roster entry (`name`, `code`): R01 when its summary
 * covers fewer than all its units (a warning: it is included, and named), R02 when the report is
 * older than the committee's data found beside it in its file (its fingerprint differs).
 */
export function checkCommittee(report: UnitReport, name: string, code: string): Finding[] {
  const cov = report.coverage;
  if (!cov) return [];
  const out: Finding[] = [];
  const at = (cell: string | undefined): Place => {
    const p: Place = { sheet: report.sheet, cell: cell ?? "" };
    if (report.file) p.file = report.file;
    return p;
  };
  const who = report.name ?? name;
  if (cov.included < cov.listed) {
    const p = at(report.cells.MA_DV);
    out.push(
      finding(
        "R01",
        p,
        code,
        `${partialText(who, cov)} (${describePlace(p)}): số liệu của đảng bộ này chưa đủ, vẫn được tổng hợp. Đề nghị đảng bộ tổng hợp đủ rồi gửi lại báo cáo.`,
      ),
    );
  }
  if (cov.inputs !== undefined && cov.fingerprint !== null && cov.inputs !== cov.fingerprint) {
    const p = at(report.cells.MA_DV);
    out.push(
      finding(
        "R02",
        { ...p, cell: "" },
        code,
        `Báo cáo gửi cấp trên của ${who} (${describePlace({ ...p, cell: "" })}) đã cũ: số liệu các đơn vị (hoặc bảng TongHop) trong cùng tệp đã thay đổi sau khi lập báo cáo này. Đề nghị đảng bộ tổng hợp và xuất gửi cấp trên lại.`,
      ),
    );
  }
  return out;
}

/**
 * The grassroots beneath the included unit rows: each committee's leaves (or its own units when
 * they are grassroots), a plain unit as 1/1 of its own type; null when no included unit is a
 * committee. The noun is shared when all agree, else MIXED_LEAF_NOUN.
 */
export function leavesOf(rows: { row: SummaryRow; report?: UnitReport; type: string }[]): Summary["leaves"] {
  const inc = rows.filter((r) => r.row.included);
  if (!inc.some((r) => r.report?.coverage)) return null;
  let covered = 0;
  let listed = 0;
  const nouns = new Set<string>();
  for (const { report, type } of inc) {
    const cov = report?.coverage;
    const leaf: CoverageCount = cov ? (cov.leaves ?? cov) : { included: 1, listed: 1, noun: unitNoun([type]) };
    covered += leaf.included;
    listed += leaf.listed;
    nouns.add(leaf.noun);
  }
  return { covered, listed, noun: nouns.size === 1 ? [...nouns][0] : MIXED_LEAF_NOUN };
}

/** "3/3 đảng bộ trực thuộc; 143/144 tổ chức cơ sở đảng", or "48/48 đơn vị" without committees: the total row's coverage. */
export function coverageText(covered: number, listed: number, summary: Pick<Summary, "unitNoun" | "leaves">): string {
  const own = `${formatInteger(covered)}/${formatInteger(listed)}`;
  if (!summary.leaves) return `${own} đơn vị`;
  const l = summary.leaves;
  return `${own} ${summary.unitNoun}; ${formatInteger(l.covered)}/${formatInteger(l.listed)} ${l.noun}`;
}
