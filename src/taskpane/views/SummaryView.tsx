/** "Tổng hợp": one-click consolidation into TongHop, then its result as the core computed it. */
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Summary } from "../../core/model";
import type { CountCode } from "../../core/template";
import { codeLabel } from "../../core/layout";
import { formatInteger, formatPercent } from "../../core/vi";
import { formatDate } from "../../core/dates";
import { coverageText } from "../../core/rollup";

const useStyles = makeStyles({
  toolbar: { display: "flex", gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalS },
  heading: { fontSize: tokens.fontSizeBase300, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
  // Label and figure side by side; in a very narrow pane (160 px at 200 %) the figure goes under its label.
  figures: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
    overflowWrap: "break-word",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    "@container (max-width: 279px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  value: {
    textAlign: "right",
    fontVariantNumeric: "tabular-nums",
    margin: 0,
    fontWeight: tokens.fontWeightSemibold,
    "@container (max-width: 279px)": { textAlign: "left", marginBottom: tokens.spacingVerticalXS },
  },
  narrative: {
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
  excluded: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Totals shown in the pane (the whole table is in TongHop). */
const SHOWN: CountCode[] = ["DV_TONG", "QC_BOIDUONG", "HS_DENGHI", "KN_CHITIEU", "KN_DAKETNAP"];

export interface SummaryViewProps {
  summary: Summary | null;
  busy: boolean;
  /** Set when the narrative was just copied. */
  copied: boolean;
  onConsolidate(): void;
  onCopy(text: string): void;
}

export function SummaryView({ summary, busy, copied, onConsolidate, onCopy }: SummaryViewProps) {
  const styles = useStyles();
  const nameOf = (code: string) => summary?.rows.find((r) => r.kind === "unit" && r.code === code)?.name;
  return (
    <section aria-label="Tổng hợp">
      <div className={styles.toolbar}>
        <Button appearance="primary" disabledFocusable={busy} onClick={onConsolidate}>
          Tổng hợp
        </Button>
      </div>
      {!summary && <Text>Bấm "Tổng hợp" để kiểm tra và lập lại sheet TongHop từ báo cáo của các đơn vị.</Text>}
      {summary && (
        <div role="region" aria-label="Kết quả tổng hợp" id="pdv-result-summary" tabIndex={-1}>
          <Text block>
            Đã ghi sheet TongHop của {summary.params.name}, số liệu tính đến ngày {formatDate(summary.params.to)}.
          </Text>
          <h2 className={styles.heading}>Kết quả</h2>
          <dl className={styles.figures}>
            <dt>Số đơn vị được tổng hợp</dt>
            <dd className={styles.value} data-testid="coverage">
              {coverageText(summary.total.covered ?? summary.included.length, summary.total.listed ?? summary.expected, summary)}
            </dd>
            {SHOWN.map((code) => (
              <div key={code} style={{ display: "contents" }}>
                <dt>{codeLabel(code)}</dt>
                {/* The total row's figures: its target is the headline's (given by the level above when every unit is in). */}
                <dd className={styles.value}>{formatInteger(summary.total.values[code] ?? summary.totals[code])}</dd>
              </div>
            ))}
            <dt>Tỷ lệ đạt so với chỉ tiêu</dt>
            <dd className={styles.value} data-testid="ratio">
              {summary.ratio === null ? "—" : formatPercent(summary.ratio)}
            </dd>
            {summary.headlineBasis === "given" && summary.allocatedRatio !== null && summary.totals.KN_CHITIEU !== summary.headlineTarget && (
              <>
                <dt>Tỷ lệ so với tổng chỉ tiêu phân bổ ({formatInteger(summary.totals.KN_CHITIEU)})</dt>
                <dd className={styles.value} data-testid="allocated-ratio">
                  {formatPercent(summary.allocatedRatio)}
                </dd>
              </>
            )}
          </dl>
          {summary.excluded.length > 0 && (
            <>
              <h2 className={styles.heading}>Đơn vị chưa được tổng hợp ({formatInteger(summary.excluded.length)})</h2>
              <ul className={styles.excluded} aria-label="Đơn vị chưa được tổng hợp">
                {summary.excluded.map((e) => (
                  <li key={e.unit}>
                    <Text weight="semibold">
                      {e.unit}
                      {nameOf(e.unit) ? ` – ${nameOf(e.unit)}` : ""}
                    </Text>
                    : <Text>{e.reason}</Text>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2 className={styles.heading}>Nhận xét</h2>
          <p className={styles.narrative} data-testid="narrative">
            {summary.narrative}
          </p>
          <Button disabledFocusable={busy} aria-label="Sao chép đoạn nhận xét" onClick={() => onCopy(summary.narrative)}>
            Sao chép
          </Button>
          {copied && (
            <Text role="status" style={{ marginLeft: tokens.spacingHorizontalS }}>
              Đã sao chép.
            </Text>
          )}
        </div>
      )}
    </section>
  );
}
