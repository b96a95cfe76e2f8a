/**
 * Charts, their titles and series, in the fake Excel host.
 */
import type { ChartRecord, Sheet, SheetRef } from "./fake-model";
import { serverError } from "./fake-server-error";
import { parseAddress, rectA1 } from "./fake-address";
import { type Runtime } from "./fake-host";
import { type TypeSpec, ClientObject, ClientCollection } from "./fake-client";
import { type RangeTarget, FakeRange, rangeTargetOf } from "./fake-range";

/* ------------------------------------------------------------------ Charts */

const CHART_TYPES = ["ColumnClustered", "BarClustered", "ColumnStacked", "BarStacked", "Line", "Pie", "XYScatter", "Area"];

interface ChartTarget {
  sheet: Sheet;
  chart: ChartRecord;
}


function rangeRef(rt: Runtime, r: FakeRange): SheetRef {
  const t = r._resolve(rt) as RangeTarget;
  return { sheetId: t.sheet.id, a1: rectA1(t.rect) };
}

export class FakeChartCollection extends ClientCollection<FakeChart> {
  readonly _type = "ChartCollection";
  readonly _spec: TypeSpec = { scalars: {} };
  readonly _itemType: TypeSpec = CHART_SPEC;

  _items(s: Sheet): unknown[] {
    return s.charts.map((chart) => ({ sheet: s, chart }));
  }

  _wrap(_t: unknown, i: number): FakeChart {
    return new FakeChart(this._ctx, this, `${this._var}.items[${i}]`);
  }

  /** The chart of that name (ExcelApi 1.1); ItemNotFound at sync when there is none. */
  getItem(name: string): FakeChart {
    const chart = new FakeChart(this._ctx, this, this._ctx._varName("chart"));
    return this._make(chart, "getItem", [name], (s: Sheet) => {
      const record = s.charts.find((c) => c.name === name);
      if (!record) throw serverError("ItemNotFound");
      return { sheet: s, chart: record };
    });
  }

  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    const source = rangeTargetOf(this._ctx, sourceData);
    const chart = new FakeChart(this._ctx, this, this._ctx._varName("chart"));
    return this._make(chart, "add", [type, source._var, seriesBy ?? "Auto"], (s: Sheet, rt: Runtime) => {
      if (!CHART_TYPES.includes(type)) throw serverError("InvalidArgument");
      if (seriesBy !== undefined && !["Auto", "Columns", "Rows"].includes(seriesBy)) throw serverError("InvalidArgument");
      const src = source._resolve(rt) as RangeTarget;
      if (src.sheet !== s) throw serverError("InvalidArgument");
      rt.touch(s);
      const byRows = seriesBy === "Rows";
      const count = byRows ? src.rect.nr : src.rect.nc;
      const series = Array.from({ length: count }, (_, i) => ({
        name: null,
        values: { sheetId: s.id, a1: rectA1(byRows ? { ...src.rect, r0: src.rect.r0 + i, nr: 1 } : { ...src.rect, c0: src.rect.c0 + i, nc: 1 }) },
        xValues: null,
      }));
      const record: ChartRecord = {
        name: `Chart ${s.charts.length + 1}`,
        type,
        source: { sheetId: s.id, a1: rectA1(src.rect) },
        seriesBy: seriesBy ?? "Auto",
        title: null,
        position: null,
        series,
      };
      s.charts.push(record);
      return { sheet: s, chart: record };
    });
  }
}

const CHART_SPEC: TypeSpec = {
  scalars: { name: (t: ChartTarget) => t.chart.name, chartType: (t: ChartTarget) => t.chart.type },
  writers: {
    name: (t: ChartTarget, v, rt) => {
      if (typeof v !== "string") throw serverError("InvalidArgument");
      rt.touch(t.sheet);
      t.chart.name = v;
    },
  },
  navs: ["title", "series"],
};

export class FakeChart extends ClientObject {
  readonly _type = "Chart";
  readonly _spec = CHART_SPEC;

  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v);
  }
  get chartType(): string {
    return this._get("chartType");
  }
  get title(): FakeChartTitle {
    return this._child("title", (v) => new FakeChartTitle(this._ctx, this, v));
  }
  get series(): FakeChartSeriesCollection {
    return this._child("series", (v) => new FakeChartSeriesCollection(this._ctx, this, v));
  }

  /** Removes the chart (ExcelApi 1.1). */
  delete(): void {
    this._call("delete", [], (t: ChartTarget, rt) => {
      rt.touch(t.sheet);
      t.sheet.charts = t.sheet.charts.filter((c) => c !== t.chart);
    });
  }

  setPosition(startCell: string, endCell?: string): void {
    this._call("setPosition", endCell === undefined ? [startCell] : [startCell, endCell], (t: ChartTarget, rt) => {
      for (const c of [startCell, endCell]) if (c !== undefined && !parseAddress(String(c))) throw serverError("InvalidArgument");
      rt.touch(t.sheet);
      t.chart.position = { start: startCell, end: endCell ?? null };
    });
  }
}

export class FakeChartTitle extends ClientObject {
  readonly _type = "ChartTitle";
  readonly _spec: TypeSpec = {
    scalars: { text: (t: ChartTarget) => t.chart.title ?? "" },
    writers: {
      text: (t: ChartTarget, v, rt) => {
        if (typeof v !== "string") throw serverError("InvalidArgument");
        rt.touch(t.sheet);
        t.chart.title = v;
      },
    },
  };

  get text(): string {
    return this._get("text");
  }
  set text(v: string) {
    this._set("text", v);
  }
}

interface SeriesTarget extends ChartTarget {
  index: number;
}

const SERIES_SPEC: TypeSpec = {
  scalars: { name: (t: SeriesTarget) => t.chart.series[t.index]?.name ?? "" },
  writers: {
    name: (t: SeriesTarget, v, rt) => {
      if (typeof v !== "string") throw serverError("InvalidArgument");
      rt.touch(t.sheet);
      t.chart.series[t.index].name = v;
    },
  },
};

export class FakeChartSeriesCollection extends ClientCollection<FakeChartSeries> {
  readonly _type = "ChartSeriesCollection";
  readonly _spec: TypeSpec = { scalars: {} };
  readonly _itemType = SERIES_SPEC;

  _items(t: ChartTarget): unknown[] {
    return t.chart.series.map((_s, index) => ({ ...t, index }));
  }

  _wrap(_t: unknown, i: number): FakeChartSeries {
    return new FakeChartSeries(this._ctx, this, `${this._var}.items[${i}]`);
  }

  getItemAt(index: number): FakeChartSeries {
    const s = new FakeChartSeries(this._ctx, this, this._ctx._varName("series"));
    return this._make(s, "getItemAt", [index], (t: ChartTarget) => {
      if (!Number.isInteger(index) || index < 0 || index >= t.chart.series.length) throw serverError("InvalidArgument");
      return { ...t, index };
    });
  }

  add(name?: string): FakeChartSeries {
    this._ctx._require("1.7", "ChartSeriesCollection.add");
    const s = new FakeChartSeries(this._ctx, this, this._ctx._varName("series"));
    return this._make(s, "add", name === undefined ? [] : [name], (t: ChartTarget, rt: Runtime) => {
      rt.touch(t.sheet);
      t.chart.series.push({ name: name ?? null, values: null, xValues: null });
      return { ...t, index: t.chart.series.length - 1 };
    });
  }
}

export class FakeChartSeries extends ClientObject {
  readonly _type = "ChartSeries";
  readonly _spec = SERIES_SPEC;

  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v);
  }

  setValues(sourceData: FakeRange): void {
    this._ctx._require("1.7", "ChartSeries.setValues");
    const r = rangeTargetOf(this._ctx, sourceData);
    this._call("setValues", [r._var], (t: SeriesTarget, rt) => {
      rt.touch(t.sheet);
      t.chart.series[t.index].values = rangeRef(rt, r);
    });
  }

  setXAxisValues(sourceData: FakeRange): void {
    this._ctx._require("1.7", "ChartSeries.setXAxisValues");
    const r = rangeTargetOf(this._ctx, sourceData);
    this._call("setXAxisValues", [r._var], (t: SeriesTarget, rt) => {
      rt.touch(t.sheet);
      t.chart.series[t.index].xValues = rangeRef(rt, r);
    });
  }
}

