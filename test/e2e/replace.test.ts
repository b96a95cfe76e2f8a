/**
 * Importing and replacing a unit's report in headless chromium on the browser preview (the
 * production bundles, the strict fake Excel): a sheet imported into the roster's order, then the
 * unit's corrected file replacing it after a confirmation naming each figure before → after; the
 * old sheet hidden as "TCCS07 (cũ)" until Tổng hợp deletes it. Screenshot: pane-thay-bao-cao.png.
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { Page } from "playwright-core";
import { parseRosterCsv } from "../../src/core/csv";
import { DEFAULT_PARAMS, reportedValues, unitSheetPlan } from "../../src/core/blank";
import type { UnitValues } from "../../src/core/blank";
import { createXlsxPort } from "../../src/workbook/xlsx";
import { ROOT, SHOTS, axeViolations, usePreviewSession } from "../helpers/previewSession";
import type { PreviewSession } from "../helpers/previewSession";

const row = parseRosterCsv(readFileSync(join(ROOT, "samples", "phu-binh-2020.csv"), "utf8")).find((r) => r.code === "TCCS07")!;

const current = usePreviewSession({ width: 1000, height: 900 });
let session: PreviewSession;
let page: Page;
beforeAll(() => {
  session = current();
  page = session.page;
});

const pane = () => page.locator("#container");
const panel = (view: string) => page.locator(`#pdv-panel-${view}`);

async function fileBytes(values: UnitValues): Promise<Buffer> {
  const port = createXlsxPort();
  await port.writeSheet({ ...unitSheetPlan(DEFAULT_PARAMS, row, values), name: "PDV-01" });
  return Buffer.from(await port.toBuffer());
}

/** The fake Excel's sheets: every name in order, and the hidden ones. */
async function book(): Promise<{ names: string[]; hidden: string[] }> {
  return page.evaluate(() => {
    const host = (window as unknown as { pdvPreview: { host: { sheetNames(): string[]; dump(n: string): { visibility: string } } } }).pdvPreview.host;
    const names = host.sheetNames();
    return { names, hidden: names.filter((n) => host.dump(n).visibility !== "Visible") };
  });
}

test("a unit's sheet imported in roster order, then replaced by its corrected file after a confirmation; Tổng hợp deletes the backup", async () => {
  await page.goto(`${session.base}/preview.html?without=TCCS07`);
  await pane().getByRole("heading", { name: "Báo cáo phát triển đảng viên" }).waitFor();
  await pane().getByRole("tab", { name: "Nhập báo cáo", exact: true }).click();
  const values = reportedValues(row);
  const input = panel("import").locator('input[type="file"]');
  await input.setInputFiles([{ name: "Hà Châu.xlsx", mimeType: "application/octet-stream", buffer: await fileBytes(values) }]);
  await expect(page.locator("#pdv-result-import").textContent()).resolves.toBe("Đã nhập 1 tệp.");
  const imported = (await book()).names;
  expect(imported[imported.indexOf("TCCS06") + 1]).toBe("TCCS07");

  const admitted = Number(values.KN_DAKETNAP ?? 0);
  await input.setInputFiles([{ name: "Hà Châu sửa.xlsx", mimeType: "application/octet-stream", buffer: await fileBytes({ ...values, KN_DAKETNAP: admitted + 1 }) }]);
  // The new result replaces the first one's line.
  await page.locator("#pdv-result-import", { hasText: "Đã nhập 0 tệp; 1 tệp bị từ chối (xem bên dưới)." }).waitFor();
  await panel("import").getByRole("button", { name: "Thay báo cáo…" }).click();
  const confirm = pane().getByTestId("confirm-replace");
  await confirm.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "pdv-confirm-replace");
  await expect(confirm.getByRole("listitem").allTextContents()).resolves.toEqual([`Số đảng viên đã kết nạp: ${admitted} → ${admitted + 1}`]);
  await expect(confirm.textContent()).resolves.toContain("với tên 'TCCS07 (cũ)' cho đến lần Tổng hợp sau");
  expect(await axeViolations(page, session.base, "#container")).toEqual([]);
  await page.screenshot({ path: join(SHOTS, "pane-thay-bao-cao.png") });

  await confirm.getByRole("button", { name: "Thay báo cáo", exact: true }).click();
  await page.waitForFunction(() => document.activeElement?.id === "pdv-notice");
  await expect(pane().getByTestId("notice").textContent()).resolves.toContain("Đã thay báo cáo của đơn vị TCCS07 ở sheet 'TCCS07'.");
  const after = await book();
  expect(after.names).toEqual([...imported.slice(0, imported.indexOf("TCCS07") + 1), "TCCS07 (cũ)", ...imported.slice(imported.indexOf("TCCS07") + 1)]);
  expect(after.hidden).toEqual(["TCCS07 (cũ)"]);
  expect(await page.locator("#pv-tabs [role=tab]").allTextContents()).not.toContain("TCCS07 (cũ)");

  await pane().getByRole("tab", { name: "Tổng hợp", exact: true }).click();
  await panel("summary").getByRole("button", { name: "Tổng hợp", exact: true }).click();
  await page.locator("#pdv-result-summary").waitFor();
  expect((await book()).names).not.toContain("TCCS07 (cũ)");
  // TongHop's district row counts the corrected figure once (31 + 1), all 48 units included.
  const district = await page.evaluate(() => {
    const host = (window as unknown as { pdvPreview: { host: { dump(n: string): { values: unknown[][] } } } }).pdvPreview.host;
    const values = host.dump("TongHop").values;
    const keys = values.find((r) => r.includes("KN_DAKETNAP"))!;
    const total = values.find((r) => r.some((v) => String(v ?? "").startsWith("TOÀN ĐẢNG BỘ")));
    if (!total) return { rows: values.map((r) => r.slice(0, 3).join("|")) };
    return { name: total.find((v) => String(v ?? "").startsWith("TOÀN ĐẢNG BỘ")), admitted: total[keys.indexOf("KN_DAKETNAP")] };
  });
  expect(district).toEqual({ name: "TOÀN ĐẢNG BỘ (48/48 đơn vị)", admitted: 32 });
  expect(session.blocked).toEqual([]);
  expect(session.pageErrors).toEqual([]);
}, 300_000);
