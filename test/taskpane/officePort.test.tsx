/** @jest-environment jsdom */
/**
 * The task pane over the real Office.js adapter, running against the strict fake Excel host:
 * the same paths the user takes in Excel (check and go to a cell, consolidate, import a file).
 */
import "./jsdom-globals";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { createFakeExcel } from "../../src/host/fake-excel";
import { createOfficePort } from "../../src/workbook/office";
import type { ExcelLike } from "../../src/workbook/office";
import { DEFAULT_PARAMS, unitSheetPlan } from "../../src/core/blank";
import { planToGrid } from "../../src/core/plan";
import { sampleGrids, sampleRoster, sampleValues } from "../helpers/sample";
import { findSheet, setItem } from "../helpers/grids";
import { fakeServices, polyfillDom, renderApp } from "./helpers";

beforeAll(polyfillDom);

const rows = sampleRoster();

test("check, go to a cell, consolidate and import through the Office.js port", async () => {
  const grids = sampleGrids(rows).filter((g) => g.name !== "TCCS07");
  const bad = setItem(findSheet(grids, "TCCS03"), "KN_DAKETNAP", 4000); // C07: more admitted than members
  const { Excel, host } = createFakeExcel({ sheets: grids.map((g) => ({ name: g.name, values: g.values, formulas: g.formulas })) });
  const port = createOfficePort(Excel as unknown as ExcelLike);
  const services = fakeServices();
  const row7 = rows.find((r) => r.code === "TCCS07")!;
  services.files.set("TCCS07.xlsx", [{ ...planToGrid(unitSheetPlan(DEFAULT_PARAMS, row7, sampleValues(row7))), name: "PDV-01" }]);
  renderApp(port, services, { initialView: "check" });

  fireEvent.click(screen.getByRole("button", { name: "Kiểm tra" }));
  const group = await screen.findByRole("region", { name: "TCCS03 – Xã Bảo Lý" }, { timeout: 10_000 });
  const c07 = within(group)
    .getAllByRole("listitem")
    .find((li) => li.textContent?.includes("C07"))!;
  fireEvent.click(within(c07).getByRole("button"));
  expect(screen.getByTestId("notice").textContent).toContain("Đã nhận 47/48 báo cáo");
  await waitFor(() => expect(host.selection).toEqual({ sheet: "TCCS03", address: expect.stringMatching(new RegExp(`^(TCCS03!)?${bad}$`)) }));
  expect(host.sheetNames()).toContain("KiemTra");

  fireEvent.click(screen.getByRole("tab", { name: "Nhập báo cáo" }));
  fireEvent.drop(screen.getByRole("group", { name: "Vùng thả tệp báo cáo .xlsx" }), {
    dataTransfer: { files: [new File(["x"], "TCCS07.xlsx")] },
  });
  const outcome = await screen.findByRole("list", { name: "Kết quả nhập báo cáo" }, { timeout: 10_000 });
  expect(within(outcome).getByRole("listitem").getAttribute("data-kind")).toBe("added");
  expect(host.sheetNames()).toContain("TCCS07");

  fireEvent.click(screen.getByRole("tab", { name: "Tổng hợp" }));
  fireEvent.click(screen.getByRole("button", { name: "Tổng hợp" }));
  const result = await screen.findByRole("region", { name: "Kết quả tổng hợp" }, { timeout: 10_000 });
  expect(within(result).getByTestId("coverage").textContent).toBe("47/48 đơn vị");
  expect(within(result).getByRole("list", { name: "Đơn vị chưa được tổng hợp" }).textContent).toContain("TCCS03");
  expect(host.sheetNames()).toContain("TongHop");
}, 120_000);
