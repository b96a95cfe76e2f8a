/** Rendering the task pane against an in-memory workbook, with fake file/clipboard services. */
import { render } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { AppProps } from "../../src/taskpane/App";
import type { TaskpaneServices } from "../../src/taskpane/services";
import type { SheetGrid } from "../../src/core/types";
import { createMemoryPort } from "../../src/workbook/memory";
import type { MemoryPort } from "../../src/workbook/memory";

/** jsdom lacks a few browser APIs Fluent touches; harmless stand-ins. */
export function polyfillDom(): void {
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!("ResizeObserver" in window)) {
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
}

export interface FakeServices extends TaskpaneServices {
  copied: string[];
  /** Files the pane saved for the user. */
  saved: { name: string; bytes: Uint8Array; type: string }[];
  /** Grids a "file" of that name holds when read as .xlsx. */
  files: Map<string, SheetGrid[]>;
}

export function fakeServices(texts: Map<File, string> = new Map()): FakeServices {
  const files = new Map<string, SheetGrid[]>();
  const copied: string[] = [];
  const saved: FakeServices["saved"] = [];
  return {
    files,
    copied,
    saved,
    saveFile: async (name, bytes, type) => {
      saved.push({ name, bytes, type });
    },
    readFile: async () => new Uint8Array([0x50, 0x4b]),
    readText: async (file) => {
      const t = texts.get(file);
      if (t === undefined) throw new Error(`no text for ${file.name}`);
      return t;
    },
    readXlsx: async (_bytes, fileName) => {
      const grids = files.get(fileName);
      if (!grids) throw new Error(`Tệp ${fileName} không phải là tệp Excel .xlsx hợp lệ.`);
      return grids.map((g) => ({ ...g, source: { file: fileName } }));
    },
    copyText: async (text) => {
      copied.push(text);
    },
    now: () => new Date(2020, 8, 6, 14, 5),
    pause: () => Promise.resolve(),
  };
}

export function renderApp(port: MemoryPort | AppProps["port"], services: TaskpaneServices, props: Partial<AppProps> = {}) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App port={port} services={services} {...props} />
    </FluentProvider>,
  );
}

export function memoryPort(sheets: SheetGrid[]): MemoryPort {
  return createMemoryPort(sheets);
}
