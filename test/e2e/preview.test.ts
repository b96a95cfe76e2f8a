/**
 * End-to-end in a real browser: headless Debian chromium (playwright-core) drives the browser
 * preview — the production task pane bundles, unchanged, against the in-page strict fake Excel.
 * One production build per run, shared with the other e2e files (test/helpers/previewSession.ts),
 * served from 127.0.0.1; every other request is blocked and fails the run. Steps are sequential.
 *
 * Screenshots of each step: test-results/screenshots/ (git-ignored).
 *
 *   PDV_CHROMIUM=<path>          another chromium binary (default /usr/bin/chromium)
 *   PDV_PREVIEW_BUILD=<folder>   reuse an earlier `node scripts/preview-build.js --out <folder>`
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import type { Locator, Page } from "playwright-core";
import { parseRosterCsv } from "../../src/core/csv";
import { DEFAULT_PARAMS, reportedValues, unitSheetPlan } from "../../src/core/blank";
import { createXlsxPort } from "../../src/workbook/xlsx";
import { ROOT, SHOTS, axeViolations as axeIn, usePreviewSession } from "../helpers/previewSession";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { scriptTags, isOfficeJs } = require("../../scripts/preview-build.js") as {
  scriptTags(html: string): { tag: string; src: string | null }[];
  isOfficeJs(src: string | null): boolean;
};

const SAMPLE_CSV = join(ROOT, "samples", "phu-binh-2020.csv");
/** The unit the preview breaks with ?broken=1 (src/preview/index.ts). */
const BROKEN = "TCCS03";
/** The unit left out with ?without= and then imported from a file. */
const MISSING = "TCCS07";

const current = usePreviewSession();
let temp: string;
let outDir: string;
let base: string;
let page: Page;
let blocked: string[] = [];
let pageErrors: string[] = [];

beforeAll(() => {
  ({ temp, outDir, base, page, blocked, pageErrors } = current());
});

/* ------------------------------------------------------------------ helpers */

const pane = () => page.locator("#container");
const panel = (view: string) => page.locator(`#pdv-panel-${view}`);
const sheetTabs = () => page.locator("#pv-tabs [role=tab]");
const activeSheetTab = () => page.locator('#pv-tabs [aria-selected="true"]');
const gridCell = (address: string) => page.locator(`#pv-grid td[data-address="${address}"]`);

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, name) });
}

async function open(query: string): Promise<void> {
  await page.goto(`${base}/preview.html${query}`);
  await pane().getByRole("heading", { name: "Báo cáo phát triển đảng viên" }).waitFor();
}

async function showView(label: string): Promise<void> {
  await pane().getByRole("tab", { name: label, exact: true }).click();
}

/** Waits until the grid's tab strip shows `n` sheets. */
async function waitForSheetCount(n: number): Promise<void> {
  await page.waitForFunction((want) => document.querySelectorAll("#pv-tabs [role=tab]").length === want, n);
}

async function sheetNames(): Promise<string[]> {
  return sheetTabs().allTextContents();
}

/** The address of an item's value cell on a PDV-01 sheet, read from the fake workbook. */
async function itemAddress(sheet: string, code: string): Promise<string> {
  return page.evaluate(
    ([s, c]) => {
      const host = (window as unknown as { pdvPreview: { host: { dump(n: string): { values: unknown[][] } } } }).pdvPreview.host;
      const values = host.dump(s).values;
      const r = values.findIndex((row) => row[2] === c);
      return r < 0 ? "" : `D${r + 1}`;
    },
    [sheet, code],
  );
}

async function selection(): Promise<{ sheet: string; address: string } | null> {
  return page.evaluate(() => (window as unknown as { pdvPreview: { host: { selection: { sheet: string; address: string } | null } } }).pdvPreview.host.selection);
}

/** axe-core on a part of the page: its serious and critical violations. */
const axeViolations = (scope: string) => axeIn(page, base, scope);

/** A unit's report as an .xlsx file, written by the ExcelJS adapter (as a unit would send it). */
async function unitFile(code: string, file: string): Promise<string> {
  const row = parseRosterCsv(readFileSync(SAMPLE_CSV, "utf8")).find((r) => r.code === code)!;
  const values = reportedValues(row);
  const port = createXlsxPort();
  await port.writeSheet({ ...unitSheetPlan(DEFAULT_PARAMS, row, values), name: "PDV-01" });
  const path = join(temp, file);
  writeFileSync(path, new Uint8Array(await port.toBuffer()));
  return path;
}

/* ------------------------------------------------------------------ steps */

test("preview.html loads the production scripts of taskpane.html (minus office.js), after preview.js", () => {
  const prod = scriptTags(readFileSync(join(outDir, "taskpane.html"), "utf8"));
  const preview = scriptTags(readFileSync(join(outDir, "preview.html"), "utf8"));
  expect(prod.some((s) => isOfficeJs(s.src))).toBe(true);
  expect(preview.map((s) => s.src)).toEqual(["preview.js", ...prod.filter((s) => !isOfficeJs(s.src)).map((s) => s.src)]);
  expect(preview.map((s) => s.src)).toContain("taskpane.js");
});

test("the preview opens the sample district (one unit broken) and the task pane reads it", async () => {
  await open("?broken=1");
  await pane().getByText("Đã nhận 48/48 báo cáo").first().waitFor();
  await waitForSheetCount(49);
  expect((await sheetNames()).slice(0, 3)).toEqual(["DanhMuc", "TCCS01", "TCCS02"]);
  await expect(activeSheetTab().textContent()).resolves.toBe("DanhMuc");
  // vi-VN number formats in the grid: the district target on DanhMuc.
  await page.locator("#pv-grid td", { hasText: "Đảng bộ huyện Phú Bình" }).first().waitFor();
  await shot("01-mo-so-mau.png");
});

test('"Kiểm tra" finds the text typed into DV_TONG, and clicking the finding selects that cell', async () => {
  await showView("Kiểm tra");
  await panel("check").getByRole("button", { name: "Kiểm tra", exact: true }).click();
  // Only the button writes KiemTra and shows the result notice (the pane's opening check does neither).
  await pane().getByTestId("notice").waitFor();
  await page.locator("#pv-tabs [role=tab]", { hasText: "KiemTra" }).waitFor();
  await expect(panel("check").getByRole("status").textContent()).resolves.toMatch(/^Đã nhận 48\/48 báo cáo; 1 lỗi/);

  const cell = await itemAddress(BROKEN, "DV_TONG");
  expect(cell).toMatch(/^D\d+$/);
  const finding = panel("check").getByRole("button").filter({ hasText: "V02" }).filter({ hasText: `${BROKEN}!${cell}` });
  await expect(finding.count()).resolves.toBe(1);
  await expect(finding.textContent()).resolves.toContain("Lỗi");
  await shot("02-kiem-tra.png");

  await finding.click();
  await page.waitForFunction((s) => (window as unknown as { pdvPreview: { host: { selection: { sheet: string } | null } } }).pdvPreview.host.selection?.sheet === s, BROKEN);
  await expect(selection()).resolves.toEqual({ sheet: BROKEN, address: cell });
  // The grid follows: the unit's tab is active and the cell is highlighted.
  await page.waitForFunction((s) => document.querySelector('#pv-tabs [aria-selected="true"]')?.textContent === s, BROKEN);
  const selected = page.locator("#pv-grid td.pv-selected");
  await expect(selected.getAttribute("data-address")).resolves.toBe(cell);
  await expect(selected.textContent()).resolves.toBe("ba");
  await expect(page.locator("#pv-address").textContent()).resolves.toBe(`${BROKEN}!${cell}`);
  await shot("03-chon-o-loi.png");
});

test('after the cell is corrected, "Tổng hợp" writes TongHop: district row 31, 253, 12,25%', async () => {
  const cell = (await selection())!.address;
  await page.locator("#pv-formula").fill("265");
  await page.locator("#pv-formula").press("Enter");
  await expect(gridCell(cell).textContent()).resolves.toBe("265");

  await showView("Tổng hợp");
  await panel("summary").getByRole("button", { name: "Tổng hợp", exact: true }).click();
  await page.locator("#pv-tabs [role=tab]", { hasText: "TongHop" }).waitFor();
  await pane().getByTestId("notice").waitFor();
  if ((await activeSheetTab().textContent()) !== "TongHop") await page.locator("#pv-tabs [role=tab]", { hasText: "TongHop" }).click();
  await page.waitForFunction(() => document.querySelector('#pv-tabs [aria-selected="true"]')?.textContent === "TongHop");

  const district = await page.evaluate(() => {
    const text = (a: string) => document.querySelector(`#pv-grid td[data-address="${a}"]`)?.textContent ?? null;
    const total = [...document.querySelectorAll<HTMLElement>("#pv-grid td")].find((td) => (td.textContent ?? "").startsWith("TOÀN ĐẢNG BỘ"));
    const row = total?.dataset.address?.replace(/^[A-Z]+/, "");
    const keys = [...document.querySelectorAll<HTMLElement>("#pv-grid td")].filter((td) => /^[A-Z]+6$/.test(td.dataset.address ?? ""));
    const col = (k: string) => keys.find((td) => td.textContent === k)?.dataset.address?.replace(/\d+$/, "");
    return {
      name: total?.textContent ?? null,
      admitted: text(`${col("KN_DAKETNAP")}${row}`),
      target: text(`${col("KN_CHITIEU")}${row}`),
      ratio: text(`${col("TYLE")}${row}`),
    };
  });
  expect(district).toEqual({ name: "TOÀN ĐẢNG BỘ (48/48 đơn vị)", admitted: "31", target: "253", ratio: "12,25%" });
  await expect(pane().getByTestId("notice").textContent()).resolves.toMatch(/48\/48/);
  await page.locator("#pv-grid td", { hasText: /^TOÀN ĐẢNG BỘ/ }).scrollIntoViewIfNeeded();
  await page.locator("#pv-grid").evaluate((grid) => (grid.scrollLeft = 0));
  await shot("04-tong-hop.png");
});

test("importing a unit's .xlsx through the file input adds its missing sheet", async () => {
  const file = await unitFile(MISSING, "Báo cáo Xã Hà Châu.xlsx");
  await open(`?without=${MISSING}`);
  await pane().getByText("Đã nhận 47/48 báo cáo").first().waitFor();
  await waitForSheetCount(48);
  expect(await sheetNames()).not.toContain(MISSING);

  await showView("Nhập báo cáo");
  await panel("import").locator('input[type="file"]').setInputFiles(file);
  const outcome = panel("import").locator('li[data-kind="added"]');
  await outcome.waitFor();
  await expect(outcome.textContent()).resolves.toContain("Báo cáo Xã Hà Châu.xlsx");
  await waitForSheetCount(49);
  expect(await sheetNames()).toContain(MISSING);
  // The imported figures are in the new sheet (DV_TONG of Xã Hà Châu in the CSV).
  const expected = parseRosterCsv(readFileSync(SAMPLE_CSV, "utf8")).find((r) => r.code === MISSING)!.values!.DV_TONG;
  await page.locator("#pv-tabs [role=tab]", { hasText: MISSING }).click();
  await expect(gridCell(await itemAddress(MISSING, "DV_TONG")).textContent()).resolves.toBe(Number(expected).toLocaleString("vi-VN"));
  await showView("Đơn vị");
  await pane().getByText("Đã nhận 48/48 báo cáo").first().waitFor();
  await showView("Nhập báo cáo");
  await shot("05-nhap-bao-cao.png");
});

test('"Tạo sổ mẫu" on an empty workbook lays out DanhMuc and the 48 blank forms', async () => {
  await open("?book=empty");
  await waitForSheetCount(1);
  expect(await sheetNames()).toEqual(["Sheet1"]);
  await showView("Tạo sổ mẫu");
  await panel("template").locator('input[type="file"]').setInputFiles(SAMPLE_CSV);
  // The form starts empty: the district's own parameters are typed in.
  for (const [label, value] of [
    [/Tên đảng bộ/, "Đảng bộ huyện Phú Bình"],
    [/Từ ngày/, "01/01/2020"],
    [/Đến ngày/, "31/08/2020"],
    [/Hạn nộp/, "05/09/2020"],
    [/Chỉ tiêu kết nạp của đảng bộ/, "253"],
  ] as const) {
    await panel("template").getByRole("textbox", { name: label }).fill(value);
  }
  await panel("template").getByRole("button", { name: "Tạo sổ mẫu", exact: true }).click();
  await panel("template").getByRole("status").filter({ hasText: "Đã tạo sheet DanhMuc và 48 mẫu báo cáo" }).waitFor();
  await waitForSheetCount(50);
  const names = await sheetNames();
  expect(names).toContain("DanhMuc");
  expect(names).toContain("TCCS48");
  await page.locator("#pv-tabs [role=tab]", { hasText: "TCCS01" }).click();
  await page.locator("#pv-grid td", { hasText: "Thị trấn Hương Sơn" }).first().waitFor();
  await shot("06-tao-so-mau.png");
});

test("a workbook opened from disk (samples/phu-binh-2020.xlsx, ExcelJS in the page) replaces the fake's sheets", async () => {
  await open("?book=empty");
  await waitForSheetCount(1);
  await page.locator("#pv-file").setInputFiles(join(ROOT, "samples", "phu-binh-2020.xlsx"));
  await page.locator("#pv-status", { hasText: "Đã mở tệp phu-binh-2020.xlsx" }).waitFor();
  await waitForSheetCount(49);
  await showView("Kiểm tra");
  await panel("check").getByRole("button", { name: "Kiểm tra", exact: true }).click();
  await pane().getByTestId("notice").waitFor();
  await expect(panel("check").getByRole("status").textContent()).resolves.toMatch(/^Đã nhận 48\/48 báo cáo; 0 lỗi/);
});

test("the ribbon's commands (commands.js) run against the fake and complete their event", async () => {
  await open("");
  await page.locator('#pv-ribbon button[data-command="validateWorkbook"]').click();
  await page.locator("#pv-status", { hasText: 'Lệnh "Kiểm tra" đã chạy xong.' }).waitFor();
  await page.locator("#pv-tabs [role=tab]", { hasText: "KiemTra" }).waitFor();
  // commands.js and taskpane.js share one runtime: the command's notice reaches the pane.
  await pane().getByTestId("notice").filter({ hasText: /Kiểm tra: .*48\/48/ }).waitFor();
});

test("axe-core: no serious or critical accessibility violations in the task pane, in any view", async () => {
  await open("?broken=1");
  await pane().getByText("Đã nhận 48/48 báo cáo").first().waitFor();
  const problems: string[] = [];
  for (const [label, prepare] of [
    ["Đơn vị", null],
    ["Kiểm tra", "Kiểm tra"],
    ["Tổng hợp", "Tổng hợp"],
    ["Nhập báo cáo", null],
    ["Tạo sổ mẫu", null],
    ["Xuất gửi cấp trên", null],
  ] as const) {
    await showView(label);
    if (prepare) {
      const view = label === "Kiểm tra" ? "check" : "summary";
      await panel(view).getByRole("button", { name: prepare, exact: true }).click();
      await pane().getByTestId("notice").waitFor();
    }
    for (const p of await axeViolations("#container")) problems.push(`${label}: ${p}`);
  }
  expect(problems).toEqual([]);
  await shot("07-axe-tong-hop.png");
});

test("nothing left the machine and the page had no errors", () => {
  expect(blocked).toEqual([]);
  expect(pageErrors).toEqual([]);
});

/** Keeps the type import used when the file is type-checked alone. */
export type { Locator };
