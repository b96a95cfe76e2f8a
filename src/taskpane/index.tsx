/**
 * Task pane entry: once Office is ready, build the Office.js port and render the pane.
 * The .xlsx reader (ExcelJS) is loaded only when the user imports a file.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { browserServices } from "./services";
import { createOfficePort } from "../workbook/office";
import type { SheetGrid } from "../core/types";

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<SheetGrid[]> {
  const { readXlsx: read } = await import("../workbook/xlsx");
  return read(bytes, fileName);
}

function mountPoint(): HTMLElement {
  const existing = document.getElementById("container") ?? document.getElementById("root");
  if (existing) return existing;
  const div = document.createElement("div");
  div.id = "container";
  document.body.appendChild(div);
  return div;
}

Office.onReady(() => {
  const port = createOfficePort(Excel);
  createRoot(mountPoint()).render(
    <FluentProvider theme={webLightTheme}>
      <App port={port} services={browserServices(readXlsx)} autoCheck />
    </FluentProvider>,
  );
});
