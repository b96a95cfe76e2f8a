/**
 * Task pane entry: once Office is ready, build the Office.js port and render the pane.
 * The .xlsx reader (fflate + saxes) is loaded only when the user imports a file. Opened outside Excel
 * (a plain browser tab), the page says so instead of failing.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, MessageBar, MessageBarBody, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { browserServices } from "./services";
import { createOfficePort } from "../workbook/office";
import type { SheetGrid } from "../core/types";

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<SheetGrid[]> {
  const { readXlsx: read } = await import("../workbook/xlsx/reader");
  return read(bytes, fileName);
}

async function readState(bytes: Uint8Array, fileName: string): Promise<Record<string, string>> {
  const { readBook } = await import("../workbook/xlsx/reader");
  // Asked only of files holding a PhanHoi sheet (flows/import.ts), so reading them twice is rare.
  return readBook(bytes, fileName, { formulas: false }).state;
}

function mountPoint(): HTMLElement {
  const existing = document.getElementById("container");
  if (existing) return existing;
  const div = document.createElement("div");
  div.id = "container";
  document.body.appendChild(div);
  return div;
}

Office.onReady((info) => {
  const inExcel = info.host === Office.HostType.Excel && typeof Excel !== "undefined";
  createRoot(mountPoint()).render(
    <FluentProvider theme={webLightTheme}>
      {inExcel ? (
        <App port={createOfficePort(Excel)} services={browserServices(readXlsx, readState)} autoCheck />
      ) : (
        <MessageBar intent="warning">
          <MessageBarBody>PDV chạy trong Excel: hãy mở sổ báo cáo bằng Excel rồi bấm nút trên thẻ "Phát triển Đảng viên".</MessageBarBody>
        </MessageBar>
      )}
    </FluentProvider>,
  );
});
