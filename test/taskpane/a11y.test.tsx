/** @jest-environment jsdom */
import { act, fireEvent, screen } from "@testing-library/react";
import axe from "axe-core";
import { sampleGrids, sampleRoster } from "../helpers/sample";
import { findSheet, setItem } from "../helpers/grids";
import { fakeServices, memoryPort, polyfillDom, renderApp } from "./helpers";

beforeAll(polyfillDom);

async function violations(root: Element): Promise<string[]> {
  // Inside act: Fluent's tabs update their indicator asynchronously while axe runs.
  let result!: axe.AxeResults;
  await act(async () => {
    result = await axe.run(root, {
      rules: { "color-contrast": { enabled: false } }, // jsdom does not lay out or paint
    });
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("every view, with results shown, has no axe violations", async () => {
  const grids = sampleGrids(sampleRoster().slice(0, 6)).filter((g) => g.name !== "TCCS02"); // small: axe in jsdom is slow
  setItem(findSheet(grids, "TCCS03"), "DV_TONG", "ba trăm");
  const services = fakeServices();
  services.files.set("la.xlsx", []);
  const { container } = renderApp(memoryPort(grids), services);

  fireEvent.click(screen.getByRole("button", { name: "Cập nhật trạng thái" }));
  await screen.findByRole("list", { name: "Danh sách đơn vị" });
  expect(await violations(container)).toEqual([]);

  fireEvent.click(screen.getByRole("tab", { name: "Kiểm tra" }));
  fireEvent.click(screen.getByRole("button", { name: "Kiểm tra" }));
  await screen.findByRole("region", { name: "TCCS03 – Xã Bảo Lý" });
  expect(await violations(container)).toEqual([]);

  fireEvent.click(screen.getByRole("tab", { name: "Tổng hợp" }));
  fireEvent.click(screen.getByRole("button", { name: "Tổng hợp" }));
  await screen.findByRole("region", { name: "Kết quả tổng hợp" });
  expect(await violations(container)).toEqual([]);

  fireEvent.click(screen.getByRole("tab", { name: "Nhập báo cáo" }));
  fireEvent.drop(screen.getByRole("group", { name: "Vùng thả tệp báo cáo .xlsx" }), {
    dataTransfer: { files: [new File(["x"], "la.xlsx")] },
  });
  await screen.findByRole("list", { name: "Kết quả nhập báo cáo" });
  expect(await violations(container)).toEqual([]);

  for (const name of ["Tạo sổ mẫu", "Xuất gửi cấp trên"]) {
    fireEvent.click(screen.getByRole("tab", { name }));
    expect(await violations(container)).toEqual([]);
  }
}, 120_000);
