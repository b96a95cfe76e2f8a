/**
 * Entry of the browser preview (preview.html). Runs BEFORE the production bundles of the page
 * (functions.js, commands.js, taskpane.js — the very files of taskpane.html): it creates the
 * in-page Excel host, defines the Office/Excel/OfficeExtension/CustomFunctions globals they use,
 * then, once the page is parsed, draws the workbook next to the task pane.
 *
 * URL parameters:
 *   ?book=empty          an empty workbook (one blank sheet) instead of the sample district
 *   ?broken=1            the sample with "ba" typed into DV_TONG of one unit (TCCS03), or ?broken=<MA_DV>
 *   ?without=TCCS07,...  the sample without these units' sheets (reports not received yet)
 *   ?units=400           a province-sized roster of 400 units made from the sample (workbook.ts,
 *                        provinceRows: some missing, some with an error, some late)
 *   ?reports=0           DanhMuc only, no unit sheet (to import every report)
 */
import { createPreviewHost, installGlobals } from "./host";
import { emptySeeds, sampleSeeds } from "./workbook";
import { mountView } from "./view";

/** The unit broken by ?broken=1. */
export const DEFAULT_BROKEN_UNIT = "TCCS03";

const params = new URLSearchParams(location.search);
const broken = params.get("broken");
const seeds =
  params.get("book") === "empty"
    ? emptySeeds()
    : sampleSeeds({
        broken: broken === null || broken === "0" ? undefined : broken === "1" ? DEFAULT_BROKEN_UNIT : broken,
        without: (params.get("without") ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
        units: Math.min(5000, Math.max(0, Number(params.get("units")) || 0)) || undefined,
        reports: params.get("reports") !== "0",
      });

const preview = createPreviewHost(seeds);
installGlobals(window as unknown as Record<string, unknown>, preview);
// For people poking at the preview in the browser's console, and for the end-to-end tests.
(window as unknown as { pdvPreview: unknown }).pdvPreview = preview;

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => mountView(preview));
else mountView(preview);
